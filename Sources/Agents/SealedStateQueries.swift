import ProtocolModel

/// Answers to the liquidation index's queries on one sealed state, shared by the agents that
/// wake after the same block: ten liquidators asking which accounts are below health 1 get one
/// index walk and one exact verification of each candidate, not ten.
///
/// An answer is kept for the block it was computed on; when a market's health can change with
/// the read time (``ProtocolState/healthDependsOnTime(market:)``: a TWAP or a staleness limit),
/// also for the timestamp it was computed at. The owner (the world) passes the same object in
/// every ``AgentView``; agents never see answers from another state.
public final class SealedStateQueries {
    private struct Key: Equatable {
        let market: Int
        let threshold: UInt128
        /// nil when the market's health does not depend on the read time.
        let timestamp: Int64?
    }

    private var block = Int.min
    /// Answers kept for the block, each account with its health: a few per block, so a list
    /// searched in order (no hashing).
    private var belowHealth: [(key: Key, answer: [AccountID], health: [UInt128])] = []
    /// Whether each market's health depends on the read time, by market index (nil: not asked yet).
    private var timeDependent: [Bool?] = []
    /// Pending liquidations by market index, and how many mempool transactions each has read;
    /// kept from block to block with their storage (``PendingLiquidationFees/removeAll()``).
    private var liquidationFees: [(fees: PendingLiquidationFees, read: Int)] = []

    public init() {}

    /// Drops every kept answer: the owner changed the sealed state after its block was sealed
    /// (e.g. defences observed at the seal).
    public func forget() {
        block = Int.min
        // NOTE: popped (one or two answers a block): `removeAll(keepingCapacity:)` went through
        // the array's generic `replaceSubrange`, ≈ 240 instructions a block (callgrind).
        while !belowHealth.isEmpty { belowHealth.removeLast() }
        // Unset in place: the list keeps its length, so the next block does not grow it again.
        for market in timeDependent.indices { timeDependent[market] = nil }
        for market in liquidationFees.indices where liquidationFees[market].read > 0 {
            liquidationFees[market].fees.removeAll()
            liquidationFees[market].read = 0
        }
    }

    /// Starts over when the state is a later block's (nothing to drop after ``forget()``).
    private func enter(_ block: Int) {
        guard block != self.block else { return }
        if self.block != Int.min { forget() }
        self.block = block
    }

    /// ``ProtocolState/healthDependsOnTime(market:)`` on `state`, the state sealed by block
    /// `block`, answered once per block.
    public func healthDependsOnTime(market: Int, in state: ProtocolState, sealedBy block: Int) -> Bool {
        enter(block)
        if timeDependent.count <= market { timeDependent += [Bool?](repeating: nil, count: market + 1 - timeDependent.count) }
        if let known = timeDependent[market] { return known }
        let dependsOnTime = state.healthDependsOnTime(market: market)
        timeDependent[market] = dependsOnTime
        return dependsOnTime
    }

    /// ``ProtocolState/accountsBelowHealth(_:market:at:)`` on `state`, the state sealed by
    /// block `block`, answered once per block (and timestamp when needed). A failed query is
    /// not kept. No account is below a threshold when none is below a higher one: an empty
    /// answer kept for a higher threshold (same market and timestamp) answers without a walk.
    public func accountsBelowHealth(_ threshold: UInt128, market: Int, at timestamp: Int64, in state: ProtocolState,
                                    sealedBy block: Int) throws(OracleError) -> [AccountID] {
        try accountsAndHealthBelow(threshold, market: market, at: timestamp, in: state, sealedBy: block).accounts
    }

    /// ``accountsBelowHealth(_:market:at:in:sealedBy:)`` with each account's health (wad), in the
    /// same order: ``ProtocolState/accountsAndHealthBelow(_:market:at:)``, answered alike.
    public func accountsAndHealthBelow(
        _ threshold: UInt128, market: Int, at timestamp: Int64, in state: ProtocolState, sealedBy block: Int
    ) throws(OracleError) -> (accounts: [AccountID], health: [UInt128]) {
        let dependsOnTime = healthDependsOnTime(market: market, in: state, sealedBy: block)
        let key = Key(market: market, threshold: threshold, timestamp: dependsOnTime ? timestamp : nil)
        for known in belowHealth where known.key.market == key.market && known.key.timestamp == key.timestamp {
            if known.key.threshold == threshold || (known.key.threshold > threshold && known.answer.isEmpty) {
                return (known.answer, known.health)
            }
        }
        let answer = try state.accountsAndHealthBelow(threshold, market: market, at: timestamp)
        belowHealth.append((key, answer.accounts, answer.health))
        return answer
    }

    /// The liquidations of `market` in `pending`, the mempool after block `block` was sealed: the
    /// mempool only grows until the next block, so each call reads the transactions that arrived
    /// since the previous one (all of them again if it shrank).
    func pendingLiquidationFees(market: Int, in pending: [Transaction], sealedBy block: Int) -> PendingLiquidationFees {
        enter(block)
        while liquidationFees.count <= market { liquidationFees.append((PendingLiquidationFees(), 0)) }
        if liquidationFees[market].read > pending.count {
            liquidationFees[market].fees.removeAll()
            liquidationFees[market].read = 0
        }
        // Grown in place: the previous caller's copy is gone, so the storage is not shared.
        let read = liquidationFees[market].read
        liquidationFees[market].fees.add(pending[read...], market: market)
        liquidationFees[market].read = pending.count
        return liquidationFees[market].fees
    }
}
