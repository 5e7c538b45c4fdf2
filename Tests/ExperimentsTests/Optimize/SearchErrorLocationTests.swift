import Foundation
import Scenarios
import Testing
@testable import Experiments

/// An error a searched value causes is reported where the user wrote the parameter: at the
/// scenario's `search.parameters` entry, or naming the `--search` flag — not at the
/// `<command line>:1:N` of an override the optimiser made up.
@Suite("Search errors located where the parameter was written")
struct SearchErrorLocationTests {
    /// The batch fixture (11 lines) with a `search:` section whose entries start on line 15,
    /// their keys at column 5.
    static func text(parameters: [String]) -> String {
        BatchFixture.text + "\nsearch:\n  objective: swap_fees\n  parameters:\n"
            + parameters.map { "    " + $0 + "\n" }.joined()
    }

    func optimizer(_ fixture: BatchFixture, searchArguments: [String] = [], overrides: [String] = []) throws -> Optimizer {
        var search = try #require(try Scenario.load(path: fixture.scenarioPath).search)
        try search.apply(searchArguments: searchArguments)
        return Optimizer(scenarioPath: fixture.scenarioPath, overrides: ScenarioOverride.set(overrides), search: search,
                         replications: 1, threads: 1, scenarioSeed: 5, options: WorldOptions())
    }

    func errorText(_ body: () throws -> Void) -> String? {
        do {
            try body()
            return nil
        } catch {
            return "\(error)"
        }
    }

    @Test("An unknown key in the scenario's search section is reported at its line, by the search and by one scenario")
    func scenarioKey() throws {
        let fixture = try BatchFixture(text: Self.text(parameters: ["pools.p.fee: {min: 0.001, max: 0.01}",
                                                                    "pools.p.feex: {min: 1, max: 2}"]))
        defer { fixture.remove() }
        let optimizer = try optimizer(fixture, overrides: ["seed=3"])
        let expected = fixture.scenarioPath + ":16:5: search.parameters.pools.p.feex: unknown key 'feex'; did you mean 'fee'?"
        #expect(errorText { _ = try optimizer.scenario(at: [0.005, 1.5]) } == expected)
        #expect(errorText { _ = try optimizer.run { _ in } } == expected)
    }

    @Test("A bound the scenario refuses stops the search before any point runs")
    func boundBeforeRun() throws {
        let fixture = try BatchFixture(text: Self.text(parameters: ["pools.p.fee: {min: 0.5, max: 1}"]))
        defer { fixture.remove() }
        var evaluated = 0
        let error = errorText { _ = try optimizer(fixture).run { _ in evaluated += 1 } }
        #expect(error == fixture.scenarioPath + ":15:5: search.parameters.pools.p.fee: expected a number in [0, 1), got 1")
        #expect(evaluated == 0)
    }

    @Test("A value the key refuses names the scenario's entry once, not its key path twice")
    func scenarioValue() throws {
        let fixture = try BatchFixture(text: Self.text(parameters: ["pools.p.reserve0: {min: -2, max: -1}"]))
        defer { fixture.remove() }
        let error = try #require(errorText { _ = try optimizer(fixture).scenario(at: [-1.5]) })
        #expect(error.hasPrefix(fixture.scenarioPath + ":15:5: search.parameters.pools.p.reserve0: "), "\(error)")
        #expect(!error.contains("reserve0: pools.p.reserve0:"), "\(error)")
    }

    @Test("An unknown --search key names the flag, located by its place among the --search flags")
    func flagKey() throws {
        let fixture = try BatchFixture(text: Self.text(parameters: ["pools.p.fee: {min: 0.001, max: 0.01}"]))
        defer { fixture.remove() }
        let optimizer = try optimizer(fixture, searchArguments: ["agents.noise_traders.rate=range:1:2", "pools.p.feex=range:1:2"],
                                      overrides: ["seed=3"])
        #expect(errorText { _ = try optimizer.scenario(at: [0.005, 1.5, 1.5]) }
            == "<command line>:1:2: --search pools.p.feex: unknown key 'feex'; did you mean 'fee'?")
    }

    @Test("A --set error keeps its place among the --set flags and its message")
    func setKey() throws {
        let fixture = try BatchFixture(text: Self.text(parameters: ["pools.p.fee: {min: 0.001, max: 0.01}"]))
        defer { fixture.remove() }
        let optimizer = try optimizer(fixture, overrides: ["seed=3", "pools.p.feex=1"])
        #expect(errorText { _ = try optimizer.scenario(at: [0.005]) } == "<command line>:1:2: unknown key 'feex'; did you mean 'fee'?")
    }

    @Test("A malformed --search names --search, not --sweep, located at its place among the --search flags")
    func flagSyntax() throws {
        var search = SearchSpec()
        #expect(errorText { try search.apply(searchArguments: ["pools.p.fee=range:5:1"]) }
                == "<command line>:1:1: --search pools.p.fee: LOW must be below HIGH")
        #expect(errorText { try search.apply(searchArguments: ["pools.p.fee=range:1:5", "fee"]) }?
            .hasPrefix("<command line>:1:2: --search 'fee': expected key.path=SPEC") == true)
        #expect(errorText { try search.apply(searchArguments: ["pools.p.fee=1,2"]) }
                == "<command line>:1:1: --search pools.p.fee: expected range:LOW:HIGH or logrange:LOW:HIGH")
    }
}
