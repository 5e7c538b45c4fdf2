/// An undo record whose old value holds references (a name, a list): kept in the side journal
/// `referencingUndo`, in journal order, and named in the model journal by a
/// ``ModelUndo/referencing(index:)`` record, so that ``ModelUndo`` stays bitwise-copyable.
enum ReferencingUndo: Sendable {
    case pushOracle(index: Int, old: PushOracle)
    case twapOracle(index: Int, old: TwapOracle)
    case flashDebts(old: [FlashDebt])
    case priceReserve(index: Int, old: ReserveVenue)
    case depot(index: Int, old: DepotVenue)
    case stablePool(index: Int, old: StableSwapVenue)
    case vault(index: Int, old: ShareVault)
    case optionPosition(vault: Int, account: AccountID, old: [Int128]?)
    case optionMargin(vault: Int, account: AccountID, old: UInt128?)
    case optionTotals(vault: Int, old: OptionVaultTotals)
    case optionSeries(vault: Int, series: Int, old: ListedSeries)
}

extension ProtocolState {
    /// Journals `record` in the side journal, named by a record of the model journal. O(1).
    mutating func journal(_ record: ReferencingUndo) {
        modelUndo.append(.referencing(index: referencingUndo.count))
        referencingUndo.append(record)
    }

    /// The side journal's records written since model journal position `start`, oldest first.
    /// O(records since `start`).
    func referencingRecords(since start: Int) -> ArraySlice<ReferencingUndo> {
        for record in modelUndo[start...] {
            if case .referencing(let index) = record { return referencingUndo[index...] }
        }
        return referencingUndo[referencingUndo.endIndex...]
    }

    /// Restores what `record` overwrote.
    mutating func undo(_ record: ReferencingUndo) {
        switch record {
        case .pushOracle(let index, let old): pushOracles[index] = old
        case .twapOracle(let index, let old): twapOracles[index] = old
        case .flashDebts(let old): flashDebts = old
        case .priceReserve(let index, let old): reserves[index] = old
        case .depot(let index, let old): depots[index] = old
        case .stablePool(let index, let old): stablePools[index] = old
        case .vault(let index, let old): vaults[index] = old
        case .optionPosition(let vault, let account, let old): optionVaults[vault].positions[account] = old
        case .optionMargin(let vault, let account, let old): optionVaults[vault].marginBalances[account] = old
        case .optionTotals(let vault, let old): optionVaults[vault].totals = old
        case .optionSeries(let vault, let series, let old): optionVaults[vault].series[series] = old
        }
    }
}
