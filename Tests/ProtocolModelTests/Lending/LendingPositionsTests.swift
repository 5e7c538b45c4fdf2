@testable import ProtocolModel
import Testing

@Suite("Dense lending positions")
struct LendingPositionsTests {
    typealias World = LendingTestWorld

    /// Every ledger account's scaled balances in `market` (supplied then debt, per slot), by
    /// account index; nil for an account without a position.
    static func balances(_ state: ProtocolState, market: Int) -> [[UInt128]?] {
        let positions = state.markets[market].positions
        return (0..<state.ledger.accountCount).map { index in
            positions[AccountID(index)].map { position in
                (0..<positions.slots).flatMap { [positions.scaledSupplied(position, slot: $0), positions.scaledDebt(position, slot: $0)] }
            }
        }
    }

    /// Runs `steps` from `sender` inside the open transaction (no commit).
    static func runOpen(_ state: inout ProtocolState, _ sender: AccountID, _ steps: [Step]) -> TransactionOutcome {
        var log: [StepRecord] = []
        return state.runSteps(of: Transaction(sender: sender, agent: "test", steps: steps, submittedAt: 0),
                              context: ExecutionContext(block: 1, timestamp: 12, recordSteps: false), log: &log)
    }

    @Test("A rollback after positions opened and written restores every account's balances, and the rows it dropped are reused")
    func rollbackAfterOpeningsAndWrites() throws {
        var world = try World()
        #expect(try world.openPosition(collateral: 3 * World.ethUnit, debt: 1_000 * World.usdcUnit))
        let fresh = world.state.addAccount(named: "fresh")
        try world.state.endow(world.eth, amount: 10 * World.ethUnit, to: fresh)
        let (market, usdc, eth) = (world.market, world.usdc, world.eth)
        let balancesBefore = Self.balances(world.state, market: market)
        let positionsBefore = world.state.markets[market].positions
        #expect(positionsBefore.accounts == [world.supplier, world.borrower])

        let start = world.state.checkpoint()
        #expect(Self.runOpen(&world.state, world.borrower, [.borrow(market: market, asset: usdc, amount: .exact(500 * World.usdcUnit))])
            == .executed)
        #expect(Self.runOpen(&world.state, fresh, [.deposit(market: market, asset: eth, amount: .exact(2 * World.ethUnit)),
                                                   .borrow(market: market, asset: usdc, amount: .exact(1_000 * World.usdcUnit))])
            == .executed)
        #expect(Self.runOpen(&world.state, world.liquidator, [.deposit(market: market, asset: usdc, amount: .exact(5 * World.usdcUnit))])
            == .executed)
        #expect(Self.runOpen(&world.state, world.borrower, [.repay(market: market, asset: usdc, amount: .exact(200 * World.usdcUnit))])
            == .executed)
        // A transaction that opens a position then reverts leaves no row behind.
        #expect(Self.runOpen(&world.state, world.insurance, [.borrow(market: market, asset: usdc, amount: .exact(1))])
            == .reverted(step: 0, reason: .lending(.insufficientCollateral(borrowingPower: 0, debt: World.wad / 1_000_000, unit: "USD"))))
        let positions = world.state.markets[market].positions
        #expect(positions.accounts == [world.supplier, world.borrower, fresh, world.liquidator])
        #expect(world.state.debt(market: market, slot: 0, account: world.borrower) == 1_300 * World.usdcUnit)
        #expect(world.state.debt(market: market, slot: 0, account: fresh) == 1_000 * World.usdcUnit)
        #expect(Self.balances(world.state, market: market) != balancesBefore)

        world.state.rollback(to: start)
        #expect(Self.balances(world.state, market: market) == balancesBefore)
        #expect(world.state.markets[market].positions == positionsBefore)
        #expect(world.state.position(market: market, account: fresh) == nil)
        #expect(world.state.position(market: market, account: world.liquidator) == nil)
        world.state.commit()
        try world.state.checkAllInvariants()

        // The next position opens in the first row the rollback freed, and the index keys it.
        #expect(try world.run(fresh, [.deposit(market: market, asset: eth, amount: .exact(World.ethUnit)),
                                      .borrow(market: market, asset: usdc, amount: .exact(2_000 * World.usdcUnit))]) == .executed)
        #expect(world.state.position(market: market, account: fresh)?.row == 2)
        #expect(world.state.markets[market].positions.accounts == [world.supplier, world.borrower, fresh])
        try world.state.checkAllInvariants()
        world.setEthPrice(wad: 2_400 * World.wad)  // 1 ETH × 2,400 × 0.8 = 1,920 < 2,000
        #expect(world.state.accountsBelowHealth(World.wad, market: market, at: 12) == [fresh])
    }
}
