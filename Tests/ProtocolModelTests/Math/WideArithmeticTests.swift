import GSL
import Testing
@testable import ProtocolModel

@Suite("256-bit products and quotients from 64-bit limbs")
struct WideArithmeticTests {
    /// A random value of a random bit length in 1...128, or a value next to a limb boundary
    /// (2^k ± small) that exercises the estimate's corrections and the carries.
    static func operand(_ stream: RandomStream) -> UInt128 {
        func limb() -> UInt128 { UInt128(UInt64(truncatingIfNeeded: stream.uniformInt(1 << 31)) << 33 ^ UInt64(stream.uniformInt(1 << 31))) }
        let bits = 1 + stream.uniformInt(128)
        let random = ((limb() << 64) | limb()) >> (128 - bits)
        switch stream.uniformInt(4) {
        case 0: return (UInt128(1) << UInt128(stream.uniformInt(128))) &+ UInt128(stream.uniformInt(5)) &- 2
        case 1: return UInt128.max - UInt128(stream.uniformInt(1 << 20))
        default: return max(random, 1)
        }
    }

    @Test("wideMultiply equals the standard library's multipliedFullWidth on 20,000 random and boundary pairs, every path")
    func products() {
        let stream = RandomStream(seed: 11)
        var paths = (small: 0, oneShort: 0, full: 0)
        for _ in 0..<20_000 {
            let a = Self.operand(stream), b = Self.operand(stream)
            switch (a >> 64 == 0, b >> 64 == 0) {
            case (true, true): paths.small += 1
            case (false, false): paths.full += 1
            default: paths.oneShort += 1
            }
            let wide = FixedPoint.wideMultiply(a, b), reference = a.multipliedFullWidth(by: b)
            #expect(wide.high == reference.high && wide.low == reference.low, "\(a) × \(b)")
        }
        #expect(paths.small > 1_000 && paths.oneShort > 1_000 && paths.full > 1_000, "every path exercised: \(paths)")
    }

    @Test("wideMultiply on every pair of 0, 1, 2^64 − 1, 2^64, 2^64 + 1, 2^127 and 2^128 − 1")
    func boundaryProducts() {
        let limb = UInt128(UInt64.max)
        let values: [UInt128] = [0, 1, 2, limb, limb + 1, limb + 2, UInt128(1) << 127, .max - 1, .max]
        for a in values {
            for b in values {
                let wide = FixedPoint.wideMultiply(a, b), reference = a.multipliedFullWidth(by: b)
                #expect(wide.high == reference.high && wide.low == reference.low, "\(a) × \(b)")
            }
        }
    }

    @Test("wideDivide equals dividingFullWidth, and q·c + r = a·b with r < c, on 20,000 random quotients of every path")
    func quotients() {
        let stream = RandomStream(seed: 12)
        var paths = (native: 0, short: 0, knuth: 0)
        for _ in 0..<20_000 {
            let a = Self.operand(stream), b = Self.operand(stream), c = Self.operand(stream)
            let product = a.multipliedFullWidth(by: b)
            guard product.high < c else { continue }
            if product.high == 0 { paths.native += 1 } else if c >> 64 == 0 { paths.short += 1 } else { paths.knuth += 1 }
            let wide = FixedPoint.wideDivide(product, by: c), reference = c.dividingFullWidth(product)
            #expect(wide.quotient == reference.quotient && wide.remainder == reference.remainder, "\(a)·\(b) / \(c)")
            let back = FixedPoint.wideMultiply(wide.quotient, c)
            let (low, carry) = back.low.addingReportingOverflow(wide.remainder)
            #expect(wide.remainder < c && low == product.low && back.high &+ (carry ? 1 : 0) == product.high)
        }
        #expect(paths.native > 1_000 && paths.short > 1_000 && paths.knuth > 1_000, "every path exercised: \(paths)")
    }

    @Test("Knuth's estimate is corrected where it overshoots by two: (v − 1)·2^128 / v for v = 2^126 + 2^64 − 1")
    func corrections() {
        // Normalised (shift 1), v's top limb is 2^63 and its low limb all ones: the second quotient limb's
        // estimate from the top limbs is two above the true limb (Python: q = 2^128 − 4, r = 73786976294838206460).
        let divisor = (UInt128(1) << 126) + UInt128(UInt64.max)
        let result = FixedPoint.wideDivide((high: divisor - 1, low: 0), by: divisor)
        #expect(result.quotient == UInt128.max - 3)
        #expect(result.remainder == 73_786_976_294_838_206_460)
    }

    @Test("mulDiv's shortcut when a factor equals the divisor gives what the full division gives, and c = 0 still throws")
    func equalFactorShortcut() throws {
        let stream = RandomStream(seed: 13)
        for _ in 0..<2_000 {
            let a = Self.operand(stream), c = Self.operand(stream)
            guard c > 0 else { continue }
            for rounding in [Rounding.down, .up] {
                #expect(try FixedPoint.mulDiv(a, c, c, rounding: rounding) == a)
                #expect(try FixedPoint.mulDiv(c, a, c, rounding: rounding) == a)
            }
            #expect(c.dividingFullWidth(a.multipliedFullWidth(by: c)) == (a, 0))
        }
        #expect(throws: ArithmeticError.divisionByZero) { try FixedPoint.mulDiv(0, 0, 0, rounding: .down) }
    }
}
