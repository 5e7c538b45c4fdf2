/// Checked `UInt128` arithmetic for token amounts and 18-decimal fixed-point prices.
///
/// Every operation reports failure as a thrown `ArithmeticError` (a transaction revert) instead
/// of trapping; `a·b/c` goes through a 256-bit intermediate (`FixedPoint+MulDiv.swift`).
public enum FixedPoint {
    /// 10^18: oracle answers and protocol prices are 18-decimal fixed point ("wad").
    public static let wad: UInt128 = 1_000_000_000_000_000_000

    /// a + b; throws `.overflow` beyond `UInt128.max`.
    @inlinable
    public static func add(_ a: UInt128, _ b: UInt128) throws(ArithmeticError) -> UInt128 {
        let (sum, overflow) = a.addingReportingOverflow(b)
        if overflow { throw .overflow }
        return sum
    }

    /// a − b; throws `.underflow` when b > a.
    @inlinable
    public static func subtract(_ a: UInt128, _ b: UInt128) throws(ArithmeticError) -> UInt128 {
        let (difference, overflow) = a.subtractingReportingOverflow(b)
        if overflow { throw .underflow }
        return difference
    }

    /// a · b; throws `.overflow` beyond `UInt128.max`.
    @inlinable
    public static func multiply(_ a: UInt128, _ b: UInt128) throws(ArithmeticError) -> UInt128 {
        let (product, overflow) = a.multipliedReportingOverflow(by: b)
        if overflow { throw .overflow }
        return product
    }

    /// `a.multipliedReportingOverflow(by: b)` (the product modulo 2^128 and whether it
    /// overflowed) from 64×64-bit products: one when both factors are below 2^64, two when one
    /// is, none when neither is (the product is then at least 2^128).
    // NOTE: the general 128-bit product with its overflow checks cost ≈ 20 instructions; the
    // lending quotes and valuations multiply an amount by a price or a ratio, most often both
    // below 2^64, or one of them. In ``ProtocolState/tokenValue(_:scale:price:rounding:)`` and
    // the close factor's product of a fixed-bonus quote: callgrind, benchmark-day full day,
    // warm-up + 1: 559.97 M -> 557.53 M. In ``ReducedRatio/floor(_:)`` as well it changed the
    // compiler's inlining of the genesis valuation and of the plan's collateral: 561.54 M.
    @inline(__always)
    static func multipliedReportingOverflow(_ a: UInt128, _ b: UInt128) -> (partialValue: UInt128, overflow: Bool) {
        let aHigh = UInt64(truncatingIfNeeded: a >> 64), bHigh = UInt64(truncatingIfNeeded: b >> 64)
        let aLow = UInt64(truncatingIfNeeded: a), bLow = UInt64(truncatingIfNeeded: b)
        if aHigh == 0, bHigh == 0 { return (UInt128(aLow) &* UInt128(bLow), false) }
        if aHigh != 0, bHigh != 0 { return (a &* b, true) }
        // One factor below 2^64 (`short`) times the other's two halves.
        let (longHigh, longLow, short) = aHigh == 0 ? (bHigh, bLow, aLow) : (aHigh, aLow, bLow)
        let low = UInt128(longLow) &* UInt128(short), high = UInt128(longHigh) &* UInt128(short)
        let (sum, carry) = low.addingReportingOverflow(high << 64)
        return (sum, carry || high >> 64 != 0)
    }

    /// a · b for a factor below 2^64: ``multiply(_:_:)``'s value and error, in two 64×64-bit
    /// products (the general product checks and multiplies both halves of both factors).
    @inline(__always)
    static func multiply(_ a: UInt128, short b: UInt64) throws(ArithmeticError) -> UInt128 {
        let low = UInt64(truncatingIfNeeded: a).multipliedFullWidth(by: b)
        let high = UInt64(truncatingIfNeeded: a >> 64).multipliedReportingOverflow(by: b)
        let (top, carry) = high.partialValue.addingReportingOverflow(low.high)
        if high.overflow || carry { throw .overflow }
        return UInt128(top) << 64 | UInt128(low.low)
    }

    /// ⌊a/b⌋ or ⌈a/b⌉; throws `.divisionByZero` when b = 0.
    @inlinable
    public static func divide(_ a: UInt128, _ b: UInt128, rounding: Rounding) throws(ArithmeticError) -> UInt128 {
        if b == 0 { throw .divisionByZero }
        let (quotient, remainder) = a.quotientAndRemainder(dividingBy: b)
        // ⌈a/b⌉ ≤ a for b ≥ 1, so quotient + 1 cannot overflow when the remainder is non-zero.
        return rounding == .up && remainder != 0 ? quotient + 1 : quotient
    }

    /// 10^exponent for exponent in 0...38 (the powers of ten that fit in `UInt128`).
    /// - Complexity: O(1), a table lookup.
    public static func powerOfTen(_ exponent: Int) -> UInt128 {
        precondition((0...38).contains(exponent), "10^\(exponent) does not fit in UInt128")
        return powersOfTen[exponent]
    }

    /// 10^0 … 10^38 (a literal: no lazy initialisation to check at each read, ≈ 140 k reads in
    /// benchmark-day's liquidation quotes and token conversions).
    private static let powersOfTen: [UInt128] = [
        1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000, 10_000_000_000,
        100_000_000_000, 1_000_000_000_000, 10_000_000_000_000, 100_000_000_000_000, 1_000_000_000_000_000,
        10_000_000_000_000_000, 100_000_000_000_000_000, 1_000_000_000_000_000_000, 10_000_000_000_000_000_000,
        100_000_000_000_000_000_000, 1_000_000_000_000_000_000_000, 10_000_000_000_000_000_000_000,
        100_000_000_000_000_000_000_000, 1_000_000_000_000_000_000_000_000, 10_000_000_000_000_000_000_000_000,
        100_000_000_000_000_000_000_000_000, 1_000_000_000_000_000_000_000_000_000,
        10_000_000_000_000_000_000_000_000_000, 100_000_000_000_000_000_000_000_000_000,
        1_000_000_000_000_000_000_000_000_000_000, 10_000_000_000_000_000_000_000_000_000_000,
        100_000_000_000_000_000_000_000_000_000_000, 1_000_000_000_000_000_000_000_000_000_000_000,
        10_000_000_000_000_000_000_000_000_000_000_000, 100_000_000_000_000_000_000_000_000_000_000_000,
        1_000_000_000_000_000_000_000_000_000_000_000_000, 10_000_000_000_000_000_000_000_000_000_000_000_000,
        100_000_000_000_000_000_000_000_000_000_000_000_000,
    ]
}
