import GSL
import Testing
@testable import ProtocolModel

@Suite("FixedPoint.multiply by a factor below 2^64")
struct FixedPointShortMultiplyTests {
    /// The general product's value, or nil where it throws.
    static func general(_ a: UInt128, _ b: UInt64) -> UInt128? { try? FixedPoint.multiply(a, UInt128(b)) }
    static func short(_ a: UInt128, _ b: UInt64) -> UInt128? { try? FixedPoint.multiply(a, short: b) }

    @Test("Hand-computed products and overflows")
    func handComputed() throws {
        #expect(try FixedPoint.multiply(5, short: 997_000) == 4_985_000)
        #expect(try FixedPoint.multiply(UInt128(1) << 64, short: 3) == UInt128(3) << 64)
        #expect(try FixedPoint.multiply(UInt128.max, short: 1) == .max)
        #expect(try FixedPoint.multiply(UInt128.max, short: 0) == 0)
        #expect(throws: ArithmeticError.overflow) { try FixedPoint.multiply(UInt128.max, short: 2) }
        // The high half's product fits, the carry from the low half does not.
        #expect(throws: ArithmeticError.overflow) { try FixedPoint.multiply(UInt128.max >> 1 + 1, short: 2) }
    }

    @Test("Random factors of every size give the general product's value or its overflow")
    func randomAgainstGeneral() {
        let stream = RandomStream(seed: 20261127)
        func word() -> UInt64 { UInt64(stream.uniform() * 0x1p53) << 11 | UInt64(stream.uniformInt(2048)) }
        for _ in 0..<20_000 {
            let a = (UInt128(word()) << 64 | UInt128(word())) >> stream.uniformInt(129)
            let b = word() >> stream.uniformInt(65)
            #expect(Self.short(a, b) == Self.general(a, b), "a \(a), b \(b)")
        }
    }
}
