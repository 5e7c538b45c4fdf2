/// One undo record of the oracle, flash-loan and lending state (the counterpart of the
/// ledger's journal and `poolUndo`): every write is journalled and rollback replays the
/// records backwards.
enum ModelUndo: Sendable {
    case reserve(market: Int, slot: Int, old: MarketAssetState)
    case position(market: Int, account: AccountID, old: LendingPosition?)
    case pushOracle(index: Int, old: PushOracle)
    case twapOracle(index: Int, old: TwapOracle)
    case flashDebts(old: [FlashDebt])
    case auction(market: Int, account: AccountID, old: Auction?)
    case englishAuction(market: Int, account: AccountID, old: EnglishAuction?)
    /// A new block's cap totals: the old block's timestamp and totals (its per-account counts
    /// are not changed by the new block, only no longer stamped with its timestamp).
    case liquidationCap(market: Int, timestamp: Int64, value: UInt128, count: Int)
    /// One liquidation's change to the block's cap totals: their old values and, under a
    /// per-account cap, the borrower and what was stored for it.
    case liquidationCapTally(market: Int, value: UInt128, count: Int, account: (AccountID, LiquidationCapUsage.Tally)?)
    case priceReserve(index: Int, old: ReserveVenue)
    case depot(index: Int, old: DepotVenue)
    case marginBook(index: Int, old: MarginBook)
    case marginPosition(venue: Int, account: AccountID, old: MarginPosition?)
    case stablePool(index: Int, old: StableSwapVenue)
    case vault(index: Int, old: ShareVault)
    case perpBook(index: Int, old: PerpBook)
    case perpAccount(market: Int, account: AccountID, old: PerpAccount?)
    case optionPosition(vault: Int, account: AccountID, old: [Int128]?)
    case optionMargin(vault: Int, account: AccountID, old: UInt128?)
    case optionTotals(vault: Int, old: OptionVaultTotals)
    case optionSeries(vault: Int, series: Int, old: ListedSeries)
}

extension ProtocolState {
    /// Restores what `record` overwrote.
    mutating func undo(_ record: ModelUndo) {
        switch record {
        case .reserve(let market, let slot, let old): markets[market].reserves[slot] = old
        case .position(let market, let account, let old): markets[market].positions[account] = old
        case .pushOracle(let index, let old): pushOracles[index] = old
        case .twapOracle(let index, let old): twapOracles[index] = old
        case .flashDebts(let old): flashDebts = old
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
        case .priceReserve(let index, let old): reserves[index] = old
        case .depot(let index, let old): depots[index] = old
        case .marginBook(let index, let old): marginVenues[index].book = old
        case .marginPosition(let venue, let account, let old): marginVenues[venue].positions[account] = old
        case .stablePool(let index, let old): stablePools[index] = old
        case .vault(let index, let old): vaults[index] = old
        case .perpBook(let index, let old): perpMarkets[index].book = old
        case .perpAccount(let market, let account, let old): perpMarkets[market].accounts[account] = old
        case .optionPosition(let vault, let account, let old): optionVaults[vault].positions[account] = old
        case .optionMargin(let vault, let account, let old): optionVaults[vault].marginBalances[account] = old
        case .optionTotals(let vault, let old): optionVaults[vault].totals = old
        case .optionSeries(let vault, let series, let old): optionVaults[vault].series[series] = old
        }
    }

    /// Writes a market asset's totals, journalled.
    mutating func writeReserve(_ market: Int, _ slot: Int, _ state: MarketAssetState) {
        modelUndo.append(.reserve(market: market, slot: slot, old: markets[market].reserves[slot]))
        markets[market].reserves[slot] = state
    }

    /// Writes an account's position, journalled.
    mutating func writePosition(_ market: Int, _ account: AccountID, _ position: LendingPosition) {
        // NOTE: one hash lookup that returns the old value, instead of a read then a write
        // (≈ 250 instructions a write; callgrind).
        let old = markets[market].positions.updateValue(position, forKey: account)
        modelUndo.append(.position(market: market, account: account, old: old))
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
        modelUndo.append(.pushOracle(index: index, old: pushOracles[index]))
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
        var firstReserve: [Pair: MarketAssetState] = [:]
        var firstPosition: [MarketAccount: LendingPosition?] = [:]
        var englishMarkets: Set<Int> = []
        for record in modelUndo[start...] {
            switch record {
            case .reserve(let market, let slot, let old):
                if firstReserve[Pair(market: market, slot: slot)] == nil { firstReserve[Pair(market: market, slot: slot)] = old }
            case .position(let market, let account, let old):
                let key = MarketAccount(market: market, account: account)
                if firstPosition[key] == nil { firstPosition[key] = .some(old) }
            case .englishAuction(let market, _, _): englishMarkets.insert(market)
            case .pushOracle, .twapOracle, .flashDebts, .auction, .liquidationCap, .liquidationCapTally, .priceReserve, .depot, .marginBook, .marginPosition,
                 .stablePool, .vault, .perpBook, .perpAccount, .optionPosition, .optionMargin, .optionTotals, .optionSeries: break
            }
        }
        for market in englishMarkets.sorted() { try checkEnglishAuctions(market) }
        var supplyChange: [Pair: UInt128] = [:], debtChange: [Pair: UInt128] = [:]
        for (key, old) in firstPosition {
            let market = markets[key.market]
            let now = market.positions[key.account] ?? LendingPosition(slots: market.assets.count)
            let before = old ?? LendingPosition(slots: market.assets.count)
            for slot in market.assets.indices {
                let pair = Pair(market: key.market, slot: slot)
                supplyChange[pair, default: 0] &+= now.scaledSupplied[slot] &- before.scaledSupplied[slot]
                debtChange[pair, default: 0] &+= now.scaledDebt[slot] &- before.scaledDebt[slot]
            }
        }
        let pairs = Set(firstReserve.keys).union(supplyChange.keys)
        for pair in pairs {
            let market = markets[pair.market]
            let now = market.reserves[pair.slot]
            let before = firstReserve[pair] ?? now
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
            for position in market.positions.values {
                supplied &+= position.scaledSupplied[slot]
                debt &+= position.scaledDebt[slot]
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

    struct MarketAccount: Hashable {
        let market: Int
        let account: AccountID
    }
}
