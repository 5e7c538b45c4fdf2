/// A constant-product pool's wad spot prices (``ConstantProductPool/price0Wad`` and
/// ``ConstantProductPool/price1Wad``) remembered with the reserves they were computed from.
///
/// A spot oracle is read many times between two trades of its pool (every health check of
/// every agent's view and of every liquidation), and each read was a 256-bit division. The
/// protocol state refreshes the cache before the steps and seals that read oracles
/// (``ProtocolState/refreshSpotPrices()``), not at every write of the pool; a read uses it only
/// when its reserves are the pool's, so a stale cache is never answered, only recomputed (the
/// prices depend on nothing else: a pool's decimals are fixed).
///
/// Only the directions a spot oracle reads are held (``hold(baseIsToken0:for:)``, at the
/// oracle's registration); any other direction is computed when read: the accumulators, TWAP
/// snapshots and metrics read it about once a block, while a pool is written several times a
/// block.
struct SpotPriceCache: Sendable {
    /// The reserves the held prices were computed from, raw units.
    private(set) var reserve0: UInt128
    private(set) var reserve1: UInt128
    /// Whether ``ConstantProductPool/price0Wad`` is held (computed at every refresh).
    private var holdsPrice0 = false
    /// Whether ``ConstantProductPool/price1Wad`` is held.
    private var holdsPrice1 = false
    /// ``ConstantProductPool/price0Wad`` at those reserves when held, else nil.
    private var price0: UInt128?
    /// ``ConstantProductPool/price1Wad`` at those reserves when held, else nil.
    private var price1: UInt128?

    /// A cache of `pool`'s current reserves holding no price yet. O(1).
    init(_ pool: ConstantProductPool) {
        reserve0 = pool.reserve0
        reserve1 = pool.reserve1
    }

    /// Holds from now on the price of token0 in token1 (`baseIsToken0`) or the inverse, and
    /// computes it for `pool`'s current reserves (one 256-bit division per refresh from then).
    mutating func hold(baseIsToken0: Bool, for pool: ConstantProductPool) {
        if baseIsToken0 { holdsPrice0 = true } else { holdsPrice1 = true }
        refresh(for: pool)
    }

    /// Recomputes the held prices for `pool`'s current reserves (a division per held price).
    mutating func refresh(for pool: ConstantProductPool) {
        reserve0 = pool.reserve0
        reserve1 = pool.reserve1
        price0 = holdsPrice0 ? pool.price0Wad : nil
        price1 = holdsPrice1 ? pool.price1Wad : nil
    }

    /// Whether the cache is of `pool`'s current reserves. O(1).
    func isCurrent(for pool: ConstantProductPool) -> Bool {
        reserve0 == pool.reserve0 && reserve1 == pool.reserve1
    }

    /// Whether every held price is the one computed from the cache's reserves at `pool`'s
    /// decimals and fee (the invariant check; the cache may be of older reserves than `pool`'s).
    /// Two 256-bit divisions at most.
    func isConsistent(with pool: ConstantProductPool) -> Bool {
        var cached = pool
        (cached.reserve0, cached.reserve1) = (reserve0, reserve1)
        return (!holdsPrice0 || price0 == cached.price0Wad) && (!holdsPrice1 || price1 == cached.price1Wad)
    }

    /// The spot price of token0 in token1 (`baseIsToken0`) or the inverse, wad, for `pool`:
    /// from the cache when it holds that price and is current, else computed. Nil when a
    /// reserve is zero.
    @inline(__always)
    func price(of pool: ConstantProductPool, baseIsToken0: Bool) -> UInt128? {
        if isCurrent(for: pool) {
            if baseIsToken0 {
                if holdsPrice0 { return price0 }
            } else if holdsPrice1 {
                return price1
            }
        }
        return baseIsToken0 ? pool.price0Wad : pool.price1Wad
    }
}
