import Testing
@testable import ProtocolModel

@Suite("Pools: the swap step")
struct PoolSwapStepTests {
    typealias World = OracleTestWorld

    @Test("A swap of zero input reverts as the pool's zero amount, leaving the pool, its accumulators and the balances as they were")
    func zeroInputReverts() throws {
        var world = try World()
        let before = world.state.pools[world.pool].pool
        let balances = [world.eth, world.usdc].map { world.state.ledger.balance($0, of: world.trader) }
        for sellEth in [true, false] {
            var log: [StepRecord] = []
            // At a later block than the pool's last accrual: an executed swap would accrue first.
            let outcome = world.state.runSteps(
                of: Transaction(sender: world.trader, agent: "trader",
                                steps: [.swap(pool: world.pool, zeroForOne: sellEth, amountIn: .exact(0), minAmountOut: 0)],
                                submittedAt: 0),
                context: ExecutionContext(block: 5, timestamp: 60, recordSteps: false), log: &log)
            world.state.commit()
            #expect(outcome == .reverted(step: 0, reason: .pool(.zeroAmount)))
        }
        #expect(world.state.pools[world.pool].pool == before)
        #expect([world.eth, world.usdc].map { world.state.ledger.balance($0, of: world.trader) } == balances)
        let sold = world.swap(World.wad, sellEth: true, at: 60)
        #expect(sold)
        #expect(world.state.pools[world.pool].pool.lastTimestamp == 60)
        try world.state.checkAllInvariants()
    }

    @Test("A swap failing after the in-place write (input not held, zero output) leaves the pool and the balances as they were")
    func failureAfterTheInPlaceWriteIsUndone() throws {
        var world = try World()
        let before = world.state.pools[world.pool].pool
        let held = world.state.ledger.balance(world.eth, of: world.trader)
        let balances = [world.eth, world.usdc].map { world.state.ledger.balance($0, of: world.trader) }
        // One ETH more than the trader holds: the pool can quote it, the ledger cannot move it.
        // One wei of ETH: its output rounds to zero USDC.
        let cases: [(sellEth: Bool, amount: UInt128)] = [(true, held + World.wad), (true, 1)]
        for (sellEth, amount) in cases {
            var log: [StepRecord] = []
            let outcome = world.state.runSteps(
                of: Transaction(sender: world.trader, agent: "trader",
                                steps: [.swap(pool: world.pool, zeroForOne: sellEth, amountIn: .exact(amount), minAmountOut: 0)],
                                submittedAt: 0),
                context: ExecutionContext(block: 5, timestamp: 60, recordSteps: false), log: &log)
            world.state.commit()
            #expect(outcome != .executed)
            #expect(world.state.pools[world.pool].pool == before)
            #expect([world.eth, world.usdc].map { world.state.ledger.balance($0, of: world.trader) } == balances)
            try world.state.checkAllInvariants()
        }
    }
}
