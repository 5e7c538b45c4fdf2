/// How a market liquidates (DESIGN.md §3).
public enum LiquidationMechanism: Sendable, Equatable {
    /// Repay up to close factor × debt, seize repay × (1 + bonus) at the oracle price.
    case fixedBonus
    /// Maker Liquidations 2.0 style: an auction started on an unhealthy account sells its
    /// collateral at a price that starts above the oracle and falls linearly.
    case dutchAuction(DutchAuctionParameters)
    /// Maker's Flipper (before Liquidations 2.0): an auction started on an unhealthy account
    /// takes rising bids for its collateral until a bid has stood for the bid duration
    /// (`ProtocolState+EnglishAuction.swift`).
    case englishAuction(EnglishAuctionParameters)
}

/// A Dutch auction's price schedule (Maker's Clipper with `LinearDecrease`).
///
/// top = oracle price at the start × (1 + `startPremium`); price(t) = top × (duration − elapsed)
/// / duration, rounded down. An auction older than `tail` seconds, or whose price fell below
/// `cusp` × top, must be restarted (Maker's `redo`) before anyone can buy.
public struct DutchAuctionParameters: Sendable, Equatable {
    /// Premium over the oracle price the auction starts at, wad (Maker's buf − 1).
    public var startPremium: UInt128
    /// Seconds for the price to fall from top to zero (Maker's tau).
    public var duration: Int64
    /// Max age of an auction before it must be restarted, seconds.
    public var tail: Int64
    /// Lowest price / top before the auction must be restarted, wad.
    public var cusp: UInt128

    public init(startPremium: UInt128, duration: Int64, tail: Int64, cusp: UInt128) {
        self.startPremium = startPremium
        self.duration = duration
        self.tail = tail
        self.cusp = cusp
    }
}

/// A running Dutch auction of one account's collateral.
public struct Auction: Sendable, Equatable {
    /// When it started, seconds.
    public var start: Int64
    /// Starting price of one whole collateral token, wad in the market's unit.
    public var top: UInt128
    public var debtAsset: AssetID
    public var collateralAsset: AssetID
}
