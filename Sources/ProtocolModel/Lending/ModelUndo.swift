/// One undo record of the oracle, flash-loan and lending state (the counterpart of the
/// ledger's journal and `poolUndo`): every write is journalled and rollback replays the
/// records backwards.
///
/// Trivially destructible (no payload holds a reference): an old value that holds references (a
/// name, a list) is kept in the side journal of ``ReferencingUndo`` records and named here by its
/// index, so that clearing the journal at each commit destroys nothing record by record.
///
/// NOTE: with those old values in its cases, clearing the journal destroyed each record through
/// the enum's value witness: ≈ 13.3 M instructions a benchmark day, warm-up + 1 (callgrind).
///
/// NOTE: at most 128 bytes (122), so that a record is copied into the journal inline: with a
/// case holding a whole ``MarketAssetState`` it was 161 bytes, and every journal write called
/// `memcpy` (≈ 150 k a benchmark day, warm-up + 1; callgrind).
enum ModelUndo: Sendable {
    /// A market asset's balances before a write of its whole state (with a `.reserveBookkeeping`
    /// record).
    case reserveBalances(market: Int, slot: Int, scaledSupply: UInt128, scaledDebt: UInt128, cash: UInt128)
    /// A market asset's balances and `position`'s scaled supplied balance or scaled debt of the
    /// same slot before a step's balance write
    /// (``ProtocolState/writeBalances(_:_:scaledSupply:scaledDebt:cash:_:_:)``), or before a
    /// write of the asset's whole state and the position's balance (then with a
    /// `.reserveBookkeeping` record).
    case balances(market: Int, slot: Int, scaledSupply: UInt128, scaledDebt: UInt128, cash: UInt128, position: LendingPosition,
                  old: PositionBalance)
    /// A market asset's other fields before a write of its whole state, journalled right
    /// after its balances.
    case reserveBookkeeping(market: Int, slot: Int, old: MarketAssetBookkeeping)
    /// A market asset's accrual time before an accrual that changed nothing else.
    case lastAccrual(market: Int, slot: Int, old: Int64)
    /// `account`'s position opened, in the market's last row.
    case positionOpened(market: Int, account: AccountID)
    case auction(market: Int, account: AccountID, old: Auction?)
    case englishAuction(market: Int, account: AccountID, old: EnglishAuction?)
    /// A new block's cap totals: the old block's timestamp and totals (its per-account counts
    /// are not changed by the new block, only no longer stamped with its timestamp).
    case liquidationCap(market: Int, timestamp: Int64, value: UInt128, count: Int)
    /// One liquidation's change to the block's cap totals: their old values and, under a
    /// per-account cap, the borrower and what was stored for it.
    case liquidationCapTally(market: Int, value: UInt128, count: Int, account: (AccountID, LiquidationCapUsage.Tally)?)
    case marginBook(index: Int, old: MarginBook)
    case marginPosition(venue: Int, account: AccountID, old: MarginPosition?)
    case perpBook(index: Int, old: PerpBook)
    case perpAccount(market: Int, account: AccountID, old: PerpAccount?)
    /// The record at `index` of the side journal (`referencingUndo`).
    case referencing(index: Int)
}

extension ProtocolState {
    /// Restores what `record` overwrote.
    mutating func undo(_ record: ModelUndo) {
        switch record {
        case .reserveBookkeeping(let market, let slot, let old): markets[market].reserves[slot].setBookkeeping(old)
        case .reserveBalances(let market, let slot, let scaledSupply, let scaledDebt, let cash):
            markets[market].reserves[slot].setBalances(scaledSupply: scaledSupply, scaledDebt: scaledDebt, cash: cash)
        case .balances(let market, let slot, let scaledSupply, let scaledDebt, let cash, let position, let old):
            markets[market].positions.setBalance(position, slot: slot, old)
            markets[market].reserves[slot].setBalances(scaledSupply: scaledSupply, scaledDebt: scaledDebt, cash: cash)
        case .lastAccrual(let market, let slot, let old): markets[market].reserves[slot].lastAccrual = old
        case .positionOpened(let market, let account): markets[market].positions.removeLast(account)
        case .auction(let market, let account, let old): markets[market].auctions[account] = old
        case .englishAuction(let market, let account, let old): markets[market].englishAuctions[account] = old
        case .liquidationCap(let market, let timestamp, let value, let count):
            markets[market].defenceState.capUsage.timestamp = timestamp
            markets[market].defenceState.capUsage.value = value
            markets[market].defenceState.capUsage.count = count
        case .liquidationCapTally(let market, let value, let count, let account):
            markets[market].defenceState.capUsage.value = value
            markets[market].defenceState.capUsage.count = count
            if let (account, tally) = account { markets[market].defenceState.capUsage.setTally(tally, of: account) }
        case .marginBook(let index, let old): marginVenues[index].book = old
        case .marginPosition(let venue, let account, let old): marginVenues[venue].positions[account] = old
        case .perpBook(let index, let old): perpMarkets[index].book = old
        case .perpAccount(let market, let account, let old): perpMarkets[market].accounts[account] = old
        case .referencing: undo(referencingUndo.removeLast())
        }
    }

    /// Writes a market asset's totals, journalled as two records: its old balances and its other
    /// old fields.
    mutating func writeReserve(_ market: Int, _ slot: Int, _ state: MarketAssetState) {
        let old = markets[market].reserves[slot]
        modelUndo.append(.reserveBalances(market: market, slot: slot, scaledSupply: old.scaledSupply, scaledDebt: old.scaledDebt,
                                          cash: old.cash),
                         .reserveBookkeeping(market: market, slot: slot, old: old.bookkeeping))
        markets[market].reserves[slot] = state
    }

    /// Writes a market asset's totals and `position`'s scaled supplied balance or scaled debt of
    /// the same slot, journalled as two records: the old balances of both, and the asset's other
    /// old fields. O(1).
    // NOTE: inlined into the bad-debt write-off: left to the optimiser it became a call there when
    // the position's write went through ``LendingPositions/setBalance(_:slot:_:)``
    // (benchmark-day full day, warm-up + 1: 568.02 M, inlined 567.21 M; callgrind).
    @inline(__always)
    mutating func writeReserve(_ market: Int, _ slot: Int, _ state: MarketAssetState, _ position: LendingPosition,
                               _ balance: PositionBalance) {
        let old = markets[market].reserves[slot]
        let oldBalance = markets[market].positions.balance(position, slot: slot, like: balance)
        modelUndo.append(.balances(market: market, slot: slot, scaledSupply: old.scaledSupply, scaledDebt: old.scaledDebt,
                                   cash: old.cash, position: position, old: oldBalance),
                         .reserveBookkeeping(market: market, slot: slot, old: old.bookkeeping))
        markets[market].setReserve(slot, state, position, balance)
    }

    /// Sets a market asset's accrual time, journalled (the time alone). O(1).
    mutating func writeLastAccrual(_ market: Int, _ slot: Int, _ timestamp: Int64) {
        modelUndo.append(.lastAccrual(market: market, slot: slot, old: markets[market].reserves[slot].lastAccrual))
        markets[market].reserves[slot].lastAccrual = timestamp
    }

    /// `account`'s position in `market`, opened empty (journalled) when it has none. O(slots).
    mutating func openPosition(_ market: Int, _ account: AccountID) -> LendingPosition {
        if let position = markets[market].positions[account] { return position }
        modelUndo.append(.positionOpened(market: market, account: account))
        return markets[market].positions.open(account)
    }

    /// Starts, replaces or (with nil) ends `account`'s auction, journalled.
    mutating func writeAuction(_ market: Int, _ account: AccountID, _ auction: Auction?) {
        modelUndo.append(.auction(market: market, account: account, old: markets[market].auctions[account]))
        markets[market].auctions[account] = auction
    }

    /// Starts, updates or (with nil) ends `account`'s English auction, journalled.
    mutating func writeEnglishAuction(_ market: Int, _ account: AccountID, _ auction: EnglishAuction?) {
        modelUndo.append(.englishAuction(market: market, account: account, old: markets[market].englishAuctions[account]))
        markets[market].englishAuctions[account] = auction
    }

    /// Writes a push oracle's round, journalled.
    mutating func writePushOracle(_ index: Int, _ feed: PushOracle) {
        journal(.pushOracle(index: index, old: pushOracles[index]))
        pushOracles[index] = feed
    }

    /// The invariants the model writes since journal position `start` could break: no open
    /// flash loan; per market touched, per asset: the account holds at least `cash`, bad debt
    /// = covered + socialised, and the scaled balances of the positions written changed by
    /// exactly as much as the totals (wrapping sums, so equality mod 2^128 is exact equality
    /// of the changes). O(records since `start`).
    func checkModelInvariants(since start: Int) throws(InvariantViolation) {
        if let debt = flashDebts.first {
            throw InvariantViolation("flash loan of \(debt.owed) raw units left open after a transaction")
        }
        // The first old scaled totals of each market asset written.
        var firstTotals: [Pair: (scaledSupply: UInt128, scaledDebt: UInt128)] = [:]
        // The first old value of each position slot written; a position opened since `start`
        // starts from zero balances, as its first write records.
        var firstSupplied: [PositionSlot: UInt128] = [:], firstDebt: [PositionSlot: UInt128] = [:]
        var englishMarkets: Set<Int> = [], openedMarkets: Set<Int> = []
        for record in modelUndo[start...] {
            switch record {
            case .reserveBalances(let market, let slot, let scaledSupply, let scaledDebt, _):
                if firstTotals[Pair(market: market, slot: slot)] == nil { firstTotals[Pair(market: market, slot: slot)] = (scaledSupply, scaledDebt) }
            case .balances(let market, let slot, let scaledSupply, let scaledDebt, _, let position, let old):
                if firstTotals[Pair(market: market, slot: slot)] == nil { firstTotals[Pair(market: market, slot: slot)] = (scaledSupply, scaledDebt) }
                let key = PositionSlot(market: market, position: position, slot: slot)
                switch old {
                case .scaledSupplied(let value): if firstSupplied[key] == nil { firstSupplied[key] = value }
                case .scaledDebt(let value): if firstDebt[key] == nil { firstDebt[key] = value }
                }
            case .englishAuction(let market, _, _): englishMarkets.insert(market)
            case .positionOpened(let market, _): openedMarkets.insert(market)
            case .reserveBookkeeping, .lastAccrual, .auction, .liquidationCap, .liquidationCapTally, .marginBook, .marginPosition, .perpBook, .perpAccount,
                 .referencing: break
            }
        }
        for market in englishMarkets.sorted() { try checkEnglishAuctions(market) }
        var supplyChange: [Pair: UInt128] = [:], debtChange: [Pair: UInt128] = [:]
        for (key, old) in firstSupplied {
            let now = markets[key.market].positions.scaledSupplied(key.position, slot: key.slot)
            supplyChange[Pair(market: key.market, slot: key.slot), default: 0] &+= now &- old
        }
        for (key, old) in firstDebt {
            let now = markets[key.market].positions.scaledDebt(key.position, slot: key.slot)
            debtChange[Pair(market: key.market, slot: key.slot), default: 0] &+= now &- old
        }
        // Every slot of a market whose positions were written is checked, written or not.
        var pairs = Set(firstTotals.keys)
        for market in openedMarkets.union(firstSupplied.keys.map(\.market)).union(firstDebt.keys.map(\.market)) {
            for slot in markets[market].assets.indices { pairs.insert(Pair(market: market, slot: slot)) }
        }
        for pair in pairs {
            let market = markets[pair.market]
            let now = market.reserves[pair.slot]
            let before = firstTotals[pair] ?? (now.scaledSupply, now.scaledDebt)
            let symbol = ledger.assets[market.assets[pair.slot].asset.index].symbol
            guard supplyChange[pair, default: 0] == now.scaledSupply &- before.scaledSupply,
                  debtChange[pair, default: 0] == now.scaledDebt &- before.scaledDebt else {
                throw InvariantViolation("market \(market.name) \(symbol): position changes do not add up to the totals")
            }
            try checkReserve(pair.market, pair.slot)
        }
    }

    /// Checks every invariant of market `index` over all its positions. O(positions × assets).
    func checkMarketFully(_ index: Int) throws(InvariantViolation) {
        let market = markets[index]
        for slot in market.assets.indices {
            var supplied: UInt128 = 0, debt: UInt128 = 0
            for (_, position) in market.positions {
                supplied &+= market.positions.scaledSupplied(position, slot: slot)
                debt &+= market.positions.scaledDebt(position, slot: slot)
            }
            guard supplied == market.reserves[slot].scaledSupply, debt == market.reserves[slot].scaledDebt else {
                throw InvariantViolation("market \(market.name) slot \(slot): Σ positions ≠ totals")
            }
            try checkReserve(index, slot)
        }
        try checkEnglishAuctions(index)
    }

    private func checkReserve(_ index: Int, _ slot: Int) throws(InvariantViolation) {
        let market = markets[index], reserve = market.reserves[slot]
        let asset = market.assets[slot].asset
        let held = ledger.balance(asset, of: market.account)
        guard held >= reserve.cash else {
            throw InvariantViolation("market \(market.name) \(ledger.assets[asset.index].symbol): holds \(held) < cash \(reserve.cash)")
        }
        guard reserve.badDebtCovered.addingReportingOverflow(reserve.badDebtSocialised) == (reserve.badDebt, false) else {
            throw InvariantViolation("market \(market.name): bad debt \(reserve.badDebt) ≠ covered \(reserve.badDebtCovered) + socialised \(reserve.badDebtSocialised)")
        }
    }

    struct Pair: Hashable {
        let market: Int
        let slot: Int
    }

    struct PositionSlot: Hashable {
        let market: Int
        let position: LendingPosition
        let slot: Int
    }

}
