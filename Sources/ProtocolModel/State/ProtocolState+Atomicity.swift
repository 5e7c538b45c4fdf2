/// A point to roll the protocol state back to.
public struct StateCheckpoint: Sendable, Equatable {
    let ledger: LedgerCheckpoint
    let poolUndoLength: Int
    let modelUndoLength: Int
}

/// A broken protocol invariant: a bug in the model, reported loudly (never a user error).
public struct InvariantViolation: Error, Sendable, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

extension ProtocolState {
    /// Marks the current state; nested checkpoints are allowed.
    public func checkpoint() -> StateCheckpoint {
        StateCheckpoint(ledger: ledger.checkpoint(), poolUndoLength: poolUndo.count,
                        modelUndoLength: modelUndo.count)
    }

    /// Restores the state exactly as it was at `checkpoint`.
    public mutating func rollback(to checkpoint: StateCheckpoint) {
        ledger.rollback(to: checkpoint.ledger)
        while poolUndo.count > checkpoint.poolUndoLength {
            let record = poolUndo.removeLast()
            noteWrite(ofPool: record.index)
            pools[record.index].pool = record.old
        }
        while modelUndo.count > checkpoint.modelUndoLength {
            undo(modelUndo.removeLast())
        }
    }

    /// Ends the outermost transaction: its changes stand, the liquidation index re-keys the
    /// positions it wrote, and the journals are cleared. O(records · log positions).
    public mutating func commit() {
        reindexPositions()
        ledger.commit()
        // NOTE: `removeAll(keepingCapacity:)` goes through `replaceSubrange` even on an empty
        // array (≈ 80–230 instructions); the ledger's, the pools' and the model's journals are
        // emptied in O(1) (UndoJournal.swift).
        poolUndo.removeAll()
        modelUndo.removeAll()
        if !referencingUndo.isEmpty { referencingUndo.removeAll(keepingCapacity: true) }
    }

    /// Re-keys in the liquidation index every position the open transaction wrote (and
    /// creates the index of a market added since the last commit).
    // NOTE: most commits wrote no position (a swap, a noise trade, an empty bundle): the checks
    // are inlined into `commit` and the re-keying of a market's rows is a call of its own, so
    // such a commit pays no call or frame of its own here (commit 21.2 M -> 20.3 M a benchmark
    // day, warm-up + 1, callgrind).
    @inline(__always)
    private mutating func reindexPositions() {
        while liquidationIndices.count < markets.count {
            liquidationIndices.append(LiquidationIndex(slots: markets[liquidationIndices.count].assets.count))
        }
        for market in markets.indices where !markets[market].rowsWritten.isEmpty { reindexRowsWritten(of: market) }
    }

    /// Re-keys the positions of the rows market `market` lists as written, and empties the list.
    @inline(never)
    private mutating func reindexRowsWritten(of market: Int) {
        // NOTE: each market lists the rows written (LendingMarket.rowsWritten) rather than this
        // scanning the whole undo journal for position records, each copied out of it (two
        // memcpy): reindexPositions 53 M -> 43 M a benchmark day, warm-up + 1 (callgrind). A
        // position written twice in a row (a liquidation's repayment then its seizure) is listed
        // once; a row listed twice, or left by a rolled-back write, is re-keyed from its
        // committed position, which finds its key in place and changes nothing.
        // NOTE: the rows are read in place by index and then popped: a `for … in` over the
        // market's list retained and released it, and emptying it with `removeAll` went through
        // the array's generic `replaceSubrange` (963.0 M → 961.6 M a benchmark day, warm-up + 1);
        // moving the list out and back cost two swaps and a release of the empty array a call
        // (620.9 M → 620.3 M; callgrind).
        var next = 0
        while next < markets[market].rowsWritten.count {
            let row = markets[market].rowsWritten[next]
            next += 1
            guard row < markets[market].positions.count else { continue }
            let (account, position) = markets[market].positions[row]
            let target = LiquidationIndex.placement(position, in: markets[market].positions, config: markets[market].assets)
            liquidationIndices[market].update(account, to: target)
        }
        while !markets[market].rowsWritten.isEmpty { markets[market].rowsWritten.removeLast() }
    }

    /// Checks the invariants the writes since `checkpoint` could have broken: per-asset supply
    /// conservation of the ledger; for each pool touched, reserves equal to the pool
    /// account's balances and share supply equal to the pool's `totalShares`; for each lending
    /// market touched, cash equal to its account's balances, position totals that add up and
    /// bad debt equal to insurance cover plus socialised loss; no open flash loan. Costs only
    /// what the transaction touched.
    public func checkInvariants(since checkpoint: StateCheckpoint) throws(InvariantViolation) {
        do {
            try ledger.checkConservation(since: checkpoint.ledger)
        } catch {
            throw InvariantViolation("ledger: \(error.description)")
        }
        var checked = Set<Int>()
        for entry in poolUndo[checkpoint.poolUndoLength...] where checked.insert(entry.index).inserted {
            try checkPool(entry.index)
        }
        try checkModelInvariants(since: checkpoint.modelUndoLength)
        try checkVenueInvariants(since: checkpoint.modelUndoLength)
        try checkStableSwapInvariants(since: checkpoint.modelUndoLength)
    }

    /// Checks every invariant over the whole state. O(assets × accounts + pools).
    public func checkAllInvariants() throws(InvariantViolation) {
        do {
            try ledger.checkFullConservation()
        } catch {
            throw InvariantViolation("ledger: \(error.description)")
        }
        for index in pools.indices { try checkPool(index) }
        for index in markets.indices { try checkMarketFully(index) }
        try checkAllVenues()
        try checkAllStableSwapVenues()
    }

    func checkPool(_ index: Int) throws(InvariantViolation) {
        let venue = pools[index]
        let balance0 = ledger.balance(venue.token0, of: venue.account)
        let balance1 = ledger.balance(venue.token1, of: venue.account)
        guard balance0 == venue.pool.reserve0, balance1 == venue.pool.reserve1 else {
            throw InvariantViolation("pool \(venue.name): reserves \(venue.pool.reserve0)/\(venue.pool.reserve1) ≠ balances \(balance0)/\(balance1)")
        }
        guard venue.spotPrices.isConsistent(with: venue.pool) else {
            throw InvariantViolation("pool \(venue.name): cached spot prices are not those of the reserves they are kept for")
        }
        guard venue.spotPrices.isCurrent(for: venue.pool) || firstStalePool == index || moreStalePools.contains(index) else {
            throw InvariantViolation("pool \(venue.name): spot prices behind the reserves but not listed for the next refresh")
        }
        let shares = ledger.supply[venue.shareAsset.index]
        guard shares == venue.pool.totalShares else {
            throw InvariantViolation("pool \(venue.name): share supply \(shares) ≠ totalShares \(venue.pool.totalShares)")
        }
    }
}
