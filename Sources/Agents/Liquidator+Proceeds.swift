import ProtocolModel

/// The pools as one wake-up's own proposed sales leave them, for a liquidator that sells at a
/// loss: it liquidates whatever its capital covers, and the sale in each liquidation's
/// transaction returns capital for its next liquidation of the block, as the peer models'
/// liquidators spend each sale's proceeds again. It expects each sale to return what the pool
/// pays after its earlier sales of the wake-up (the trades of others that land in between are
/// unknown to it).
struct ProposedSales {
    /// The pools sold into so far, by index in the state's pools, with their reserves after
    /// those sales (a wake-up sells into one pool, or a few).
    private var sold: [(index: Int, pool: ConstantProductPool)] = []

    /// The output of selling `amount` through pool `index` of `state` in the given direction
    /// after the sales recorded here, recorded as one more; 0 when the pool cannot take it.
    /// - Complexity: O(pools sold into).
    mutating func sell(_ amount: UInt128, pool index: Int, zeroForOne: Bool, in state: ProtocolState) -> UInt128 {
        let slot: Int
        if let known = sold.firstIndex(where: { $0.index == index }) {
            slot = known
        } else {
            sold.append((index, state.pools[index].pool))
            slot = sold.count - 1
        }
        return (try? sold[slot].pool.swapExactIn(amount, zeroForOne: zeroForOne)) ?? 0
    }
}
