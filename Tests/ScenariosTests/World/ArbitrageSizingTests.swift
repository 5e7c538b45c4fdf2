import Foundation
import ProtocolModel
import Testing
@testable import Scenarios

/// `agents.arbitrageurs.sizing`, `participation` and `agents.noise_traders.size_asset`.
@Suite("Arbitrageurs sized at execution, their participation, noise sizes in tokens")
struct ArbitrageSizingTests {
    /// ``AgentBehaviourTests/base`` (a constant 2,000 USD ETH, one 0.3 % pool of 1,000 ETH) with
    /// noise trades of 40 ETH about twice a block (each moves the pool about 8 %) and one
    /// arbitrageur; run for 2 h.
    static func scenario(_ arbitrageur: String, noise: String = "size: 40, size_asset: ETH") -> String {
        AgentBehaviourTests.base + """

        agents:
          arbitrageurs: {count: 1, capital: {ETH: 5000, USDC: 10000000}, latency: 2\(arbitrageur)}
          noise_traders: {count: 1, rate: 600, \(noise), capital: {ETH: 100000, USDC: 200000000}}
        """
    }

    /// |pool price / reference − 1| at the end of every block, and the executed swaps.
    static func run(_ text: String, seed: UInt64 = 5) throws -> (deviations: [Double], swaps: [StepRecord]) {
        let recorder = PoolRecorder()
        _ = try World(scenario: Scenario.parse(text: text, file: "arb.yaml", overrides: ["duration=2h"]), seed: seed,
                      options: WorldOptions(checkInvariants: true))
            .run(sink: recorder)
        return (recorder.deviations, recorder.swaps)
    }

    @Test("Sized at execution, the back-run closes every block inside the fee band of the reference, but for gaps too small to pay its gas; sized at decision, noise trades leave it outside")
    func closesAtReference() throws {
        let execution = try Self.run(Self.scenario(", sizing: execution"))
        let decision = try Self.run(Self.scenario(""))
        // The band is [reference·γ, reference/γ] with γ = 0.997: at most 0.3 % below, 0.301 % above
        // (block 1 is before the arbitrageur's first wake-up). A back-run trades only when its
        // profit beats its gas, (21,000 + 100,000) × 2 gwei × 2,000 USD = 0.484 USD: closing a gap
        // ε beyond the band pays about y·ε²/4 with y = 2 M USDC, under the gas for ε < 0.00098.
        // Such gaps stay open (before the rule, every block closed inside the band).
        let band = 0.003 / 0.997
        let outside = execution.deviations.indices.filter { execution.deviations[$0] > band + 0.00098 }
        #expect(outside.allSatisfy { $0 <= 1 }, "\(outside.map { ($0, execution.deviations[$0]) }.prefix(5))")
        #expect(execution.deviations.filter { $0 > band + 1e-9 }.count < 30)
        #expect(decision.deviations.filter { $0 > 0.01 }.count > 100)
        // One back-run per block at most, and none reverted or dropped into the log.
        var perBlock: [Int: Int] = [:]
        for swap in execution.swaps where swap.agent.name.hasPrefix("arbitrageur") {
            #expect(swap.executed)
            perBlock[swap.block, default: 0] += 1
        }
        #expect(perBlock.values.max() == 1 && perBlock.count > 400)
    }

    @Test("A back-run trades only when its profit at the reference price beats gas plus min_profit")
    func minimumProfit() throws {
        let backRuns = { (extra: String) in
            try Self.run(Self.scenario(", sizing: execution" + extra)).swaps.filter { $0.agent.name.hasPrefix("arbitrageur") }
        }
        let all = try backRuns(""), paying = try backRuns(", min_profit: 5000")
        // 40-ETH noise trades move the pool about 8 % each, two a block: a few blocks' gaps pay 5,000 USD.
        #expect(paying.count > 5 && paying.count < all.count / 2, "\(paying.count) of \(all.count)")
        for swap in paying {
            // At the constant 2,000 USD reference, gas (21,000 + 100,000) × 2 gwei = 0.484 USD.
            let sold = TokenUnits.toDouble(swap.amountIn, decimals: swap.assetIn == AssetID(0) ? 18 : 6)
            let bought = TokenUnits.toDouble(swap.amountOut, decimals: swap.assetIn == AssetID(0) ? 6 : 18)
            let profit = swap.assetIn == AssetID(0) ? bought - sold * 2000 : bought * 2000 - sold
            #expect(profit > 5000.484, "block \(swap.block): \(profit)")
        }
    }

    @Test("With participation 0.5 an arbitrageur closes about half the blocks; with 1 every disturbed block")
    func participation() throws {
        let half = try Self.run(Self.scenario(", sizing: execution, participation: 0.5"))
        let blocks = Set(half.swaps.filter { $0.agent.name.hasPrefix("arbitrageur") }.map(\.block)).count
        // 600 blocks, almost all disturbed by a noise trade: Binomial(≈ 590, 0.5), sd ≈ 12.
        #expect(abs(Double(blocks) - 295) < 60, "\(blocks) blocks")
        #expect(half.deviations.filter { $0 > 0.01 }.count > 100)
    }

    @Test("Noise sizes in ETH sell exactly the draw, or spend its reference value in USDC")
    func sizeAsset() throws {
        let trades = try Self.run(Self.scenario("", noise: "size: 1.5, size_asset: ETH")).swaps.filter { $0.agent.name.hasPrefix("noise") }
        #expect(trades.count > 500)
        for trade in trades {
            if trade.assetIn == AssetID(0) {
                #expect(trade.amountIn == 1_500_000_000_000_000_000)
            } else {
                // 1.5 ETH × 2,000 USD in 6 decimals, floored from the doubles of the reference prices.
                #expect(trade.amountIn <= 3_000_000_000 && trade.amountIn >= 2_999_999_999)
            }
        }
    }

    @Test("Bad values are located errors: an unknown sizing (with a suggestion), participation 0, an unknown size asset")
    func badInput() throws {
        for (text, fragment) in [
            (Self.scenario(", sizing: executoin"), "expected decision or execution, got 'executoin'"),
            (Self.scenario(", participation: 0"), "expected a number in (0, 1]"),
            (Self.scenario("", noise: "size: 5, size_asset: BTC"), "BTC"),
        ] {
            #expect { try Scenario.parse(text: text, file: "arb.yaml") } throws: { error in
                "\(error)".contains(fragment) && "\(error)".contains("arb.yaml:")
            }
        }
        let scenario = try Scenario.parse(text: Self.scenario(", sizing: execution, participation: 0.25"), file: "arb.yaml")
        let again = try Scenario.parse(text: scenario.resolvedYAML(), file: "r.yaml")
        #expect(again.arbitrageurs?.sizing == "execution" && again.arbitrageurs?.participation == 0.25)
        #expect(again.noiseTraders?.sizeAsset == "ETH")
    }
}

/// The pool's deviation from the reference at each sealed block, and every swap step.
final class PoolRecorder: WorldSink {
    var deviations: [Double] = []
    var swaps: [StepRecord] = []

    func record(_ row: BlockRow) throws {
        deviations.append(abs(row.pools[0].0 / (row.referencePrices[0] / row.referencePrices[1]) - 1))
    }

    func record(_ steps: [StepRecord]) throws {
        swaps += steps.filter { $0.kind == .swap }
    }
}
