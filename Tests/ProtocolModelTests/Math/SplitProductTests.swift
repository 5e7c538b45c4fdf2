import Testing
@testable import ProtocolModel

/// The narrow products the lending valuations take before the general path: the 64-bit-halves
/// product against the standard library's, and the split token value against `mulDiv`.
@Suite("Split products")
struct SplitProductTests {
    /// A factor of a random bit length up to 128 (so every pairing of halves is exercised).
    static func factor(_ random: inout SplitMix64) -> UInt128 {
        let bits = Int(random.next() % 129)
        let value = UInt128(random.next()) << 64 | UInt128(random.next())
        return bits == 0 ? 0 : value >> (128 - bits)
    }

    @Test("multipliedReportingOverflow equals the standard 128-bit product and its overflow, whatever the factors' halves")
    func halvesProduct() {
        var random = SplitMix64(state: 27)
        for _ in 0..<200_000 {
            let a = Self.factor(&random), b = Self.factor(&random)
            let expected = a.multipliedReportingOverflow(by: b)
            let product = FixedPoint.multipliedReportingOverflow(a, b)
            #expect(product.partialValue == expected.partialValue && product.overflow == expected.overflow, "\(a) × \(b)")
        }
        #expect(FixedPoint.multipliedReportingOverflow(.max, .max) == (1, true))
        #expect(FixedPoint.multipliedReportingOverflow(UInt128(UInt64.max), UInt128(1) << 64) == (UInt128(UInt64.max) << 64, false))
    }

    @Test("The split token value of a product beyond 128 bits equals mulDiv's, rounded down and up, and fails where it fails")
    func splitTokenValue() throws {
        var random = SplitMix64(state: 2711)
        var checked = 0
        for _ in 0..<100_000 {
            let scale = FixedPoint.powerOfTen(Int(random.next() % 19))
            let amount = Self.factor(&random), price = Self.factor(&random)
            guard amount.multipliedReportingOverflow(by: price).overflow else { continue }
            for rounding in [Rounding.down, .up] {
                let split = Result { () throws(ArithmeticError) in try ProtocolState.splitTokenValue(amount, scale: scale, price: price, rounding: rounding) }
                let general = Result { () throws(ArithmeticError) in try FixedPoint.mulDiv(amount, price, scale, rounding: rounding) }
                switch (split, general) {
                case (.success(let a), .success(let b)): #expect(a == b, "\(amount)·\(price)/\(scale) \(rounding)")
                case (.failure, .failure): break
                default: Issue.record("\(amount)·\(price)/\(scale) \(rounding): \(split) vs \(general)")
                }
            }
            checked += 1
        }
        #expect(checked > 10_000)
    }
}
