/// A constant-product pool as a venue of the protocol: its token pair, the account that holds
/// its reserves on the ledger, and the ledger asset of its LP shares.
///
/// The pool's reserves are tracked both in ``ConstantProductPool`` (as Uniswap v2 tracks
/// `reserve0/1`) and as the ledger balances of ``account``; the invariant check asserts that
/// they agree after every transaction, and that the LP share asset's supply equals
/// `totalShares`.
public struct PoolVenue: Sendable {
    /// The scenario's id of the pool, e.g. `eth_usdc`.
    public var name: String
    public var token0: AssetID
    public var token1: AssetID
    /// The ledger asset of the pool's LP shares (18 decimals).
    public var shareAsset: AssetID
    /// The account that holds the reserves.
    public var account: AccountID
    /// The pool's integer state; written only through ``ProtocolState`` (journalled).
    public internal(set) var pool: ConstantProductPool
    /// The spot prices that `pool`'s spot oracles read, of the reserves the protocol state last
    /// refreshed them for (``ProtocolState/refreshSpotPrices()``; a read checks the reserves:
    /// ``SpotPriceCache``).
    var spotPrices: SpotPriceCache

    public init(name: String, token0: AssetID, token1: AssetID, shareAsset: AssetID,
                account: AccountID, pool: ConstantProductPool) {
        self.name = name
        self.token0 = token0
        self.token1 = token1
        self.shareAsset = shareAsset
        self.account = account
        self.pool = pool
        self.spotPrices = SpotPriceCache(pool)
    }

    /// Brings ``spotPrices`` to the pool's current reserves.
    // NOTE: inlined into the state's out-of-line refresh, one frame less at each of ≈ 38 k
    // refreshes (755.2 M → 754.8 M instructions a benchmark day, warm-up + 1; callgrind).
    @inline(__always)
    mutating func refreshSpotPrices() {
        spotPrices.refresh(for: pool)
    }

    /// Accrues the pool's accumulators at `timestamp` (at its first touch in a block, from the
    /// held spot prices when current) and swaps `amountIn` in place
    /// (``ConstantProductPool/swapExactIn(_:zeroForOne:)``). The caller journals the pool first.
    mutating func swapExactIn(_ amountIn: UInt128, zeroForOne: Bool, timestamp: Int64) throws(PoolError) -> UInt128 {
        pool.accrue(timestamp: timestamp, cachedPrices: spotPrices)
        return try pool.swapExactIn(amountIn, zeroForOne: zeroForOne)
    }

    /// The output of swapping `amountIn` in the given direction at the current reserves
    /// (Uniswap v2 `getAmountOut`), or nil when the pool cannot quote it.
    public func quote(amountIn: UInt128, zeroForOne: Bool) -> UInt128? {
        pool.quote(amountIn: amountIn, zeroForOne: zeroForOne)
    }

    /// The input and output assets of a swap in the given direction.
    public func assets(zeroForOne: Bool) -> (input: AssetID, output: AssetID) {
        zeroForOne ? (token0, token1) : (token1, token0)
    }
}
