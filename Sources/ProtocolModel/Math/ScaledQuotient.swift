/// ⌊x·scale/divisor⌋ for a fixed `scale` below a fixed `divisor` (below 2^127), through the
/// reciprocal R = ⌊2^128·scale/divisor⌋ divided out once: ⌊x·R/2^128⌋ is the quotient or one
/// less (x·R/2^128 > x·scale/divisor − x/2^128), and the remainder x·scale − q·divisor, below
/// 2·divisor < 2^128, tells which from the products' low halves. The same quotient as
/// `FixedPoint.mulDiv(x, scale, divisor, rounding: .down)`, which cannot throw for it (the
/// quotient is below x).
///
/// For the collateral a fixed-bonus quote seizes, ⌊value·10^decimals/price⌋, at one price over
/// the quotes of one liquidator wake-up.
// NOTE: one 256-bit product's high half and two wrapping products instead of mulDiv's wide
// product and its out-of-line division (Algorithm D, ≈ 110 instructions), in the ≈ 10.8 k quotes
// a replication: callgrind, benchmark-day full day, warm-up + 1: 544.55 M -> 543.88 M.
struct ScaledQuotient: Sendable {
    let scale: UInt128
    let divisor: UInt128
    let reciprocal: UInt128

    /// The quotient by `divisor` of products by `scale`; nil unless scale < divisor < 2^127.
    init?(scale: UInt128, divisor: UInt128) {
        guard scale < divisor, divisor >> 127 == 0 else { return nil }
        self.scale = scale
        self.divisor = divisor
        reciprocal = FixedPoint.wideDivide((high: scale, low: 0), by: divisor).quotient
    }

    /// ⌊x·scale/divisor⌋.
    @inline(__always)
    func floor(_ x: UInt128) -> UInt128 {
        let estimate = FixedPoint.wideMultiply(x, reciprocal).high
        // x·scale − estimate·divisor is below 2·divisor < 2^128: exact modulo 2^128.
        let remainder = x &* scale &- estimate &* divisor
        return remainder >= divisor ? estimate + 1 : estimate
    }
}
