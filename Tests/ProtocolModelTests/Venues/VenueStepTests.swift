import Testing
@testable import ProtocolModel

/// bZx #2's Kyber reserve and Synthetix depot as protocol venues, reached through transaction
/// steps (Qin et al., FC 2021, Fig. 7: rate 0.00252, range 0.0037–0.0148 ETH/sUSD, ETH inventory
/// 0.90658; depot 943,837.59 sUSD at 268.30 sUSD/ETH). Expected values from the closed forms in
/// 60-digit mpmath (P0 = minP·e^(rate·k), j = (1 − e^(−rate·h))/(rate·P0), P1 = P0·e^(rate·h)),
/// floored to raw units.
@Suite("Reserve and depot steps")
struct VenueStepTests {
    static let ether: UInt128 = 1_000_000_000_000_000_000

    /// ETH and sUSD (18 decimals each), the reserve holding 0.90658 ETH / 100,000 sUSD, the depot
    /// 943,837.59 sUSD, a trader with 5,000 ETH; a lending market in ETH that prices sUSD with
    /// the reserve's oracle (collateral factor 0.5) and lends 2,000 ETH.
    struct World {
        var state = ProtocolState()
        let eth: AssetID, susd: AssetID
        let trader: AccountID, supplier: AccountID
        let reserve: Int, depot: Int, oracle: Int, market: Int

        init() throws {
            eth = state.addAsset(Asset(symbol: "ETH", decimals: 18))
            susd = state.addAsset(Asset(symbol: "sUSD", decimals: 18))
            let genesis = state.addAccount(named: "genesis")
            trader = state.addAccount(named: "trader")
            supplier = state.addAccount(named: "supplier")
            try state.endow(eth, amount: 906_580_000_000_000_000, to: genesis)
            try state.endow(susd, amount: 100_000 * ether + 943_837_590_000_000_000_000_000, to: genesis)
            try state.endow(eth, amount: 5_000 * ether, to: trader)
            try state.endow(eth, amount: 2_000 * ether, to: supplier)
            reserve = try state.addReserve(name: "kyber_susd", assetX: eth, assetY: susd, minPrice: 3_700_000_000_000_000,
                                           maxPrice: 14_800_000_000_000_000, rate: 2_520_000_000_000_000,
                                           inventoryX: 906_580_000_000_000_000, inventoryY: 100_000 * ether, provider: genesis)
            depot = try state.addDepot(name: "synthetix", sells: susd, paidWith: eth, price: 268_300_000_000_000_000_000,
                                       inventory: 943_837_590_000_000_000_000_000, provider: genesis)
            oracle = state.addReserveOracle(name: "susd_kyber", reserve: reserve)
            let one = state.addOracle(name: "eth", unit: "ETH", kind: .constant(ether))
            let insurance = state.addAccount(named: "insurance")
            market = try state.addLendingMarket(
                name: "bzx", unit: "ETH", mode: .cross, closeFactor: ether / 2, insuranceFund: insurance,
                assets: [MarketAssetConfig(asset: eth, price: PriceSource(oracle: one), collateralFactor: 0, liquidationThreshold: 0,
                                           liquidationBonus: 0, borrowable: true, interest: .zero),
                         MarketAssetConfig(asset: susd, price: PriceSource(oracle: oracle), collateralFactor: ether / 2,
                                           liquidationThreshold: ether / 2, liquidationBonus: 0, borrowable: false, interest: .zero)],
                timestamp: 0)
            #expect(try run(supplier, [.deposit(market: market, asset: eth, amount: .exact(2_000 * ether))]).outcome == .executed)
        }

        /// Runs `steps` from `sender` at t = 12 with steps recorded, checks the invariants the
        /// transaction could break and all of them, and commits.
        mutating func run(_ sender: AccountID, _ steps: [Step]) throws -> (outcome: TransactionOutcome, log: [StepRecord]) {
            var log: [StepRecord] = []
            let start = state.checkpoint()
            let outcome = state.runSteps(of: Transaction(sender: sender, agent: "trader", steps: steps, submittedAt: 0),
                                         context: ExecutionContext(block: 1, timestamp: 12, recordSteps: true), log: &log)
            try state.checkInvariants(since: start)
            state.commit()
            try state.checkAllInvariants()
            return (outcome, log)
        }

        /// Every account's balance of every asset.
        var balances: [UInt128] {
            (0..<state.ledger.accountCount).flatMap { account in
                [eth, susd].map { state.ledger.balance($0, of: AccountID(account)) }
            }
        }
    }

    /// 360 ETH into the reserve: j = 63,812.342360521742596123 sUSD; P1 = 0.009187256871751368426 ETH/sUSD.
    static let kyberOut: UInt128 = 63_812_342_360_521_742_596_123
    static let priceAfter: UInt128 = 9_187_256_871_751_368

    @Test("Qin et al.'s Kyber leg: 360 ETH buy 63,812.34 sUSD (177.26 sUSD/ETH; paper 176.62) and leave 108.85 sUSD/ETH (paper 108.44)")
    func kyberLeg() throws {
        var world = try World()
        let before = try world.state.readOracle(world.oracle, at: 12).value
        let (outcome, log) = try world.run(world.trader, [.reserveSwap(reserve: world.reserve, sellX: true,
                                                                       amountIn: .exact(360 * Self.ether), minAmountOut: 0)])
        #expect(outcome == .executed)
        let out = world.state.ledger.balance(world.susd, of: world.trader)
        #expect(out <= Self.kyberOut && Self.kyberOut - out <= Self.kyberOut / 1_000_000_000_000_000, "\(out)")
        #expect(abs(TokenUnits.toDouble(out, decimals: 18) / 360 / 176.62 - 1) < 0.004)
        let after = try world.state.readOracle(world.oracle, at: 12).value
        #expect(after <= Self.priceAfter && Self.priceAfter - after <= 10, "\(after)")
        #expect(abs(1 / TokenUnits.toDouble(after, decimals: 18) / 108.44 - 1) < 0.004)
        // P0 = 0.003708462615006513 ETH/sUSD (269.65 sUSD/ETH).
        #expect(before <= 3_708_462_615_006_513 && 3_708_462_615_006_513 - before <= 10, "\(before)")
        #expect(world.state.oracles[world.oracle].unit == "ETH")
        let venue = world.state.reserves[world.reserve]
        #expect(venue.reserve.inventoryX == 906_580_000_000_000_000 + 360 * Self.ether)
        #expect(world.state.ledger.balance(world.susd, of: venue.account) == 100_000 * Self.ether - out)
        #expect(log.count == 1 && log[0].kind == .reserveSwap && log[0].kind.isSwap && log[0].pool == nil)
        #expect(log[0].assetIn == world.eth && log[0].amountIn == 360 * Self.ether && log[0].assetOut == world.susd && log[0].amountOut == out)
    }

    @Test("The reserve oracle moves inside the transaction: a borrow after the swap is priced at P1, not P0")
    func oracleMovesWithinTransaction() throws {
        var world = try World()
        let (outcome, _) = try world.run(world.trader, [
            .reserveSwap(reserve: world.reserve, sellX: true, amountIn: .exact(360 * Self.ether), minAmountOut: 0),
            .deposit(market: world.market, asset: world.susd, amount: .received(world.susd)),
            .borrow(market: world.market, asset: world.eth, amount: .maxBorrow(market: world.market, asset: world.eth)),
        ])
        #expect(outcome == .executed)
        let borrowed = world.state.ledger.balance(world.eth, of: world.trader) - (5_000 - 360) * Self.ether
        // 63,812.342… sUSD × 0.0091872568… ETH/sUSD × 0.5 = 293.1302 ETH; at P0 it would be 118.32 ETH.
        let expected = TokenUnits.toDouble(Self.kyberOut, decimals: 18) * TokenUnits.toDouble(Self.priceAfter, decimals: 18) / 2
        #expect(abs(TokenUnits.toDouble(borrowed, decimals: 18) / expected - 1) < 1e-12, "\(borrowed)")
        #expect(abs(expected - 293.1302) < 0.001)
    }

    @Test("The depot sells at 268.30 sUSD/ETH: 100 ETH buy exactly 26,830 sUSD and stay in the depot's account")
    func depotBuy() throws {
        var world = try World()
        let (outcome, log) = try world.run(world.trader, [.depotBuy(depot: world.depot, amountIn: .exact(100 * Self.ether),
                                                                     minAmountOut: 26_830 * Self.ether)])
        #expect(outcome == .executed)
        #expect(world.state.ledger.balance(world.susd, of: world.trader) == 26_830 * Self.ether)
        let venue = world.state.depots[world.depot]
        #expect(venue.proceeds == 100 * Self.ether && world.state.ledger.balance(world.eth, of: venue.account) == 100 * Self.ether)
        #expect(venue.depot.inventoryY == 943_837_590_000_000_000_000_000 - 26_830 * Self.ether)
        #expect(log.map(\.kind) == [.depotBuy] && log[0].kind.isSwap && log[0].amountOut == 26_830 * Self.ether)
    }

    @Test("A transaction that trades with both venues and then fails leaves every venue and balance as it was")
    func revertRestores() throws {
        var world = try World()
        let balances = world.balances, reserves = world.state.reserves, depots = world.state.depots
        let (outcome, log) = try world.run(world.trader, [
            .reserveSwap(reserve: world.reserve, sellX: true, amountIn: .exact(360 * Self.ether), minAmountOut: 0),
            .depotBuy(depot: world.depot, amountIn: .exact(100 * Self.ether), minAmountOut: 0),
            .reserveSwap(reserve: world.reserve, sellX: false, amountIn: .exact(1_000 * Self.ether), minAmountOut: 0),
            .requireBalance(asset: world.eth, atLeast: 1_000_000 * Self.ether),
        ])
        guard case .reverted(step: 3, reason: .balanceBelow) = outcome else { Issue.record("\(outcome)"); return }
        #expect(world.balances == balances)
        #expect(world.state.reserves == reserves && world.state.depots == depots)
        #expect(try world.state.readOracle(world.oracle, at: 12).value == reserves[world.reserve].reserve.price(rounding: .down))
        #expect(log.count == 4 && log.allSatisfy { !$0.executed })
    }

    @Test("Refusals revert: minimum out, the reserve's price range, an empty depot, a zero input")
    func refusals() throws {
        var world = try World()
        let balances = world.balances
        let slippage = try world.run(world.trader, [.depotBuy(depot: world.depot, amountIn: .exact(Self.ether), minAmountOut: 269 * Self.ether)])
        let tooLittle = RevertReason.slippage(asset: world.susd, minimum: 269 * Self.ether, actual: 268_300_000_000_000_000_000)
        #expect(slippage.outcome == .reverted(step: 0, reason: tooLittle))
        #expect(tooLittle.text(assets: world.state.ledger.assets) == "slippage: 268.3 sUSD out < minimum 269 sUSD")
        // 600 ETH would lift the price to 0.0037·e^(0.00252·600.9) = 0.0168 > 0.0148.
        let range = try world.run(world.trader, [.reserveSwap(reserve: world.reserve, sellX: true, amountIn: .exact(600 * Self.ether),
                                                              minAmountOut: 0)])
        #expect(range.outcome == .reverted(step: 0, reason: .venue(.priceOutOfRange)))
        // 3,517.86 ETH would buy 943,841.84 sUSD > 943,837.59 held: the depot sells what it holds, and the next
        // purchase finds it empty.
        let inventory = try world.run(world.trader, [
            .depotBuy(depot: world.depot, amountIn: .exact(3_517_860_000_000_000_000_000), minAmountOut: 0),
            .depotBuy(depot: world.depot, amountIn: .exact(1), minAmountOut: 0)])
        #expect(inventory.outcome == .reverted(step: 1, reason: .venue(.insufficientInventory)))
        let zero = try world.run(world.trader, [.reserveSwap(reserve: world.reserve, sellX: false, amountIn: .exact(0), minAmountOut: 0)])
        #expect(zero.outcome == .reverted(step: 0, reason: .venue(.zeroAmount)))
        #expect(world.balances == balances)
    }

    @Test("Gas: 150,000 units per reserve swap and 100,000 per depot purchase, under the keys reserve_swap and depot_buy")
    func gas() {
        let schedule = GasSchedule()
        let transaction = Transaction(sender: AccountID(0), agent: "a", steps: [
            .reserveSwap(reserve: 0, sellX: true, amountIn: .exact(1), minAmountOut: 0),
            .depotBuy(depot: 0, amountIn: .balance(AssetID(0)), minAmountOut: 0),
        ], submittedAt: 0)
        #expect(schedule.units(of: transaction) == 21_000 + 150_000 + 100_000)
        let keys = GasSchedule.entries.map(\.key)
        #expect(keys.contains("reserve_swap") && keys.contains("depot_buy"))
        #expect(transaction.steps.map(\.amounts) == [[.exact(1)], [.balance(AssetID(0))]])
    }
}
