import Testing
@testable import ProtocolModel

@Suite("Model undo journal")
struct ModelUndoTests {
    @Test("No undo journal's records hold a reference (old values with names or lists go to the side journal), so a record left past an UndoJournal's count keeps nothing alive")
    func recordsAreTrivial() {
        #expect(_isPOD(ModelUndo.self))
        #expect(_isPOD(LedgerUndo.self))
        #expect(_isPOD(PoolUndo.self))
    }

    @Test("A rolled-back liquidation that accrued interest and wrote off bad debt (whole-reserve writes) restores every field of every reserve")
    func rollbackRestoresWholeReserveWrites() throws {
        typealias World = LendingTestWorld
        let model = InterestRateModel(base: 20_000_000_000_000_000, slope1: 100_000_000_000_000_000, slope2: World.wad,
                                      kink: 800_000_000_000_000_000)
        var world = try World(ethPrice: 3_000, closeFactor: World.wad, usdcInterest: model)
        try world.state.endow(world.usdc, amount: 1_000 * World.usdcUnit, to: world.insurance)
        #expect(try world.openPosition(collateral: World.ethUnit, debt: 2_400 * World.usdcUnit))
        world.setEthPrice(wad: 1_000 * World.wad)
        let before = world.state.markets[world.market].reserves
        let liquidate = Step.liquidate(market: world.market, borrower: world.borrower, debtAsset: world.usdc,
                                       collateralAsset: world.eth, repay: .exact(2_400 * World.usdcUnit))
        let failed = try world.run(world.liquidator, [liquidate, .requireBalance(asset: world.usdc, atLeast: 10_000_000 * World.usdcUnit)],
                                   at: 3_600)
        #expect(failed != .executed)
        #expect(world.state.markets[world.market].reserves == before)
        // Alone, the same liquidation changes the indices, the accrual time and the bad debt.
        #expect(try world.run(world.liquidator, [liquidate], at: 3_600) == .executed)
        let after = world.state.markets[world.market].reserves[0]
        #expect(after.lastAccrual == 3_600 && after.borrowIndex > before[0].borrowIndex)
        #expect(after.badDebt > 0 && after.badDebtCovered > 0 && after.badDebtSocialised > 0)
        #expect(after.supplyIndex != before[0].supplyIndex)
    }
}
