import Foundation
import GSL
import Testing
@testable import ProtocolModel

/// `openGenesisPositions` against the path it replaces: per row an endowment, a deposit
/// transaction and a borrow transaction, each committed.
@Suite("Lending: genesis positions opened in bulk equal the same positions opened by transactions")
struct GenesisPositionTests {
    static let wad = LendingTestWorld.wad

    /// A cross market (USDC borrowable only, ETH collateral and borrowable, WBTC collateral only)
    /// with a supplier's USDC and ETH, optional caps, and `accounts` fresh accounts.
    struct Market {
        var state = ProtocolState()
        let usdc: AssetID, eth: AssetID, wbtc: AssetID
        let accounts: [AccountID]

        /// The supplier's ETH deposit, raw.
        static let ethSupply: UInt128 = 10_000 * GenesisPositionTests.wad

        init(accounts count: Int, usdcSupply: UInt128 = 50_000_000 * 1_000_000, usdcBorrowCap: UInt128? = nil,
             ethSupplyCap: UInt128? = nil, mode: MarginMode = .cross) throws {
            usdc = state.addAsset(Asset(symbol: "USDC", decimals: 6))
            eth = state.addAsset(Asset(symbol: "ETH", decimals: 18))
            wbtc = state.addAsset(Asset(symbol: "WBTC", decimals: 8))
            let supplier = state.addAccount(named: "supplier"), insurance = state.addAccount(named: "insurance")
            let usd = state.addOracle(name: "usd", unit: "USD", kind: .constant(GenesisPositionTests.wad))
            let ethPrice = state.addOracle(name: "eth", unit: "USD", kind: .constant(2_000 * GenesisPositionTests.wad))
            let btcPrice = state.addOracle(name: "btc", unit: "USD", kind: .constant(40_000 * GenesisPositionTests.wad))
            let lt: UInt128 = 800_000_000_000_000_000, bonus: UInt128 = 80_000_000_000_000_000
            let assets = [
                MarketAssetConfig(asset: usdc, price: PriceSource(oracle: usd), collateralFactor: 0, liquidationThreshold: 0,
                                  liquidationBonus: bonus, borrowCap: usdcBorrowCap, borrowable: true, interest: .zero),
                MarketAssetConfig(asset: eth, price: PriceSource(oracle: ethPrice), collateralFactor: 750_000_000_000_000_000,
                                  liquidationThreshold: lt, liquidationBonus: bonus, supplyCap: ethSupplyCap, borrowable: true, interest: .zero),
                MarketAssetConfig(asset: wbtc, price: PriceSource(oracle: btcPrice), collateralFactor: 700_000_000_000_000_000,
                                  liquidationThreshold: 700_000_000_000_000_000, liquidationBonus: bonus, borrowable: false, interest: .zero),
            ]
            _ = try state.addLendingMarket(name: "m", unit: "USD", mode: mode, closeFactor: GenesisPositionTests.wad / 2,
                                           insuranceFund: insurance, assets: assets, timestamp: 0)
            try state.endow(usdc, amount: usdcSupply, to: supplier)
            try state.endow(eth, amount: Self.ethSupply, to: supplier)
            var log: [StepRecord] = []
            let outcome = state.runSteps(of: Transaction(sender: supplier, agent: "genesis",
                                                         steps: [.deposit(market: 0, asset: usdc, amount: .exact(usdcSupply)),
                                                                 .deposit(market: 0, asset: eth, amount: .exact(Self.ethSupply))],
                                                         submittedAt: 0),
                                         context: ExecutionContext(block: 0, timestamp: 0, recordSteps: false), log: &log)
            state.commit()
            #expect(outcome == .executed)
            var accounts: [AccountID] = []
            for index in 0..<count { accounts.append(state.addAccount(named: "borrower-\(index)")) }
            self.accounts = accounts
        }

        /// The rows as transactions, as the world builder opened them before: endow, deposit,
        /// then (for a health target) value the position, read the debt price, cap by
        /// maxBorrow, and borrow. Returns the first refusal in the same form as the bulk call.
        mutating func openByTransactions(_ rows: [GenesisPosition]) -> GenesisRefusal? {
            func run(_ account: AccountID, _ step: Step) -> RevertReason? {
                var log: [StepRecord] = []
                let outcome = state.runSteps(of: Transaction(sender: account, agent: "genesis", steps: [step], submittedAt: 0),
                                             context: ExecutionContext(block: 0, timestamp: 0, recordSteps: false), log: &log)
                state.commit()
                if case .reverted(_, let reason) = outcome { return reason }
                return nil
            }
            for (index, row) in rows.enumerated() {
                guard row.collateralAmount > 0 else { continue }
                do { try state.endow(row.collateral, amount: row.collateralAmount, to: row.account) } catch {
                    return GenesisRefusal(row: index, failure: .endowment(error))
                }
                if let reason = run(row.account, .deposit(market: 0, asset: row.collateral, amount: .exact(row.collateralAmount))) {
                    return GenesisRefusal(row: index, failure: .deposit(reason))
                }
                let amount: UInt128
                switch row.borrow {
                case .exact(let value): amount = value
                case .health(let health):
                    let slot = state.markets[0].slot(of: row.debt)!
                    let values: AccountValues, debtPrice: UInt128, most: UInt128
                    do { values = try state.accountValues(market: 0, account: row.account, at: 0) } catch {
                        return GenesisRefusal(row: index, failure: .valuation(error))
                    }
                    do { debtPrice = try state.price(state.markets[0].assets[slot].price, at: 0) } catch {
                        return GenesisRefusal(row: index, failure: .debtPrice(error))
                    }
                    do { most = try state.maxBorrow(market: 0, asset: row.debt, account: row.account, at: 0) } catch {
                        return GenesisRefusal(row: index, failure: .valuation(error))
                    }
                    let target = TokenUnits.toDouble(values.weightedCollateral, decimals: 18) / health / TokenUnits.toDouble(debtPrice, decimals: 18)
                    amount = min(TokenUnits.fromDouble(target, decimals: state.ledger.assets[row.debt.index].decimals), most)
                }
                guard amount > 0 else { continue }
                if let reason = run(row.account, .borrow(market: 0, asset: row.debt, amount: .exact(amount))) {
                    return GenesisRefusal(row: index, failure: .borrow(reason))
                }
            }
            return nil
        }

        mutating func openInBulk(_ rows: [GenesisPosition]) -> GenesisRefusal? {
            do { try state.openGenesisPositions(market: 0, rows, at: 0) } catch { return error }
            return nil
        }
    }

    /// Every balance, supply, account name, position, reserve total and index answer of two
    /// states agree, and each heap of `bulk` is a valid max-heap whose locations point back.
    static func expectSame(_ bulk: ProtocolState, _ reference: ProtocolState, _ label: String) throws {
        #expect(bulk.ledger.accountNames == reference.ledger.accountNames, "\(label)")
        #expect(bulk.ledger.supply == reference.ledger.supply, "\(label)")
        for asset in bulk.ledger.assets.indices {
            let id = AssetID(asset)
            let same = (0..<bulk.ledger.accountCount).allSatisfy {
                bulk.ledger.balance(id, of: AccountID($0)) == reference.ledger.balance(id, of: AccountID($0))
            }
            #expect(same, "\(label): \(bulk.ledger.assets[asset].symbol) balances")
        }
        #expect(bulk.ledger.journal.isEmpty && bulk.modelUndo.isEmpty, "\(label)")
        #expect(bulk.markets[0].positions == reference.markets[0].positions, "\(label)")
        #expect(bulk.markets[0].reserves == reference.markets[0].reserves, "\(label)")
        let index = bulk.liquidationIndices[0], referenceIndex = reference.liquidationIndices[0]
        #expect(index.count == referenceIndex.count, "\(label)")
        #expect(index.general == referenceIndex.general, "\(label)")
        #expect(index.locations.count == referenceIndex.locations.count, "\(label)")
        for (number, heap) in index.heaps.enumerated() {
            #expect(Set(heap.accounts) == Set(referenceIndex.heaps[number].accounts), "\(label): heap \(number)")
            for node in heap.keys.indices {
                if node > 0 { #expect(heap.keys[(node - 1) / 2] >= heap.keys[node], "\(label): heap \(number) node \(node)") }
                let location = index.locations[heap.accounts[node].index]
                #expect(location.heap == Int32(number) && location.position == Int32(node), "\(label): heap \(number) node \(node)")
            }
        }
        for threshold in [wad, wad * 11 / 10, wad * 3 / 2, wad * 3] {
            let found = bulk.accountsBelowHealth(threshold, market: 0, at: 0)
            #expect(found == reference.accountsBelowHealth(threshold, market: 0, at: 0), "\(label)")
            #expect(found == (try LiquidationIndexTests.bruteForce(bulk, below: threshold, at: 0)), "\(label)")
        }
        #expect(try bulk.lowestHealth(market: 0, at: 0) == LiquidationIndexTests.bruteLowest(bulk, at: 0), "\(label)")
    }

    /// Random rows: ETH or WBTC collateral (some zero, some dust), USDC or ETH debt, by health
    /// target (some below 1: capped by the borrowing power) or an exact amount within it.
    static func randomRows(_ market: Market, _ stream: RandomStream) -> [GenesisPosition] {
        market.accounts.map { account in
            let collateral = stream.bernoulli(0.7) ? market.eth : market.wbtc
            let (unit, price) = collateral == market.eth ? (1e18, 2_000.0) : (1e8, 40_000.0)
            let amount: UInt128 = switch stream.uniformInt(10) {
            case 0: 0
            case 1: UInt128(1 + stream.uniformInt(1_000))
            default: UInt128(stream.uniform() * 30 * unit) + 1
            }
            let debt = collateral == market.wbtc && stream.bernoulli(0.3) ? market.eth : market.usdc
            // An exact debt of up to 60 % of the collateral's value: within a collateral factor of 0.7.
            let value = Double(amount) / unit * price * 0.6 * stream.uniform()
            let borrow: GenesisBorrow = stream.bernoulli(0.7)
                ? .health(0.8 + 2 * stream.uniform())
                : .exact(debt == market.usdc ? UInt128(value * 1e6) : UInt128(value / 2_000 * 1e18))
            return GenesisPosition(account: account, collateral: collateral, collateralAmount: amount, debt: debt, borrow: borrow)
        }
    }

    @Test("Random populations: every balance, position, reserve total and index answer equals the transaction path's, including after later steps")
    func randomPopulations() throws {
        for seed in UInt64(1)...6 {
            let stream = RandomStream(seed: 20_261_126 + seed)
            var bulk = try Market(accounts: 300), reference = try Market(accounts: 300)
            let rows = Self.randomRows(bulk, stream)
            #expect(reference.openByTransactions(rows) == nil, "seed \(seed)")
            #expect(bulk.openInBulk(rows) == nil, "seed \(seed)")
            try Self.expectSame(bulk.state, reference.state, "seed \(seed)")
            let index = bulk.state.liquidationIndices[0]
            #expect(index.heaps[(index.slots * index.slots)...].contains { !$0.keys.isEmpty }, "seed \(seed): dust positions reach the dust heaps")
            // Later transactions re-key the heapified heaps as the sifted ones.
            for account in bulk.accounts.prefix(40) {
                for index in 0..<2 {
                    var market = index == 0 ? bulk : reference
                    var log: [StepRecord] = []
                    let most = (try? market.state.maxBorrow(market: 0, asset: market.usdc, account: account, at: 0)) ?? 0
                    guard most > 1 else { continue }
                    _ = market.state.runSteps(of: Transaction(sender: account, agent: "test",
                                                              steps: [.borrow(market: 0, asset: market.usdc, amount: .exact(most / 2))], submittedAt: 0),
                                              context: ExecutionContext(block: 1, timestamp: 0, recordSteps: false), log: &log)
                    market.state.commit()
                    if index == 0 { bulk = market } else { reference = market }
                }
            }
            try Self.expectSame(bulk.state, reference.state, "seed \(seed), after borrows")
        }
    }

    @Test("Exact rows (snapshots): a row beyond the borrowing power is refused with the borrow step's error, the rows before it and its deposit stand")
    func beyondBorrowingPower() throws {
        var bulk = try Market(accounts: 3), reference = try Market(accounts: 3)
        // 1 ETH at 2,000 with a collateral factor of 0.75 can borrow 1,500 USDC, not 1,600.
        let rows = [(1_500, 0), (1_600, 1), (10, 2)].map { debt, account in
            GenesisPosition(account: bulk.accounts[account], collateral: bulk.eth, collateralAmount: Self.wad, debt: bulk.usdc,
                            borrow: .exact(UInt128(debt) * 1_000_000))
        }
        let refusalResult = bulk.openInBulk(rows)
        let refusal = try #require(refusalResult)
        #expect(refusal == GenesisRefusal(row: 1, failure: .borrow(.lending(.insufficientCollateral(
            borrowingPower: 1_500 * Self.wad, debt: 1_600 * Self.wad, unit: "USD")))))
        #expect(refusal.text(assets: bulk.state.ledger.assets)
                == "row 1: borrow: lending: debt 1600 USD would exceed borrowing power 1500 USD")
        #expect(reference.openByTransactions(rows) == refusal)
        try Self.expectSame(bulk.state, reference.state, "beyond borrowing power")
        #expect(bulk.state.supplied(market: 0, slot: 1, account: bulk.accounts[1]) == Self.wad)
        #expect(bulk.state.markets[0].positions[bulk.accounts[2]] == nil)
    }

    @Test("A borrow beyond the market's cash is refused with insufficient liquidity, and one beyond the borrow cap with the cap's error")
    func beyondCashAndCap() throws {
        // 2,000 USDC of cash: the second 1,500 USDC borrow finds 500.
        var bulk = try Market(accounts: 2, usdcSupply: 2_000 * 1_000_000), reference = try Market(accounts: 2, usdcSupply: 2_000 * 1_000_000)
        let rows = bulk.accounts.map {
            GenesisPosition(account: $0, collateral: bulk.eth, collateralAmount: Self.wad, debt: bulk.usdc, borrow: .exact(1_500 * 1_000_000))
        }
        let refusalResult = bulk.openInBulk(rows)
        let refusal = try #require(refusalResult)
        #expect(refusal == GenesisRefusal(row: 1, failure: .borrow(.lending(.insufficientLiquidity(
            asset: bulk.usdc, needed: 1_500 * 1_000_000, available: 500 * 1_000_000)))))
        #expect(refusal.text(assets: bulk.state.ledger.assets)
                == "row 1: borrow: lending: insufficient USDC liquidity: needs 1500 USDC, market holds 500 USDC")
        #expect(reference.openByTransactions(rows) == refusal)
        try Self.expectSame(bulk.state, reference.state, "beyond cash")

        var capped = try Market(accounts: 2, usdcBorrowCap: 2_000 * 1_000_000), cappedReference = try Market(accounts: 2, usdcBorrowCap: 2_000 * 1_000_000)
        let cappedRefusalResult = capped.openInBulk(rows)
        let cappedRefusal = try #require(cappedRefusalResult)
        #expect(cappedRefusal == GenesisRefusal(row: 1, failure: .borrow(.lending(.borrowCapExceeded(asset: capped.usdc, cap: 2_000 * 1_000_000)))))
        #expect(cappedReference.openByTransactions(rows) == cappedRefusal)
        try Self.expectSame(capped.state, cappedReference.state, "beyond the borrow cap")
    }

    @Test("Health-target rows stop at the cash left and the borrow cap's room instead of being refused")
    func healthTargetsAreCapped() throws {
        var bulk = try Market(accounts: 3, usdcSupply: 2_000 * 1_000_000, usdcBorrowCap: 1_800 * 1_000_000)
        var reference = try Market(accounts: 3, usdcSupply: 2_000 * 1_000_000, usdcBorrowCap: 1_800 * 1_000_000)
        let rows = bulk.accounts.map {
            GenesisPosition(account: $0, collateral: bulk.eth, collateralAmount: Self.wad, debt: bulk.usdc, borrow: .health(1.25))
        }
        #expect(bulk.openInBulk(rows) == nil)
        #expect(reference.openByTransactions(rows) == nil)
        // 2,000 × 0.8 / 1.25 = 1,280 USDC first; then the cap leaves 520, then nothing.
        #expect(bulk.accounts.map { bulk.state.debt(market: 0, slot: 0, account: $0) } == [1_280_000_000, 520_000_000, 0])
        try Self.expectSame(bulk.state, reference.state, "capped health targets")
    }

    @Test("A deposit beyond the supply cap is refused with the deposit step's error; its endowment stands")
    func beyondSupplyCap() throws {
        let cap = Market.ethSupply + Self.wad  // 1 ETH of room above the supplier's
        var bulk = try Market(accounts: 2, ethSupplyCap: cap), reference = try Market(accounts: 2, ethSupplyCap: cap)
        let rows = bulk.accounts.map {
            GenesisPosition(account: $0, collateral: bulk.eth, collateralAmount: Self.wad * 3 / 4, debt: bulk.usdc, borrow: .exact(0))
        }
        let refusalResult = bulk.openInBulk(rows)
        let refusal = try #require(refusalResult)
        #expect(refusal == GenesisRefusal(row: 1, failure: .deposit(.lending(.supplyCapExceeded(asset: bulk.eth, cap: cap)))))
        #expect(reference.openByTransactions(rows) == refusal)
        try Self.expectSame(bulk.state, reference.state, "beyond the supply cap")
        #expect(bulk.state.ledger.balance(bulk.eth, of: bulk.accounts[1]) == Self.wad * 3 / 4)
    }

    @Test("A row borrowing its own collateral asset is valued on both sides, and refused beyond its borrowing power")
    func borrowsItsCollateral() throws {
        var bulk = try Market(accounts: 2), reference = try Market(accounts: 2)
        // 1 ETH at 2,000 with a collateral factor of 0.75: 0.75 ETH may be borrowed against it, 1 ETH may not.
        let rows = [(Self.wad * 3 / 4, 0), (Self.wad, 1)].map { debt, account in
            GenesisPosition(account: bulk.accounts[account], collateral: bulk.eth, collateralAmount: Self.wad, debt: bulk.eth, borrow: .exact(debt))
        }
        let refusalResult = bulk.openInBulk(rows)
        let refusal = try #require(refusalResult)
        #expect(refusal == GenesisRefusal(row: 1, failure: .borrow(.lending(.insufficientCollateral(
            borrowingPower: 1_500 * Self.wad, debt: 2_000 * Self.wad, unit: "USD")))))
        #expect(reference.openByTransactions(rows) == refusal)
        try Self.expectSame(bulk.state, reference.state, "own collateral")
        #expect(bulk.state.liquidationIndices[0].general == [bulk.accounts[0]])
    }
}
