import ProtocolModel

extension WorldBuilder {
    /// The note that drawn `borrowers` of `market` hold less `debt` than their health asked for
    /// because the market ran out of it at genesis — its cash is gone, or its borrow cap is
    /// reached — or nil when it did not. Their borrows are capped in account order
    /// (``ProtocolState/openGenesisPositions(market:_:at:)`` applies the borrow step's rules), so the
    /// last borrowers hold none, and the one before them less than it asked for.
    /// - Complexity: O(1) when the market did not run out; else O(borrowers).
    static func genesisShortfall(_ state: ProtocolState, market: Int, debt: AssetID, borrowers: [AccountID]) -> String? {
        let book = state.markets[market]
        guard !borrowers.isEmpty, let slot = book.slot(of: debt) else { return nil }
        let reserve = book.reserves[slot]
        let totalDebt = state.totalDebt(market: market, slot: slot)
        let capReached = book.assets[slot].borrowCap.map { totalDebt >= $0 } ?? false
        guard reserve.cash == 0 || capReached else { return nil }
        let without = borrowers.count { state.debt(market: market, slot: slot, account: $0) == 0 }
        let symbol = state.ledger.assets[debt.index].symbol
        let limit = capReached ? "reached its \(symbol) borrow cap" : "lent all its \(symbol) cash"
        let short = without == 0
            ? "its last drawn borrower holds less debt than its health asked for"
            : "\(without) of \(borrowers.count) drawn borrowers hold no debt, and the one before them less than its health asked for"
        return "\(book.name) \(limit) at genesis: \(short) (raise the market's supply or borrow cap)"
    }
}
