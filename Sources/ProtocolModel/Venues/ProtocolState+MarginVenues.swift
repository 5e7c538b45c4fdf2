/// Margin-trading venues: building them, opening and closing short positions through
/// transaction steps, journalling their writes, checking them, and reading positions for
/// valuation.
extension ProtocolState {
    /// Creates a margin venue lending `loanAsset` through pool `pool`, holding `liquidity` taken
    /// from `provider` (minted when nil: a scenario's genesis). `leverage` and `ocr` are wad with
    /// leverage ≥ ocr ≥ 1 (so the amount sold covers the margin); `oracle` prices the pool's other
    /// token in `loanAsset`. Called while the world is being built.
    public mutating func addMarginVenue(
        name: String, pool: Int, loanAsset: AssetID, leverage: UInt128, ocr: UInt128, oracle: Int, checkEquity: Bool,
        liquidity: UInt128, provider: AccountID?
    ) throws(LedgerError) -> Int {
        let venue = pools[pool]
        precondition(venue.token0 == loanAsset || venue.token1 == loanAsset, "a margin venue lends a token of its pool")
        precondition(ocr >= FixedPoint.wad && leverage >= ocr, "a margin venue needs leverage ≥ ocr ≥ 1")
        precondition(oracles.indices.contains(oracle), "a margin venue needs an oracle")
        let account = ledger.addAccount(named: "margin:\(name)")
        if let provider {
            try ledger.transfer(loanAsset, amount: liquidity, from: provider, to: account)
        } else {
            try ledger.mint(loanAsset, amount: liquidity, to: account)
        }
        ledger.commit()
        marginVenues.append(MarginVenue(
            name: name, pool: pool, loanAsset: loanAsset, positionAsset: venue.token0 == loanAsset ? venue.token1 : venue.token0,
            account: account, leverage: leverage, ocr: ocr, oracle: oracle, checkEquity: checkEquity,
            book: MarginBook(liquidity: liquidity)))
        return marginVenues.count - 1
    }

    /// `account`'s position at margin venue `venue`, if open: locked Y and loan X, raw units.
    public func marginPosition(venue: Int, account: AccountID) -> MarginPosition? {
        marginVenues[venue].positions[account]
    }

    /// Every open position at margin venue `venue`, by account, in account order (for valuation:
    /// a position is worth its locked Y less its loan X).
    /// - Complexity: O(p log p) in the venue's positions.
    public func marginPositions(venue: Int) -> [(account: AccountID, position: MarginPosition)] {
        marginVenues[venue].positions.map { (account: $0.key, position: $0.value) }.sorted { $0.account < $1.account }
    }

    /// Opens (or adds to) the sender's short at venue `index` with `margin` of X: sells
    /// margin·ℓ/ocr of X through the pool and locks the Y bought. Reverts when the liquidity does
    /// not cover the loan, or, with the equity check on, unless locked Y · oracle price ≥ loan · ocr.
    mutating func openShort(_ index: Int, margin: UInt128, sender: AccountID, timestamp: Int64) throws(RevertReason) -> StepFlows {
        guard margin > 0 else { throw .venue(.zeroAmount) }
        var venue = marginVenues[index]
        let sold: UInt128
        do { sold = try FixedPoint.mulDiv(margin, venue.leverage, venue.ocr, rounding: .down) } catch { throw .arithmetic(error) }
        let loan = sold - margin  // leverage ≥ ocr, so sold ≥ margin
        guard loan <= venue.book.liquidity else { throw .venue(.insufficientInventory) }
        do { try ledger.transfer(venue.loanAsset, amount: margin, from: sender, to: venue.account) } catch { throw .ledger(error) }
        let bought = try swapThroughPool(venue.pool, zeroForOne: pools[venue.pool].token0 == venue.loanAsset, amountIn: sold,
                                         trader: venue.account, timestamp: timestamp)
        var position = venue.positions[sender] ?? MarginPosition(lockedY: 0, loanX: 0)
        do {
            position.lockedY = try FixedPoint.add(position.lockedY, bought)
            position.loanX = try FixedPoint.add(position.loanX, loan)
            venue.book.locked = try FixedPoint.add(venue.book.locked, bought)
            venue.book.lent = try FixedPoint.add(venue.book.lent, loan)
        } catch { throw .arithmetic(error) }
        venue.book.liquidity -= loan
        if venue.checkEquity { try checkEquity(venue, position, timestamp: timestamp) }
        writeMarginBook(index, venue.book)
        writeMarginPosition(index, sender, position)
        return StepFlows(assetIn: venue.loanAsset, amountIn: margin, pool: venue.pool, poolInput: sold)
    }

    /// Closes the sender's short at venue `index`: sells its locked Y through the pool, repays
    /// the loan and pays the sender what is left; a shortfall is the lenders' loss.
    mutating func closeShort(_ index: Int, sender: AccountID, timestamp: Int64) throws(RevertReason) -> StepFlows {
        var venue = marginVenues[index]
        guard let position = venue.positions[sender] else { throw .venue(.noPosition) }
        let proceeds = try swapThroughPool(venue.pool, zeroForOne: pools[venue.pool].token0 == venue.positionAsset,
                                           amountIn: position.lockedY, trader: venue.account, timestamp: timestamp)
        let repaid = min(proceeds, position.loanX)
        let payout = proceeds - repaid
        do { try ledger.transfer(venue.loanAsset, amount: payout, from: venue.account, to: sender) } catch { throw .ledger(error) }
        do {
            venue.book.liquidity = try FixedPoint.add(venue.book.liquidity, repaid)
            venue.book.lenderLoss = try FixedPoint.add(venue.book.lenderLoss, position.loanX - repaid)
        } catch { throw .arithmetic(error) }
        venue.book.locked -= position.lockedY
        venue.book.lent -= position.loanX
        writeMarginBook(index, venue.book)
        writeMarginPosition(index, sender, nil)
        return StepFlows(assetOut: venue.loanAsset, amountOut: payout, pool: venue.pool, poolInput: position.lockedY)
    }

    /// Reverts unless the position's locked Y, valued at the oracle's price of Y in X, covers
    /// its loan times ocr (value rounded down, requirement up).
    private func checkEquity(_ venue: MarginVenue, _ position: MarginPosition, timestamp: Int64) throws(RevertReason) {
        let price: UInt128
        do { price = try readOracle(venue.oracle, at: timestamp).value } catch { throw .oracle(error) }
        let decimalsX = ledger.assets[venue.loanAsset.index].decimals, decimalsY = ledger.assets[venue.positionAsset.index].decimals
        let value: UInt128, required: UInt128
        do {
            // lockedY · price · 10^dX / (10^dY · 10^18), with the powers of ten cancelled into one.
            let shift = decimalsY + 18 - decimalsX
            value = shift >= 0
                ? try FixedPoint.mulDiv(position.lockedY, price, FixedPoint.powerOfTen(shift), rounding: .down)
                : try FixedPoint.multiply(try FixedPoint.multiply(position.lockedY, price), FixedPoint.powerOfTen(-shift))
            required = try FixedPoint.mulDiv(position.loanX, venue.ocr, FixedPoint.wad, rounding: .up)
        } catch { throw .arithmetic(error) }
        guard value >= required else { throw .venue(.insufficientEquity) }
    }

    /// Writes venue `index`'s totals, journalled.
    private mutating func writeMarginBook(_ index: Int, _ book: MarginBook) {
        modelUndo.append(.marginBook(index: index, old: marginVenues[index].book))
        marginVenues[index].book = book
    }

    /// Writes (or with nil removes) `account`'s position at venue `index`, journalled.
    private mutating func writeMarginPosition(_ index: Int, _ account: AccountID, _ position: MarginPosition?) {
        modelUndo.append(.marginPosition(venue: index, account: account, old: marginVenues[index].positions[account]))
        marginVenues[index].positions[account] = position
    }

    /// Checks the margin venues written since journal position `start`: each one's account
    /// against its book, and the positions written changed locked Y and loan X by exactly as
    /// much as the book (wrapping sums, so equality mod 2^128 is exact equality of the changes).
    /// O(records since `start`).
    func checkMarginInvariants(since start: Int) throws(InvariantViolation) {
        var firstBook: [Int: MarginBook] = [:]
        var firstPosition: [VenueAccount: MarginPosition?] = [:]
        for record in modelUndo[start...] {
            switch record {
            case .marginBook(let index, let old): if firstBook[index] == nil { firstBook[index] = old }
            case .marginPosition(let index, let account, let old):
                let key = VenueAccount(venue: index, account: account)
                if firstPosition[key] == nil { firstPosition[key] = .some(old) }
            default: continue
            }
        }
        var lockedChange: [Int: UInt128] = [:], lentChange: [Int: UInt128] = [:]
        for (key, old) in firstPosition {
            let now = marginVenues[key.venue].positions[key.account]
            lockedChange[key.venue, default: 0] &+= (now?.lockedY ?? 0) &- (old?.lockedY ?? 0)
            lentChange[key.venue, default: 0] &+= (now?.loanX ?? 0) &- (old?.loanX ?? 0)
        }
        for index in Set(firstBook.keys).union(lockedChange.keys) {
            let now = marginVenues[index].book, before = firstBook[index] ?? now
            guard lockedChange[index, default: 0] == now.locked &- before.locked, lentChange[index, default: 0] == now.lent &- before.lent else {
                throw InvariantViolation("margin venue \(marginVenues[index].name): position changes do not add up to the book")
            }
            try checkMarginVenue(index)
        }
    }

    struct VenueAccount: Hashable {
        let venue: Int
        let account: AccountID
    }

    /// Checks a margin venue's account against its book: X balance = liquidity, Y balance =
    /// locked. O(1).
    func checkMarginVenue(_ index: Int) throws(InvariantViolation) {
        let venue = marginVenues[index]
        let balanceX = ledger.balance(venue.loanAsset, of: venue.account), balanceY = ledger.balance(venue.positionAsset, of: venue.account)
        guard balanceX == venue.book.liquidity, balanceY == venue.book.locked else {
            throw InvariantViolation("margin venue \(venue.name): liquidity/locked \(venue.book.liquidity)/\(venue.book.locked) ≠ balances \(balanceX)/\(balanceY)")
        }
    }

    /// Checks a margin venue fully: its book against its account, and the positions' sums
    /// against the book. O(positions).
    func checkMarginVenueFully(_ index: Int) throws(InvariantViolation) {
        try checkMarginVenue(index)
        let venue = marginVenues[index]
        var locked: UInt128 = 0, lent: UInt128 = 0
        for position in venue.positions.values {
            locked &+= position.lockedY
            lent &+= position.loanX
        }
        guard locked == venue.book.locked, lent == venue.book.lent else {
            throw InvariantViolation("margin venue \(venue.name): Σ positions \(locked)/\(lent) ≠ book \(venue.book.locked)/\(venue.book.lent)")
        }
    }
}
