/// A constant-product (x·y = k) pool with a fee, in Uniswap v2's integer semantics.
///
/// Reserves and shares are raw `UInt128` units. Swaps and liquidity changes throw without
/// changing state on failure (a revert). The caller calls `accrue(timestamp:)` at the first touch
/// of each block, before that touch changes the reserves, so the TWAP accumulators integrate the
/// previous block's closing price (DESIGN.md §3).
///
/// Differences from the on-chain pair: the initial provider receives all √(r0·r1) shares
/// (Uniswap v2 locks MINIMUM_LIQUIDITY = 1000 shares at address 0 against share-price
/// manipulation of an empty pool, irrelevant to a simulation whose pools start funded); prices in
/// the accumulators are wad-scaled (10^18) whole-unit prices, not UQ112x112 raw-unit ratios.
public struct ConstantProductPool: Sendable, Equatable {
    /// Reserve of token0, raw units.
    public var reserve0: UInt128
    /// Reserve of token1, raw units.
    public var reserve1: UInt128
    /// LP share supply (raw, 18 decimals).
    public var totalShares: UInt128
    /// Fee in millionths of the input: 0.3 % → 3000.
    public let feePips: UInt128
    /// Decimals of token0.
    public let decimals0: Int
    /// Decimals of token1.
    public let decimals1: Int
    /// Σ price0·seconds, wrapping: price0 is the wad-scaled price of token0 in whole token1
    /// units, from the reserves before the first touch of each block.
    public var price0Cumulative: UInt128
    /// Σ price1·seconds, wrapping: price1 is the wad-scaled price of token1 in whole token0 units.
    public var price1Cumulative: UInt128
    /// Timestamp (seconds) of the last accrual.
    public var lastTimestamp: Int64

    /// The fee denominator: fees are in millionths.
    public static let feeScale: UInt128 = 1_000_000

    /// The fee as a fraction of the input (0.003 for 0.3 %).
    // NOTE: feePips < 10^6 < 2^53, so one correctly rounded division of two exact doubles gives
    // `TokenUnits.toDouble(feePips, decimals: 6)` without the call.
    public var feeFraction: Double {
        Double(UInt64(truncatingIfNeeded: feePips)) / Double(UInt64(truncatingIfNeeded: Self.feeScale))
    }

    /// Creates a funded pool whose initial provider holds all √(reserve0·reserve1) shares
    /// (MINIMUM_LIQUIDITY is not locked; see the type's documentation), accumulators at zero.
    public init(reserve0: UInt128, reserve1: UInt128, feePips: UInt128, decimals0: Int, decimals1: Int, timestamp: Int64) {
        precondition(feePips < Self.feeScale, "fee must be below 100 %")
        precondition(TokenUnits.decimalsRange.contains(decimals0) && TokenUnits.decimalsRange.contains(decimals1),
                     "decimals must be in 0...36")
        self.reserve0 = reserve0
        self.reserve1 = reserve1
        self.totalShares = FixedPoint.sqrtOfProduct(reserve0, reserve1)
        self.feePips = feePips
        self.decimals0 = decimals0
        self.decimals1 = decimals1
        self.price0Cumulative = 0
        self.price1Cumulative = 0
        self.lastTimestamp = timestamp
    }

    /// Spot price of token0 in whole token1 units (double, for reporting and agents).
    public var spotPrice: Double {
        TokenUnits.toDouble(reserve1, decimals: decimals1) / TokenUnits.toDouble(reserve0, decimals: decimals0)
    }

    /// The product of the reserves as a 256-bit (high, low) pair: never decreases under swaps.
    public var invariant: (high: UInt128, low: UInt128.Magnitude) {
        FixedPoint.wideMultiply(reserve0, reserve1)
    }
}

/// Why a pool operation reverted.
public enum PoolError: Error, Sendable, Equatable {
    /// The output would take the whole reserve (or more), or the pool is empty.
    case insufficientLiquidity
    /// Zero output, zero input, or zero shares.
    case zeroAmount
    /// An arithmetic failure (overflow beyond `UInt128`).
    case arithmetic(ArithmeticError)
}
