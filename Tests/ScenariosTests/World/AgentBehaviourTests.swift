import Foundation
import ProtocolModel
import Testing
@testable import Scenarios

@Suite("Agent behaviour")
struct AgentBehaviourTests {
    static let base = """
    duration: 6h
    chain: {native_asset: ETH, gas_price: 1}
    assets:
      ETH: {price: 2000}
      USDC: {decimals: 6, price: 1}
    pools:
      p: {token0: ETH, token1: USDC, reserve0: 1000}
    """

    @Test("An LP withdraws when a shock makes the pool volatile and returns after its cool-down")
    func liquidityProviderCycle() throws {
        let text = Self.base + """

        shocks: [{at: 1h, asset: ETH, move: -0.3, over: 2m}]
        agents:
          arbitrageurs: {count: 1, capital: {ETH: 2000, USDC: 4000000}}
          liquidity_providers:
            count: 1
            pool: p
            capital: {ETH: 100, USDC: 200000}
            volatility_window: 20m
            volatility_threshold: 0.5
            cooldown: 1h
        """
        let scenario = try Scenario.parse(text: text, file: "lp.yaml")
        let world = try World(scenario: scenario, seed: 3, options: WorldOptions(checkInvariants: true))
        let metrics = try world.run()
        #expect(metrics.lpWithdrawals == 1)
        // Back in the pool at the end: it holds LP shares again.
        let lp = try #require(world.state.ledger.accountNames.firstIndex(of: "lp-0"))
        let shares = world.state.ledger.balance(world.state.pools[0].shareAsset, of: AccountID(lp))
        #expect(shares > 0)
    }

    @Test("Noise traders arrive as a Poisson process at the configured rate")
    func noiseTraderRate() throws {
        let text = Self.base + """

        agents:
          noise_traders: {count: 10, rate: 12, size: 500, capital: {ETH: 50, USDC: 100000}}
        """
        let scenario = try Scenario.parse(text: text, file: "noise.yaml")
        var total = 0
        for seed in UInt64(1)...5 {
            total += try World(scenario: scenario, seed: seed).run().swaps
        }
        // 5 runs × 10 traders × 12/h × 6 h = 3,600 expected arrivals; Poisson sd = 60.
        #expect(abs(Double(total) - 3_600) < 5 * 60, "total \(total)")
    }

    @Test("Under EIP-1559, congestion raises the base fee and a quiet chain lowers it")
    func congestionRaisesGas() throws {
        func gasPrices(noiseTraders: Int) throws -> [Double] {
            let text = Self.base.replacingOccurrences(of: "chain: {native_asset: ETH, gas_price: 1}",
                                                      with: "chain: {native_asset: ETH, block_gas_limit: 600000, gas_price: {model: eip1559, initial: 20}}")
                + """

                agents:
                  noise_traders: {count: \(noiseTraders), rate: 60, size: 500, capital: {ETH: 50, USDC: 100000}}
                """
            let scenario = try Scenario.parse(text: text, file: "gas.yaml", overrides: ["duration=30m"])
            let recorder = GasRecorder()
            _ = try World(scenario: scenario, seed: 1).run(sink: recorder)
            return recorder.prices
        }
        let busy = try gasPrices(noiseTraders: 40), quiet = try gasPrices(noiseTraders: 1)
        // 40 traders × 60/h ≈ 8 swaps of 121k gas per 12 s block against a 300k target.
        #expect(busy.last! > 100, "busy chain ended at \(busy.last!) gwei")
        #expect(quiet.last! < 20, "quiet chain ended at \(quiet.last!) gwei")
    }
}

/// Records the base gas price of every sealed block.
final class GasRecorder: WorldSink {
    var prices: [Double] = []
    func record(_ row: BlockRow) throws { if row.block > 0 { prices.append(row.gasPrice) } }
    func record(_ steps: [StepRecord]) throws {}
}
