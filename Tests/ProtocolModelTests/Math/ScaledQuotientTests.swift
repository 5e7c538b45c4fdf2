import Testing
@testable import ProtocolModel

/// The quotient through a reciprocal that a wake-up's liquidation quotes take for the collateral
/// they seize, against `mulDiv`.
@Suite("Scaled quotient")
struct ScaledQuotientTests {
    @Test("ScaledQuotient.floor equals mulDiv rounded down for random values, scales and divisors of every size")
    func randomQuotients() throws {
        var random = SplitMix64(state: 2727)
        var checked = 0
        for _ in 0..<100_000 {
            let scale = FixedPoint.powerOfTen(Int(random.next() % 39))
            let divisor = SplitProductTests.factor(&random), x = SplitProductTests.factor(&random)
            guard let quotient = ScaledQuotient(scale: scale, divisor: divisor) else {
                #expect(divisor <= scale || divisor >> 127 != 0)
                continue
            }
            #expect(quotient.floor(x) == (try FixedPoint.mulDiv(x, scale, divisor, rounding: .down)), "\(x)·\(scale)/\(divisor)")
            checked += 1
        }
        #expect(checked > 10_000)
    }

    @Test("ScaledQuotient.floor is exact at the edges: the largest value, exact multiples and one below them")
    func edges() throws {
        let scale = FixedPoint.wad, divisor: UInt128 = 1_987_654_321_123_456_789_012
        let quotient = try #require(ScaledQuotient(scale: scale, divisor: divisor))
        for x in [0, 1, divisor, divisor - 1, divisor * 7, divisor * 7 - 1, UInt128.max, UInt128.max - 1] {
            #expect(quotient.floor(x) == (try FixedPoint.mulDiv(x, scale, divisor, rounding: .down)), "\(x)")
        }
        let largest = try #require(ScaledQuotient(scale: 1, divisor: (UInt128(1) << 127) - 1))
        #expect(largest.floor(.max) == 2)
        #expect(ScaledQuotient(scale: 10, divisor: 10) == nil)
        #expect(ScaledQuotient(scale: 1, divisor: UInt128(1) << 127) == nil)
    }
}
