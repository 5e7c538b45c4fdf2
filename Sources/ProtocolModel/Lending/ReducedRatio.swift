/// A fixed ratio a / b, reduced once by gcd(a, b), applied as ``FixedPoint/mulDiv(_:_:_:rounding:)``
/// with rounding down: ⌊x·a/b⌋ = ⌊x·(a/g)/(b/g)⌋ (the same rational), computed as one 128-bit
/// product and a division by b/g (none when b/g = 1) whenever x·(a/g) fits in 128 bits, else by
/// `mulDiv` itself. Same quotient, same errors: `mulDiv` throws `.overflow` exactly when the
/// quotient exceeds 128 bits (a fitting product never does), `.divisionByZero` when b = 0.
///
/// For genesis, where every row values its collateral at the same price and factors, and for a
/// market asset's fixed factors (``MarketAssetConfig``).
// NOTE: a price that is a whole number of units per token (2,000 USD a wad) and a factor such as
// 0.8 (4/5) turn two 256-bit products and divisions per borrower into two 128-bit products and one
// small division.
struct ReducedRatio: Sendable, Equatable {
    let numerator: UInt128
    let denominator: UInt128

    init(_ numerator: UInt128, _ denominator: UInt128) {
        var (a, b) = (numerator, denominator)
        while b != 0 { (a, b) = (b, a % b) }
        // gcd(a, 0) = a; gcd(0, 0) = 0 leaves the zero denominator (and its error) in place.
        let gcd = a == 0 ? 1 : a
        self.numerator = numerator / gcd
        self.denominator = denominator / gcd
    }

    /// ⌊x · numerator / denominator⌋, as `FixedPoint.mulDiv(x, a, b, rounding: .down)` of the
    /// unreduced ratio.
    @inline(__always)
    func floor(_ x: UInt128) throws(ArithmeticError) -> UInt128 {
        let (product, overflow) = x.multipliedReportingOverflow(by: numerator)
        if overflow || denominator == 0 { return try wideFloor(x) }
        return denominator == 1 ? product : product / denominator
    }

    /// ``floor(_:)`` through `mulDiv`, out of line: the rare path does not weigh on the callers'
    /// inlining.
    @inline(never)
    private func wideFloor(_ x: UInt128) throws(ArithmeticError) -> UInt128 {
        try FixedPoint.mulDiv(x, numerator, denominator, rounding: .down)
    }
}
