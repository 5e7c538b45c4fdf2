extension LendingMarket {
    /// What `position` has supplied of slot `slot` at this market's indices, raw units, rounded
    /// down (as ``ProtocolState/supplied(market:slot:account:)``). O(1).
    public func supplied(_ position: LendingPosition, slot: Int) -> UInt128 {
        ProtocolState.scaledToAmount(positions.scaledSupplied(position, slot: slot), reserves[slot].supplyIndex, rounding: .down)
    }

    /// What `position` owes of slot `slot` at this market's last accrual, raw units, rounded up
    /// (as ``ProtocolState/debt(market:slot:account:)``). O(1).
    public func debt(_ position: LendingPosition, slot: Int) -> UInt128 {
        ProtocolState.scaledToAmount(positions.scaledDebt(position, slot: slot), reserves[slot].borrowIndex, rounding: .up)
    }

    /// Sets slot `slot`'s balances and `position`'s scaled supplied balance or scaled debt of it,
    /// listing the position's row as written (not journalled: ``ProtocolState`` journals its
    /// writes).
    mutating func setBalances(_ slot: Int, scaledSupply: UInt128, scaledDebt: UInt128, cash: UInt128,
                              _ position: LendingPosition, _ balance: PositionBalance) {
        reserves[slot].setBalances(scaledSupply: scaledSupply, scaledDebt: scaledDebt, cash: cash)
        setBalance(position, slot: slot, balance)
    }

    /// Sets slot `slot`'s whole state and `position`'s scaled supplied balance or scaled debt of
    /// it, listing the position's row as written (not journalled).
    mutating func setReserve(_ slot: Int, _ state: MarketAssetState, _ position: LendingPosition, _ balance: PositionBalance) {
        reserves[slot] = state
        setBalance(position, slot: slot, balance)
    }

    /// Sets `position`'s scaled supplied balance or scaled debt of slot `slot`, listing its row as
    /// written (not journalled).
    // NOTE: inlined into the balance writes: the call cost ≈ 20 instructions a write, two to
    // three a liquidation (benchmark-day full day, warm-up + 1: 657.8 M -> 656.6 M; callgrind).
    @inline(__always)
    mutating func setBalance(_ position: LendingPosition, slot: Int, _ balance: PositionBalance) {
        positions.setBalance(position, slot: slot, balance)
        if rowsWritten.last != position.row { rowsWritten.append(position.row) }
    }

    /// Sets the accrual time of every slot last accrued before `timestamp` to `timestamp` (not
    /// journalled: a seal's accrual that changes nothing else).
    mutating func advanceAccrualTimes(to timestamp: Int64) {
        for slot in reserves.indices where timestamp > reserves[slot].lastAccrual { reserves[slot].lastAccrual = timestamp }
    }
}

/// A position's balance in one slot that a step writes (or that an undo record restores): its
/// scaled supplied balance or its scaled debt.
enum PositionBalance {
    case scaledSupplied(UInt128)
    case scaledDebt(UInt128)
}
