import Foundation

/// A time-weighted average price over a pool's closing prices (DESIGN.md §3).
///
/// C(t) integrates the previous block's closing price, so the read at t,
/// (C(t) − C(t − window)) / window, never contains the current block's trades. The arithmetic
/// form reads C(t) from the pool's own accumulators (Uniswap v2) and C(t − window) from a
/// per-block history taken at each seal; the geometric form keeps its own accumulator of
/// Uniswap v3 ticks.
///
/// Geometric form, and why it mixes doubles and integers: as in Uniswap v3 the closing price
/// is turned into a tick ⌊log₁.₀₀₀₁(price)⌋ (computed in `Double`: the logarithm's error,
/// ~10⁻¹⁶ relative, can only move a price lying within that distance of a tick boundary),
/// ticks × seconds are summed exactly in wrapping integers, the mean tick is rounded towards
/// −∞ as v3 does, and the answer is 1.0001^meanTick converted exactly from its `Double`
/// value to wad. Reads are thus quantised to one basis point, like v3's, and are
/// deterministic; the accumulation itself has no rounding.
public struct TwapOracle: Sendable, Equatable {
    /// The pool whose closing prices are averaged.
    public let pool: Int
    /// Price of token0 in token1 when true, else of token1 in token0.
    public let baseIsToken0: Bool
    /// Averaging window, seconds.
    public let window: Int64
    /// Uniswap-v3-style geometric mean of prices instead of the arithmetic mean.
    public let geometric: Bool
    var history: OracleHistory
    /// The observations of a keeper-updated TWAP (nil: the history advances at every seal).
    var observations: KeeperObservations?

    init(pool: Int, baseIsToken0: Bool, window: Int64, geometric: Bool, initial: OracleSnapshot) {
        self.pool = pool
        self.baseIsToken0 = baseIsToken0
        self.window = window
        self.geometric = geometric
        self.history = OracleHistory(initial: initial, window: window)
        self.observations = nil
    }

    /// Whether its observation advances only through the public update step
    /// (``Step/updateTwap(oracle:)``) instead of at every seal.
    public var updatedByKeeper: Bool { observations != nil }

    /// The newest observation recorded by an update step (the initial one before any), for a
    /// keeper-updated TWAP.
    public var latestObservation: TwapObservation? { observations?.latest }

    /// The Uniswap v3 tick of a wad price, ⌊log(price/10^18)/log(1.0001)⌋ (see the type's
    /// documentation for the `Double` argument).
    public static func tick(ofWadPrice price: UInt128) -> Int64 {
        let ratio = TokenUnits.toDouble(price, decimals: 18)
        return Int64((log(ratio) / log(1.0001)).rounded(.down))
    }

    /// 1.0001^tick as a wad price (the exact binary value of the `Double` power, rounded down
    /// to a raw unit).
    public static func wadPrice(ofTick tick: Int64) -> UInt128 {
        TokenUnits.fromDouble(pow(1.0001, Double(tick)), decimals: 18)
    }

    /// The wrapping accumulator value of a tick: its two's-complement bit pattern.
    static func tickBits(_ tick: Int64) -> UInt128 {
        UInt128(truncatingIfNeeded: Int128(tick))
    }
}
