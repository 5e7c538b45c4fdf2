import GSL
import Testing
@testable import ProtocolModel

@Suite("Scaled balance conversions")
struct ScaledConversionTests {
    /// 64 random bits: 53 from a uniform double, 11 from a uniform integer.
    static func randomWord(_ stream: RandomStream) -> UInt64 {
        UInt64(stream.uniform() * 0x1p53) << 11 | UInt64(stream.uniformInt(2048))
    }

    /// A random 128-bit value of a random bit length.
    static func randomValue(_ stream: RandomStream) -> UInt128 {
        let value = UInt128(randomWord(stream)) << 64 | UInt128(randomWord(stream))
        return value >> UInt128(stream.uniformInt(128))
    }

    @Test("Both conversions equal mulDiv's quotient, rounding and failures for random amounts at an index of 1 and at random indices (seed 20261127, 4,000 draws)")
    func randomAgainstMulDiv() {
        let stream = RandomStream(seed: 20261127)
        for draw in 0..<4_000 {
            let amount = Self.randomValue(stream)
            let index = draw % 2 == 0 ? FixedPoint.wad : Self.randomValue(stream)
            let rounding: Rounding = draw % 4 < 2 ? .down : .up
            let expectedAmount = amount == 0 ? 0 : (try? FixedPoint.mulDiv(amount, index, FixedPoint.wad, rounding: rounding)) ?? .max
            #expect(ProtocolState.scaledToAmount(amount, index, rounding: rounding) == expectedAmount,
                    "draw \(draw): \(amount) at index \(index)")
            let expectedScaled = try? FixedPoint.mulDiv(amount, FixedPoint.wad, index, rounding: rounding)
            #expect((try? ProtocolState.amountToScaled(amount, index, rounding: rounding)) == expectedScaled,
                    "draw \(draw): \(amount) at index \(index)")
        }
    }
}
