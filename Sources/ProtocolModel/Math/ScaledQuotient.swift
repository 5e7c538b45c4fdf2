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
        let estimate = Self.highHalf(x, reciprocal)
        // x·scale − estimate·divisor is below 2·divisor < 2^128: exact modulo 2^128.
        let remainder = x &* scale &- estimate &* divisor
        return remainder >= divisor ? estimate + 1 : estimate
    }

    /// ⌊a·b/2^128⌋ from four 64×64-bit products, in line.
    // NOTE: not `FixedPoint.wideMultiply(_:_:)`, a call whose low half is not needed (callgrind,
    // benchmark-day full day, warm-up + 1: 543.88 M -> 543.39 M).
    @inline(__always)
    static func highHalf(_ a: UInt128, _ b: UInt128) -> UInt128 {
        let mask = FixedPoint.lowMask, a0 = a & mask, a1 = a >> 64, b0 = b & mask, b1 = b >> 64
        let p00 = a0 &* b0, p01 = a0 &* b1, p10 = a1 &* b0, p11 = a1 &* b1
        let middle = (p00 >> 64) &+ (p01 & mask) &+ (p10 & mask)  // < 3·2^64
        return p11 &+ (p01 >> 64) &+ (p10 >> 64) &+ (middle >> 64)
    }
}
