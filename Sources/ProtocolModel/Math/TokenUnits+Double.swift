extension TokenUnits {
    /// raw/10^decimals as a double (for reporting and agents' decisions only).
    ///
    /// When raw < 2^53 and decimals ≤ 22 both raw and 10^decimals are exact doubles and one IEEE
    /// division rounds correctly. Larger raw amounts with decimals ≤ 22 are rounded to a double
    /// first, so the result is within two ulps of the quotient (exact whenever raw is an exact
    /// double, e.g. 2^112). More decimals go through the correctly rounded `Double(String)`.
    ///
    /// NOTE: the string path cost ~1 µs per call and was the top entry of a callgrind profile
    /// of `advsim bench scenario amm-arbitrage` (ETH amounts are ≥ 2^53 raw units); the
    /// rounded path cut a replication from 0.150 s to 0.093 s (median of 5, interleaved runs).
    ///
    /// NOTE: an inlined call of a free function (``rawToDouble(_:decimals:)``), whose callers in
    /// other modules call it directly: a static function's public entry point is a thunk that
    /// drops the unused metatype and jumps to the specialised body (4 instructions a call, ≈ 290 k
    /// calls a benchmark day from other modules; with ``fromDouble(_:decimals:)``, 765.1 M →
    /// 763.6 M instructions a benchmark day, warm-up + 1). The whole body inlined instead cost
    /// more (+0.7 M): each caller then reads the powers of ten through their global's accessor.
    @inlinable
    public static func toDouble(_ raw: UInt128, decimals: Int) -> Double {
        rawToDouble(raw, decimals: decimals)
    }

    /// ``toDouble(_:decimals:)`` for more than 22 decimals, through the correctly rounded
    /// `Double(String)`.
    ///
    /// NOTE: out of line, so the common path (``rawToDouble(_:decimals:)``) needs no stack frame
    /// of its own (≈ 470 k calls a benchmark day): 801.7 M → 800.8 M instructions (full day,
    /// warm-up + 1; callgrind).
    @inline(never)
    fileprivate static func toDoubleThroughText(_ raw: UInt128, decimals: Int) -> Double {
        guard let value = Double(format(raw, decimals: decimals)) else {
            preconditionFailure("formatted token amount is always valid decimal text")
        }
        return value
    }

    /// The largest raw amount ≤ value·10^decimals, computed exactly from the double's binary
    /// value (no rounding through decimal text); clamps at `loadLimit` (2^112).
    ///
    /// For agents that decide sizes in doubles. Zero, negative and NaN values give 0; +∞ gives
    /// `loadLimit`.
    ///
    /// NOTE: an inlined call of a free function (``rawFromDouble(_:decimals:)``), for the reason
    /// ``toDouble(_:decimals:)`` gives (≈ 90 k calls a benchmark day from other modules).
    @inlinable
    public static func fromDouble(_ value: Double, decimals: Int) -> UInt128 {
        rawFromDouble(value, decimals: decimals)
    }

    /// ⌊raw·factor⌋ in doubles: `fromDouble(toDouble(raw, decimals: 0) * factor, decimals: 0)`,
    /// the same value (an agent's limit from an exact quote, e.g. the output less a slippage
    /// tolerance). Zero for a negative or NaN product, clamped at `loadLimit`.
    ///
    /// NOTE: below 2^64 both conversions are one machine conversion each (raw / 10^0 is the
    /// rounded raw itself, and a non-negative double below 2^64 truncates to its floor), instead
    /// of two calls through the general paths: 731.1 M → 729.5 M instructions a benchmark day
    /// (≈ 29 k noise trades, warm-up + 1; callgrind).
    @inlinable
    public static func scaled(_ raw: UInt128, by factor: Double) -> UInt128 {
        if raw >> 64 == 0 {
            let value = Double(UInt64(truncatingIfNeeded: raw)) * factor
            if value >= 0, value < 0x1p64 { return UInt128(UInt64(value)) }
        }
        return fromDouble(toDouble(raw, decimals: 0) * factor, decimals: 0)
    }

    /// ``fromDouble(_:decimals:)`` of the positive normal double significand·2^exponent below
    /// 2^112 for more than 19 decimals, through a 256-bit product.
    ///
    /// NOTE: out of line, so the common path (``rawFromDouble(_:decimals:)``) saves no registers
    /// for the call to ``FixedPoint/wideMultiply(_:_:)`` (≈ 114 k calls a benchmark day):
    /// 800.8 M → 799.1 M instructions (full day, warm-up + 1; callgrind).
    @inline(never)
    fileprivate static func fromDoubleWide(significand: UInt64, exponent: Int, decimals: Int) -> UInt128 {
        let product = FixedPoint.wideMultiply(UInt128(significand), FixedPoint.powerOfTen(decimals))  // < 2^173
        if exponent >= 0 {
            // value < 2^112 here, so exponent < 60 and a set high half means far above the limit.
            guard product.high == 0, product.low.leadingZeroBitCount > exponent else { return loadLimit }
            return min(product.low << exponent, loadLimit)
        }
        let shift = -exponent
        guard shift < 2 * UInt128.bitWidth else { return 0 }
        if shift >= UInt128.bitWidth {
            return min(product.high >> (shift - UInt128.bitWidth), loadLimit)
        }
        guard product.high >> shift == 0 else { return loadLimit }
        return min((product.low >> shift) | (product.high << (UInt128.bitWidth - shift)), loadLimit)
    }

    /// 10^0 … 10^22, all exactly representable as doubles (a literal: no lazy initialisation
    /// to check at each read; each literal is the exact power).
    fileprivate static let exactPowersOfTen: [Double] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18,
        1e19, 1e20, 1e21, 1e22,
    ]
}

/// ``TokenUnits/toDouble(_:decimals:)``.
@usableFromInline
func rawToDouble(_ raw: UInt128, decimals: Int) -> Double {
    precondition(TokenUnits.decimalsRange.contains(decimals), "decimals must be in 0...36")
    // NOTE: conversions go through UInt64 halves: `Double(UInt128)` is an unspecialised
    // generic in the standard library (10 % of a replication's instructions in callgrind).
    if decimals <= 22 {
        if raw < (1 << 53) { return Double(UInt64(truncatingIfNeeded: raw)) / TokenUnits.exactPowersOfTen[decimals] }
        // NOTE: below 2^64 the high half's term below is +0.0, and x + 0.0 = x: one conversion
        // fewer for amounts of 0.009 to 18 ETH (raw 2^53 to 2^64): 802.1 M → 801.7 M instructions
        // (benchmark-day full day, warm-up + 1; callgrind).
        if raw >> 64 == 0 { return Double(UInt64(truncatingIfNeeded: raw)) / TokenUnits.exactPowersOfTen[decimals] }
        let high = UInt64(truncatingIfNeeded: raw >> 64), low = UInt64(truncatingIfNeeded: raw)
        // Double(high)·2^64 is exact; the sum rounds once, the division once more.
        return (Double(high) * 0x1p64 + Double(low)) / TokenUnits.exactPowersOfTen[decimals]
    }
    return TokenUnits.toDoubleThroughText(raw, decimals: decimals)
}

/// ``TokenUnits/fromDouble(_:decimals:)``.
@usableFromInline
func rawFromDouble(_ value: Double, decimals: Int) -> UInt128 {
    precondition(TokenUnits.decimalsRange.contains(decimals), "decimals must be in 0...36")
    guard value > 0 else { return 0 }  // also NaN
    guard value < 0x1p112 else { return TokenUnits.loadLimit }  // value·10^d ≥ value ≥ 2^112
    // A subnormal value times 10^36 is still below 1.
    guard value.isNormal else { return 0 }
    // value = significand · 2^exponent exactly, 2^52 ≤ significand < 2^53 (value is normal
    // and positive: its biased exponent is its top bits).
    let significand = value.significandBitPattern | 1 << 52
    let exponent = Int(value.bitPattern >> 52) - 1075
    // NOTE: for decimals ≤ 19 (every token of the shipped scenarios) 10^decimals is a
    // UInt64 and the product, < 2^117, one 64×64-bit multiplication, shifted in 128 bits;
    // the general path's 256-bit product, table read and shifts cost ≈ 110 instructions
    // more a call (≈ 110 k calls in benchmark-day, full day, warm-up + 1). The same value:
    // the 256-bit product's high half would be 0.
    if decimals <= 19 {
        let (high, low) = significand.multipliedFullWidth(by: UInt64(truncatingIfNeeded: FixedPoint.powerOfTen(decimals)))
        let product = UInt128(high) << 64 | UInt128(low)
        if exponent >= 0 {
            guard product.leadingZeroBitCount > exponent else { return TokenUnits.loadLimit }
            return min(product &<< exponent, TokenUnits.loadLimit)
        }
        return -exponent < UInt128.bitWidth ? min(product &>> -exponent, TokenUnits.loadLimit) : 0
    }
    return TokenUnits.fromDoubleWide(significand: significand, exponent: exponent, decimals: decimals)
}
