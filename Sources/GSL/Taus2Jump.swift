import CGSL

/// Jumps ahead in GSL's taus2 generator (L'Ecuyer 1996, Math. Comp. 65: a combination of three
/// Tausworthe components) without making the draws in between.
///
/// Each component maps its 32-bit word by shifts, masks and exclusive ors: a linear map over
/// GF(2), a 32 × 32 bit matrix M. Taking n steps is applying Mⁿ, the product of the powers
/// M^(2^k) for the set bits k of n, each a table of 32 columns made once. The state is GSL's
/// `taus_state_t` (three `unsigned long` words s1, s2, s3, each below 2³²); ``advance(_:by:)``
/// is used only for a generator of that type and size (``RandomStream/skipUniforms(_:)``).
enum Taus2Jump {
    /// Each component's step (GSL's taus.c `TAUSWORTHE(s, a, b, c, d)`).
    private static let shapes: [(a: UInt32, b: UInt32, c: UInt32, d: UInt32)] = [
        (13, 19, 4_294_967_294, 12), (2, 25, 4_294_967_288, 4), (3, 11, 4_294_967_280, 17),
    ]

    /// One step of component `component`.
    @inline(__always)
    static func step(_ s: UInt32, component: Int) -> UInt32 {
        let shape = shapes[component]
        return ((s & shape.c) << shape.d) ^ (((s << shape.a) ^ s) >> shape.b)
    }

    /// `powers[(component * 64 + k) * 32 + i]`: column i of M^(2^k) for the component.
    private static let powers: [UInt32] = {
        var table = [UInt32](repeating: 0, count: 3 * 64 * 32)
        for component in 0..<3 {
            var columns = (0..<32).map { step(UInt32(1) << $0, component: component) }
            for k in 0..<64 {
                for i in 0..<32 { table[(component * 64 + k) * 32 + i] = columns[i] }
                columns = columns.map { apply(columns, to: $0) }
            }
        }
        return table
    }()

    /// The matrix of `columns` applied to `word`.
    private static func apply<Columns: RandomAccessCollection>(_ columns: Columns, to word: UInt32) -> UInt32
    where Columns.Element == UInt32, Columns.Index == Int {
        var result: UInt32 = 0, bits = word
        while bits != 0 {
            result ^= columns[columns.startIndex + bits.trailingZeroBitCount]
            bits &= bits - 1
        }
        return result
    }

    /// Advances the taus2 `state` (three words) by `count` steps.
    static func advance(_ state: UnsafeMutablePointer<UInt>, by count: Int) {
        precondition(count >= 0, "a generator advances by a count ≥ 0")
        for component in 0..<3 {
            var word = UInt32(truncatingIfNeeded: state[component])
            if count < 16 {
                for _ in 0..<count { word = step(word, component: component) }
            } else {
                var rest = UInt(count), k = 0
                while rest != 0 {
                    if rest & 1 != 0 {
                        let start = (component * 64 + k) * 32
                        word = apply(powers[start..<(start + 32)], to: word)
                    }
                    rest >>= 1
                    k += 1
                }
            }
            state[component] = UInt(word)
        }
    }
}
