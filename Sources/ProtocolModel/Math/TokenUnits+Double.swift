extension TokenUnits {
    /// The double nearest to raw/10^decimals (for reporting and agents' decisions only).
    ///
    /// When raw < 2^53 and decimals ≤ 22 both raw and 10^decimals are exact doubles and one IEEE
    /// division rounds correctly; otherwise the exact decimal text goes through the correctly
    /// rounded `Double(String)` conversion.
    public static func toDouble(_ raw: UInt128, decimals: Int) -> Double {
        precondition(decimalsRange.contains(decimals), "decimals must be in 0...36")
        if raw < (1 << 53), decimals <= 22 {
            return Double(raw) / exactPowersOfTen[decimals]
        }
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
    public static func fromDouble(_ value: Double, decimals: Int) -> UInt128 {
        precondition(decimalsRange.contains(decimals), "decimals must be in 0...36")
        guard value > 0 else { return 0 }  // also NaN
        guard value < 0x1p112 else { return loadLimit }  // value·10^d ≥ value ≥ 2^112
        // A subnormal value times 10^36 is still below 1.
        guard value.isNormal else { return 0 }
        // value = significand · 2^exponent exactly, 2^52 ≤ significand < 2^53.
        let significand = UInt128(value.significandBitPattern | 1 << 52)
        let exponent = Int(value.exponent) - 52
        let product = significand.multipliedFullWidth(by: FixedPoint.powerOfTen(decimals))  // < 2^173
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

    /// 10^0 … 10^22, all exactly representable as doubles.
    private static let exactPowersOfTen: [Double] = (0...22).map { exponent in
        (0..<exponent).reduce(1.0) { product, _ in product * 10 }
    }
}
