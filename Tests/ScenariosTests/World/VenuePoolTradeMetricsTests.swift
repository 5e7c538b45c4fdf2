import Foundation
import ProtocolModel
import Testing
@testable import Scenarios

/// The swap metrics count every executed pool trade: an option vault's delta hedge, and the pool
/// trades a margin venue makes when a short opens or closes (docs/output-format.md).
@Suite("Venue pool trades in the swap metrics")
struct VenuePoolTradeMetricsTests {
    static let root = TestScenarios.repositoryRoot + "/scenarios/"

    @Test("options-vault: the keeper's executed hedges are swaps, with the pool's 0.3 % fee of their input")
    func hedgesAreSwaps() throws {
        // The replication seed `advsim run options-vault --seed 7` runs (its runs.csv `seed`).
        let world = try World(scenario: Scenario.load(path: Self.root + "options-vault.yaml"), seed: 1_300_955_537_930_879_614)
        let recorder = SwapStepRecorder()
        let metrics = try world.run(sink: recorder)
        #expect(recorder.hedges > 0)
        #expect(metrics.swaps == recorder.trades)
        // Its only pool charges 0.3 %: the fees are 0.3 % of the volume, hedges included.
        #expect(abs(metrics.swapFees - 0.003 * metrics.swapVolume) <= 1e-12 * metrics.swapVolume)
    }

    @Test("bZx #1: the short's pool trade (5,637.467 ETH sold for WBTC) is a swap; its fee moves from price impact to the attacker's swap fees, the cost unchanged")
    func marginShortIsASwap() throws {
        let scenario = try Scenario.load(path: Self.root + "bzx-pump-2020.yaml")
        let world = try World(scenario: scenario, seed: 7, options: WorldOptions(checkInvariants: true))
        let metrics = try world.run()
        // Two pool trades: the attacker's dump of 113.07565789 WBTC, valued 4,418.996710341201 ETH
        // at the block's reference price (the swap metrics before the short counted, advsim at
        // 1a52bbb), and bZx's sale of ⌊1,300 · 5 / 1.153⌋ = 5,637.467476149176062445 ETH
        // (BzxPumpTests.poolLegs: margin + loan). The numeraire is ETH.
        #expect(metrics.swaps == 2)
        let volume = 4_418.996_710_341_201 + 5_637.467_476_149_176_062_445
        #expect(abs(metrics.swapVolume - volume) < 1e-9)
        #expect(abs(metrics.swapFees - 0.003 * volume) < 1e-9)
        // The attacker sent both: all the fees are its own.
        #expect(metrics.attackSwapFees == metrics.swapFees)
        // Before, price_impact_loss −1,177.8898491634382 held the short's 16.912 ETH fee and
        // attack_swap_fees was 13.256990131023603; their sum, and the cost, are the same.
        let impact = try #require(metrics.priceImpactLoss), fees = try #require(metrics.attackSwapFees)
        #expect(abs((impact + fees) - (-1_177.889_849_163_438_2 + 13.256_990_131_023_603)) < 1e-9)
        let parts = [metrics.flashLoanFees, metrics.attackSwapFees, metrics.attackGasCost, metrics.bribes, metrics.priceImpactLoss]
        let cost = parts.reduce(0.0) { $0 + ($1 ?? 0) }
        #expect(metrics.attackCost == cost)
        #expect(abs(cost - (-1_164.624_299_032_414_5)) < 1e-9)
    }
}

/// Counts executed pool trades by their records: swaps of every kind with an input, and the pool
/// sales of margin steps.
final class SwapStepRecorder: WorldSink {
    var trades = 0
    var hedges = 0

    func record(_ row: BlockRow) throws {}

    func record(_ steps: [StepRecord]) throws {
        for step in steps where step.executed {
            if step.kind.isSwap, step.assetIn != nil {
                trades += 1
                if step.kind == .hedgeVault { hedges += 1 }
            }
            if step.kind.isMarginTrade, step.poolInput > 0 { trades += 1 }
        }
    }
}
