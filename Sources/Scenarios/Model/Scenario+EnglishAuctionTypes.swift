/// An English (flip) auction's rules (`liquidation: {mechanism: english-auction, …}`); see the
/// core's `EnglishAuctionParameters`.
public struct EnglishAuctionSpec: Sendable, Equatable {
    /// Seconds a bid must stand to win (`bid_duration`, default 3h, Maker's Flipper default `ttl`).
    public var bidDuration: Double
    /// Seconds from the start after which no bid is taken (`auction_duration`, default 2d, Maker's `tau`).
    public var auctionDuration: Double
    /// Least raise of a bid over the standing one, fraction (`min_increment`, default 0.05, Maker's `beg` − 1).
    public var minIncrement: Double
    /// The tab is debt × (1 + penalty) (`penalty`, default 0, Maker's `chop` − 1).
    public var penalty: Double
}
