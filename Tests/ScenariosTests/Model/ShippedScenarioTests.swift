import Foundation
import Testing
@testable import Scenarios

/// Examples are tests: every shipped scenario validates and runs with a fixed seed, and the
/// default scenario's key results are asserted.
@Suite("Shipped scenarios")
struct ShippedScenarioTests {
    @Test("Every shipped scenario loads, renders and reloads to the same resolved form", arguments: TestScenarios.shipped)
    func validates(path: String) throws {
        let scenario = try Scenario.load(path: path)
        #expect(!scenario.description.isEmpty, "\(path) needs a description for `advsim scenarios`")
        let resolved = scenario.resolvedYAML()
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        let reloaded = try Scenario.parse(text: resolved, file: folder + "/resolved.yaml")
        #expect(reloaded.resolvedYAML() == resolved)
    }

    @Test("amm-arbitrage: arbitrage tracks the market through the shock, LPs leave on volatility")
    func ammArbitrage() throws {
        let scenario = try Scenario.load(path: TestScenarios.repositoryRoot + "/scenarios/amm-arbitrage.yaml")
        let world = try World(scenario: scenario, seed: 20261125)
        let metrics = try world.run()
        #expect(metrics.blocks == 7_200)
        #expect(metrics.swaps > 1_000)
        #expect(metrics.arbitrageTrades > 50)
        // The −20 % shock over ten minutes opens a gap the arbitrageurs close again.
        #expect(try #require(metrics.maxPoolDeviation) > 0.01)
        #expect(try #require(metrics.finalPoolDeviation) < 0.01)
        #expect(try #require(metrics.meanPoolDeviation) < 0.01)
        #expect(metrics.lpWithdrawals >= 1)
        #expect(try #require(metrics.arbitrageurPnl) > 0)
        #expect(try #require(metrics.noiseTraderPnl) < 0)
        try world.state.checkAllInvariants()
    }
}

@Suite("Shipped scenario twins")
struct ShippedScenarioTwinTests {
    @Test("With one slow arbitrageur the pool lags the market more than in the default scenario")
    func slowArbitrage() throws {
        let root = TestScenarios.repositoryRoot + "/scenarios/"
        let fast = try World(scenario: Scenario.load(path: root + "amm-arbitrage.yaml"), seed: 11).run()
        let slow = try World(scenario: Scenario.load(path: root + "amm-arbitrage-slow-arbitrage.yaml"), seed: 11).run()
        #expect(try #require(slow.meanPoolDeviation) > 2 * #require(fast.meanPoolDeviation))
        #expect(slow.arbitrageTrades < fast.arbitrageTrades)
    }
}
