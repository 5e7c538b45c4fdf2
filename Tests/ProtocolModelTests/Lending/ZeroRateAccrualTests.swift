import Testing
@testable import ProtocolModel

@Suite("Lending: accrual in a market that charges no interest")
struct ZeroRateAccrualTests {
    typealias World = LendingTestWorld

    @Test("A model with base and slopes 0 charges nothing at any utilisation, and one with a slope does")
    func chargesNothing() throws {
        #expect(InterestRateModel.zero.chargesNothing)
        let sloped = InterestRateModel(base: 0, slope1: 1, slope2: 0, kink: World.wad / 2)
        #expect(!sloped.chargesNothing)
        for utilisation: UInt128 in [0, World.wad / 4, World.wad / 2, World.wad] {
            #expect(try InterestRateModel.zero.borrowRate(utilisation: utilisation) == 0)
        }
    }

    @Test("Accruing a market that charges nothing moves only each asset's accrual time, and a rollback restores it")
    func onlyTheTimeMoves() throws {
        var world = try World()
        #expect(try world.openPosition(collateral: 10 * World.ethUnit, debt: 20_000 * World.usdcUnit))  // at t = 12
        let before = world.state.markets[world.market].reserves
        #expect(before[0].scaledDebt == 20_000 * World.usdcUnit)  // the USDC slot owes: the rate path is taken
        world.state.seal(timestamp: 24)
        let sealed = world.state.markets[world.market].reserves
        for slot in before.indices {
            var expected = before[slot]
            expected.lastAccrual = 24
            #expect(sealed[slot] == expected)
        }
        #expect(world.state.debt(market: world.market, slot: 0, account: world.borrower) == 20_000 * World.usdcUnit)

        let start = world.state.checkpoint()
        try world.state.accrue(market: world.market, at: 36)
        #expect(world.state.markets[world.market].reserves.map(\.lastAccrual) == [36, 36])
        #expect(world.state.markets[world.market].reserves[0].borrowIndex == World.wad)
        world.state.rollback(to: start)
        #expect(world.state.markets[world.market].reserves == sealed)
        // A second accrual in the same block changes nothing and journals nothing.
        let journal = world.state.checkpoint()
        try world.state.accrue(market: world.market, at: 24)
        #expect(world.state.checkpoint() == journal)
    }

    @Test("A seal accrues every market exactly as a journalled accrual does, with or without interest, over several debts and times")
    func sealAccruesAsAccrual() throws {
        let sloped = InterestRateModel(base: 20_000_000_000_000_000, slope1: 100_000_000_000_000_000, slope2: World.wad,
                                       kink: 800_000_000_000_000_000)
        for model in [InterestRateModel.zero, sloped] {
            for debt: UInt128 in [0, 1, 20_000 * World.usdcUnit, 79_999 * World.usdcUnit] {
                for timestamp: Int64 in [12, 24, 3_600, 86_400] {
                    var sealed = try World(usdcInterest: model)
                    #expect(try sealed.openPosition(collateral: 100 * World.ethUnit, debt: debt) || debt == 0)
                    var accrued = sealed
                    sealed.state.seal(timestamp: timestamp)
                    try accrued.state.accrue(market: accrued.market, at: timestamp)
                    accrued.state.commit()
                    #expect(sealed.state.markets[sealed.market].reserves == accrued.state.markets[accrued.market].reserves)
                    #expect(sealed.state.checkpoint() == accrued.state.checkpoint())
                }
            }
        }
    }
}
