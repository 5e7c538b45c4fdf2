import GSL
import Testing
@testable import ProtocolModel

@Suite("TokenUnits.scaled equals the round trip through doubles")
struct TokenUnitsScaledTests {
    /// The definition: the raw amount as a double, times the factor, floored back to raw units.
    static func roundTrip(_ raw: UInt128, _ factor: Double) -> UInt128 {
        TokenUnits.fromDouble(TokenUnits.toDouble(raw, decimals: 0) * factor, decimals: 0)
    }

    /// 64 random bits: 53 from a uniform double, 11 from a uniform integer.
    static func randomWord(_ stream: RandomStream) -> UInt64 {
        UInt64(stream.uniform() * 0x1p53) << 11 | UInt64(stream.uniformInt(2048))
    }

    @Test("Hand-computed limits: a quote less a slippage tolerance, and the edges")
    func handComputed() {
        #expect(TokenUnits.scaled(1_000, by: 0.5) == 500)
        #expect(TokenUnits.scaled(999, by: 0.5) == 499)
        #expect(TokenUnits.scaled(7, by: 0) == 0)
        #expect(TokenUnits.scaled(7, by: -1) == 0)
        #expect(TokenUnits.scaled(7, by: .nan) == 0)
        #expect(TokenUnits.scaled(7, by: .infinity) == TokenUnits.loadLimit)
        #expect(TokenUnits.scaled(UInt128(UInt64.max), by: 1) == UInt128(1) << 64)  // the double rounds up to 2^64
        #expect(TokenUnits.scaled(UInt128(1) << 100, by: 0.25) == UInt128(1) << 98)
    }

    @Test("Random amounts of every size and factors around 1 give the round trip's value, bit for bit")
    func randomAgainstRoundTrip() {
        let stream = RandomStream(seed: 20261127)
        let factors: [Double] = [0, -0.0, 0.5, 0.95, 0.999, 1, 1.05, 2, 1e10, 1e30, -0.3, .nan, .infinity, 1e-300]
        for trial in 0..<20_000 {
            // A random bit length (0...128), then a random amount below 2^length.
            let length = stream.uniformInt(129)
            let full = UInt128(Self.randomWord(stream)) << 64 | UInt128(Self.randomWord(stream))
            let raw = length == 0 ? 0 : full >> (128 - length)
            let factor = trial % 3 == 0 ? factors[stream.uniformInt(factors.count)] : stream.uniform() * 2
            #expect(TokenUnits.scaled(raw, by: factor) == Self.roundTrip(raw, factor), "raw \(raw), factor \(factor)")
        }
    }
}
