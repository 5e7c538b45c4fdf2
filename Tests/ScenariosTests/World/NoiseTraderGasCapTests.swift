import ProtocolModel
import Testing
@testable import Agents
@testable import Scenarios

/// A noise trader's gas-price cap: elastic demand for block space.
@Suite("Noise trader: gas-price cap")
struct NoiseTraderGasCapTests {
    @Test("Above its cap it sends nothing; at or below it, it trades and its trade carries the cap as its base-fee cap")
    func standsAsideAboveItsCap() throws {
        var (view, trader, _) = try NoiseTraderSizeTests.view(at: 30.5)
        let capped = NoiseTrader(name: "noise", account: trader, pools: [0], rate: 1, size: .constant(5), sizeAsset: AssetID(0),
                                 slippageTolerance: 0.5, priorityFee: 0, gasPriceCap: 50_000_000_000, replicationSeed: 9)
        view.gasPrice = 50_000_000_001
        for _ in 0..<10 { #expect(capped.trade(view) == nil) }
        #expect(capped.submitted == 0)
        view.gasPrice = 50_000_000_000
        let trade = try #require(capped.trade(view))
        #expect(trade.baseFeeCap == 50_000_000_000)
        let free = NoiseTrader(name: "noise", account: trader, pools: [0], rate: 1, size: .constant(5), sizeAsset: AssetID(0),
                               slippageTolerance: 0.5, priorityFee: 0, replicationSeed: 9)
        view.gasPrice = 1_000_000_000_000
        #expect(try #require(free.trade(view)).baseFeeCap == .max)
    }

    @Test("agents.noise_traders.gas_price_cap is read in gwei, rendered back, and refused when negative")
    func input() throws {
        let text = """
        name: n
        duration: 1m
        chain: {native_asset: ETH, block_time: 12s, gas_price: 30}
        assets:
          ETH: {decimals: 18, price: 3000, process: {model: constant}}
          USDC: {decimals: 6, price: 1, process: {model: constant}}
        pools: {eth_usdc: {token0: ETH, token1: USDC, reserve0: 100, fee: 0.003}}
        agents:
          noise_traders: {count: 1, rate: 600, size: {dist: constant, value: 100}, capital: {ETH: 10, USDC: 10000}, gas_price_cap: 45}
        """
        let scenario = try Scenario.parse(text: text, file: "n.yaml")
        #expect(scenario.noiseTraders?.gasPriceCap == 45)
        #expect(try Scenario.parse(text: scenario.resolvedYAML(), file: "r.yaml").noiseTraders?.gasPriceCap == 45)
        let world = try World(scenario: scenario, seed: 1)
        #expect(world.noiseTraders.first?.gasPriceCap == 45_000_000_000)
        #expect { try Scenario.parse(text: text.replacingOccurrences(of: "gas_price_cap: 45", with: "gas_price_cap: -1"), file: "n.yaml") }
            throws: { "\($0)".contains("n.yaml:") && "\($0)".contains("gas_price_cap") }
    }
}
