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
    /// The non-empty answers kept for the block, each account with its health and its pair
    /// (``ProtocolState/accountsAndHealthBelow(_:market:at:)``): a few per block, so a list
    /// searched in order (no hashing).
    private var belowHealth: [(key: Key, answer: [AccountID], health: [UInt128], pairs: [LiquidationPair?])] = []
    /// The questions kept for the block whose answer is empty (most blocks have no account below
    /// the bounds asked).
    ///
    /// NOTE: kept apart, without the two empty arrays an answer holds: forgetting them released
    /// both (≈ 2 releases a block). With the answer's lookup, keeping and the public list inlined
    /// (out of line they cost more than the releases: 634.90 M): callgrind, empty block 5,937 ->
    /// 5,881 instructions, benchmark-day 634.41 M -> 634.13 M (warm-up + 1).
    private var emptyBelow: [Key] = []
    /// Whether each market's health depends on the read time, by market index (nil: not asked yet).
    /// Kept from block to block: it follows from the market's price sources and its oracles'
    /// kinds, which the world fixes when it is built (only the test hook that corrupts an oracle
    /// changes a kind's answer, and never while a world runs).
    ///
    /// NOTE: asked once a run instead of once a block (callgrind: empty block 7,344 -> 7,157
    /// instructions, idle block 19,833 -> 19,679; benchmark-day 681.5 M -> 678.6 M, warm-up + 1).
    private var timeDependent: [Bool?] = []
    /// Pending liquidations by market index, how many mempool transactions each has read, and
    /// the lead of the market's accounts below health 1 they bar; kept from block to block with
    /// their storage (``PendingLiquidationFees/removeAll()``).
    private var liquidationFees: [(fees: PendingLiquidationFees, read: Int, barred: BarredLead)] = []

    /// How many leading accounts of a market's shared answer below health 1 (wad) on the block's
    /// state the mempool's liquidations bar for a liquidator paying a priority fee up to `fee`
    /// once the mempool holds `mempool` transactions: each has as many pending liquidations
    /// paying at least `fee` as the market's per-account cap allows (some may be those of the
    /// liquidator that noted the lead, sent after it). The mempool only grows until the next
    /// block, so a lead stays barred (and is dropped with the fees when it shrinks).
    private struct BarredLead {
        var count = 0
        var fee: UInt64 = 0
        var mempool = 0
    }

    public init() {}

    /// Drops every answer kept for the block (not the markets' time dependence): the owner
    /// changed the sealed state after its block was sealed (e.g. defences observed at the seal).
    public func forget() {
        block = Int.min
        // NOTE: popped (one or two answers a block): `removeAll(keepingCapacity:)` went through
        // the array's generic `replaceSubrange`, ≈ 240 instructions a block (callgrind).
        while !belowHealth.isEmpty { belowHealth.removeLast() }
        while !emptyBelow.isEmpty { emptyBelow.removeLast() }
        for market in liquidationFees.indices where liquidationFees[market].read > 0 || liquidationFees[market].barred.count > 0 {
            forgetLiquidationFees(market: market)
        }
    }

    /// Forgets the pending liquidations of `market` and the lead they bar, keeping the storage.
    private func forgetLiquidationFees(market: Int) {
        liquidationFees[market].fees.removeAll()
        liquidationFees[market].read = 0
        liquidationFees[market].barred = BarredLead()
    }

    /// Starts over when the state is a later block's (nothing to drop after ``forget()``).
    private func enter(_ block: Int) {
        guard block != self.block else { return }
        if self.block != Int.min { forget() }
        self.block = block
    }

    /// ``ProtocolState/healthDependsOnTime(market:)`` on `state`, the state sealed by block
    /// `block`, answered once per run (see ``timeDependent``).
    public func healthDependsOnTime(market: Int, in state: ProtocolState, sealedBy block: Int) -> Bool {
        enter(block)
        if timeDependent.count <= market { timeDependent += [Bool?](repeating: nil, count: market + 1 - timeDependent.count) }
        if let known = timeDependent[market] { return known }
        let dependsOnTime = state.healthDependsOnTime(market: market)
        timeDependent[market] = dependsOnTime
        return dependsOnTime
    }

    /// Whether no account of `market` is below health 1 (wad) on `state`, the state sealed by
    /// block `block`, whenever it is read before the next block: the market's health does not
    /// depend on the read time, and the answer below 1 at `timestamp` is empty. An empty answer kept for a threshold at or above 1 answers without a
    /// walk.
    ///
    /// NOTE: the kept answers are read in place and the state only when a walk is needed: through
    /// ``healthDependsOnTime(market:in:sealedBy:)`` and ``accountsBelowHealth(_:market:at:in:sealedBy:)``
    /// the world's question after each seal cost ≈ 480 instructions, now ≈ 180 (a copy of the
    /// state's 144 bytes for each call, the answer's arrays retained and released; callgrind,
    /// benchmark-day full day, warm-up + 1: 714.7 M -> 710.4 M instructions).
    func noAccountBelowHealthOne(market: Int, at timestamp: Int64, in state: ProtocolState, sealedBy block: Int) -> Bool {
        let key = key(FixedPoint.wad, market: market, at: timestamp, in: state, sealedBy: block)
        guard key.timestamp == nil else { return false }
        guard case .empty = kept(key) ?? keep(key, at: timestamp, in: state) else { return false }
        return true
    }

    /// ``ProtocolState/accountsBelowHealth(_:market:at:)`` on `state`, the state sealed by
    /// block `block`, answered once per block (and timestamp when needed). No account is below a threshold when none is below a higher one: an empty
    /// answer kept for a higher threshold (same market and timestamp) answers without a walk.
    public func accountsBelowHealth(_ threshold: UInt128, market: Int, at timestamp: Int64, in state: ProtocolState,
                                    sealedBy block: Int) -> [AccountID] {
        accountsAndHealthBelow(threshold, market: market, at: timestamp, in: state, sealedBy: block).accounts
    }

    /// ``accountsBelowHealth(_:market:at:in:sealedBy:)`` with each account's health (wad) and
    /// pair, in the same order: ``ProtocolState/accountsAndHealthBelow(_:market:at:)``, answered
    /// alike.
    @inline(__always)
    public func accountsAndHealthBelow(
        _ threshold: UInt128, market: Int, at timestamp: Int64, in state: ProtocolState, sealedBy block: Int
    ) -> (accounts: [AccountID], health: [UInt128], pairs: [LiquidationPair?]) {
        switch keptAnswer(threshold, market: market, at: timestamp, in: state, sealedBy: block) {
        case .empty: return ([], [], [])
        case .listed(let index): return (belowHealth[index].answer, belowHealth[index].health, belowHealth[index].pairs)
        }
    }

    /// The health (wad) of the first account of ``accountsAndHealthBelow(_:market:at:in:sealedBy:)``,
    /// the lowest below `threshold`; nil when no account is below it. Answered and kept alike.
    ///
    /// NOTE: the kept health is read in place: the world's question after each seal handed the
    /// answer's two arrays out (a retain and a release of each) to read one number, and the kept
    /// answers were searched by copying each out (callgrind, benchmark-day full day, warm-up + 1:
    /// 637.2 M -> 635.8 M instructions).
    ///
    /// NOTE: above health 1 the answer is not one the liquidators share (they ask below 1): it is
    /// asked for the lowest health alone (``ProtocolState/lowestHealthBelow(_:market:at:)``, no
    /// arrays built), and kept only when empty — the one answer above 1 that answers theirs
    /// (callgrind, empty block at 10,000 borrowers: 6,610 -> 6,019 instructions).
    public func lowestHealthBelow(
        _ threshold: UInt128, market: Int, at timestamp: Int64, in state: ProtocolState, sealedBy block: Int
    ) -> UInt128? {
        let key = key(threshold, market: market, at: timestamp, in: state, sealedBy: block)
        if let known = kept(key) { return lowestHealth(of: known) }
        guard threshold > FixedPoint.wad else { return lowestHealth(of: keep(key, at: timestamp, in: state)) }
        let lowest = state.lowestHealthBelow(threshold, market: market, at: timestamp)
        if lowest == nil { emptyBelow.append(key) }
        return lowest
    }

    /// Where a kept answer is: empty (``emptyBelow``), or listed in ``belowHealth`` at an index.
    private enum KeptAnswer {
        case empty
        case listed(Int)
    }

    /// The answer to that question, computed and kept when no kept answer gives it. The kept
    /// answers are read in place (an element copied out retains its arrays).
    @inline(__always)
    private func keptAnswer(
        _ threshold: UInt128, market: Int, at timestamp: Int64, in state: ProtocolState, sealedBy block: Int
    ) -> KeptAnswer {
        let key = key(threshold, market: market, at: timestamp, in: state, sealedBy: block)
        if let known = kept(key) { return known }
        return keep(key, at: timestamp, in: state)
    }

    /// The health of the first account of `answer` (nil when it is empty), read in place.
    @inline(__always)
    private func lowestHealth(of answer: KeptAnswer) -> UInt128? {
        guard case .listed(let index) = answer else { return nil }
        return belowHealth[index].health.first
    }

    /// The key of the question below `threshold` on the state sealed by block `block`.
    @inline(__always)
    private func key(_ threshold: UInt128, market: Int, at timestamp: Int64, in state: ProtocolState, sealedBy block: Int) -> Key {
        // NOTE: the kept time dependence is read in place; ``healthDependsOnTime(market:in:sealedBy:)``
        // only when it is not known yet.
        enter(block)
        let knownDependence = market < timeDependent.count ? timeDependent[market] : nil
        let dependsOnTime = knownDependence ?? healthDependsOnTime(market: market, in: state, sealedBy: block)
        return Key(market: market, threshold: threshold, timestamp: dependsOnTime ? timestamp : nil)
    }

    /// A kept answer that answers `key`: an empty one for the same or a higher threshold, or a
    /// listed one for the same threshold; nil when none does.
    @inline(__always)
    private func kept(_ key: Key) -> KeptAnswer? {
        for index in emptyBelow.indices where emptyBelow[index].market == key.market && emptyBelow[index].timestamp == key.timestamp {
            if emptyBelow[index].threshold >= key.threshold { return .empty }
        }
        for index in belowHealth.indices where belowHealth[index].key == key { return .listed(index) }
        return nil
    }

    /// Computes the answer to `key` on `state`, read at `timestamp`, and keeps it.
    @inline(__always)
    private func keep(_ key: Key, at timestamp: Int64, in state: ProtocolState) -> KeptAnswer {
        guard let answer = state.accountsAndHealthBelowIfAny(key.threshold, market: key.market, at: timestamp) else {
            emptyBelow.append(key)
            return .empty
        }
        belowHealth.append((key, answer.accounts, answer.health, answer.pairs))
        return .listed(belowHealth.count - 1)
    }

    /// The liquidations of `market` in `pending`, the mempool after block `block` was sealed: the
    /// mempool only grows until the next block, so each call reads the transactions that arrived
    /// since the previous one (all of them again if it shrank).
    func pendingLiquidationFees(market: Int, in pending: [Transaction], sealedBy block: Int) -> PendingLiquidationFees {
        enter(block)
        while liquidationFees.count <= market { liquidationFees.append((PendingLiquidationFees(), 0, BarredLead())) }
        // A mempool shorter than what was read, or than a noted lead needs, shrank since.
        if max(liquidationFees[market].read, liquidationFees[market].barred.mempool) > pending.count {
            forgetLiquidationFees(market: market)
        }
        // Grown in place: the previous caller's copy is gone, so the storage is not shared.
        let read = liquidationFees[market].read
        liquidationFees[market].fees.add(pending[read...], market: market)
        liquidationFees[market].read = pending.count
        return liquidationFees[market].fees
    }

    /// How many leading accounts of `market`'s answer below health 1 (wad) on the state sealed by
    /// block `block`, shared when its health does not depend on the read time, the liquidations
    /// pending in a mempool of `mempool` transactions bar for a liquidator paying priority fee
    /// `fee`, as an earlier liquidator noted (0 when none is known).
    func barredLead(market: Int, fee: UInt64, mempool: Int, sealedBy block: Int) -> Int {
        enter(block)
        guard market < liquidationFees.count, fee <= liquidationFees[market].barred.fee,
              mempool >= liquidationFees[market].barred.mempool else { return 0 }
        return liquidationFees[market].barred.count
    }

    /// Whether every account of `market`'s answer below health 1 (wad) on the state sealed by
    /// block `block`, kept for any read time of the block, is barred for a liquidator paying
    /// priority fee `fee` in a mempool of `mempool` transactions (``barredLead(market:fee:mempool:sealedBy:)``
    /// covers it; only a fixed-bonus market's liquidators note a lead): such a liquidator waking
    /// before the next block proposes nothing, since the mempool only grows until then (the
    /// owner's mempool must not shrink between seals: the world's). False when no such answer or
    /// lead is known.
    public func barsEveryAccount(market: Int, fee: UInt64, mempool: Int, sealedBy block: Int) -> Bool {
        enter(block)
        guard market < liquidationFees.count, liquidationFees[market].barred.count > 0,
              fee <= liquidationFees[market].barred.fee, mempool >= liquidationFees[market].barred.mempool else { return false }
        let key = Key(market: market, threshold: FixedPoint.wad, timestamp: nil)
        for index in belowHealth.indices where belowHealth[index].key == key {
            return liquidationFees[market].barred.count >= belowHealth[index].answer.count
        }
        return false
    }

    /// Notes that the first `count` accounts of that answer are barred for a liquidator paying
    /// `fee` once the mempool holds `mempool` transactions (kept when it says more than the lead
    /// known).
    func noteBarredLead(_ count: Int, market: Int, fee: UInt64, mempool: Int, sealedBy block: Int) {
        enter(block)
        guard market < liquidationFees.count else { return }
        let known = liquidationFees[market].barred
        if known.count == 0 || (fee >= known.fee && count >= known.count) {
            liquidationFees[market].barred = BarredLead(count: count, fee: fee, mempool: mempool)
        }
    }
}
