import Testing
@testable import ProtocolModel

/// A perp market on MNGO (6 decimals) margined in USDC (6 decimals): initial margin 0.2,
/// maintenance 0.1, liquidation fee 0.02, 1,000,000 USDC of lenders' liquidity, marked by an
/// oracle the tests move. Wallets A (short, delegating to B) and B (long) each hold 1,000 USDC of
/// collateral; B buys 100,000 MNGO from A at 0.04 (4,000 USDC). Every expected value is worked
/// by hand in the test's comment.
@Suite("Perp market")
struct PerpMarketTests {
    static let usdc: UInt128 = 1_000_000
    static let mngo: UInt128 = 1_000_000
    static let wad = FixedPoint.wad

    struct World {
        var state = ProtocolState()
        let usdcAsset: AssetID, mngoAsset: AssetID
        let walletA: AccountID, walletB: AccountID, liquidator: AccountID
        let oracle: Int, market: Int

        init(pnlAsCollateral: Bool = true, haircut: UInt128 = 0) throws {
            usdcAsset = state.addAsset(Asset(symbol: "USDC", decimals: 6))
            mngoAsset = state.addAsset(Asset(symbol: "MNGO", decimals: 6))
            walletA = state.addAccount(named: "a")
            walletB = state.addAccount(named: "b")
            liquidator = state.addAccount(named: "liquidator")
            try state.endow(usdcAsset, amount: 10_000 * usdc, to: walletB)
            try state.endow(usdcAsset, amount: 10_000 * usdc, to: liquidator)
            oracle = state.addOracle(name: "mngo_usdc", unit: "USDC", kind: .constant(4 * wad / 100))
            market = try state.addPerpMarket(name: "mngo_perp", baseAsset: mngoAsset, quoteAsset: usdcAsset, oracle: oracle,
                                             initialMargin: wad / 5, maintenanceMargin: wad / 10, liquidationFee: wad / 50,
                                             pnlAsCollateral: pnlAsCollateral, pnlHaircut: haircut, lendable: 1_000_000 * usdc)
            state.setPerpDelegate(market: market, account: walletA, delegate: walletB)
        }

        /// Runs `steps` from `sender` at t = 12, checks the invariants it could break and all of
        /// them, and commits.
        @discardableResult
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

        /// B funds both wallets with 1,000 USDC and buys 100,000 MNGO-PERP from A at 0.04.
        mutating func open() throws -> TransactionOutcome {
            try run(walletB, [
                .perpDeposit(market: market, account: walletA, amount: .exact(1_000 * usdc)),
                .perpDeposit(market: market, account: walletB, amount: .exact(1_000 * usdc)),
                .perpTrade(market: market, counterparty: walletA, base: 100_000 * mngo, price: 4 * wad / 100, buy: true),
            ]).outcome
        }

        mutating func mark(_ price: UInt128) { state.corruptOracle(oracle, answer: price) }

        func health(_ account: AccountID, maintenance: Bool = false) throws -> Int128 {
            try state.perpHealth(market: market, account: account, maintenance: maintenance, at: 12)
        }
    }

    @Test("A fill moves base and quote between the two accounts, Σ base = Σ quote = 0, and health = 1,000 − 4,000 × 0.2 = 200 USDC each")
    func fill() throws {
        var world = try World()
        #expect(try world.open() == .executed)
        let a = world.state.perpAccount(market: world.market, account: world.walletA)
        let b = world.state.perpAccount(market: world.market, account: world.walletB)
        #expect(b == PerpAccount(collateral: 1_000 * Self.usdc, base: 100_000_000_000, quote: -4_000_000_000))
        #expect(a == PerpAccount(collateral: 1_000 * Self.usdc, base: -100_000_000_000, quote: 4_000_000_000, delegate: world.walletB))
        let book = world.state.perpMarkets[world.market].book
        #expect(book.collateral == 2_000 * Self.usdc && book.openInterest == 100_000 * Self.mngo && book.borrowed == 0)
        #expect(world.state.ledger.balance(world.usdcAsset, of: world.walletB) == 8_000 * Self.usdc)
        #expect(try world.health(world.walletA) == 200_000_000 && world.health(world.walletB) == 200_000_000)
        // Maintenance: 1,000 − 4,000 × 0.1 = 600.
        #expect(try world.health(world.walletB, maintenance: true) == 600_000_000)
    }

    @Test("Unrealised PnL is zero-sum at any mark: at 0.10 the long gains 6,000 USDC and the short loses as much")
    func zeroSumPnL() throws {
        var world = try World()
        _ = try world.open()
        for mark in [Self.wad / 10, Self.wad / 50, 7 * Self.wad / 100] {
            let market = world.state.perpMarkets[world.market]
            let pnl = try market.accounts.values.map { try market.unrealisedPnL($0, mark: mark) }
            #expect(pnl.reduce(0, +) == 0, "mark \(mark)")
        }
        let market = world.state.perpMarkets[world.market]
        #expect(try market.unrealisedPnL(market.accounts[world.walletB]!, mark: Self.wad / 10) == 6_000_000_000)
    }

    @Test("With PnL as collateral the pumped long borrows its initial health, 1,000 + 6,000 − 10,000 × 0.2 = 5,000 USDC, and not a unit more")
    func borrowAgainstPnL() throws {
        var world = try World()
        _ = try world.open()
        world.mark(Self.wad / 10)
        #expect(try world.health(world.walletB) == 5_000_000_000)
        #expect(try world.state.perpMaxBorrow(market: world.market, account: world.walletB, at: 12) == 5_000 * Self.usdc)
        let over = try world.run(world.walletB, [.perpBorrow(market: world.market, amount: .exact(5_000 * Self.usdc + 1))]).outcome
        #expect(over == .reverted(step: 0, reason: .perp(.insufficientHealth(-1, asset: world.usdcAsset))))
        let (outcome, log) = try world.run(world.walletB, [.perpBorrow(market: world.market, amount: .perpMaxBorrow(market: world.market))])
        #expect(outcome == .executed && log[0].kind == .perpBorrow && log[0].amountOut == 5_000 * Self.usdc)
        #expect(world.state.ledger.balance(world.usdcAsset, of: world.walletB) == 13_000 * Self.usdc)
        #expect(world.state.perpMarkets[world.market].book.lendable == 995_000 * Self.usdc)
        #expect(try world.health(world.walletB) == 0)
        // Repaying returns the liquidity.
        #expect(try world.run(world.walletB, [.perpRepay(market: world.market, amount: .exact(2_000 * Self.usdc))]).outcome == .executed)
        #expect(world.state.perpMarkets[world.market].book.lendable == 997_000 * Self.usdc)
        #expect(try world.health(world.walletB) == 2_000_000_000)
    }

    @Test("Without PnL as collateral the same account's health is 1,000 − 2,000 = −1,000 USDC and it can borrow nothing")
    func defence() throws {
        var world = try World(pnlAsCollateral: false)
        _ = try world.open()
        world.mark(Self.wad / 10)
        #expect(try world.health(world.walletB) == -1_000_000_000)
        #expect(try world.state.perpMaxBorrow(market: world.market, account: world.walletB, at: 12) == 0)
        let outcome = try world.run(world.walletB, [.perpBorrow(market: world.market, amount: .exact(1))]).outcome
        #expect(outcome == .reverted(step: 0, reason: .perp(.insufficientHealth(-1_000_000_001, asset: world.usdcAsset))))
    }

    @Test("A 50 % haircut counts 3,000 of the 6,000 USDC of PnL: health 1,000 + 3,000 − 2,000 = 2,000")
    func haircut() throws {
        var world = try World(haircut: Self.wad / 2)
        _ = try world.open()
        world.mark(Self.wad / 10)
        #expect(try world.health(world.walletB) == 2_000_000_000)
    }

    @Test("An order the counterparty did not sign, a self-trade and an under-margined fill revert and change nothing")
    func refusedTrades() throws {
        var world = try World()
        let unsigned = try world.run(world.liquidator, [.perpTrade(market: world.market, counterparty: world.walletA, base: 1, price: Self.wad, buy: true)])
        #expect(unsigned.outcome == .reverted(step: 0, reason: .perp(.unsignedOrder)))
        let selfTrade = try world.run(world.walletB, [.perpTrade(market: world.market, counterparty: world.walletB, base: 1, price: Self.wad, buy: true)])
        #expect(selfTrade.outcome == .reverted(step: 0, reason: .perp(.selfTrade)))
        // 1,000,000 MNGO at 0.04 = 40,000 USDC of notional needs 8,000 of initial margin: B has 1,000 → −7,000.
        let balances = world.state.ledger.balance(world.usdcAsset, of: world.walletB)
        let big = try world.run(world.walletB, [
            .perpDeposit(market: world.market, account: world.walletA, amount: .exact(1_000 * Self.usdc)),
            .perpDeposit(market: world.market, account: world.walletB, amount: .exact(1_000 * Self.usdc)),
            .perpTrade(market: world.market, counterparty: world.walletA, base: 1_000_000 * Self.mngo, price: 4 * Self.wad / 100, buy: true),
        ])
        #expect(big.outcome == .reverted(step: 2, reason: .perp(.insufficientHealth(-7_000_000_000, asset: world.usdcAsset))))
        #expect(world.state.ledger.balance(world.usdcAsset, of: world.walletB) == balances)
        #expect(world.state.perpMarkets[world.market].accounts[world.walletB] == nil)
        #expect(world.state.perpMarkets[world.market].book == PerpBook(lendable: 1_000_000 * Self.usdc))
    }

    @Test("Liquidation hands the short to the liquidator at 10,000 + 2 % = 10,200 USDC: it gains 200 at the mark, A keeps −6,200 realised")
    func liquidation() throws {
        var world = try World()
        _ = try world.open()
        #expect(try world.run(world.liquidator, [.perpLiquidate(market: world.market, account: world.walletA)]).outcome
            == .reverted(step: 0, reason: .perp(.notLiquidatable(600_000_000, asset: world.usdcAsset))))
        world.mark(Self.wad / 10)
        // A's maintenance health: 1,000 − 6,000 − 10,000 × 0.1 = −6,000.
        #expect(try world.health(world.walletA, maintenance: true) == -6_000_000_000)
        let (outcome, log) = try world.run(world.liquidator, [
            .perpDeposit(market: world.market, account: world.liquidator, amount: .exact(10_000 * Self.usdc)),
            .perpLiquidate(market: world.market, account: world.walletA),
        ])
        #expect(outcome == .executed && log.map(\.kind) == [.perpDeposit, .perpLiquidate])
        let liquidator = world.state.perpAccount(market: world.market, account: world.liquidator)
        #expect(liquidator.base == -100_000_000_000 && liquidator.quote == 10_200_000_000)
        let a = world.state.perpAccount(market: world.market, account: world.walletA)
        #expect(a.base == 0 && a.quote == -6_200_000_000)
        let market = world.state.perpMarkets[world.market]
        #expect(try market.unrealisedPnL(liquidator, mark: Self.wad / 10) == 200_000_000)
        // Liquidator's initial health: 10,000 + 200 − 10,000 × 0.2 = 8,200.
        #expect(try world.health(world.liquidator) == 8_200_000_000)
        #expect(market.book.openInterest == 100_000 * Self.mngo)
        #expect(try world.run(world.liquidator, [.perpLiquidate(market: world.market, account: world.walletA)]).outcome
            == .reverted(step: 0, reason: .perp(.noPosition)))
    }

    @Test("Withdrawing collateral is refused once the position needs it: B may take out 200 of its 1,000 USDC, not 201")
    func withdraw() throws {
        var world = try World()
        _ = try world.open()
        #expect(try world.run(world.walletB, [.perpWithdraw(market: world.market, amount: .exact(201 * Self.usdc))]).outcome
            == .reverted(step: 0, reason: .perp(.insufficientHealth(-1_000_000, asset: world.usdcAsset))))
        #expect(try world.run(world.walletB, [.perpWithdraw(market: world.market, amount: .exact(200 * Self.usdc))]).outcome == .executed)
        #expect(world.state.ledger.balance(world.usdcAsset, of: world.walletB) == 8_200 * Self.usdc)
    }
}

extension PerpMarketTests {
    @Test("Gas: 100,000 units to deposit, withdraw or repay, 200,000 for a fill, 150,000 to borrow, 300,000 to liquidate, under perp_* keys")
    func gas() {
        let steps: [Step] = [
            .perpDeposit(market: 0, account: AccountID(1), amount: .exact(1)), .perpWithdraw(market: 0, amount: .exact(1)),
            .perpTrade(market: 0, counterparty: AccountID(1), base: 1, price: 1, buy: true), .perpBorrow(market: 0, amount: .perpMaxBorrow(market: 0)),
            .perpRepay(market: 0, amount: .exact(1)), .perpLiquidate(market: 0, account: AccountID(1)),
        ]
        let transaction = Transaction(sender: AccountID(0), agent: "a", steps: steps, submittedAt: 0)
        #expect(GasSchedule().units(of: transaction) == 21_000 + 100_000 * 3 + 200_000 + 150_000 + 300_000)
        #expect(steps.map(\.kind.rawValue) == GasSchedule.entries.map(\.key).suffix(6))
        #expect(steps.map(\.amounts.count) == [1, 1, 0, 1, 1, 0] && steps.allSatisfy { $0.pool == nil })
    }
}
