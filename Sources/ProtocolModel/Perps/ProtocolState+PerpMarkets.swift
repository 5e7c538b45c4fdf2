/// Perp markets: building them, the transaction steps that deposit, trade, borrow and
/// liquidate, journalling their writes, and checking their invariants.
extension ProtocolState {
    /// Creates perp market `name` on `baseAsset`, margined and lending in `quoteAsset`, marked by
    /// oracle `oracle` (its price of the base in the quote, wad); `lendable` quote is minted into
    /// its account `perp:<name>` as the lenders' liquidity (genesis). Factors are wad with
    /// maintenance ≤ initial margin and haircut ≤ 1. Called while the world is being built.
    public mutating func addPerpMarket(
        name: String, baseAsset: AssetID, quoteAsset: AssetID, oracle: Int, initialMargin: UInt128, maintenanceMargin: UInt128,
        liquidationFee: UInt128, pnlAsCollateral: Bool, pnlHaircut: UInt128, lendable: UInt128
    ) throws(LedgerError) -> Int {
        precondition(oracles.indices.contains(oracle), "a perp market needs an oracle")
        precondition(maintenanceMargin <= initialMargin && pnlHaircut <= FixedPoint.wad, "perp market factors out of range")
        let account = ledger.addAccount(named: "perp:\(name)")
        try ledger.mint(quoteAsset, amount: lendable, to: account)
        ledger.commit()
        perpMarkets.append(PerpMarket(
            name: name, baseAsset: baseAsset, quoteAsset: quoteAsset, baseDecimals: ledger.assets[baseAsset.index].decimals,
            quoteDecimals: ledger.assets[quoteAsset.index].decimals, account: account, oracle: oracle, initialMargin: initialMargin,
            maintenanceMargin: maintenanceMargin, liquidationFee: liquidationFee, pnlAsCollateral: pnlAsCollateral,
            pnlHaircut: pnlHaircut, book: PerpBook(lendable: lendable)))
        return perpMarkets.count - 1
    }

    /// Lets `delegate` take the orders of `account` in perp market `market` (a signed order; the
    /// attacker's second wallet). Called while the world is being built.
    public mutating func setPerpDelegate(market: Int, account: AccountID, delegate: AccountID) {
        perpMarkets[market].accounts[account, default: PerpAccount()].delegate = delegate
    }

    /// `account`'s account in perp market `market` (an empty one when it has none).
    public func perpAccount(market: Int, account: AccountID) -> PerpAccount {
        perpMarkets[market].accounts[account] ?? PerpAccount()
    }

    /// The market's mark now: its oracle's answer, wad.
    public func perpMark(_ market: Int, at timestamp: Int64) throws(RevertReason) -> UInt128 {
        do { return try readOracle(perpMarkets[market].oracle, at: timestamp).value } catch { throw .oracle(error) }
    }

    /// `account`'s initial (`maintenance` false) or maintenance health in `market` at the mark
    /// now, quote raw units.
    public func perpHealth(market: Int, account: AccountID, maintenance: Bool = false, at timestamp: Int64) throws(RevertReason) -> Int128 {
        let book = perpMarkets[market]
        let mark = try perpMark(market, at: timestamp)
        do {
            return try book.health(perpAccount(market: market, account: account), mark: mark,
                                   margin: maintenance ? book.maintenanceMargin : book.initialMargin)
        } catch { throw .perp(.arithmetic(error)) }
    }

    /// What `account` can still borrow in `market`: its initial health (when positive), at most
    /// the lenders' liquidity. Quote raw units.
    public func perpMaxBorrow(market: Int, account: AccountID, at timestamp: Int64) throws(RevertReason) -> UInt128 {
        let health = try perpHealth(market: market, account: account, at: timestamp)
        return health > 0 ? min(UInt128(health), perpMarkets[market].book.lendable) : 0
    }

    /// Moves `amount` quote from `sender` into `account`'s collateral (anyone may fund any account).
    mutating func perpDeposit(_ market: Int, account: AccountID, amount: UInt128, sender: AccountID) throws(RevertReason) -> StepFlows {
        guard amount > 0 else { throw .perp(.zeroAmount) }
        var book = perpMarkets[market].book, holder = perpAccount(market: market, account: account)
        do {
            book.collateral = try FixedPoint.add(book.collateral, amount)
            holder.collateral = try FixedPoint.add(holder.collateral, amount)
        } catch { throw .perp(.arithmetic(error)) }
        do { try ledger.transfer(perpMarkets[market].quoteAsset, amount: amount, from: sender, to: perpMarkets[market].account) } catch {
            throw .ledger(error)
        }
        writePerpBook(market, book)
        writePerpAccount(market, account, holder)
        return StepFlows(assetIn: perpMarkets[market].quoteAsset, amountIn: amount)
    }

    /// Withdraws `amount` of the sender's collateral; reverts beyond it or when initial health
    /// would be negative.
    mutating func perpWithdraw(_ market: Int, amount: UInt128, sender: AccountID, timestamp: Int64) throws(RevertReason) -> StepFlows {
        guard amount > 0 else { throw .perp(.zeroAmount) }
        var book = perpMarkets[market].book, holder = perpAccount(market: market, account: sender)
        guard amount <= holder.collateral else {
            throw .perp(.insufficientCollateral(asset: perpMarkets[market].quoteAsset, needed: amount, available: holder.collateral))
        }
        holder.collateral -= amount
        book.collateral -= amount
        writePerpBook(market, book)
        writePerpAccount(market, sender, holder)
        try requireInitialHealth(market, sender, before: nil, timestamp: timestamp)
        do { try ledger.transfer(perpMarkets[market].quoteAsset, amount: amount, from: perpMarkets[market].account, to: sender) } catch {
            throw .ledger(error)
        }
        return StepFlows(assetOut: perpMarkets[market].quoteAsset, amountOut: amount)
    }

    /// Fills `base` raw units between the sender and `counterparty` at `price` (wad, quote per
    /// base): the sender buys when `buy`, sells otherwise; the trade's value base·price is rounded
    /// down and moves between the two quote balances. Reverts unless the counterparty signed the
    /// order (names the sender its delegate), or when either side's initial health ends negative
    /// and lower than before (closing risk is always allowed).
    mutating func perpTrade(_ market: Int, counterparty: AccountID, base: UInt128, price: UInt128, buy: Bool, sender: AccountID,
                            timestamp: Int64) throws(RevertReason) -> StepFlows {
        guard base > 0 else { throw .perp(.zeroAmount) }
        guard counterparty != sender else { throw .perp(.selfTrade) }
        let venue = perpMarkets[market]
        var taker = perpAccount(market: market, account: sender), maker = perpAccount(market: market, account: counterparty)
        guard maker.delegate == sender else { throw .perp(.unsignedOrder) }
        let beforeTaker = try perpHealth(market: market, account: sender, at: timestamp)
        let beforeMaker = try perpHealth(market: market, account: counterparty, at: timestamp)
        var book = venue.book
        do {
            let size = try venue.signed(base), value = try venue.signed(try venue.notional(base, mark: price, rounding: .down))
            let (baseChange, quoteChange) = buy ? (size, -value) : (-size, value)
            let interestBefore = Self.longs(taker.base) + Self.longs(maker.base)
            taker.base = try PerpMarket.sum(taker.base, baseChange)
            taker.quote = try PerpMarket.sum(taker.quote, quoteChange)
            maker.base = try PerpMarket.sum(maker.base, -baseChange)
            maker.quote = try PerpMarket.sum(maker.quote, -quoteChange)
            book.openInterest = try FixedPoint.add(book.openInterest - interestBefore, Self.longs(taker.base) + Self.longs(maker.base))
        } catch { throw .perp(.arithmetic(error)) }
        writePerpBook(market, book)
        writePerpAccount(market, sender, taker)
        writePerpAccount(market, counterparty, maker)
        try requireInitialHealth(market, sender, before: beforeTaker, timestamp: timestamp)
        try requireInitialHealth(market, counterparty, before: beforeMaker, timestamp: timestamp)
        return StepFlows()
    }

    /// Lends `amount` quote from the lenders' liquidity to the sender; reverts beyond the
    /// liquidity or when its initial health would be negative.
    mutating func perpBorrow(_ market: Int, amount: UInt128, sender: AccountID, timestamp: Int64) throws(RevertReason) -> StepFlows {
        guard amount > 0 else { throw .perp(.zeroAmount) }
        var book = perpMarkets[market].book, holder = perpAccount(market: market, account: sender)
        guard amount <= book.lendable else {
            throw .perp(.insufficientLiquidity(asset: perpMarkets[market].quoteAsset, needed: amount, available: book.lendable))
        }
        do {
            holder.borrowed = try FixedPoint.add(holder.borrowed, amount)
            book.borrowed = try FixedPoint.add(book.borrowed, amount)
        } catch { throw .perp(.arithmetic(error)) }
        book.lendable -= amount
        writePerpBook(market, book)
        writePerpAccount(market, sender, holder)
        try requireInitialHealth(market, sender, before: nil, timestamp: timestamp)
        do { try ledger.transfer(perpMarkets[market].quoteAsset, amount: amount, from: perpMarkets[market].account, to: sender) } catch {
            throw .ledger(error)
        }
        return StepFlows(assetOut: perpMarkets[market].quoteAsset, amountOut: amount)
    }

    /// Repays min(`amount`, debt) of the sender's borrowing.
    mutating func perpRepay(_ market: Int, amount: UInt128, sender: AccountID) throws(RevertReason) -> StepFlows {
        var book = perpMarkets[market].book, holder = perpAccount(market: market, account: sender)
        guard holder.borrowed > 0 else { throw .perp(.noDebt) }
        let value = min(amount, holder.borrowed)
        guard value > 0 else { throw .perp(.zeroAmount) }
        holder.borrowed -= value
        book.borrowed -= value
        do { book.lendable = try FixedPoint.add(book.lendable, value) } catch { throw .perp(.arithmetic(error)) }
        do { try ledger.transfer(perpMarkets[market].quoteAsset, amount: value, from: sender, to: perpMarkets[market].account) } catch {
            throw .ledger(error)
        }
        writePerpBook(market, book)
        writePerpAccount(market, sender, holder)
        return StepFlows(assetIn: perpMarkets[market].quoteAsset, amountIn: value)
    }

    /// Takes over `account`'s whole position when its maintenance health is negative: the
    /// sender gets its base at the mark less the liquidation fee on the notional n (a long taken
    /// for n − fee, a short for n + fee, rounded down: the fee is the liquidator's gain at the
    /// mark), and the account keeps the difference as realised quote. Reverts unless the
    /// liquidator's initial health ends non-negative.
    mutating func perpLiquidate(_ market: Int, account: AccountID, sender: AccountID, timestamp: Int64) throws(RevertReason) -> StepFlows {
        guard account != sender else { throw .perp(.selfTrade) }
        let venue = perpMarkets[market]
        var target = perpAccount(market: market, account: account), liquidator = perpAccount(market: market, account: sender)
        guard target.base != 0 else { throw .perp(.noPosition) }
        let health = try perpHealth(market: market, account: account, maintenance: true, at: timestamp)
        guard health < 0 else { throw .perp(.notLiquidatable(health, asset: perpMarkets[market].quoteAsset)) }
        let mark = try perpMark(market, at: timestamp)
        var book = venue.book
        do {
            let interestBefore = Self.longs(target.base) + Self.longs(liquidator.base)
            let takeover = try venue.takeover(of: target, by: liquidator, mark: mark)
            liquidator = takeover.liquidator
            target.quote = try PerpMarket.sum(target.quote, -takeover.price)
            target.base = 0
            book.openInterest = try FixedPoint.add(book.openInterest - interestBefore, Self.longs(target.base) + Self.longs(liquidator.base))
        } catch { throw .perp(.arithmetic(error)) }
        writePerpBook(market, book)
        writePerpAccount(market, account, target)
        writePerpAccount(market, sender, liquidator)
        try requireInitialHealth(market, sender, before: nil, timestamp: timestamp)
        return StepFlows()
    }

    /// Reverts when `account`'s initial health is negative, unless it is no lower than `before`.
    private func requireInitialHealth(_ market: Int, _ account: AccountID, before: Int128?, timestamp: Int64) throws(RevertReason) {
        let holder = perpAccount(market: market, account: account)
        guard holder.base != 0 || holder.borrowed > 0 || holder.quote < 0 else { return }
        let health = try perpHealth(market: market, account: account, at: timestamp)
        guard health < 0 else { return }
        if let before, health >= before { return }
        throw .perp(.insufficientHealth(health, asset: perpMarkets[market].quoteAsset))
    }

    /// The long part of a position, base raw units (its share of open interest).
    static func longs(_ base: Int128) -> UInt128 { base > 0 ? base.magnitude : 0 }

    /// Writes perp market `index`'s totals, journalled.
    private mutating func writePerpBook(_ index: Int, _ book: PerpBook) {
        modelUndo.append(.perpBook(index: index, old: perpMarkets[index].book))
        perpMarkets[index].book = book
    }

    /// Writes `account`'s account in perp market `index`, journalled.
    private mutating func writePerpAccount(_ index: Int, _ account: AccountID, _ holder: PerpAccount) {
        modelUndo.append(.perpAccount(market: index, account: account, old: perpMarkets[index].accounts[account]))
        perpMarkets[index].accounts[account] = holder
    }
}

extension ProtocolState {
    /// Runs a perp-market step (amounts evaluated when it runs).
    mutating func runPerp(_ step: Step, sender: AccountID, context: ExecutionContext) throws(RevertReason) -> StepFlows {
        let time = context.timestamp
        switch step {
        case .perpDeposit(let market, let account, let amount):
            return try perpDeposit(market, account: account, amount: try evaluate(amount, sender: sender, at: time), sender: sender)
        case .perpWithdraw(let market, let amount):
            return try perpWithdraw(market, amount: try evaluate(amount, sender: sender, at: time), sender: sender, timestamp: time)
        case .perpTrade(let market, let counterparty, let base, let price, let buy):
            return try perpTrade(market, counterparty: counterparty, base: base, price: price, buy: buy, sender: sender, timestamp: time)
        case .perpBorrow(let market, let amount):
            return try perpBorrow(market, amount: try evaluate(amount, sender: sender, at: time), sender: sender, timestamp: time)
        case .perpRepay(let market, let amount):
            return try perpRepay(market, amount: try evaluate(amount, sender: sender, at: time), sender: sender)
        case .perpLiquidate(let market, let account):
            return try perpLiquidate(market, account: account, sender: sender, timestamp: time)
        default:
            preconditionFailure("runPerp runs perp-market steps only")
        }
    }
}
