/// The perp markets' invariants: tokens held = collateral + lendable, totals = Σ accounts,
/// Σ base = 0 and Σ quote = 0 (so unrealised PnL is zero-sum at any mark), open interest = Σ longs.
extension ProtocolState {
    /// Checks the perp markets written since journal position `start`: each market's account
    /// against its book, and the accounts written changed collateral, borrowings, base, quote and
    /// longs by exactly as much as the book (base and quote by zero: their totals are zero).
    /// Wrapping sums, so equality mod 2^128 is exact equality of the changes. O(records since `start`).
    func checkPerpInvariants(since start: Int) throws(InvariantViolation) {
        var firstBook: [Int: PerpBook] = [:]
        var firstAccount: [VenueAccount: PerpAccount?] = [:]
        for record in modelUndo[start...] {
            switch record {
            case .perpBook(let index, let old): if firstBook[index] == nil { firstBook[index] = old }
            case .perpAccount(let index, let account, let old):
                let key = VenueAccount(venue: index, account: account)
                if firstAccount[key] == nil { firstAccount[key] = .some(old) }
            default: continue
            }
        }
        var changes: [Int: PerpTotals] = [:]
        for (key, old) in firstAccount {
            let now = perpMarkets[key.venue].accounts[key.account] ?? PerpAccount()
            changes[key.venue, default: PerpTotals()].add(now)
            changes[key.venue, default: PerpTotals()].subtract(old ?? PerpAccount())
        }
        for index in Set(firstBook.keys).union(changes.keys) {
            let now = perpMarkets[index].book, before = firstBook[index] ?? now
            let change = changes[index] ?? PerpTotals()
            guard change.collateral == now.collateral &- before.collateral, change.borrowed == now.borrowed &- before.borrowed,
                  change.longs == now.openInterest &- before.openInterest, change.base == 0, change.quote == 0 else {
                throw InvariantViolation("perp market \(perpMarkets[index].name): account changes do not add up to the book (Σ base, Σ quote stay 0)")
            }
            try checkPerpMarketAccount(index)
        }
    }

    /// Checks a perp market fully: its account against its book, and every account's sums. O(accounts).
    func checkPerpMarketFully(_ index: Int) throws(InvariantViolation) {
        try checkPerpMarketAccount(index)
        var totals = PerpTotals()
        for holder in perpMarkets[index].accounts.values { totals.add(holder) }
        let book = perpMarkets[index].book
        guard totals.collateral == book.collateral, totals.borrowed == book.borrowed, totals.longs == book.openInterest,
              totals.base == 0, totals.quote == 0 else {
            throw InvariantViolation("perp market \(perpMarkets[index].name): Σ accounts ≠ book, or Σ base / Σ quote ≠ 0")
        }
    }

    /// The market account holds exactly collateral + lendable quote. O(1).
    private func checkPerpMarketAccount(_ index: Int) throws(InvariantViolation) {
        let market = perpMarkets[index]
        let held = ledger.balance(market.quoteAsset, of: market.account)
        guard market.book.collateral.addingReportingOverflow(market.book.lendable) == (held, false) else {
            throw InvariantViolation("perp market \(market.name): holds \(held) ≠ collateral \(market.book.collateral) + lendable \(market.book.lendable)")
        }
    }
}

/// Wrapping sums over perp accounts (for comparing changes mod 2^128).
struct PerpTotals {
    var collateral: UInt128 = 0
    var borrowed: UInt128 = 0
    var longs: UInt128 = 0
    var base: Int128 = 0
    var quote: Int128 = 0

    mutating func add(_ holder: PerpAccount) {
        collateral &+= holder.collateral
        borrowed &+= holder.borrowed
        longs &+= ProtocolState.longs(holder.base)
        base &+= holder.base
        quote &+= holder.quote
    }

    mutating func subtract(_ holder: PerpAccount) {
        collateral &-= holder.collateral
        borrowed &-= holder.borrowed
        longs &-= ProtocolState.longs(holder.base)
        base &-= holder.base
        quote &-= holder.quote
    }
}
