/// An English (flip) auction's rules (Maker's Flipper, before Liquidations 2.0).
///
/// The auction sells an unhealthy account's whole balance of one collateral asset (the lot)
/// for its debt plus a penalty (the tab). Bids rise: the first may be anything from 0 to the
/// tab, each later one must exceed the standing bid by at least `minIncrement` (or equal the
/// tab). The auction closes `bidDuration` seconds after the last bid, and at the latest
/// `auctionDuration` seconds after it started; one that closes without a bid is restarted.
public struct EnglishAuctionParameters: Sendable, Equatable {
    /// Seconds a bid must stand unbeaten to win (Maker's `ttl`).
    public var bidDuration: Int64
    /// Seconds from the start after which no bid is taken (Maker's `tau`).
    public var auctionDuration: Int64
    /// Least raise of a bid over the standing one, wad fraction (Maker's `beg` − 1: 3 % → 3·10^16).
    public var minIncrement: UInt128
    /// Liquidation penalty: the tab is debt × (1 + penalty), wad fraction (Maker's `chop` − 1).
    public var penalty: UInt128

    public init(bidDuration: Int64, auctionDuration: Int64, minIncrement: UInt128, penalty: UInt128) {
        self.bidDuration = bidDuration
        self.auctionDuration = auctionDuration
        self.minIncrement = minIncrement
        self.penalty = penalty
    }
}

/// A running English auction of one account's collateral. The standing bid is held by the
/// market's account (escrow, not cash) until it is outbid (refunded) or the auction is settled.
///
/// NOTE: the 128-bit fields come first and the optionals last: declared in the order of an
/// auction's life, the optionals' padding made `EnglishAuction?` 113 bytes and ``ModelUndo``,
/// which holds one, 129 — past the 128 bytes that a record's copy into the journal does
/// inline, so every journal write called `memcpy` (ModelUndo.swift).
public struct EnglishAuction: Sendable, Equatable {
    /// The standing bid, raw units of the debt asset (0 before the first bid, or a zero bid).
    public var bid: UInt128
    /// Collateral for sale, raw units: the account's whole balance of it at the start.
    public var lot: UInt128
    /// Most the auction raises, raw units of the debt asset: ⌈debt × (1 + penalty)⌉ at the start.
    public var tab: UInt128
    /// When it started, seconds.
    public var start: Int64
    /// When it stops taking bids whatever happens, seconds (start + auction duration).
    public var end: Int64
    public var debtAsset: AssetID
    public var collateralAsset: AssetID
    /// When the standing bid wins unless beaten, seconds (nil before the first bid).
    public var bidExpiry: Int64?
    /// The standing bidder (nil before the first bid).
    public var bidder: AccountID?

    /// When it stops taking bids: a bid's expiry, capped by the end, seconds.
    public var closesAt: Int64 { min(bidExpiry ?? end, end) }

    /// Whether a bid is taken at `timestamp`.
    public func isOpen(at timestamp: Int64) -> Bool { timestamp < closesAt }

    /// Whether it can be settled at `timestamp`: it has a bid and closed.
    public func isSettleable(at timestamp: Int64) -> Bool { bidder != nil && timestamp >= closesAt }

    /// Whether it closed without a bid and must be restarted before anyone can bid.
    public func mustRestart(at timestamp: Int64) -> Bool { bidder == nil && timestamp >= end }

    /// The least bid taken now, raw debt units: 0 before the first bid, else ⌈bid × (1 +
    /// increment)⌉ but more than the standing bid, and never above the tab; nil when no bid can
    /// beat the standing one (it equals the tab).
    public func minimumBid(_ parameters: EnglishAuctionParameters) -> UInt128? {
        guard bidder != nil else { return 0 }
        guard bid < tab else { return nil }
        let raised = (try? FixedPoint.mulDiv(bid, FixedPoint.wad + parameters.minIncrement, FixedPoint.wad, rounding: .up)) ?? tab
        return min(max(raised, bid + 1), tab)
    }
}
