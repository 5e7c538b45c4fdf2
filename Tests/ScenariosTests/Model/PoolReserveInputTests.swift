import Testing
@testable import Scenarios

/// A pool reserve that is not a positive number of raw units — given, or derived from reserve0
/// at the initial prices — is a located error that says which key to change, and to what.
@Suite("Bad scenario input: pool reserves")
struct PoolReserveInputTests {
    func message(_ text: String = BadInputTests.valid, overrides: [String] = []) -> String? {
        BadInputTests().inputError(text, overrides: overrides)?.description
    }

    @Test("A derived reserve1 that rounds to zero (--set reserve0=1e-18) names reserve1 and the smallest reserve0")
    func derivedReserveRoundsToZero() throws {
        // 1e-18 ETH at 3000 USDC is 3e-15 USDC, below USDC's 1e-6.
        #expect(message(overrides: ["pools.p.reserve0=1e-18"]) == "<command line>:1:1: pools.p.reserve0: pools.p.reserve1 is not "
                + "given, so it is reserve0's value at the initial prices, 3e-15 USDC, which rounds down to zero in USDC's 6 decimals: "
                + "give pools.p.reserve1 explicitly, or a reserve0 of at least about 3.33e-10 ETH (or a higher ETH price)")
        // The advice works: either fix parses.
        #expect(message(overrides: ["pools.p.reserve0=1e-18", "pools.p.reserve1=0.01"]) == nil)
        #expect(message(overrides: ["pools.p.reserve0=3.34e-10"]) == nil)
    }

    @Test("A derived reserve1 is exact from the prices as written: 100,000 ETH at 3,000 is 300,000,000 USDC, not a raw unit less",
          arguments: [("100000", "3000", "1", "300000000"), ("1", "3000.5", "1", "3000.5"), ("7", "0.1", "0.3", "2.333333"),
                      ("123456.789", "2999.99", "1.0001", "370332099.222187")])
    func derivedReserveIsExact(reserve0: String, price0: String, price1: String, reserve1: String) throws {
        let text = BadInputTests.valid
            .replacingOccurrences(of: "ETH: {price: 3000}", with: "ETH: {price: \(price0)}")
            .replacingOccurrences(of: "USDC: {decimals: 6, price: 1}", with: "USDC: {decimals: 6, price: \(price1)}")
        let scenario = try Scenario.parse(text: text, file: "s.yaml", overrides: ["pools.p.reserve0=\(reserve0)"])
        // ⌊reserve0 · price0 / price1⌋ at USDC's 6 decimals (the last case: 370,332,099.2221870…, by Python fractions).
        #expect(scenario.pools.first?.reserve1 == reserve1)
    }

    @Test("A derived reserve1 at the load limit is refused instead of clamped to 2^112")
    func derivedReserveAtLimit() throws {
        let text = BadInputTests.valid.replacingOccurrences(of: "USDC: {decimals: 6, price: 1}", with: "USDC: {decimals: 6, price: 1e-12}")
            .replacingOccurrences(of: "reserve0: 10", with: "reserve0: 1e15")
        #expect(message(text) == "s.yaml:7:44: pools.p.reserve0: pools.p.reserve1 is not given, so it is reserve0's value at the "
                + "initial prices, 3e+30 USDC, which reaches the load limit of 2^112 raw units of USDC (6 decimals): give a smaller "
                + "reserve0 (or a lower ETH price)")
    }

    @Test("A given reserve above zero but below one raw unit says it rounds down, and the smallest amount")
    func givenReserveRoundsToZero() throws {
        #expect(message(overrides: ["pools.p.reserve0=1e-19"]) == "<command line>:1:1: pools.p.reserve0: a pool reserve must be "
                + "positive; 1e-19 rounds down to zero in ETH's 18 decimals (the smallest amount is 0.000000000000000001)")
        #expect(message(overrides: ["pools.p.reserve1=0.0000001"]) == "<command line>:1:1: pools.p.reserve1: a pool reserve must be "
                + "positive; 0.0000001 rounds down to zero in USDC's 6 decimals (the smallest amount is 0.000001)")
        // Zero itself is just not positive.
        #expect(message(overrides: ["pools.p.reserve1=0"]) == "<command line>:1:1: pools.p.reserve1: a pool reserve must be positive")
    }

    @Test("Other positive amounts that round down to zero say so too")
    func roundedDownClause() {
        #expect(PoolSpec.roundedDown("0.5", decimals: 0) == "; 0.5 rounds down to zero in the asset's 0 decimals (the smallest amount is 1)")
        #expect(PoolSpec.roundedDown("0.00e5", decimals: 6) == "")
        #expect(PoolSpec.roundedDown("0", decimals: 6) == "")
    }
}
