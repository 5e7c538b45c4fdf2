/// A constant-product pool's wad spot prices (``ConstantProductPool/price0Wad`` and
/// ``ConstantProductPool/price1Wad``) remembered with the reserves they were computed from.
///
/// A spot oracle is read many times between two trades of its pool (every health check of
/// every agent's view and of every liquidation), and each read was a 256-bit division. The
/// protocol state refreshes the cache when it writes a pool (``ProtocolState/writePool(_:_:)``,
/// rollback); a read uses it only when its reserves are the pool's, so a stale cache is never
/// answered, only recomputed (the prices depend on nothing else: a pool's decimals are fixed).
struct SpotPriceCache: Sendable, Equatable {
    /// The reserves the prices were computed from, raw units.
    private(set) var reserve0: UInt128
    private(set) var reserve1: UInt128
    /// ``ConstantProductPool/price0Wad`` at those reserves.
    private(set) var price0: UInt128?
    /// ``ConstantProductPool/price1Wad`` at those reserves.
    private(set) var price1: UInt128?

    /// The prices of `pool`'s current reserves (two 256-bit divisions).
    init(_ pool: ConstantProductPool) {
        reserve0 = pool.reserve0
        reserve1 = pool.reserve1
        price0 = pool.price0Wad
        price1 = pool.price1Wad
    }

    /// Whether the cache holds the prices of `pool`'s current reserves. O(1).
    func isCurrent(for pool: ConstantProductPool) -> Bool {
        reserve0 == pool.reserve0 && reserve1 == pool.reserve1
    }

    /// The spot price of token0 in token1 (`baseIsToken0`) or the inverse, wad, for `pool`:
    /// from the cache when it is current, else computed. Nil when a reserve is zero.
    @inline(__always)
    func price(of pool: ConstantProductPool, baseIsToken0: Bool) -> UInt128? {
        guard isCurrent(for: pool) else { return baseIsToken0 ? pool.price0Wad : pool.price1Wad }
        return baseIsToken0 ? price0 : price1
    }
}
