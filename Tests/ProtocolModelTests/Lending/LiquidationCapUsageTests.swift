import Testing
@testable import ProtocolModel

/// The per-block liquidation cap's tallies: per-account counts stamped with their block, so a new
/// block starts without clearing them, and the journal restores an earlier block exactly.
@Suite("Lending: liquidation cap tallies")
struct LiquidationCapUsageTests {
    typealias World = LendingTestWorld

    @Test("A count stamped with the current block reads back; one stamped with an earlier block, or never set, reads 0")
    func countsBelongToTheirBlock() {
        var usage = LiquidationCapUsage()
        usage.timestamp = 12
        usage.setTally(.init(timestamp: 12, count: 2), of: AccountID(7))
        usage.setTally(.init(timestamp: 0, count: 5), of: AccountID(3))
        #expect(usage.count(of: AccountID(7)) == 2)
        #expect(usage.count(of: AccountID(3)) == 0)
        #expect(usage.count(of: AccountID(5)) == 0)
        #expect(usage.count(of: AccountID(1_000)) == 0)
        #expect(usage.perAccount == [AccountID(7): 2])
        usage.timestamp = 24
        #expect(usage.count(of: AccountID(7)) == 0)
        #expect(usage.perAccount.isEmpty)
    }

    @Test("Usages compare by block, totals and the block's counts, not by the stamps of earlier blocks")
    func equalityIgnoresEarlierBlocks() {
        var used = LiquidationCapUsage()
        used.timestamp = 12
        used.setTally(.init(timestamp: 12, count: 1), of: AccountID(4))
        var fresh = LiquidationCapUsage()
        fresh.timestamp = 12
        #expect(used != fresh)
        used.timestamp = 24
        fresh.timestamp = 24
        #expect(used == fresh)
        fresh.count = 1
        #expect(used != fresh)
    }

    @Test("A liquidation that reverts in a new block leaves the earlier block's totals and per-account count as they were")
    func revertInNewBlockRestoresEarlierBlock() throws {
        var world = try World(collateralFactor: 800_000_000_000_000_000)
        #expect(try world.openPosition(collateral: 3 * World.ethUnit, debt: 8_400 * World.usdcUnit))
        try world.state.configureDefences(market: world.market,
                                          MarketDefences(liquidationCap: LiquidationCap(value: nil, count: nil, perAccount: 1)))
        world.setEthPrice(wad: 3_300 * World.wad)                // health 3 × 3,300 × 0.8 / 8,400 = 0.943
        let liquidation = Step.liquidate(market: world.market, borrower: world.borrower, debtAsset: world.usdc,
                                         collateralAsset: world.eth, repay: .exact(1_000 * World.usdcUnit))
        #expect(try world.run(world.liquidator, [liquidation], at: 12) == .executed)
        let tallied = world.state.markets[world.market].defenceState.capUsage
        #expect(tallied.timestamp == 12 && tallied.count == 1 && tallied.count(of: world.borrower) == 1)
        // Starts block 24's totals, then reverts on its second step.
        #expect(try world.run(world.liquidator, [liquidation, .requireBalance(asset: world.eth, atLeast: 1_000 * World.ethUnit)],
                              at: 24) != .executed)
        let restored = world.state.markets[world.market].defenceState.capUsage
        #expect(restored == tallied)
        #expect(restored.timestamp == 12 && restored.count(of: world.borrower) == 1)
        #expect(try world.run(world.liquidator, [liquidation], at: 24) == .executed)
        #expect(world.state.markets[world.market].defenceState.capUsage.perAccount == [world.borrower: 1])
        #expect(world.state.markets[world.market].defenceState.capUsage.timestamp == 24)
    }
}
