extension FixedPoint {
    /// 10^36: the internal scale of ``exp(_:rounding:)``, ``expNegative(_:rounding:)`` and
    /// ``log(_:rounding:)`` (18 guard digits beyond wad).
    static let expScale: UInt128 = 1_000_000_000_000_000_000_000_000_000_000_000_000
    /// ln 2 × 10^36, rounded to nearest (error < 0.08 units).
    static let ln2Scaled: UInt128 = 693_147_180_559_945_309_417_232_121_458_176_568
    /// Bound on the series' error at 10^36 scale (truncated terms, the ln 2 constant times
    /// the range-reduction multiple), with room to spare.
    static let expMargin: UInt128 = 512

    /// e^x for `x` in wad, as wad, for automated-reserve pricing (Kyber's exponential curve).
    ///
    /// Integer-only and deterministic: range reduction x = k·ln 2 + r, then the Taylor series of
    /// e^r at 10^36 scale. The result has relative error below 10^-33 and is rounded in the
    /// stated direction — never the wrong way: `.down` never exceeds the exact value, `.up` is
    /// never below it (so it may be one unit further than correct rounding, in the protocol's
    /// favour).
    /// - Throws: `.overflow` when e^x ≥ 2^128 / 10^18 (x above about 47.3).
    public static func exp(_ x: UInt128, rounding: Rounding) throws(ArithmeticError) -> UInt128 {
        let (k, remainder) = try reduce(x)
        let series = expSeries(remainder)
        switch rounding {
        case .down: return try mulDiv(series > expMargin ? series - expMargin : 0, UInt128(1) << k, wad, rounding: .down)
        case .up: return try mulDiv(series + expMargin, UInt128(1) << k, wad, rounding: .up)
        }
    }

    /// e^−x for `x` in wad, as wad; same method and error guarantee as ``exp(_:rounding:)``.
    /// Never throws for any `x` (large `x` gives 0 rounded down, 1 rounded up).
    public static func expNegative(_ x: UInt128, rounding: Rounding) -> UInt128 {
        guard let (k, remainder) = try? reduce(x), k <= 64 else { return rounding == .down ? 0 : 1 }
        // e^−r at 10^36 scale, from e^r: S²/e^r (S² fits the 256-bit intermediate).
        let series = expSeries(remainder)
        let inverse = (try? mulDiv(expScale, expScale, series, rounding: .down)) ?? 0
        let divisor = wad << k
        switch rounding {
        case .down: return (try? mulDiv(inverse > expMargin ? inverse - expMargin : 0, 1, divisor, rounding: .down)) ?? 0
        case .up: return (try? mulDiv(inverse + expMargin, 1, divisor, rounding: .up)) ?? 1
        }
    }

    /// ln y for `y` ≥ 1 in wad (y ≥ 10^18 raw), as wad; same error guarantee as
    /// ``exp(_:rounding:)``.
    ///
    /// y = 2^k·m with m ∈ [1, 2), then ln m = 2·atanh((m − 1)/(m + 1)) by its series at 10^36 scale.
    /// - Throws: `.underflow` when y < 1 (a negative logarithm).
    public static func log(_ y: UInt128, rounding: Rounding) throws(ArithmeticError) -> UInt128 {
        guard y >= wad else { throw .underflow }
        let k = UInt128((y / wad).bitWidth - (y / wad).leadingZeroBitCount - 1)  // ⌊log₂ ⌊y⌋⌋
        // m at 10^36 scale: y·10^18 / 2^k (y < 2^128, so y·10^18 fits 256 bits and m < 2·10^36).
        let mantissa = try mulDiv(y, wad, UInt128(1) << k, rounding: .down)
        let numerator = mantissa - expScale, denominator = mantissa + expScale
        let z = try mulDiv(numerator, expScale, denominator, rounding: .down)  // ≤ 1/3 at scale
        let zSquared = try mulDiv(z, z, expScale, rounding: .down)
        var power = z, sum: UInt128 = 0, n: UInt128 = 1
        while power > 0 {
            sum += power / n
            power = try mulDiv(power, zSquared, expScale, rounding: .down)
            n += 2
        }
        let total = 2 * sum + k * ln2Scaled
        switch rounding {
        case .down: return total > expMargin ? (total - expMargin) / wad : 0
        case .up: return (total + expMargin + wad - 1) / wad
        }
    }

    /// x (wad) → (k, r) with x = k·ln 2 + r, r ∈ [0, ln 2) at 10^36 scale.
    private static func reduce(_ x: UInt128) throws(ArithmeticError) -> (Int, UInt128) {
        let scaled = try multiply(x, wad)
        let k = scaled / ln2Scaled
        guard k < 128 else { throw .overflow }
        return (Int(k), scaled - k * ln2Scaled)
    }

    /// e^r at 10^36 scale for r ∈ [0, ln 2) at that scale: Σ rⁿ/n!, each term truncated.
    private static func expSeries(_ r: UInt128) -> UInt128 {
        var term = expScale, sum = expScale, n: UInt128 = 1
        while true {
            // term·r < 2·10^72: the 256-bit intermediate never overflows, the quotient is < 10^36.
            term = (try? mulDiv(term, r, expScale * n, rounding: .down)) ?? 0
            if term == 0 { return sum }
            sum += term
            n += 1
        }
    }
}
