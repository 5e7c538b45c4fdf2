import Testing
@testable import ProtocolModel

@Suite("Token units")
struct TokenUnitsTests {
    @Test("parse reads decimal text into raw units, with exponent and bare points")
    func parseAccepted() throws {
        #expect(try TokenUnits.parse("1.5", decimals: 18) == 1_500_000_000_000_000_000)
        #expect(try TokenUnits.parse("0.000001", decimals: 6) == 1)
        #expect(try TokenUnits.parse("1e3", decimals: 0) == 1000)
        #expect(try TokenUnits.parse("2.5e3", decimals: 2) == 250_000)
        #expect(try TokenUnits.parse("2.5E-1", decimals: 2) == 25)
        #expect(try TokenUnits.parse(".5", decimals: 1) == 5)
        #expect(try TokenUnits.parse("5.", decimals: 1) == 50)
        #expect(try TokenUnits.parse(" 77.09 ", decimals: 8) == 7_709_000_000)
        #expect(try TokenUnits.parse("0", decimals: 36) == 0)
        #expect(try TokenUnits.parse("000.000", decimals: 3) == 0)
    }

    @Test("parse rounds more fractional digits than decimals down")
    func parseRoundsDown() throws {
        #expect(try TokenUnits.parse("1.9999999", decimals: 6) == 1_999_999)
        #expect(try TokenUnits.parse("0.0000009", decimals: 6) == 0)
        #expect(try TokenUnits.parse("123e-5", decimals: 2) == 0)
        #expect(try TokenUnits.parse("1e-100000000", decimals: 36) == 0)
    }

    @Test("parse rejects negative, NaN, malformed and beyond-2^112 text with a message")
    func parseRejected() throws {
        for text in ["-1", "nan", "NaN", "inf", "", ".", "1.2.3", "1e", "e3", "1,5", "0x10", "1e3.5", "--1", "1 000"] {
            #expect(throws: TokenUnitsError.self, "\(text)") { try TokenUnits.parse(text, decimals: 6) }
        }
        #expect(throws: TokenUnitsError.self) { try TokenUnits.parse("1e40", decimals: 0) }
        #expect(throws: TokenUnitsError.self) { try TokenUnits.parse("1e16", decimals: 18) }  // 10^34 > 2^112
        #expect(throws: TokenUnitsError.self) { try TokenUnits.parse("12345678901234567890123456789012345678901", decimals: 0) }
        #expect(throws: TokenUnitsError.self) { try TokenUnits.parse("1234567890123456789012345678901234567890.9", decimals: 0) }
        #expect(try TokenUnits.parse("0000000000000000000000000000000000000000001.25", decimals: 2) == 125)
        #expect(throws: TokenUnitsError.self) { try TokenUnits.parse("1e99999999999", decimals: 0) }
        #expect(throws: TokenUnitsError.self) { try TokenUnits.parse("1", decimals: 37) }
        // 2^112 itself loads; one raw unit more does not.
        #expect(TokenUnits.loadLimit == 1 << 112)
        #expect(try TokenUnits.parse("5192296858534827628530496329220096", decimals: 0) == 1 << 112)
        #expect(throws: TokenUnitsError.self) { try TokenUnits.parse("5192296858534827628530496329220097", decimals: 0) }
        do {
            _ = try TokenUnits.parse("-1", decimals: 6)
        } catch let error as TokenUnitsError {
            #expect(error.description.contains("negative"))
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test("format prints exact text with trimmed fraction; zero is 0; signed variant")
    func format() {
        #expect(TokenUnits.format(1_500_000_000_000_000_000, decimals: 18) == "1.5")
        #expect(TokenUnits.format(2_000_000, decimals: 6) == "2")
        #expect(TokenUnits.format(1, decimals: 6) == "0.000001")
        #expect(TokenUnits.format(0, decimals: 6) == "0")
        #expect(TokenUnits.format(0, decimals: 0) == "0")
        #expect(TokenUnits.format(120, decimals: 0) == "120")
        #expect(TokenUnits.format(.max, decimals: 36) == "340.282366920938463463374607431768211455")
        #expect(TokenUnits.format(signedMagnitude: 1_500_000, negative: true, decimals: 6) == "-1.5")
        #expect(TokenUnits.format(signedMagnitude: 0, negative: true, decimals: 6) == "0")
        #expect(TokenUnits.format(signedMagnitude: 25, negative: false, decimals: 1) == "2.5")
    }

    @Test("format agrees with the decimal text of the integer, point placed and zeros trimmed, for random amounts")
    func formatAgainstIntegerText() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2_000 {
            // Random bit lengths, so that every digit count from 1 to 39 occurs.
            let raw = UInt128.random(in: 0...UInt128.max, using: &generator) >> Int.random(in: 0...127, using: &generator)
            let decimals = Int.random(in: 0...36, using: &generator)
            var digits = String(raw)
            if digits.count <= decimals { digits = String(repeating: "0", count: decimals + 1 - digits.count) + digits }
            let whole = String(digits.dropLast(decimals))
            var fraction = String(digits.suffix(decimals))
            while fraction.hasSuffix("0") { fraction.removeLast() }
            #expect(TokenUnits.format(raw, decimals: decimals) == (fraction.isEmpty ? whole : whole + "." + fraction),
                    "\(raw) with \(decimals) decimals")
        }
        #expect(TokenUnits.format(10_000_000_000_000_000_000, decimals: 0) == "10000000000000000000")
        #expect(TokenUnits.format(10_000_000_000_000_000_000, decimals: 19) == "1")
        #expect(TokenUnits.format(100_000_000_000_000_000_000_000_000_000_000_000_000, decimals: 36) == "100")
    }

    @Test("format then parse returns the raw amount for amounts up to 2^112 across decimals")
    func roundTrip() throws {
        let amounts: [UInt128] = [0, 1, 9, 10, 123_456_789, 1 << 64, (1 << 112) - 1, 1 << 112]
        for decimals in [0, 1, 6, 8, 18, 36] {
            for raw in amounts {
                let text = TokenUnits.format(raw, decimals: decimals)
                #expect(try TokenUnits.parse(text, decimals: decimals) == raw, "\(raw) with \(decimals) decimals → \(text)")
            }
        }
    }

    @Test("toDouble of raw amounts from 2^53 to 2^64 is within two ulps of the correctly rounded quotient")
    func doublesOfOneLimbAmounts() {
        var raw: UInt128 = 1 << 53
        for step in 0..<2_000 {
            let decimals = step % 23
            let exact = Double(TokenUnits.format(raw, decimals: decimals))!, value = TokenUnits.toDouble(raw, decimals: decimals)
            #expect(abs(value - exact) <= 2 * exact.ulp, "\(raw) with \(decimals) decimals")
            raw = raw &* 1_000_003 % (1 << 64 - 1 << 53) + 1 << 53  // stays in 2^53 ..< 2^64
        }
        #expect(TokenUnits.toDouble(UInt128(UInt64.max), decimals: 0) == 0x1p64)
    }

    @Test("toDouble is the nearest double; fromDouble floors the exact binary value and clamps")
    func doubles() {
        #expect(TokenUnits.toDouble(1_500_000, decimals: 6) == 1.5)
        #expect(TokenUnits.toDouble(1, decimals: 18) == 1e-18)
        #expect(TokenUnits.toDouble(1, decimals: 36) == 1e-36)
        // 2^112 raw with 18 decimals: the correctly rounded double of 5192296858534827.628530496329220096.
        #expect(TokenUnits.toDouble(1 << 112, decimals: 18) == 5_192_296_858_534_828.0)
        #expect(TokenUnits.fromDouble(1.5, decimals: 6) == 1_500_000)
        // 0.1 is 0.1000000000000000055511151231257827… so 0.1·10^18 floors to 10^17 + 5.
        #expect(TokenUnits.fromDouble(0.1, decimals: 18) == 100_000_000_000_000_005)
        // 0.3 is 0.299999999999999988897769753748434595… so with 18 decimals it floors below 3·10^17.
        #expect(TokenUnits.fromDouble(0.3, decimals: 18) == 299_999_999_999_999_988)
        #expect(TokenUnits.fromDouble(0.3, decimals: 30) == 299_999_999_999_999_988_897_769_753_748)
        #expect(TokenUnits.fromDouble(0.3, decimals: 36) == 1 << 112)  // 3·10^35 raw is beyond the clamp
        #expect(TokenUnits.fromDouble(1e-40, decimals: 36) == 0)
        #expect(TokenUnits.fromDouble(-2, decimals: 6) == 0)
        #expect(TokenUnits.fromDouble(.nan, decimals: 6) == 0)
        #expect(TokenUnits.fromDouble(.infinity, decimals: 6) == 1 << 112)
        #expect(TokenUnits.fromDouble(1e30, decimals: 6) == 1 << 112)
        #expect(TokenUnits.fromDouble(0x1p60, decimals: 0) == 1 << 60)
    }
}
