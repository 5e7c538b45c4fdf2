import Testing
@testable import Scenarios

@Suite("The resolved scenario renders a swept key as the file wrote it")
struct SweepRenderingTests {
    static let text = TestScenarios.mispricedPool(mispricing: 0.05) + """

        sweep:
          parameters:
            pools.eth_usdc.fee: [0.001, 0.003]
            agents.arbitrageurs.count: "1,2"
            duration: lin:1:2:2
            agents.arbitrageurs.latency: ["1,5", 2]
        """

    @Test("A YAML list stays a list, a scalar spec a quoted scalar, and the rendered scenario loads to the same sweep")
    func listsStayLists() throws {
        let scenario = try Scenario.parse(text: Self.text, file: "s.yaml")
        let rendered = scenario.resolvedYAML()
        #expect(rendered.contains("    pools.eth_usdc.fee: [\"0.001\", \"0.003\"]\n"), "\(rendered)")
        #expect(rendered.contains("    agents.arbitrageurs.count: \"1,2\"\n"))
        #expect(rendered.contains("    duration: \"lin:1:2:2\"\n"))
        // An item holding a comma cannot be told from two items: the joined values, quoted.
        #expect(rendered.contains("    agents.arbitrageurs.latency: \"1,5,2\"\n"))
        let reloaded = try Scenario.parse(text: rendered, file: "r.yaml")
        #expect(reloaded.sweep?.parameters.map(\.argument) == scenario.sweep?.parameters.map(\.argument))
        #expect(reloaded.resolvedYAML() == rendered)
    }
}
