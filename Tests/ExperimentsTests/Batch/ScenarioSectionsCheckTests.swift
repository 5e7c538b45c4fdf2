import Foundation
import Scenarios
import Testing
@testable import Experiments

/// `advsim validate`'s check of a scenario's own `sweep:` and `search:` sections: every point of a
/// sweep (as `batch` checks it before it starts), a search's corners, errors located at the entry.
@Suite("validate checks the sweep and search sections")
struct ScenarioSectionsCheckTests {
    /// The batch fixture (11 lines) with one section from line 12: its entries from line 15, the
    /// keys at column 5.
    static func text(section: String, header: String, entries: [String]) -> String {
        BatchFixture.text + "\n\(section):\n  \(header)\n  parameters:\n" + entries.map { "    " + $0 + "\n" }.joined()
    }

    func checkError(_ text: String, overrides: [String] = []) throws -> String? {
        let fixture = try BatchFixture(text: text)
        defer { fixture.remove() }
        let scenario = try Scenario.load(path: fixture.scenarioPath, overrides: overrides)
        do {
            try ScenarioSectionsCheck.check(scenario, path: fixture.scenarioPath, overrides: overrides)
            return nil
        } catch {
            return "\(error)".replacingOccurrences(of: fixture.scenarioPath, with: "tiny.yaml")
        }
    }

    @Test("Sections that fit pass; an unknown key, a refused value or combination, or a bad spec is located at its entry", arguments: [
        ("sweep", "design: grid", ["pools.p.fee: [0.001, 0.01]", "agents.noise_traders.rate: lin:1:40:4"], String?.none),
        // LHS samples inside [0, 1): the refused bound 1 is never set, so it is not tried.
        ("sweep", "design: lhs:8", ["pools.p.fee: range:0:1"], nil),
        // Each end alone passes (min 40 with max 50, max 30 with min 5), the point (40, 30) does not.
        ("sweep", "design: grid", ["chain.gas_price.min: [5, 40]", "chain.gas_price.max: [30, 50]"],
         "tiny.yaml:16:27: sweep.parameters.chain.gas_price.max: max must be greater than min (40), got 30"),
        ("sweep", "design: grid", ["pools.p.fee: [0.001, 0.01]", "agents.noise_traders.ratex: [1, 2]"],
         "tiny.yaml:16:5: sweep.parameters.agents.noise_traders.ratex: unknown key 'ratex'; did you mean 'rate'?"),
        ("sweep", "design: grid", ["pools.p.fee: lin:0.5:1:3"],
         "tiny.yaml:15:18: sweep.parameters.pools.p.fee: expected a number in [0, 1), got 1"),
        ("sweep", "design: grid", ["pools.p.fee: lin:0:1"],
         "tiny.yaml:15:18: sweep.parameters.pools.p.fee: expected lin:START:STOP:COUNT with COUNT in 1…1000000"),
        ("search", "objective: swap_fees", ["pools.p.fee: {min: 0.001, max: 0.01}"], nil),
        ("search", "objective: swap_fees", ["pools.p.fee: {min: 0.5, max: 1}"],
         "tiny.yaml:15:5: search.parameters.pools.p.fee: expected a number in [0, 1), got 1"),
        ("search", "objective: swap_fees", ["pools.p.fee: {min: 0.001, max: 0.01}", "pools.q.fee: {min: 0.001, max: 0.01}"],
         "tiny.yaml:16:5: search.parameters.pools.q.fee: no 'q' in pools (did you mean 'p'?), and the entry this would create lacks required key 'token0'"),
    ])
    func sections(section: String, header: String, entries: [String], expected: String?) throws {
        let error = try checkError(Self.text(section: section, header: header, entries: entries))
        #expect(error == expected)
    }

    @Test("--set overrides apply before the sections' values")
    func setFirst() throws {
        let text = Self.text(section: "sweep", header: "design: grid", entries: ["agents.noise_traders.rate: [1, 2]"])
        #expect(try checkError(text) == nil)
        #expect(try checkError(text, overrides: ["agents.noise_traders=null"]) != nil)
    }
}
