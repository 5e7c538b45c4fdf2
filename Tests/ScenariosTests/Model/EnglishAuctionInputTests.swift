import Testing
@testable import Scenarios

/// The `english-auction` mechanism's keys and the liquidators' `bid_margin` and `zero_bidders`:
/// decoded with their defaults, rendered so that they reload, rejected with located messages.
@Suite("English-auction scenario input")
struct EnglishAuctionInputTests {
    static let valid = LendingInputTests.valid.replacingOccurrences(of: """
        insurance_fund: {USDC: 1000}
    """, with: """
        insurance_fund: {USDC: 1000}
        liquidation: {mechanism: english-auction, bid_duration: 10m, min_increment: 0.03, penalty: 0.13}
    """).replacingOccurrences(of: "gas_price_cap: 50}", with: "gas_price_cap: 50, bid_margin: 0.1, zero_bidders: 1}")

    @Test("The mechanism decodes with Maker's Flipper defaults for the keys left out; the liquidators' keys decode")
    func decodes() throws {
        let scenario = try Scenario.parse(text: Self.valid, file: "s.yaml")
        let market = try #require(scenario.lendingMarkets.first)
        #expect(market.liquidation == .englishAuction(EnglishAuctionSpec(bidDuration: 600, auctionDuration: 172_800,
                                                                          minIncrement: 0.03, penalty: 0.13)))
        #expect(scenario.liquidators?.bidMargin == 0.1 && scenario.liquidators?.zeroBidders == 1)
        let plain = try Scenario.parse(text: LendingInputTests.valid, file: "s.yaml")
        #expect(plain.liquidators?.bidMargin == 0.05 && plain.liquidators?.zeroBidders == 0)
    }

    @Test("The resolved form names every key and reloads to itself")
    func roundTrips() throws {
        let resolved = try Scenario.parse(text: Self.valid, file: "s.yaml").resolvedYAML()
        #expect(resolved.contains("liquidation: {mechanism: english-auction, bid_duration: 600s, auction_duration: 172800s, min_increment: 0.03, penalty: 0.13}"))
        #expect(resolved.contains("zero_bidders: 1"))
        #expect(try Scenario.parse(text: resolved, file: "r.yaml").resolvedYAML() == resolved)
    }

    @Test("A fixed-bonus market's liquidators resolve without the English-auction keys, which they would refuse")
    func fixedBonusRendersNoBidding() throws {
        let resolved = try Scenario.parse(text: LendingInputTests.valid, file: "s.yaml").resolvedYAML()
        #expect(!resolved.contains("bid_margin") && !resolved.contains("zero_bidders"))
        #expect(try Scenario.parse(text: resolved, file: "r.yaml").resolvedYAML() == resolved)
    }

    static let catalogue: [(String, String, String)] = [
        (valid.replacingOccurrences(of: "english-auction", with: "english-auctoin"), "s.yaml:17:", "did you mean 'english-auction'?"),
        (valid.replacingOccurrences(of: "bid_duration: 10m", with: "bid_duration: 0s"), "s.yaml:17:", "duration"),
        (valid.replacingOccurrences(of: "bid_duration: 10m", with: "bid_duration: 1.5s"), "s.yaml:17:", "whole number of seconds"),
        (valid.replacingOccurrences(of: "penalty: 0.13", with: "penalty: -1"), "s.yaml:17:", "[0, 10]"),
        (valid.replacingOccurrences(of: "penalty: 0.13", with: "penalty: .nan"), "s.yaml:17:", "penalty"),
        (valid.replacingOccurrences(of: "min_increment: 0.03", with: "min_incremnt: 0.03"), "s.yaml:17:", "did you mean 'min_increment'?"),
        (valid.replacingOccurrences(of: "penalty: 0.13", with: "penalty: 0.13, cusp: 0.4"), "s.yaml:17:",
         "not a parameter of the english-auction mechanism"),
        (valid.replacingOccurrences(of: "bid_margin: 0.1", with: "bid_margin: 1.5"), "s.yaml:", "[0, 1]"),
        (valid.replacingOccurrences(of: "zero_bidders: 1", with: "zero_bidders: 2"), "s.yaml:", "2 zero bidders among 1 liquidators"),
        (valid.replacingOccurrences(of: "zero_bidders: 1", with: "zero_bider: 1"), "s.yaml:", "did you mean 'zero_bidders'?"),
        (LendingInputTests.valid.replacingOccurrences(of: "gas_price_cap: 50}", with: "gas_price_cap: 50, zero_bidders: 1}"), "s.yaml:",
         "zero bidders need a market with english-auction liquidations"),
        (LendingInputTests.valid.replacingOccurrences(of: "gas_price_cap: 50}", with: "gas_price_cap: 50, bid_margin: 0.1}"), "s.yaml:",
         "bid margin needs a market with english-auction liquidations"),
    ]

    @Test("Each bad English-auction input gives a located message", arguments: catalogue)
    func catalogueCase(text: String, location: String, phrase: String) throws {
        try expectLocatedInputError(text, at: location, saying: phrase)
    }
}
