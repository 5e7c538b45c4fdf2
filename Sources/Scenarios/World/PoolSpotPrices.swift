import ProtocolModel

/// Each pool's spot price as a Double (``ConstantProductPool/spotPrice``), kept with the
/// reserves it was computed from and recomputed only when they change: most pools of a world of
/// many are not traded in a block, and the price depends on nothing else (a pool's decimals are
/// fixed). A world's pools are fixed when it is built, so the table is sized once.
// NOTE: a class over an allocated buffer, not an array in a struct: an array's write checks its
// uniqueness (a call), and benchmark-day's one pool is traded at almost every block.
final class PoolSpotPrices {
    private typealias Entry = (reserve0: UInt128, reserve1: UInt128, price: Double)
    private let entries: UnsafeMutableBufferPointer<Entry>

    /// A table for `count` pools; each price is computed at its first read.
    init(count: Int) {
        entries = .allocate(capacity: count)
        // No pool holds UInt128.max (balances stay below the 2^112 load limit).
        entries.initialize(repeating: (.max, .max, 0))
    }

    deinit { entries.deallocate() }

    /// The spot price of `pool`, the pool at `index`. O(1).
    @inline(__always)
    func price(of pool: ConstantProductPool, at index: Int) -> Double {
        precondition(index >= 0 && index < entries.count, "a pool of the world")
        if entries[index].reserve0 != pool.reserve0 || entries[index].reserve1 != pool.reserve1 {
            entries[index] = (pool.reserve0, pool.reserve1, pool.spotPrice)
        }
        return entries[index].price
    }
}
