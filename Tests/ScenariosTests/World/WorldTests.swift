import Foundation
import GSL
import ProtocolModel
import Testing
@testable import Scenarios

@Suite("World")
struct WorldTests {
    @Test("The arbitrageur pulls a mispriced pool to within the fee band", arguments: [0.10, -0.10, 0.02])
    func arbitragePullsPrice(mispricing: Double) throws {
        let scenario = try Scenario.parse(text: TestScenarios.mispricedPool(mispricing: mispricing), file: "mispriced.yaml")
        let world = try World(scenario: scenario, seed: 1, options: WorldOptions(checkInvariants: true))
        let metrics = try world.run()
        let venue = world.state.pools[0]
        let reference = world.market.price(asset: 0, at: metrics.endTime) / world.market.price(asset: 1, at: metrics.endTime)
        let ratio = venue.pool.spotPrice / reference
        // Inside the no-arbitrage band [1 − f, 1/(1 − f)], up to gas and integer rounding.
        #expect(ratio >= 0.997 - 1e-4 && ratio <= 1 / 0.997 + 1e-4, "ratio \(ratio)")
        #expect(metrics.arbitrageTrades >= 1)
        #expect((metrics.arbitrageurPnl ?? 0) > 0)
    }

    @Test("A pool inside the fee band attracts no arbitrage")
    func noArbitrageInsideBand() throws {
        let scenario = try Scenario.parse(text: TestScenarios.mispricedPool(mispricing: 0.001), file: "inside.yaml")
        let metrics = try World(scenario: scenario, seed: 1).run()
        #expect(metrics.arbitrageTrades == 0)
        #expect(metrics.transactions == 0)
    }

    @Test("The reference path is the same whether or not agents sample it between blocks")
    func pathIndependentOfObservers() throws {
        let text = TestScenarios.mispricedPool(mispricing: 0.05, duration: "30m", volatility: 0.9)
        let watched = try Scenario.parse(text: text, file: "a.yaml")
        let unwatched = try Scenario.parse(text: text, file: "a.yaml", overrides: ["agents.arbitrageurs.count=0"])
        let latencyWatched = try Scenario.parse(text: text, file: "a.yaml",
                                                overrides: ["agents.arbitrageurs.latency={dist: exponential, mean: 5}"])
        let worlds = try [watched, unwatched, latencyWatched].map { try World(scenario: $0, seed: 99) }
        let sinks = worlds.map { _ in PriceRecorder() }
        for (world, sink) in zip(worlds, sinks) { _ = try world.run(sink: sink) }
        #expect(sinks[0].prices == sinks[1].prices)
        #expect(sinks[0].prices == sinks[2].prices)
        #expect(sinks[0].prices.count == 151)
    }

    @Test("Invariants hold after every transaction of the default scenario")
    func defaultScenarioInvariants() throws {
        let scenario = try Scenario.load(path: TestScenarios.repositoryRoot + "/scenarios/amm-arbitrage.yaml",
                                         overrides: ["duration=2h"])
        let world = try World(scenario: scenario, seed: 5, options: WorldOptions(checkInvariants: true))
        let metrics = try world.run()
        #expect(metrics.blocks == 600)
        #expect(metrics.swaps > 0)
        try world.state.checkAllInvariants()
    }
}

/// Records the reference prices of every block.
final class PriceRecorder: WorldSink {
    var prices: [[Double]] = []
    func record(_ row: BlockRow) throws { prices.append(row.referencePrices) }
    func record(_ steps: [StepRecord]) throws {}
}
