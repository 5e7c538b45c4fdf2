import Testing
@testable import ProtocolModel

/// bZx #1's margin short (Qin et al., FC 2021, §1.2 and App. C): Uniswap 2,817.77 ETH / 77.09
/// WBTC at 0.3 %, bZx liquidity 4,858.74 ETH, 5× leverage, ocr 1.153, margin 1,300 ETH. Expected
/// values from Python big-integer Uniswap v2 arithmetic: s = ⌊d·ℓ/ocr⌋, out = ⌊s·997·R_out /
/// (R_in·1000 + s·997)⌋.
@Suite("Margin venue")
struct MarginVenueTests {
    static let ether: UInt128 = 1_000_000_000_000_000_000
    static let btc: UInt128 = 100_000_000
    /// s = 1,300 · 5 / 1.153 ETH and the loan s − 1,300.
    static let sold: UInt128 = 5_637_467_476_149_176_062_445
    static let loan: UInt128 = 4_337_467_476_149_176_062_445
    /// WBTC bought with s.
    static let bought: UInt128 = 5_134_770_074

    struct World {
        var state = ProtocolState()
        let eth: AssetID, wbtc: AssetID
        let trader: AccountID, dumper: AccountID
        let pool: Int, venue: Int, oracle: Int

        /// The oracle prices WBTC at the market's 39.08 ETH (a feed the pool does not move).
        init(checkEquity: Bool) throws {
            eth = state.addAsset(Asset(symbol: "ETH", decimals: 18))
            wbtc = state.addAsset(Asset(symbol: "WBTC", decimals: 8))
            let provider = state.addAccount(named: "lp")
            trader = state.addAccount(named: "trader")
            dumper = state.addAccount(named: "dumper")
            try state.endow(eth, amount: 2_817_770_000_000_000_000_000, to: provider)
            try state.endow(wbtc, amount: 7_709_000_000, to: provider)
            try state.endow(eth, amount: 10_000 * ether, to: trader)
            try state.endow(wbtc, amount: 112 * btc, to: dumper)
            pool = try state.addPool(name: "eth_wbtc", token0: eth, token1: wbtc, reserve0: 2_817_770_000_000_000_000_000,
                                     reserve1: 7_709_000_000, feePips: 3_000, provider: provider, timestamp: 0)
            oracle = state.addOracle(name: "wbtc_eth", unit: "ETH", kind: .constant(39_080_000_000_000_000_000))
            venue = try state.addMarginVenue(name: "bzx", pool: pool, loanAsset: eth, leverage: 5 * ether,
                                             ocr: 1_153_000_000_000_000_000, oracle: oracle, checkEquity: checkEquity,
                                             liquidity: 4_858_740_000_000_000_000_000, provider: nil)
        }

        /// Runs `steps` from `sender` at t = 12, checks the invariants the transaction could
        /// break and all of them, and commits.
        mutating func run(_ sender: AccountID, _ steps: [Step]) throws -> (outcome: TransactionOutcome, log: [StepRecord]) {
            var log: [StepRecord] = []
            let start = state.checkpoint()
            let outcome = state.runSteps(of: Transaction(sender: sender, agent: "t", steps: steps, submittedAt: 0),
                                         context: ExecutionContext(block: 1, timestamp: 12, recordSteps: true), log: &log)
            try state.checkInvariants(since: start)
            state.commit()
            try state.checkAllInvariants()
            return (outcome, log)
        }

        var balances: [UInt128] {
            (0..<state.ledger.accountCount).flatMap { account in [eth, wbtc].map { state.ledger.balance($0, of: AccountID(account)) } }
        }
    }

    @Test("Qin et al.'s leg: 1,300 ETH margin at 5× sells 5,637.47 ETH through the pool for 51.3477 WBTC (paper: 5,637.62 for 51.35)")
    func openShort() throws {
        var world = try World(checkEquity: false)
        let (outcome, log) = try world.run(world.trader, [.openShort(venue: world.venue, margin: .exact(1_300 * Self.ether))])
        #expect(outcome == .executed)
        let pool = world.state.pools[world.pool].pool
        #expect(pool.reserve0 == 2_817_770_000_000_000_000_000 + Self.sold)
        #expect(pool.reserve1 == 7_709_000_000 - Self.bought)
        #expect(abs(TokenUnits.toDouble(Self.bought, decimals: 8) / 51.35 - 1) < 0.001)
        #expect(abs(TokenUnits.toDouble(Self.sold, decimals: 18) / 5_637.62 - 1) < 0.001)
        #expect(world.state.marginPosition(venue: world.venue, account: world.trader) == MarginPosition(lockedY: Self.bought, loanX: Self.loan))
        let positions = world.state.marginPositions(venue: world.venue)
        #expect(positions.count == 1 && positions[0].account == world.trader)
        let venue = world.state.marginVenues[world.venue]
        #expect(venue.book.liquidity == 4_858_740_000_000_000_000_000 - Self.loan && venue.book.lent == Self.loan)
        #expect(world.state.ledger.balance(world.wbtc, of: venue.account) == Self.bought)
        #expect(world.state.ledger.balance(world.eth, of: world.trader) == 8_700 * Self.ether)
        #expect(log.map(\.kind) == [.openShort] && log[0].assetIn == world.eth && log[0].amountIn == 1_300 * Self.ether)
        #expect(log[0].pool == world.pool && !log[0].kind.isSwap)
    }

    @Test("The equity check refuses bZx #1's trade: 51.35 WBTC at 39.08 ETH = 2,006.67 ETH < loan × ocr = 5,001.1 ETH; nothing changes")
    func equityCheck() throws {
        var world = try World(checkEquity: true)
        let balances = world.balances, pools = world.state.pools.map(\.pool), venues = world.state.marginVenues
        let (outcome, _) = try world.run(world.trader, [.openShort(venue: world.venue, margin: .exact(1_300 * Self.ether))])
        #expect(outcome == .reverted(step: 0, reason: .venue(.insufficientEquity)))
        #expect(world.balances == balances && world.state.pools.map(\.pool) == pools && world.state.marginVenues == venues)
        // A small short barely moves the pool and passes: 10 ETH sells 43.37 ETH for 1.165 WBTC = 45.53 ETH ≥ 33.37 × 1.153 = 38.47.
        #expect(try world.run(world.trader, [.openShort(venue: world.venue, margin: .exact(10 * Self.ether))]).outcome == .executed)
    }

    @Test("Closing sells the locked WBTC back: the loan is repaid and the trader receives the rest (1,288.70 ETH)")
    func closeShort() throws {
        var world = try World(checkEquity: false)
        _ = try world.run(world.trader, [.openShort(venue: world.venue, margin: .exact(1_300 * Self.ether))])
        let (outcome, log) = try world.run(world.trader, [.closeShort(venue: world.venue)])
        #expect(outcome == .executed)
        let payout: UInt128 = 1_288_699_404_120_016_354_475  // 5,626.1669 ETH back − the loan
        #expect(log.map(\.kind) == [.closeShort] && log[0].assetOut == world.eth && log[0].amountOut == payout)
        #expect(world.state.ledger.balance(world.eth, of: world.trader) == 8_700 * Self.ether + payout)
        let venue = world.state.marginVenues[world.venue]
        #expect(venue.book == MarginBook(liquidity: 4_858_740_000_000_000_000_000))
        #expect(world.state.marginPosition(venue: world.venue, account: world.trader) == nil)
    }

    @Test("A dump between open and close leaves a shortfall: the lenders lose loan − proceeds (3,908.26 ETH) and the trader gets nothing")
    func lendersLoss() throws {
        var world = try World(checkEquity: false)
        _ = try world.run(world.trader, [.openShort(venue: world.venue, margin: .exact(1_300 * Self.ether))])
        // bZx #1's step 4: 112 WBTC into the pumped pool pay 6,871.20 ETH (paper: 6,871.41).
        _ = try world.run(world.dumper, [.swap(pool: world.pool, zeroForOne: false, amountIn: .exact(112 * Self.btc), minAmountOut: 0)])
        #expect(world.state.ledger.balance(world.eth, of: world.dumper) == 6_871_196_172_383_702_664_294)
        let (outcome, log) = try world.run(world.trader, [.closeShort(venue: world.venue)])
        #expect(outcome == .executed && log[0].amountOut == 0)
        let proceeds: UInt128 = 429_208_232_887_856_184_351
        let venue = world.state.marginVenues[world.venue]
        #expect(venue.book.lenderLoss == Self.loan - proceeds)
        #expect(venue.book.liquidity == 4_858_740_000_000_000_000_000 - Self.loan + proceeds)
        #expect(venue.book.lent == 0 && venue.book.locked == 0)
    }

    @Test("Refusals revert and change nothing: a loan beyond the liquidity, closing without a position, a zero margin, a failing later step")
    func refusals() throws {
        var world = try World(checkEquity: false)
        let balances = world.balances, pools = world.state.pools.map(\.pool), venues = world.state.marginVenues
        // 2,000 ETH margin needs a 6,673.03 ETH loan > 4,858.74.
        #expect(try world.run(world.trader, [.openShort(venue: world.venue, margin: .exact(2_000 * Self.ether))]).outcome
                == .reverted(step: 0, reason: .venue(.insufficientInventory)))
        #expect(try world.run(world.trader, [.closeShort(venue: world.venue)]).outcome == .reverted(step: 0, reason: .venue(.noPosition)))
        #expect(try world.run(world.trader, [.openShort(venue: world.venue, margin: .exact(0))]).outcome
                == .reverted(step: 0, reason: .venue(.zeroAmount)))
        let (outcome, log) = try world.run(world.trader, [
            .openShort(venue: world.venue, margin: .exact(1_300 * Self.ether)),
            .requireBalance(asset: world.wbtc, atLeast: 1),
        ])
        guard case .reverted(step: 1, reason: .balanceBelow) = outcome else { Issue.record("\(outcome)"); return }
        #expect(log.allSatisfy { !$0.executed })
        #expect(world.balances == balances && world.state.pools.map(\.pool) == pools && world.state.marginVenues == venues)
    }

    @Test("Gas: 400,000 units to open a short and 250,000 to close one, under open_short and close_short")
    func gas() {
        let transaction = Transaction(sender: AccountID(0), agent: "a", steps: [
            .openShort(venue: 0, margin: .exact(1)), .closeShort(venue: 0),
        ], submittedAt: 0)
        #expect(GasSchedule().units(of: transaction) == 21_000 + 400_000 + 250_000)
        let keys = GasSchedule.entries.map(\.key)
        #expect(keys.firstIndex(of: "close_short") == keys.firstIndex(of: "open_short").map { $0 + 1 })
        #expect(transaction.steps.map(\.amounts) == [[.exact(1)], []])
    }
}
