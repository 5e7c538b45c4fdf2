/// 256-bit products and quotients of 128-bit integers from 64-bit hardware operations.
///
/// The standard library's `UInt128.multipliedFullWidth(by:)` and `dividingFullWidth(_:)` are
/// generic (the division works bit by bit) and were a fifth of a lending day's instructions;
/// these do the same arithmetic limb by limb: four 64×64 multiplications for the product, and
/// for the quotient a native 128-by-128 division when the dividend fits in 128 bits, two
/// 128-by-64 divisions when the divisor fits in 64 bits, else Knuth's algorithm D with a
/// normalised two-limb divisor (each quotient limb estimated from the top limbs and corrected
/// at most twice).
extension FixedPoint {
    @usableFromInline static let lowMask: UInt128 = 0xFFFF_FFFF_FFFF_FFFF

    /// The full product a·b as 128-bit halves.
    // NOTE: not forced inline. Inlined whole, or only its cases with a factor below 2^64 (the
    // four-product case a call), it changed the compiler's inlining of the lending quotes
    // (`mulDivWithRemainder` outlined, `quoteFixedBonus` inlined into `planLiquidation`):
    // 575.3 M → 583.5 M / 584.5 M instructions; those cases inlined in `mulDivWithRemainder`
    // alone: 584.6 M (benchmark-day full day, warm-up + 1, plain build; callgrind).
    @inlinable
    public static func wideMultiply(_ a: UInt128, _ b: UInt128) -> (high: UInt128, low: UInt128) {
        let a0 = a & lowMask, a1 = a >> 64, b0 = b & lowMask, b1 = b >> 64
        // NOTE: a factor below 2^64 (a wad, a ratio, an index, 10^k for k ≤ 19) needs two 64×64
        // products, not four: most lending valuations multiply a value by one of those.
        if a1 == 0 {
            if b1 == 0 { return (0, a0 &* b0) }
            return wideMultiply(b, short: a0)
        }
        if b1 == 0 { return wideMultiply(a, short: b0) }
        let p00 = a0 &* b0, p01 = a0 &* b1, p10 = a1 &* b0, p11 = a1 &* b1
        let middle = (p00 >> 64) &+ (p01 & lowMask) &+ (p10 & lowMask)  // < 3·2^64
        return (p11 &+ (p01 >> 64) &+ (p10 >> 64) &+ (middle >> 64), (middle << 64) | (p00 & lowMask))
    }

    /// The full product a·s for s < 2^64: two 64×64 products.
    @inlinable @inline(__always)
    static func wideMultiply(_ a: UInt128, short s: UInt128) -> (high: UInt128, low: UInt128) {
        let p0 = (a & lowMask) &* s, p1 = (a >> 64) &* s
        let middle = (p0 >> 64) &+ (p1 & lowMask)  // < 2^65
        return ((p1 >> 64) &+ (middle >> 64), (middle << 64) | (p0 & lowMask))
    }

    /// ⌊(high·2^128 + low) / divisor⌋ and the remainder, for `high < divisor` (so the quotient
    /// fits in 128 bits; the caller checks, as `dividingFullWidth` requires).
    ///
    /// NOTE: the native division of a dividend that fits in 128 bits (most calls) is inlined
    /// into the caller, the wider ones stay out of line: the call's frame (six registers saved
    /// and restored around the runtime's division) cost ≈ 20 of its ≈ 46 instructions, over
    /// ≈ 820 k calls: 1,147.2 M → 1,132.1 M instructions (benchmark-day full day, warm-up + 1).
    /// Inlining the whole function instead costs 12 M more.
    @inlinable @inline(__always)
    public static func wideDivide(_ dividend: (high: UInt128, low: UInt128), by divisor: UInt128)
        -> (quotient: UInt128, remainder: UInt128) {
        // A zero divisor takes the out-of-line path, whose precondition traps.
        if dividend.high == 0, divisor != 0 { return dividend.low.quotientAndRemainder(dividingBy: divisor) }
        return wideDivideHigh(dividend, by: divisor)
    }

    /// ``wideDivide(_:by:)`` for a dividend of 129 bits or more (or a zero divisor, which traps).
    @inline(never) @usableFromInline
    static func wideDivideHigh(_ dividend: (high: UInt128, low: UInt128), by divisor: UInt128)
        -> (quotient: UInt128, remainder: UInt128) {
        precondition(dividend.high < divisor, "wideDivide: quotient overflows 128 bits")
        // NOTE: both paths are calls of their own, so this one saves no registers: the 64-bit
        // path's were saved and restored around every Algorithm D call too (≈ 90 k a benchmark
        // day): 799.1 M → 797.3 M instructions (full day, warm-up + 1; callgrind).
        if divisor >> 64 == 0 { return shortDivide(dividend, by: UInt64(truncatingIfNeeded: divisor)) }
        return knuthDivide(dividend, by: divisor)
    }

    /// ``wideDivide(_:by:)`` for a divisor below 2^64 (and `high` below it): two 128-by-64-bit
    /// divisions.
    @inline(never) @usableFromInline
    static func shortDivide(_ dividend: (high: UInt128, low: UInt128), by d: UInt64) -> (quotient: UInt128, remainder: UInt128) {
        // NOTE: 128-bit divisions whose quotients fit in 64 bits (high < d, then r1 < d), without
        // `dividingFullWidth`'s checks, which the caller's precondition already makes (≈ 150 k
        // calls a benchmark day): 797.3 M → 797.0 M instructions (full day, warm-up + 1; callgrind).
        // NOTE: Swift has no 128-by-64-bit division: a 128-bit `/` and `UInt64.dividingFullWidth`
        // both call libgcc's `__udivti3` (≈ 11 instructions for a divisor and a quotient below
        // 2^64, one `divq`; ≈ 40 for a divisor ≥ 2^64: normalise, one `divq`, one product, one
        // correction, what a version written here would do too, plus its own call). The
        // remainders computed in 64 bits (each is below d) instead of from 128-bit products saved
        // 0.4 M of 575.7 M instructions a benchmark day (warm-up + 1; callgrind): not kept.
        let divisor = UInt128(d)
        let (q1, r1) = (dividend.high << 64 | dividend.low >> 64).quotientAndRemainder(dividingBy: divisor)
        let (q0, r0) = (r1 << 64 | dividend.low & lowMask).quotientAndRemainder(dividingBy: divisor)
        return (q1 << 64 | q0, r0)
    }

    /// Algorithm D for a divisor ≥ 2^64: normalise so the divisor's top bit is set, then two
    /// quotient limbs; the high one is skipped when the quotient is below 2^64 (a health ratio,
    /// say), which a lexicographic comparison of the dividend with divisor·2^64 tells.
    @usableFromInline
    static func knuthDivide(_ dividend: (high: UInt128, low: UInt128), by divisor: UInt128)
        -> (quotient: UInt128, remainder: UInt128) {
        // NOTE: normalised limb by limb with masking 64-bit shifts: the 128-bit shifts by a
        // variable amount compiled to shift pairs and conditional moves guarding amounts ≥ 64
        // that cannot occur here: knuthDivide 134 → 100 instructions a call; 1,119.8 M → 1,113.6 M
        // instructions (benchmark-day full day, warm-up + 1).
        let d1 = UInt64(truncatingIfNeeded: divisor >> 64), d0 = UInt64(truncatingIfNeeded: divisor)
        let shift = UInt64(truncatingIfNeeded: d1.leadingZeroBitCount)  // < 64: the divisor is ≥ 2^64
        let v1 = d1 &<< shift | carry(d0, shift), v0 = d0 &<< shift
        let v = UInt128(v1) << 64 | UInt128(v0)
        let n3 = UInt64(truncatingIfNeeded: dividend.high >> 64), n2 = UInt64(truncatingIfNeeded: dividend.high)
        let n1 = UInt64(truncatingIfNeeded: dividend.low >> 64), n0 = UInt64(truncatingIfNeeded: dividend.low)
        // high < divisor, so high << shift < v: no bit is lost (nothing carries out of n3).
        let high = UInt128(n3 &<< shift | carry(n2, shift)) << 64 | UInt128(n2 &<< shift | carry(n1, shift))
        let lowTop = n1 &<< shift | carry(n0, shift), lowBottom = n0 &<< shift
        if high >> 64 == 0 {
            // The top 192 bits (high, lowTop) are below v·2^64 exactly when (high, lowTop) < v.
            let top = (high << 64) | UInt128(lowTop)
            if top < v {
                let (q0, r0) = quotientLimb(top, lowBottom, v1, v0)
                return (UInt128(q0), shiftedRight(r0, by: shift))
            }
        }
        let (q1, r1) = quotientLimb(high, lowTop, v1, v0)
        let (q0, r0) = quotientLimb(r1, lowBottom, v1, v0)
        return (UInt128(q1) << 64 | UInt128(q0), shiftedRight(r0, by: shift))
    }

    /// The bits a left shift by `shift` (< 64) carries out of `limb` into the next limb up:
    /// limb >> (64 − shift), and 0 for a shift of 0 (which a 64-bit shift by 64 cannot give).
    @inline(__always)
    static func carry(_ limb: UInt64, _ shift: UInt64) -> UInt64 { (limb >> 1) &>> (63 &- shift) }

    /// value >> shift for a shift below 64, limb by limb.
    @inline(__always)
    static func shiftedRight(_ value: UInt128, by shift: UInt64) -> UInt128 {
        let high = UInt64(truncatingIfNeeded: value >> 64), low = UInt64(truncatingIfNeeded: value)
        // (high << 1) &<< (63 − shift) is high << (64 − shift), and 0 for a shift of 0.
        return UInt128(high &>> shift) << 64 | UInt128(low &>> shift | (high << 1) &<< (63 &- shift))
    }

    /// ⌊(r·2^64 + next) / v⌋ (< 2^64 because r < v) and its remainder, for a normalised
    /// v = v1·2^64 + v0 (Knuth's steps D3–D4 with two divisor limbs, where D3's test on the
    /// next limb is exact, so no add-back is ever needed).
    @inline(__always)
    static func quotientLimb(_ r: UInt128, _ next: UInt64, _ v1: UInt64, _ v0: UInt64) -> (UInt64, UInt128) {
        let rHigh = UInt64(truncatingIfNeeded: r >> 64), rLow = UInt64(truncatingIfNeeded: r)
        // r = estimate·v1 + rest with estimate never below the true limb and at most 2 above it.
        var estimate: UInt64, rest: UInt128
        if rHigh >= v1 {  // rHigh = v1 since r < v
            estimate = .max
            rest = UInt128(rLow) + UInt128(v1)
        } else {
            let (quotient, remainder) = v1.dividingFullWidth((rHigh, rLow))
            estimate = quotient
            rest = UInt128(remainder)
        }
        // r·2^64 + next − estimate·v = rest·2^64 + next − estimate·v0: lower the estimate while
        // that is negative (it cannot be once rest ≥ 2^64).
        while rest >> 64 == 0, UInt128(estimate) &* UInt128(v0) > (rest << 64) | UInt128(next) {
            estimate -= 1
            rest += UInt128(v1)
        }
        // The true remainder is below v < 2^128, so arithmetic modulo 2^128 gives it exactly.
        let remainder = ((rest << 64) | UInt128(next)) &- UInt128(estimate) &* UInt128(v0)
        return (estimate, remainder)
    }
}
