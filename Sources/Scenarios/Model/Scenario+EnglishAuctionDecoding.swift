/// Strict decoding and rendering of the `english-auction` mechanism and of the liquidators'
/// English-auction keys (docs/scenario-format.md, `lending_markets` and `liquidators`).
extension EnglishAuctionSpec {
    /// The keys of the `english-auction` mechanism.
    static let keys: Set<String> = ["mechanism", "bid_duration", "auction_duration", "min_increment", "penalty"]

    init(_ map: InputMapping) throws {
        try Self.refuseForeignKeys(map, allowed: Self.keys, mechanism: "english-auction")
        bidDuration = try map.optional("bid_duration").map { try LiquidationSpec.wholeSeconds($0, positive: true) } ?? 10_800
        auctionDuration = try map.optional("auction_duration").map { try LiquidationSpec.wholeSeconds($0, positive: true) } ?? 172_800
        minIncrement = try map.optional("min_increment")?.double(in: 0...10) ?? 0.05
        penalty = try map.optional("penalty")?.double(in: 0...10) ?? 0
    }

    /// Throws at the first key of `map` that is not in `allowed`: a parameter of another mechanism.
    static func refuseForeignKeys(_ map: InputMapping, allowed: Set<String>, mechanism: String) throws {
        for key in map.keys where !allowed.contains(key) {
            throw InputError("\(map.node.path).\(key): not a parameter of the \(mechanism) mechanism",
                             at: map.optional(key)?.location ?? map.node.location)
        }
    }
}

extension LiquidatorSpec {
    /// Reads `bid_margin` (fraction in [0, 1], only for a `market` that runs English auctions:
    /// no other mechanism takes bids) and `zero_bidders` (at most `count`, likewise).
    mutating func decodeAuctionBidding(_ map: InputMapping, market: LendingMarketSpec?) throws {
        let english = market?.liquidation.takesBids ?? false
        if let node = map.optional("bid_margin") {
            bidMargin = try node.double(in: 0...1)
            guard english else {
                throw InputError("\(node.path): a bid margin needs a market with english-auction liquidations", at: node.location)
            }
        }
        if let node = map.optional("zero_bidders") {
            zeroBidders = try node.int(in: 0...10_000)
            guard zeroBidders == 0 || english else {
                throw InputError("\(node.path): zero bidders need a market with english-auction liquidations", at: node.location)
            }
            guard zeroBidders <= count else {
                throw InputError("\(node.path): \(zeroBidders) zero bidders among \(count) liquidators", at: node.location)
            }
        }
    }
}

extension Scenario {
    /// A market's `liquidation:` line for an English auction in ``resolvedYAML()``.
    static func renderedEnglishAuction(_ auction: EnglishAuctionSpec) -> String {
        "    liquidation: {mechanism: english-auction, bid_duration: \(seconds(auction.bidDuration)), "
            + "auction_duration: \(seconds(auction.auctionDuration)), min_increment: \(number(auction.minIncrement)), "
            + "penalty: \(number(auction.penalty))}"
    }

    /// The liquidators' English-auction keys in ``resolvedYAML()``: none unless their market
    /// runs English auctions (`english`), where they are refused.
    static func renderedAuctionBidding(_ spec: LiquidatorSpec, english: Bool) -> [String] {
        guard english else { return [] }
        return ["    bid_margin: \(number(spec.bidMargin))"] + (spec.zeroBidders > 0 ? ["    zero_bidders: \(spec.zeroBidders)"] : [])
    }
}
