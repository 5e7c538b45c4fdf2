extension ProtocolState {
    // NOTE: a step's balance writes in one call each, not a write of the slot's balances then
    // one of the position's: the old values go to the journal in one append and the market is
    // written in one access (one uniqueness check of the journal's storage and of the markets
    // instead of two and four; callgrind, benchmark-day warm-up + 1: 917.3 M -> 914.9 M).
    // The balances alone are journalled and written, not the whole per-asset state: a write of
    // the whole state (``writeReserve(_:_:_:)``) copied 152 bytes into the journal and 152 back
    // (callgrind: writeReserve 245 instructions a write, 47.8 k writes in a benchmark day's
    // liquidations, warm-up + 1).

    /// Writes a market asset's balances (scaled supply, scaled debt and cash) and `position`'s
    /// scaled supplied balance or scaled debt of the same slot, journalled in one `.balances`
    /// record: a step's writes. O(1).
    // NOTE: one record holding both old values, not a `.reserveBalances` and a position record:
    // each record is built and copied whole (128 bytes) into the journal, two writes a
    // liquidation (callgrind, benchmark-day full day, warm-up + 1: 589.47 M -> 587.86 M).
    mutating func writeBalances(_ market: Int, _ slot: Int, scaledSupply: UInt128, scaledDebt: UInt128, cash: UInt128,
                                _ position: LendingPosition, _ balance: PositionBalance) {
        let old = markets[market].reserves[slot]
        let oldBalance = markets[market].positions.balance(position, slot: slot, like: balance)
        modelUndo.append(.balances(market: market, slot: slot, scaledSupply: old.scaledSupply, scaledDebt: old.scaledDebt,
                                   cash: old.cash, position: position, old: oldBalance))
        markets[market].setBalances(slot, scaledSupply: scaledSupply, scaledDebt: scaledDebt, cash: cash, position, balance)
    }
}
