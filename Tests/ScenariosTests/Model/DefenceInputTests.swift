import Testing
@testable import Scenarios

/// `liquidation:`, `interest:` and the defence keys of a lending market: decoded with their
/// defaults, rendered so that they reload, and rejected with located messages.
@Suite("Defence scenario input")
struct DefenceInputTests {
    static let valid = LendingInputTests.valid.replacingOccurrences(of: """
        insurance_fund: {USDC: 1000}
    """, with: """
        insurance_fund: {USDC: 1000}
        liquidation: {mechanism: dutch-auction, duration: 30m, cusp: 0.4}
        circuit_breaker: {oracle: eth, threshold: 0.2, window: 10m, cooldown: 30m, pause: [liquidate]}
        liquidation_cap: {per_block: 250000}
        dynamic_collateral_factor: {halflife: 1h, target_volatility: 0.8}
    """).replacingOccurrences(of: "borrow_cap: 500000}", with: "borrow_cap: 500000, interest: {base: 0.02, slope1: 0.1, slope2: 2}}")

    @Test("Mechanism, interest and defences decode with their defaults")
    func decodes() throws {
        let market = try #require(try Scenario.parse(text: Self.valid, file: "s.yaml").lendingMarkets.first)
        #expect(market.liquidation == .dutchAuction(DutchAuctionSpec(startPremium: 0.1, duration: 1_800, tail: 1_800, cusp: 0.4)))
        #expect(market.defences.circuitBreaker == CircuitBreakerSpec(oracle: "eth", threshold: 0.2, window: 600, cooldown: 1_800,
                                                                     pauseBorrow: false, pauseLiquidate: true))
        #expect(market.defences.liquidationCap == LiquidationCapSpec(perBlock: 250_000, count: nil))
        #expect(market.defences.dynamicCollateral == DynamicCollateralSpec(halflife: 3_600, targetVolatility: 0.8, minFactor: 0.5))
        #expect(market.assets[1].interest == InterestSpec(base: 0.02, slope1: 0.1, slope2: 2, kink: 0.8))
        #expect(market.assets[0].interest == nil)
        let plain = try #require(try Scenario.parse(text: LendingInputTests.valid, file: "s.yaml").lendingMarkets.first)
        #expect(plain.liquidation == .fixedBonus && plain.defences == MarketDefencesSpec())
    }

    @Test("The resolved form reloads to itself, defences included")
    func roundTrips() throws {
        let resolved = try Scenario.parse(text: Self.valid, file: "s.yaml").resolvedYAML()
        #expect(resolved.contains("circuit_breaker: {oracle: eth, threshold: 0.2, window: 600s, cooldown: 1800s, pause: [liquidate]}"))
        #expect(resolved.contains("interest: {base: 0.02, slope1: 0.1, slope2: 2, kink: 0.8}"))
        #expect(try Scenario.parse(text: resolved, file: "r.yaml").resolvedYAML() == resolved)
    }

    static let catalogue: [(String, String, String)] = [
        (valid.replacingOccurrences(of: "dutch-auction", with: "dutch-auctoin"), "s.yaml:17:", "did you mean 'dutch-auction'?"),
        (valid.replacingOccurrences(of: "duration: 30m, ", with: ""), "s.yaml:17:", "missing required key 'duration'"),
        (valid.replacingOccurrences(of: "duration: 30m", with: "duration: 1.5s"), "s.yaml:17:", "whole number of seconds"),
        (valid.replacingOccurrences(of: "cusp: 0.4", with: "cusp: 1"), "s.yaml:17:", "[0, 1)"),
        (valid.replacingOccurrences(of: "oracle: eth, threshold", with: "oracle: eht, threshold"), "s.yaml:18:", "did you mean 'eth'?"),
        (valid.replacingOccurrences(of: "threshold: 0.2", with: "threshold: 1"), "s.yaml:18:", "strictly between 0 and 1"),
        (valid.replacingOccurrences(of: "pause: [liquidate]", with: "pause: [liquidat]"), "s.yaml:18:", "did you mean 'liquidate'?"),
        (valid.replacingOccurrences(of: "pause: [liquidate]", with: "pause: []"), "s.yaml:18:", "at least one"),
        (valid.replacingOccurrences(of: "cooldown: 30m", with: "cooldown: .nan"), "s.yaml:18:", "duration"),
        (valid.replacingOccurrences(of: "{per_block: 250000}", with: "{}"), "s.yaml:19:", "per_block, count, per_account or several"),
        (valid.replacingOccurrences(of: "{per_block: 250000}", with: "{count: 0}"), "s.yaml:19:", "[1, 1000000]"),
        (valid.replacingOccurrences(of: "{per_block: 250000}", with: "{per_blok: 1}"), "s.yaml:19:", "did you mean 'per_block'?"),
        (valid.replacingOccurrences(of: "target_volatility: 0.8", with: "target_volatility: 0"), "s.yaml:20:", "positive volatility"),
        (valid.replacingOccurrences(of: "target_volatility: 0.8}", with: "target_volatility: 0.8, min_factor: 0}"), "s.yaml:20:", "(0, 1]"),
        (valid.replacingOccurrences(of: "slope2: 2}", with: "slope2: 2, kink: 1}"), "s.yaml:23:", "strictly between 0 and 1"),
        (valid.replacingOccurrences(of: "slope2: 2}", with: "slope2: 2, knik: 0.5}"), "s.yaml:23:", "did you mean 'kink'?"),
        (valid.replacingOccurrences(of: "liquidation: {", with: "liquidaton: {"), "s.yaml:17:", "did you mean 'liquidation'?"),
    ]

    @Test("Each bad defence input gives a located message", arguments: catalogue)
    func catalogueCase(text: String, location: String, phrase: String) throws {
        try expectLocatedInputError(text, at: location, saying: phrase)
    }
}
