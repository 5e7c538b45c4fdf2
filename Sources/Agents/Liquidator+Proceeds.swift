import ProtocolModel

/// The pools as one wake-up's own proposed sales leave them. A liquidator expects each sale to
/// return what the pool pays after its earlier sales of the wake-up (the trades of others that
/// land in between are unknown to it): one that sells at a loss liquidates whatever its capital
/// covers, and the sale in each liquidation's transaction returns capital for its next
/// liquidation of the block, as the peer models' liquidators spend each sale's proceeds again;
/// a profit-seeking one proposes a liquidation only when that sale still beats the repayment.
struct ProposedSales {
    /// The pools sold into so far, by index in the state's pools, with their reserves after
    /// those sales (a wake-up sells into one pool, or a few).
    private var sold: [(index: Int, pool: ConstantProductPool)] = []
    /// The last pair sold through the only pool that trades it, with that pool and its index in
    /// ``sold`` (a wake-up sells one pair again and again, on one state).
    private var lastSoleVenue: (input: AssetID, output: AssetID, pool: Int, slot: Int)?

    /// Sells `amount` of `input` for `output` through the pool that pays the most for it on
    /// `state`'s reserves (``Liquidator/bestSale(of:_:for:in:)``), recorded as one more sale:
    /// that pool, and the output it pays after the sales recorded here (0 when it cannot take
    /// it); nil, recording nothing, when no pool pays anything for it on `state`.
    ///
    /// NOTE: when one pool trades the pair, its quote on the state's reserves is not computed
    /// once the sale pays something after the earlier ones, on reserves with at least as much
    /// input and at most as much output as the state's (the wake-up's own earlier sales in the
    /// same direction): a constant-product swap's output only grows as the input reserve falls
    /// or the output reserve rises, and cannot overflow where the moved reserves did not, so
    /// that quote pays something too and the pool is the one chosen: one quote fewer for each
    /// of ≈ 9.5 k liquidations a replication of benchmark-day, in its crash (callgrind, full day,
    /// warm-up + 1: 681.6 M -> 679.7 M instructions).
    /// - Complexity: O(pools + pools sold into).
    // NOTE: inlined into the liquidator's walk, its one caller (benchmark-day full day, warm-up + 1:
    // 648.4 M -> 647.2 M; callgrind).
    @inline(__always)
    mutating func sell(_ amount: UInt128, _ input: AssetID, for output: AssetID, in state: ProtocolState) -> (pool: Int, proceeds: UInt128)? {
        if let (pool, slot) = soleVenue(trading: input, output, in: state) {
            let zeroForOne = state.pools[pool].token0 == input
            if Self.paysAtMost(sold[slot].pool, state.pools[pool].pool, zeroForOne: zeroForOne),
               let proceeds = try? sold[slot].pool.swapExactIn(amount, zeroForOne: zeroForOne) {
                return (pool, proceeds)
            }
        }
        guard let (pool, _) = Liquidator.bestSale(of: amount, input, for: output, in: state) else { return nil }
        let slot = self.slot(of: pool, in: state)
        // A failed swap leaves the pool as it was.
        return (pool, (try? sold[slot].pool.swapExactIn(amount, zeroForOne: state.pools[pool].token0 == input)) ?? 0)
    }

    /// The index in ``sold`` of pool `index`, added as `state` holds it when not sold into yet.
    private mutating func slot(of index: Int, in state: ProtocolState) -> Int {
        if let known = sold.firstIndex(where: { $0.index == index }) { return known }
        sold.append((index, state.pools[index].pool))
        return sold.count - 1
    }

    /// The only pool of `state` that trades `input` against `output`, with its index in ``sold``
    /// (added when not sold into yet); nil when none or several do.
    // NOTE: the answer for the last pair is kept: a wake-up asks it for every sale (≈ 9.5 k
    // sales a replication of benchmark-day; callgrind, full day, warm-up + 1: 676.6 M -> 675.5 M).
    private mutating func soleVenue(trading input: AssetID, _ output: AssetID, in state: ProtocolState) -> (pool: Int, slot: Int)? {
        if let last = lastSoleVenue, last.input == input, last.output == output { return (last.pool, last.slot) }
        var found: Int?
        for index in state.pools.indices
        where (state.pools[index].token0, state.pools[index].token1) == (input, output)
            || (state.pools[index].token0, state.pools[index].token1) == (output, input) {
            guard found == nil else { return nil }
            found = index
        }
        guard let pool = found else { return nil }
        let slot = self.slot(of: pool, in: state)
        lastSoleVenue = (input, output, pool, slot)
        return (pool, slot)
    }

    /// Whether a swap in the given direction pays at most as much on `pool` as on `reference`
    /// for any input: the same fee, an input reserve at least the reference's, an output
    /// reserve at most the reference's.
    private static func paysAtMost(_ pool: ConstantProductPool, _ reference: ConstantProductPool, zeroForOne: Bool) -> Bool {
        guard pool.feePips == reference.feePips else { return false }
        return zeroForOne
            ? pool.reserve0 >= reference.reserve0 && pool.reserve1 <= reference.reserve1
            : pool.reserve1 >= reference.reserve1 && pool.reserve0 <= reference.reserve0
    }
}
