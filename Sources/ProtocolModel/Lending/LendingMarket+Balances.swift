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
}
