import Testing
@testable import ProtocolModel

/// The `stable_swap` step and the stable-pool oracle through transactions: conservation,
/// journalled rollback, the oracle moving inside the transaction.
@Suite("StableSwap step")
struct StableSwapStepTests {
    struct World {
        var state = ProtocolState()
        let usdc: AssetID, usdt: AssetID, trader: AccountID, genesis: AccountID, pool: Int, oracle: Int

        init() throws {
            usdc = state.addAsset(Asset(symbol: "USDC", decimals: 6))
            usdt = state.addAsset(Asset(symbol: "USDT", decimals: 6))
            genesis = state.addAccount(named: "genesis")
            trader = state.addAccount(named: "trader")
            try state.endow(usdc, amount: 200_000_000_000_000, to: genesis)
            try state.endow(usdt, amount: 200_000_000_000_000, to: genesis)
            try state.endow(usdt, amount: 20_000_000_000_000, to: trader)
            pool = try state.addStablePool(name: "curve", coins: [usdc, usdt], balances: [200_000_000_000_000, 200_000_000_000_000],
                                           amplification: 100, fee: 4_000_000, provider: genesis)
            oracle = state.addStableSpotOracle(name: "usdc_curve", pool: pool, base: usdc, quote: usdt)
        }

        mutating func run(_ steps: [Step]) throws -> TransactionOutcome {
            var log: [StepRecord] = []
            let start = state.checkpoint()
            let outcome = state.runSteps(of: Transaction(sender: trader, agent: "trader", steps: steps, submittedAt: 0),
                                         context: ExecutionContext(block: 1, timestamp: 12, recordSteps: true), log: &log)
            try state.checkInvariants(since: start)
            state.commit()
            try state.checkAllInvariants()
            return outcome
        }
    }

    @Test("17M USDT in pays the fixture's 16,978,809.071078 USDC; the oracle reads USDC above par; supplies are conserved")
    func swapStep() throws {
        var world = try World()
        #expect(try world.state.readOracle(world.oracle, at: 12).value == StableSwapPoolTests.wad)
        let supplies = world.state.ledger.supply
        let outcome = try world.run([.stableSwap(pool: world.pool, from: world.usdt, to: world.usdc,
                                                 amountIn: .exact(17_000_000_000_000), minAmountOut: 0)])
        #expect(outcome == .executed)
        #expect(world.state.ledger.balance(world.usdc, of: world.trader) == 16_978_809_071_078)
        #expect(world.state.ledger.supply == supplies)
        #expect(try world.state.readOracle(world.oracle, at: 12).value > StableSwapPoolTests.wad)
    }

    @Test("A swap below its minimum output reverts and leaves balances, pool and oracle as they were")
    func revertLeavesStateUnchanged() throws {
        var world = try World()
        let venue = world.state.stablePools[world.pool]
        let balances = [world.usdc, world.usdt].map { world.state.ledger.balance($0, of: world.trader) }
        let outcome = try world.run([
            .stableSwap(pool: world.pool, from: world.usdt, to: world.usdc, amountIn: .exact(1_000_000_000_000), minAmountOut: 0),
            .stableSwap(pool: world.pool, from: world.usdt, to: world.usdc, amountIn: .exact(1_000_000_000_000),
                        minAmountOut: 1_000_000_000_000),
        ])
        guard case .reverted(let step, .slippage) = outcome else {
            Issue.record("expected a slippage revert, got \(outcome)")
            return
        }
        #expect(step == 1)
        #expect(world.state.stablePools[world.pool] == venue)
        #expect([world.usdc, world.usdt].map { world.state.ledger.balance($0, of: world.trader) } == balances)
        #expect(try world.state.readOracle(world.oracle, at: 12).value == StableSwapPoolTests.wad)
    }

    @Test("A coin the pool does not hold is refused")
    func foreignCoin() throws {
        var world = try World()
        let outcome = try world.run([.stableSwap(pool: world.pool, from: world.usdt, to: world.usdt,
                                                 amountIn: .exact(1_000_000), minAmountOut: 0)])
        guard case .reverted(0, .guardFailed) = outcome else {
            Issue.record("expected a guard revert, got \(outcome)")
            return
        }
    }
}
