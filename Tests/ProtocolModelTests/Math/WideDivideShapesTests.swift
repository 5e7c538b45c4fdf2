import GSL
import Testing
@testable import ProtocolModel

@Suite("wideDivide on every limb shape of dividend and divisor")
struct WideDivideShapesTests {
    /// A uniformly random 128-bit value (two 64-bit limbs of 31 + 33 random bits each).
    static func random128(_ stream: RandomStream) -> UInt128 {
        func limb() -> UInt128 { UInt128(UInt64(truncatingIfNeeded: stream.uniformInt(1 << 31)) << 33 ^ UInt64(stream.uniformInt(1 << 33))) }
        return (limb() << 64) | limb()
    }

    /// A random value of exactly `bits` bits (1...128).
    static func ofLength(_ bits: Int, _ stream: RandomStream) -> UInt128 {
        (random128(stream) >> (128 - bits)) | (UInt128(1) << (bits - 1))
    }

    /// A divisor of one shape: below 2^64, between 2^64 and 2^127, with its top bit set, next to
    /// a power of two, or normalised with a top limb of 2^63 and a full low limb (where the
    /// quotient-limb estimate overshoots most).
    static func divisor(_ stream: RandomStream) -> UInt128 {
        switch stream.uniformInt(5) {
        case 0: return ofLength(1 + stream.uniformInt(64), stream)
        case 1: return ofLength(65 + stream.uniformInt(63), stream)
        case 2: return ofLength(128, stream)
        case 3: return max(1, (UInt128(1) << (1 + stream.uniformInt(127))) &+ UInt128(stream.uniformInt(5)) &- 2)
        default:
            let shift = stream.uniformInt(64)
            return ((UInt128(1) << 127) | UInt128(UInt64.max) | UInt128(stream.uniformInt(3))) >> shift
        }
    }

    /// A quotient of one shape: zero, below 2^64, full 128 bits, or next to 2^64 or 2^128.
    static func quotient(_ stream: RandomStream) -> UInt128 {
        switch stream.uniformInt(6) {
        case 0: return UInt128(stream.uniformInt(3))
        case 1: return ofLength(1 + stream.uniformInt(64), stream)
        case 2: return ofLength(1 + stream.uniformInt(128), stream)
        case 3: return (UInt128(1) << 64) &+ UInt128(stream.uniformInt(5)) &- 2
        case 4: return UInt128.max - UInt128(stream.uniformInt(3))
        default: return random128(stream)
        }
    }

    /// A remainder below `divisor`: zero, random, or within a few of the divisor.
    static func remainder(below divisor: UInt128, _ stream: RandomStream) -> UInt128 {
        switch stream.uniformInt(3) {
        case 0: return 0
        case 1: return random128(stream) % divisor
        default: return divisor - 1 - min(divisor - 1, UInt128(stream.uniformInt(3)))
        }
    }

    /// A dividend below divisor·2^128 of one shape: built as q·divisor + r, with a zero high
    /// half, with the high half divisor − 1, or with a random high half below the divisor.
    static func dividend(for divisor: UInt128, _ stream: RandomStream) -> (high: UInt128, low: UInt128) {
        switch stream.uniformInt(4) {
        case 0: return (0, random128(stream))
        case 1: return (divisor - 1, random128(stream))
        case 2: return (random128(stream) % divisor, random128(stream))
        default:
            let product = quotient(stream).multipliedFullWidth(by: divisor)
            let (low, carry) = product.low.addingReportingOverflow(remainder(below: divisor, stream))
            return (product.high + (carry ? 1 : 0), low)
        }
    }

    @Test("wideDivide's quotient and remainder equal the standard library's dividingFullWidth on 100,000 shaped inputs")
    func agreesWithReference() {
        let stream = RandomStream(seed: 21)
        var shapes = (native: 0, short: 0, knuthOneLimb: 0, knuthTwoLimbs: 0, nearDivisor: 0)
        for _ in 0..<100_000 {
            let c = Self.divisor(stream)
            let n = Self.dividend(for: c, stream)
            let reference = c.dividingFullWidth(n), wide = FixedPoint.wideDivide(n, by: c)
            #expect(wide.quotient == reference.quotient && wide.remainder == reference.remainder, "(\(n.high), \(n.low)) / \(c)")
            if n.high == 0 { shapes.native += 1 } else if c >> 64 == 0 { shapes.short += 1 }
            else if reference.quotient >> 64 == 0 { shapes.knuthOneLimb += 1 } else { shapes.knuthTwoLimbs += 1 }
            if c > 2, reference.remainder >= c - 3 { shapes.nearDivisor += 1 }
        }
        #expect(shapes.native > 3_000 && shapes.short > 3_000 && shapes.knuthOneLimb > 3_000 && shapes.knuthTwoLimbs > 3_000
            && shapes.nearDivisor > 3_000, "every shape exercised: \(shapes)")
    }

    @Test("Hand-picked edges: largest quotient, quotient 2^64 ± 1, remainder divisor − 1, unnormalised and normalised divisors")
    func edges() {
        let max = UInt128.max, two64 = UInt128(1) << 64
        // (dividend high, dividend low, divisor, quotient, remainder), each checked by hand:
        // q·divisor + r = dividend with r < divisor.
        let cases: [(UInt128, UInt128, UInt128, UInt128, UInt128)] = [
            (max - 1, max, max, max, max - 1),  // (2^128 − 1)·(2^128 − 1) + 2^128 − 2
            (0, max, two64, two64 - 1, two64 - 1),
            (1, 0, two64 + 1, two64 - 1, 1),  // 2^128 = (2^64 − 1)(2^64 + 1) + 1
            (1, 0, two64 - 1, two64 + 1, 1),  // 2^128 = (2^64 + 1)(2^64 − 1) + 1
            (1, two64 - 1, two64, two64, two64 - 1),  // 2^128 + 2^64 − 1 = 2^64·2^64 + 2^64 − 1
            (two64 - 1, max, two64, max, two64 - 1),  // 2^192 − 1 = (2^128 − 1)·2^64 + 2^64 − 1
            (two64, 0, two64 + 1, max - two64 + 1, two64),  // 2^192 = (2^128 − 2^64)(2^64 + 1) + 2^64
            (1 << 126, 0, 1 << 127, 1 << 127, 0),
        ]
        for (high, low, divisor, quotient, remainder) in cases {
            let result = FixedPoint.wideDivide((high, low), by: divisor)
            #expect(result.quotient == quotient && result.remainder == remainder, "(\(high), \(low)) / \(divisor)")
        }
    }
}
