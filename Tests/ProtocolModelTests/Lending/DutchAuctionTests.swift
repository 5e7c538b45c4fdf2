import Testing
@testable import ProtocolModel

@Suite("Lending: Dutch-auction liquidations")
struct DutchAuctionTests {
    typealias World = LendingTestWorld
    static let wad = World.wad
    /// Starts 20 % above the oracle, falls to zero over 600 s, restart after 900 s or below 30 % of top.
    static let parameters = DutchAuctionParameters(startPremium: 200_000_000_000_000_000, duration: 600, tail: 900,
                                                   cusp: 300_000_000_000_000_000)

    /// The 3 ETH / 8,400 USDC position at 3,300 (health 0.943) in an auction market.
    static func world() throws -> World {
        var world = try World(liquidation: .dutchAuction(parameters))
        #expect(try world.openPosition(collateral: 3 * World.ethUnit, debt: 8_400 * World.usdcUnit))
        world.setEthPrice(wad: 3_300 * wad)
        return world
    }

    func start(_ world: inout World, at time: Int64) throws -> TransactionOutcome {
        try world.run(world.liquidator, [.startAuction(market: world.market, borrower: world.borrower, debtAsset: world.usdc,
                                                       collateralAsset: world.eth)], at: time)
    }

    func take(_ world: inout World, _ amount: UInt128, at time: Int64) throws -> TransactionOutcome {
        try world.run(world.liquidator, [.liquidate(market: world.market, borrower: world.borrower, debtAsset: world.usdc,
                                                    collateralAsset: world.eth, repay: .exact(amount))], at: time)
    }

    @Test("The price starts at 1.2 × 3,300 = 3,960 and falls linearly: 3,564 after 60 s, 1,980 after 300 s")
    func priceSchedule() throws {
        var world = try Self.world()
        #expect(try start(&world, at: 12) == .executed)
        let auction = try #require(world.state.markets[world.market].auctions[world.borrower])
        #expect(auction.top == 3_960 * Self.wad)
        #expect(ProtocolState.auctionPrice(auction, Self.parameters, at: 72) == 3_564 * Self.wad)
        #expect(ProtocolState.auctionPrice(auction, Self.parameters, at: 312) == 1_980 * Self.wad)
        // Below cusp (30 % of top = 1,188) after 420 s: restart needed.
        #expect(ProtocolState.auctionPrice(auction, Self.parameters, at: 432) == 1_188 * Self.wad)
        #expect(ProtocolState.auctionPrice(auction, Self.parameters, at: 433) == nil)
    }

    @Test("Buying 4,200 USDC of debt at 1,980 seizes 2.121… ETH; buying the rest takes all collateral and leaves bad debt")
    func takes() throws {
        var world = try Self.world()
        // No auction yet.
        #expect(try take(&world, 4_200 * World.usdcUnit, at: 12) == .reverted(step: 0, reason: .lending(.auction("none running for this account and pair"))))
        #expect(try start(&world, at: 12) == .executed)
        #expect(try start(&world, at: 24) == .reverted(step: 0, reason: .lending(.auction("one is already running"))))
        #expect(try take(&world, 4_200 * World.usdcUnit, at: 312) == .executed)
        // ⌊4,200 · 10^36 / 1,980·10^18⌋ (Python integers)
        #expect(world.state.ledger.balance(world.eth, of: world.liquidator) == 2_121_212_121_212_121_212)
        #expect(world.state.debt(market: world.market, slot: 0, account: world.borrower) == 4_200 * World.usdcUnit)
        // The rest: the 0.878787878787878788 ETH left at 1,980 costs ⌈1,740.000000000000000240⌉ =
        // 1,740.000001 USDC of the 4,200 asked; the remainder is bad debt (Python integers).
        let usdcBefore = world.state.ledger.balance(world.usdc, of: world.liquidator)
        #expect(try take(&world, 4_200 * World.usdcUnit, at: 312) == .executed)
        #expect(world.state.ledger.balance(world.eth, of: world.liquidator) == 3 * World.ethUnit)
        #expect(usdcBefore - world.state.ledger.balance(world.usdc, of: world.liquidator) == 1_740_000_001)
        let reserve = world.state.markets[world.market].reserves[0]
        #expect(reserve.badDebt == 4_200 * World.usdcUnit - 1_740_000_001)
        #expect(world.state.markets[world.market].auctions[world.borrower] == nil)
        try world.state.checkAllInvariants()
    }

    @Test("A purchase whose borrower's health cannot be read (the ETH oracle deviates beyond its 5 % guard, which pauses it) executes at the auction's price alike whether recorded or not, and its record has no health before or after")
    func unreadableHealthRecord() throws {
        var world = try World(ethFallbackPrice: 3_500, liquidation: .dutchAuction(Self.parameters))
        #expect(try world.openPosition(collateral: 3 * World.ethUnit, debt: 8_400 * World.usdcUnit))
        let fallback = try #require(world.state.markets[world.market].assets[1].price.fallback)
        world.state.oracles[fallback].kind = .constant(3_300 * Self.wad)
        world.setEthPrice(wad: 3_300 * Self.wad)
        #expect(try start(&world, at: 12) == .executed)
        // 2,000 is 39 % below the fallback's 3,300: every read of the ETH price reverts.
        world.setEthPrice(wad: 2_000 * Self.wad)
        #expect(throws: RevertReason.self) { try world.state.health(market: world.market, account: world.borrower, at: 312) }
        var recorded = world
        let purchase: [Step] = [.liquidate(market: world.market, borrower: world.borrower, debtAsset: world.usdc,
                                           collateralAsset: world.eth, repay: .exact(4_200 * World.usdcUnit))]
        let unrecorded = try world.run(world.liquidator, purchase, at: 312, recordSteps: false)
        let (outcome, log) = try recorded.run(recorded.liquidator, purchase, at: 312, recordSteps: true)
        #expect(unrecorded.outcome == .executed && outcome == .executed)
        // At 1,980 (300 s into the auction), as in `takes`: ⌊4,200 · 10^36 / 1,980·10^18⌋.
        #expect(world.state.ledger.balance(world.eth, of: world.liquidator) == 2_121_212_121_212_121_212)
        #expect(world.state.debt(market: world.market, slot: 0, account: world.borrower) == 4_200 * World.usdcUnit)
        #expect(recorded.holdsTheSame(as: world))
        let record = try #require(log.first?.liquidation)
        #expect(record.market == world.market && record.borrower == world.borrower && record.price == 1_980 * Self.wad)
        #expect(record.healthBefore == nil && record.healthAfter == nil && record.debtPrice == Self.wad)
        try recorded.state.checkAllInvariants()
    }

    @Test("A healthy account cannot be auctioned; an expired auction cannot be bought from until restarted; a fixed-bonus market has no auctions")
    func restart() throws {
        var healthy = try World(liquidation: .dutchAuction(Self.parameters))
        #expect(try healthy.openPosition(collateral: 3 * World.ethUnit, debt: 8_400 * World.usdcUnit))
        #expect(try start(&healthy, at: 12) == .reverted(step: 0, reason: .lending(.notLiquidatable(health: Self.wad))))
        var world = try Self.world()
        #expect(try start(&world, at: 12) == .executed)
        #expect(try take(&world, World.usdcUnit, at: 600) == .reverted(step: 0, reason: .lending(.auction("expired, restart it"))))
        #expect(try start(&world, at: 600) == .executed)
        #expect(world.state.markets[world.market].auctions[world.borrower]?.start == 600)
        #expect(try take(&world, World.usdcUnit, at: 612) == .executed)
        var fixed = try World()
        #expect(try fixed.openPosition(collateral: 3 * World.ethUnit, debt: 8_400 * World.usdcUnit))
        fixed.setEthPrice(wad: 3_300 * Self.wad)
        #expect(try start(&fixed, at: 12) == .reverted(step: 0, reason: .lending(.auction("market main liquidates with a fixed bonus"))))
    }
}
