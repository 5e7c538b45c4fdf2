extension FixedPoint {
    /// ⌊a·b/c⌋ or ⌈a·b/c⌉ through a 256-bit intermediate (``wideMultiply(_:_:)`` /
    /// ``wideDivide(_:by:)``), so a·b may exceed 2^128 as long as the quotient fits.
    ///
    /// Throws `.divisionByZero` when c = 0, or `.overflow` when the rounded result exceeds
    /// `UInt128.max`.
    /// - Complexity: O(1): one full-width multiplication and one full-width division.
    @inlinable
    public static func mulDiv(
        _ a: UInt128, _ b: UInt128, _ c: UInt128, rounding: Rounding
    ) throws(ArithmeticError) -> UInt128 {
        let (quotient, remainder) = try mulDivWithRemainder(a, b, c)
        guard rounding == .up, remainder != 0 else { return quotient }
        if quotient == .max { throw .overflow }
        return quotient + 1
    }

    /// ⌊a·b/c⌋ together with the remainder a·b − c·⌊a·b/c⌋ (< c).
    ///
    /// Throws `.divisionByZero` when c = 0, `.overflow` when the quotient exceeds `UInt128.max`
    /// (exactly when the high half of a·b is ≥ c).
    @inlinable
    public static func mulDivWithRemainder(
        _ a: UInt128, _ b: UInt128, _ c: UInt128
    ) throws(ArithmeticError) -> (quotient: UInt128, remainder: UInt128) {
        if c == 0 { throw .divisionByZero }
        // a·c/c = a exactly (scaled balances at an index still at 1, say): no division needed.
        if b == c { return (a, 0) }
        if a == c { return (b, 0) }
        let product = wideMultiply(a, b)
        if product.high >= c { throw .overflow }
        return wideDivide(product, by: c)
    }
}
