/// An unsigned 256-bit integer with just the operations Curve's StableSwap math needs (its
/// contracts compute in `uint256`): products of a 256-bit value by a 128-bit one, sums, and
/// quotients by a 128-bit divisor. Every operation is checked: overflow throws, as the
/// contract's would revert.
struct UInt256: Sendable, Equatable, Comparable {
    var high: UInt128
    var low: UInt128

    init(_ value: UInt128) {
        high = 0
        low = value
    }

    init(high: UInt128, low: UInt128) {
        self.high = high
        self.low = low
    }

    static func < (lhs: UInt256, rhs: UInt256) -> Bool {
        lhs.high != rhs.high ? lhs.high < rhs.high : lhs.low < rhs.low
    }

    /// self + other; throws `.overflow` beyond 2^256.
    func adding(_ other: UInt256) throws(ArithmeticError) -> UInt256 {
        let (low, carry) = low.addingReportingOverflow(other.low)
        let (high1, overflow1) = high.addingReportingOverflow(other.high)
        let (high2, overflow2) = high1.addingReportingOverflow(carry ? 1 : 0)
        if overflow1 || overflow2 { throw .overflow }
        return UInt256(high: high2, low: low)
    }

    /// self · factor; throws `.overflow` beyond 2^256.
    func multiplied(by factor: UInt128) throws(ArithmeticError) -> UInt256 {
        let lowProduct = FixedPoint.wideMultiply(low, factor)
        let highProduct = FixedPoint.wideMultiply(high, factor)
        guard highProduct.high == 0 else { throw .overflow }
        let (sum, carry) = UInt128(highProduct.low).addingReportingOverflow(lowProduct.high)
        if carry { throw .overflow }
        return UInt256(high: sum, low: lowProduct.low)
    }

    /// ⌊self / divisor⌋; throws `.divisionByZero`.
    func divided(by divisor: UInt128) throws(ArithmeticError) -> UInt256 {
        if divisor == 0 { throw .divisionByZero }
        let (quotientHigh, remainder) = high.quotientAndRemainder(dividingBy: divisor)
        let quotientLow = FixedPoint.wideDivide((remainder, low), by: divisor).quotient
        return UInt256(high: quotientHigh, low: quotientLow)
    }

    /// The value as a `UInt128`; throws `.overflow` when it does not fit.
    func narrowed() throws(ArithmeticError) -> UInt128 {
        guard high == 0 else { throw .overflow }
        return low
    }
}
