import Testing
@testable import ProtocolModel

@Suite("Lending: English (flip) auction liquidations")
struct EnglishAuctionTests {
    typealias World = LendingTestWorld
    static let wad = World.wad
    static let usdc = World.usdcUnit
    /// Black Thursday's Flipper: 10-minute bids, 1-hour auctions here, 3 % increments, 13 % penalty.
    static let parameters = EnglishAuctionParameters(bidDuration: 600, auctionDuration: 3_600,
                                                     minIncrement: 30_000_000_000_000_000, penalty: 130_000_000_000_000_000)

    /// The 3 ETH / 8,400 USDC position at 3,300 (health 3 × 3,300 × 0.8 / 8,400 = 0.943), a second
    /// bidder (the supplier) with 20,000 USDC, and the auction started at t = 12.
    static func world() throws -> World {
        var world = try World(liquidation: .englishAuction(parameters))
        #expect(try world.openPosition(collateral: 3 * World.ethUnit, debt: 8_400 * usdc))
        try world.state.endow(world.usdc, amount: 20_000 * usdc, to: world.supplier)
        world.setEthPrice(wad: 3_300 * wad)
        #expect(try world.run(world.liquidator, [.startAuction(market: world.market, borrower: world.borrower, debtAsset: world.usdc,
                                                               collateralAsset: world.eth)], at: 12) == .executed)
        return world
    }

    func bid(_ world: inout World, _ bidder: AccountID, _ amount: UInt128, at time: Int64) throws -> TransactionOutcome {
        try world.run(bidder, [.auctionBid(market: world.market, borrower: world.borrower, bid: amount)], at: time)
    }

    func settle(_ world: inout World, by sender: AccountID, at time: Int64) throws -> TransactionOutcome {
        try world.run(sender, [.auctionSettle(market: world.market, borrower: world.borrower)], at: time)
    }

    static func rejected(_ message: String) -> TransactionOutcome { .reverted(step: 0, reason: .lending(.auction(message))) }

    @Test("The start sets lot = 3 ETH and tab = 8,400 × 1.13 = 9,492 USDC; bids rise by 3 %, the beaten bid is refunded, the tab caps them")
    func increments() throws {
        var world = try Self.world()
        let auction = try #require(world.state.markets[world.market].englishAuctions[world.borrower])
        #expect(auction.lot == 3 * World.ethUnit && auction.tab == 9_492 * Self.usdc && auction.end == 3_612 && auction.bidder == nil)
        #expect(try bid(&world, world.liquidator, 0, at: 24) == .executed)
        // A standing zero bid must be beaten by at least one raw unit.
        #expect(try bid(&world, world.supplier, 0, at: 36) == .reverted(step: 0, reason: .lending(.bidBelowMinimum(asset: world.usdc, bid: 0, minimum: 1))))
        #expect(try bid(&world, world.supplier, 5_000 * Self.usdc, at: 36) == .executed)
        #expect(world.state.ledger.balance(world.usdc, of: world.supplier) == 15_000 * Self.usdc)
        // ⌈5,000 × 1.03⌉ = 5,150 USDC.
        let low = RevertReason.lending(.bidBelowMinimum(asset: world.usdc, bid: 5_149_999_999, minimum: 5_150_000_000))
        #expect(try bid(&world, world.liquidator, 5_149_999_999, at: 48) == .reverted(step: 0, reason: low))
        #expect(low.text(assets: world.state.ledger.assets) == "lending: auction: bid 5149.999999 USDC below the minimum 5150 USDC")
        let before = world.state.ledger.balance(world.usdc, of: world.liquidator)
        #expect(try bid(&world, world.liquidator, 5_150 * Self.usdc, at: 48) == .executed)
        #expect(world.state.ledger.balance(world.usdc, of: world.supplier) == 20_000 * Self.usdc)
        #expect(before - world.state.ledger.balance(world.usdc, of: world.liquidator) == 5_150 * Self.usdc)
        let high = RevertReason.lending(.bidAboveTab(asset: world.usdc, bid: 9_492_000_001, tab: 9_492_000_000))
        #expect(try bid(&world, world.supplier, 9_492 * Self.usdc + 1, at: 60) == .reverted(step: 0, reason: high))
        #expect(high.text(assets: world.state.ledger.assets) == "lending: auction: bid 9492.000001 USDC above the tab 9492 USDC")
        #expect(try bid(&world, world.supplier, 9_300 * Self.usdc, at: 60) == .executed)
        // ⌈9,300 × 1.03⌉ = 9,579 > tab: the tab itself is the least (and last) bid.
        #expect(world.state.markets[world.market].englishAuctions[world.borrower]?.minimumBid(Self.parameters) == 9_492 * Self.usdc)
        #expect(try bid(&world, world.liquidator, 9_492 * Self.usdc, at: 72) == .executed)
        #expect(world.state.markets[world.market].englishAuctions[world.borrower]?.minimumBid(Self.parameters) == nil)
        #expect(try bid(&world, world.supplier, 9_492 * Self.usdc, at: 84) == Self.rejected("the standing bid is the whole tab: none can beat it"))
        try world.state.checkAllInvariants()
    }

    @Test("A bid stands 600 s: bids taken until then extend it, settlement only after; the auction's end caps the last expiry")
    func ending() throws {
        var world = try Self.world()
        #expect(try bid(&world, world.liquidator, 1_000 * Self.usdc, at: 100) == .executed)
        #expect(world.state.markets[world.market].englishAuctions[world.borrower]?.bidExpiry == 700)
        #expect(try bid(&world, world.supplier, 2_000 * Self.usdc, at: 699) == .executed)
        #expect(try settle(&world, by: world.supplier, at: 1_298) == Self.rejected("still taking bids"))
        #expect(try bid(&world, world.liquidator, 3_000 * Self.usdc, at: 1_299) == Self.rejected("bidding closed, settle it"))
        var late = try Self.world()
        #expect(try bid(&late, late.liquidator, 1_000 * Self.usdc, at: 3_500) == .executed)
        #expect(late.state.markets[late.market].englishAuctions[late.borrower]?.bidExpiry == 3_612)
        #expect(try bid(&late, late.supplier, 2_000 * Self.usdc, at: 3_612) == Self.rejected("bidding closed, settle it"))
        // Without a bid the auction closes at its end and must be restarted.
        var idle = try Self.world()
        #expect(try bid(&idle, idle.liquidator, 0, at: 3_612) == Self.rejected("closed without a bid, restart it"))
        #expect(try settle(&idle, by: idle.liquidator, at: 3_612) == Self.rejected("no bid to settle"))
        #expect(try idle.run(idle.liquidator, [.startAuction(market: idle.market, borrower: idle.borrower, debtAsset: idle.usdc,
                                                             collateralAsset: idle.eth)], at: 3_600) == Self.rejected("one is already running"))
        #expect(try idle.run(idle.liquidator, [.startAuction(market: idle.market, borrower: idle.borrower, debtAsset: idle.usdc,
                                                             collateralAsset: idle.eth)], at: 3_612) == .executed)
        #expect(idle.state.markets[idle.market].englishAuctions[idle.borrower]?.start == 3_612)
    }

    @Test("A zero bid nobody beats wins all 3 ETH for nothing; the whole 8,400 USDC debt becomes bad debt")
    func zeroBidWin() throws {
        var world = try Self.world()
        #expect(try bid(&world, world.liquidator, 0, at: 24) == .executed)
        let usdcBefore = world.state.ledger.balance(world.usdc, of: world.liquidator)
        // Anyone may settle; the lot goes to the winner.
        #expect(try settle(&world, by: world.supplier, at: 624) == .executed)
        #expect(world.state.ledger.balance(world.eth, of: world.liquidator) == 3 * World.ethUnit)
        #expect(world.state.ledger.balance(world.usdc, of: world.liquidator) == usdcBefore)
        let reserve = world.state.markets[world.market].reserves[0]
        #expect(reserve.badDebt == 8_400 * Self.usdc && reserve.badDebtSocialised == 8_400 * Self.usdc)
        #expect(world.state.markets[world.market].englishAuctions[world.borrower] == nil)
        #expect(world.state.debt(market: world.market, slot: 0, account: world.borrower) == 0)
        try world.state.checkAllInvariants()
    }

    @Test("A 6,000 USDC winning bid repays 6,000 and leaves 2,400 of bad debt; a 9,000 bid repays all 8,400 and pays the 600 penalty to the insurance fund")
    func settlement() throws {
        var short = try Self.world()
        #expect(try bid(&short, short.supplier, 6_000 * Self.usdc, at: 24) == .executed)
        #expect(try settle(&short, by: short.supplier, at: 624) == .executed)
        #expect(short.state.ledger.balance(short.eth, of: short.supplier) == 3 * World.ethUnit)
        #expect(short.state.markets[short.market].reserves[0].badDebt == 2_400 * Self.usdc)
        try short.state.checkAllInvariants()
        var covered = try Self.world()
        #expect(try bid(&covered, covered.supplier, 9_000 * Self.usdc, at: 24) == .executed)
        #expect(try settle(&covered, by: covered.liquidator, at: 624) == .executed)
        #expect(covered.state.markets[covered.market].reserves[0].badDebt == 0)
        #expect(covered.state.ledger.balance(covered.usdc, of: covered.insurance) == 600 * Self.usdc)
        #expect(covered.state.debt(market: covered.market, slot: 0, account: covered.borrower) == 0)
        #expect(covered.state.ledger.balance(covered.eth, of: covered.supplier) == 3 * World.ethUnit)
        try covered.state.checkAllInvariants()
    }

    @Test("A 9,000 USDC bid won against the 1 wei the borrower left after repaying and withdrawing settles alike whether recorded or not; the record has no price (9,000 USD per wei overflows 128 bits)")
    func dustLotRecord() throws {
        var world = try Self.world()
        #expect(try world.run(world.borrower, [.repay(market: world.market, asset: world.usdc, amount: .exact(8_400 * Self.usdc)),
                                               .withdraw(market: world.market, asset: world.eth, amount: .exact(3 * World.ethUnit - 1))],
                              at: 24) == .executed)
        #expect(try bid(&world, world.liquidator, 9_000 * Self.usdc, at: 36) == .executed)
        var recorded = world
        let settlement: [Step] = [.auctionSettle(market: world.market, borrower: world.borrower)]
        let unrecorded = try world.run(world.supplier, settlement, at: 636, recordSteps: false)
        let (outcome, log) = try recorded.run(recorded.supplier, settlement, at: 636, recordSteps: true)
        #expect(unrecorded.outcome == .executed && outcome == .executed)
        // Nothing was owed: the whole bid is the insurance fund's, and the winner gets the 1 wei left.
        #expect(world.state.ledger.balance(world.eth, of: world.liquidator) == 1)
        #expect(world.state.ledger.balance(world.usdc, of: world.insurance) == 9_000 * Self.usdc)
        #expect(recorded.holdsTheSame(as: world))
        #expect(recorded.state.markets[world.market].englishAuctions[world.borrower] == nil
                && world.state.markets[world.market].englishAuctions[world.borrower] == nil)
        #expect(recorded.state.supplied(market: world.market, slot: 1, account: world.borrower) == 0
                && world.state.supplied(market: world.market, slot: 1, account: world.borrower) == 0)
        let record = try #require(log.first?.liquidation)
        #expect(record.price == nil && record.debtPrice == Self.wad && record.healthAfter == nil)
        try recorded.state.checkAllInvariants()
    }

    @Test("A settlement whose health cannot be read (the ETH oracle deviates beyond its 5 % guard, which pauses it) executes alike whether recorded or not, and its record has no health before")
    func unreadableHealthRecord() throws {
        var world = try World(ethFallbackPrice: 3_500, liquidation: .englishAuction(Self.parameters))
        #expect(try world.openPosition(collateral: 3 * World.ethUnit, debt: 8_400 * Self.usdc))
        try world.state.endow(world.usdc, amount: 20_000 * Self.usdc, to: world.supplier)
        let fallback = try #require(world.state.markets[world.market].assets[1].price.fallback)
        world.state.oracles[fallback].kind = .constant(3_300 * Self.wad)
        world.setEthPrice(wad: 3_300 * Self.wad)
        #expect(try world.run(world.liquidator, [.startAuction(market: world.market, borrower: world.borrower, debtAsset: world.usdc,
                                                               collateralAsset: world.eth)], at: 12) == .executed)
        #expect(try bid(&world, world.supplier, 9_000 * Self.usdc, at: 24) == .executed)
        // 2,000 is 39 % below the fallback's 3,300: every read of the ETH price reverts.
        world.setEthPrice(wad: 2_000 * Self.wad)
        #expect(throws: RevertReason.self) { try world.state.health(market: world.market, account: world.borrower, at: 624) }
        var recorded = world
        let settlement: [Step] = [.auctionSettle(market: world.market, borrower: world.borrower)]
        let unrecorded = try world.run(world.liquidator, settlement, at: 624, recordSteps: false)
        let (outcome, log) = try recorded.run(recorded.liquidator, settlement, at: 624, recordSteps: true)
        #expect(unrecorded.outcome == .executed && outcome == .executed)
        // The 9,000 USDC bid repays the 8,400 owed and pays the 600 penalty; the supplier wins 3 ETH.
        #expect(world.state.debt(market: world.market, slot: 0, account: world.borrower) == 0)
        #expect(world.state.ledger.balance(world.eth, of: world.supplier) == 3 * World.ethUnit)
        #expect(world.state.ledger.balance(world.usdc, of: world.insurance) == 600 * Self.usdc)
        #expect(recorded.holdsTheSame(as: world))
        let record = try #require(log.first?.liquidation)
        // Priced at the bid's value per whole ETH: 9,000 / 3 = 3,000 USD.
        #expect(record.market == world.market && record.borrower == world.borrower && record.price == 3_000 * Self.wad)
        #expect(record.healthBefore == nil && record.healthAfter == nil && record.debtPrice == Self.wad)
        try recorded.state.checkAllInvariants()
    }

    @Test("A reverted bid leaves the auction and the escrow as they were; other mechanisms refuse bids, and this one refuses fixed-bonus liquidations")
    func undoAndMechanisms() throws {
        var world = try Self.world()
        #expect(try bid(&world, world.liquidator, 1_000 * Self.usdc, at: 24) == .executed)
        let auction = world.state.markets[world.market].englishAuctions[world.borrower]
        let outcome = try world.run(world.supplier, [.auctionBid(market: world.market, borrower: world.borrower, bid: 2_000 * Self.usdc),
                                                     .requireBalance(asset: world.eth, atLeast: 1)], at: 36)
        // The bid itself ran (step 0); the guard after it (step 1) reverted the transaction.
        guard case .reverted(step: 1, _) = outcome else {
            Issue.record("expected the guard at step 1 to revert the transaction, got \(outcome)")
            return
        }
        #expect(world.state.markets[world.market].englishAuctions[world.borrower] == auction)
        #expect(world.state.ledger.balance(world.usdc, of: world.supplier) == 20_000 * Self.usdc)
        #expect(try world.run(world.liquidator, [.liquidate(market: world.market, borrower: world.borrower, debtAsset: world.usdc,
                                                            collateralAsset: world.eth, repay: .exact(Self.usdc))], at: 36)
                == Self.rejected("market main sells collateral by English auction: bid instead"))
        var fixed = try World()
        #expect(try fixed.openPosition(collateral: 3 * World.ethUnit, debt: 8_400 * Self.usdc))
        #expect(try bid(&fixed, fixed.liquidator, 0, at: 12) == Self.rejected("market main runs no English auctions"))
        #expect(throws: LendingConfigurationError.self) {
            _ = try World(liquidation: .englishAuction(EnglishAuctionParameters(bidDuration: 0, auctionDuration: 3_600,
                                                                                minIncrement: 0, penalty: 0)))
        }
    }
}
