extension ProtocolState {
    // NOTE: a step's balance writes in one call each, not a write of the slot's balances then
    // one of the position's: both records go to the journal in one append and the market is
    // written in one access (one uniqueness check of the journal's storage and of the markets
    // instead of two and four; callgrind, benchmark-day warm-up + 1: 917.3 M -> 914.9 M).
    // The balances alone are journalled and written, not the whole per-asset state: a write of
    // the whole state (``writeReserve(_:_:_:)``) copied 152 bytes into the journal and 152 back
    // (callgrind: writeReserve 245 instructions a write, 47.8 k writes in a benchmark day's
    // liquidations, warm-up + 1).

    /// Writes a market asset's balances (scaled supply, scaled debt and cash) and `position`'s
    /// scaled supplied balance or scaled debt of the same slot, journalled: a step's writes. O(1).
    mutating func writeBalances(_ market: Int, _ slot: Int, scaledSupply: UInt128, scaledDebt: UInt128, cash: UInt128,
                                _ position: LendingPosition, _ balance: PositionBalance) {
        let old = markets[market].reserves[slot]
        let positionUndo: ModelUndo = switch balance {
        case .scaledSupplied:
            .scaledSupplied(market: market, position: position, slot: slot, old: markets[market].positions.scaledSupplied(position, slot: slot))
        case .scaledDebt:
            .scaledDebt(market: market, position: position, slot: slot, old: markets[market].positions.scaledDebt(position, slot: slot))
        }
        modelUndo.append(.reserveBalances(market: market, slot: slot, scaledSupply: old.scaledSupply, scaledDebt: old.scaledDebt,
                                          cash: old.cash),
                         positionUndo)
        markets[market].setBalances(slot, scaledSupply: scaledSupply, scaledDebt: scaledDebt, cash: cash, position, balance)
    }
}
