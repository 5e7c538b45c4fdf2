/// A Curve StableSwap pool of n coins (Egorov, "StableSwap — efficient mechanism for
/// Stablecoin liquidity", 2019) in the integer semantics of Curve's 3pool contract
/// (`StableSwap3Pool.vy`, vyper 0.2): balances are raw units, normalised to 18 decimals by a
/// per-coin multiplier before the invariant is solved; the invariant D and the new balance y
/// of a swap are found by Curve's Newton iterations (``invariant(of:amplification:)``,
/// ``balance(of:after:to:normalized:amplification:)``), with its rounding; the fee is taken
/// from the output and stays in the pool.
///
/// Differences from the contract: the admin fee is zero (the whole fee stays with liquidity
/// providers); A is constant (no ramping); the initial provider receives D shares, as Curve's
/// first `add_liquidity` mints. Intermediates are 256-bit as in the contract, except that the
/// divisors of the Newton steps must fit 128 bits: a swap that would leave a coin's normalised
/// balance below about 10^-9 of D reverts with an arithmetic error where the contract would not.
public struct StableSwapPool: Sendable, Equatable {
    /// Raw balances, one per coin.
    public var balances: [UInt128]
    /// 10^(18 − decimals) per coin: raw × multiplier is the 18-decimal normalised balance.
    public let multipliers: [UInt128]
    /// The amplification coefficient A (Curve's `A`, not multiplied by n).
    public let amplification: UInt128
    /// Fee on the output, in units of 10^-10 (Curve's `fee` over `FEE_DENOMINATOR`): 0.04 % → 4,000,000.
    public let fee: UInt128
    /// LP share supply (raw, 18 decimals).
    public var totalShares: UInt128

    /// Curve's fee denominator, 10^10.
    public static let feeDenominator: UInt128 = 10_000_000_000

    /// The value of the fee a swap that paid out `received` (valued in any unit) was charged:
    /// the fee is the fraction f of the gross output, of which the trader received 1 − f, so
    /// it is `received` · f / (1 − f).
    public func feeValue(received: Double) -> Double {
        let fraction = Double(fee) / Double(Self.feeDenominator)
        return received * fraction / (1 - fraction)
    }
    /// Curve's `PRECISION`, 10^18: the scale of normalised balances and of the virtual price.
    public static let precision: UInt128 = 1_000_000_000_000_000_000
    /// Curve's iteration bound for the Newton solvers.
    static let maxIterations = 255

    /// Creates a funded pool whose initial provider holds D shares (Curve's first deposit).
    ///
    /// - Throws: ``PoolError/zeroAmount`` when a balance is zero; ``PoolError/arithmetic(_:)``
    ///   when the normalised balances overflow or the invariant does not converge.
    public init(balances: [UInt128], decimals: [Int], amplification: UInt128, fee: UInt128) throws(PoolError) {
        precondition(balances.count == decimals.count && (2...8).contains(balances.count), "a stable pool has 2 to 8 coins")
        precondition(decimals.allSatisfy { (0...18).contains($0) }, "stable-pool coins have at most 18 decimals")
        precondition(amplification > 0 && fee < Self.feeDenominator / 2, "A must be positive and the fee below 50 %")
        self.balances = balances
        self.multipliers = decimals.map { FixedPoint.powerOfTen(18 - $0) }
        self.amplification = amplification
        self.fee = fee
        self.totalShares = 0
        guard balances.allSatisfy({ $0 > 0 }) else { throw .zeroAmount }
        do { totalShares = try invariant() } catch { throw .arithmetic(error) }
    }

    /// Number of coins.
    public var coinCount: Int { balances.count }

    /// The balances normalised to 18 decimals (Curve's `_xp`).
    public func normalized() throws(ArithmeticError) -> [UInt128] {
        var xp: [UInt128] = []
        xp.reserveCapacity(balances.count)
        for (balance, multiplier) in zip(balances, multipliers) {
            let (value, overflow) = balance.multipliedReportingOverflow(by: multiplier)
            if overflow { throw .overflow }
            xp.append(value)
        }
        return xp
    }

    /// The current invariant D (18-decimal units).
    /// - Complexity: O(n) per Newton iteration; a few iterations near balance, at most 255.
    public func invariant() throws(ArithmeticError) -> UInt128 {
        try Self.invariant(of: normalized(), amplification: amplification)
    }
}
