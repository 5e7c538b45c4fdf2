extension FixedPoint {
    /// ⌊√x⌋ exactly, by integer Newton iteration from a power of two ≥ √x.
    ///
    /// Newton's step z ↦ ⌊(z + ⌊x/z⌋)/2⌋ never goes below ⌊√x⌋ and strictly decreases while
    /// z > ⌊√x⌋, so the first step that does not decrease stops at ⌊√x⌋.
    /// - Complexity: O(log log x) iterations after the start at 2^⌈bits/2⌉.
    public static func sqrt(_ x: UInt128) -> UInt128 {
        if x < 2 { return x }
        let bits = UInt128.bitWidth - x.leadingZeroBitCount
        var z: UInt128 = 1 << ((bits + 1) / 2)  // ≥ √x since x < 2^bits; ≤ 2^64
        while true {
            let y = (z + x / z) >> 1  // z + x/z ≤ 2^65: no overflow
            if y >= z { return z }
            z = y
        }
    }

    /// ⌊√(a·b)⌋ of the 256-bit product a·b (Uniswap v2's initial LP shares); always fits in
    /// `UInt128` because a·b < 2^256.
    ///
    /// Same Newton iteration as `sqrt(_:)` on the 256-bit product. Each iterate z satisfies
    /// z ≥ ⌊√(a·b)⌋ ≥ high half of a·b, so ⌊a·b/z⌋ fits in 128 bits whenever z exceeds the high
    /// half; if z equals it, z is already ⌊√(a·b)⌋ and the iteration stops.
    /// - Complexity: O(log log (a·b)) full-width divisions.
    public static func sqrtOfProduct(_ a: UInt128, _ b: UInt128) -> UInt128 {
        let product = wideMultiply(a, b)
        if product.high == 0 { return sqrt(product.low) }
        let bits = 2 * UInt128.bitWidth - product.high.leadingZeroBitCount
        let halfBits = (bits + 1) / 2
        var z: UInt128 = halfBits >= UInt128.bitWidth ? .max : 1 << halfBits
        while true {
            if product.high >= z { return z }
            let q = wideDivide(product, by: z).quotient
            let y = (z >> 1) + (q >> 1) + (z & q & 1)  // ⌊(z + q)/2⌋ without overflow
            if y >= z { return z }
            z = y
        }
    }
}
