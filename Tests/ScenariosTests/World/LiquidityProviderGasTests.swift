import Foundation
import ProtocolModel
import Testing
@testable import Scenarios

/// Liquidity providers pay gas in the native asset, which is also one of their pool's tokens:
/// they keep a reserve out of the pool, and a withdrawal counts only once it executes.
@Suite("Liquidity providers' gas")
struct LiquidityProviderGasTests {
    /// One LP whose ETH is the side its pool binds (10 ETH against 1,000,000 USDC at 2,000
    /// USDC/ETH): without a reserve it would put all its ETH into the pool.
    static func scenario(gasPrice: String, duration: String = "6h", shocks: String = "[{at: 1h, asset: ETH, move: -0.3, over: 2m}]") -> String {
        """
        duration: \(duration)
        chain: {native_asset: ETH, gas_price: \(gasPrice)}
        assets:
          ETH: {price: 2000}
          USDC: {decimals: 6, price: 1}
        pools:
          p: {token0: ETH, token1: USDC, reserve0: 1000}
        shocks: \(shocks)
        agents:
          arbitrageurs: {count: 1, capital: {ETH: 2000, USDC: 4000000}}
          liquidity_providers:
            count: 1
            pool: p
            capital: {ETH: 10, USDC: 1000000}
            volatility_window: 20m
            volatility_threshold: 0.5
            cooldown: 1h
        """
    }

    @Test("The LP keeps three times a withdrawal's gas at the nominal base price out of the pool, and its withdrawal executes and is counted")
    func reserveKeptAndWithdrawalExecutes() throws {
        let scenario = try Scenario.parse(text: Self.scenario(gasPrice: "20"), file: "lp-gas.yaml")
        let world = try World(scenario: scenario, seed: 3, options: WorldOptions(checkInvariants: true))
        let recorder = LiquidityStepRecorder()
        let metrics = try world.run(sink: recorder)
        // The add pays 171,000 gas (21,000 + 150,000) at 20 + 1 gwei = 0.003591 ETH and keeps
        // 3 × 141,000 gas (21,000 + 120,000) × 21 gwei = 0.008883 ETH: it adds 10 − 0.012474 ETH.
        let firstAdd = try #require(recorder.adds.first)
        #expect(firstAdd.assetIn == AssetID(0) && firstAdd.amountIn == 9_987_526_000_000_000_000)
        // Every counted withdrawal is an executed removal, and there is one.
        #expect(metrics.lpWithdrawals == recorder.executedRemovals)
        #expect(metrics.lpWithdrawals >= 1)
        #expect(metrics.droppedTransactions == 0)
    }

    @Test("Under a base price drawn per block, some LP transactions are dropped: only executed withdrawals count, and the LP keeps cycling")
    func droppedTransactionsNeitherCountNorStall() throws {
        // Lognormal gas (median 20 gwei, σ = 2): a reserve reckoned at a cheap block does not pay a
        // withdrawal at a dear one, which is dropped. The arbitrageur's 2,000 ETH always pay:
        // every dropped transaction is the LP's. Volatile ETH keeps the LP going in and out.
        let text = Self.scenario(gasPrice: "{dist: lognormal, mu: 3, sigma: 2}", duration: "3d", shocks: "[]")
            .replacingOccurrences(of: "ETH: {price: 2000}", with: "ETH: {price: 2000, process: {model: gbm, drift: 0, volatility: 1.5}}")
        let scenario = try Scenario.parse(text: text, file: "lp-gas-dropped.yaml")
        let world = try World(scenario: scenario, seed: 5, options: WorldOptions(checkInvariants: true))
        let recorder = LiquidityStepRecorder()
        let metrics = try world.run(sink: recorder)
        #expect(metrics.droppedTransactions > 0)
        #expect(metrics.lpWithdrawals == recorder.executedRemovals)
        // It came back after its dropped transactions: a stuck LP would stop at its first drop.
        #expect(recorder.lastExecutedBlock > recorder.firstDroppedBlock)
        #expect(metrics.lpWithdrawals >= 2)
    }
}

/// The LP's executed liquidity steps, and the blocks with dropped transactions.
final class LiquidityStepRecorder: WorldSink {
    var adds: [StepRecord] = []
    var executedRemovals = 0
    var lastExecutedBlock = 0
    var firstDroppedBlock = Int.max

    func record(_ row: BlockRow) throws {
        if row.dropped > 0 { firstDroppedBlock = min(firstDroppedBlock, row.block) }
    }

    func record(_ steps: [StepRecord]) throws {
        for step in steps where step.executed && step.agent == "lp-0" {
            lastExecutedBlock = step.block
            if step.kind == .addLiquidity { adds.append(step) }
            if step.kind == .removeLiquidity { executedRemovals += 1 }
        }
    }
}
