/// A Kyber-style automated price reserve (`reserves: ID: {...}`): its price of `y` in `x` is
/// min_price·e^(rate·inventory_x) within [min_price, max_price] (Qin et al., FC 2021, App. C).
/// Numbers are kept as exact decimal text; prices and the rate become wad without a Double.
public struct ReserveSpec: Sendable {
    public var id: String
    /// The asset whose inventory sets the price (`x`).
    public var x: String
    /// The asset quoted (`y`).
    public var y: String
    /// Price bounds, whole `x` per whole `y` (`min_price`, `max_price`).
    public var minPrice: String
    public var maxPrice: String
    /// Exponential rate per whole `x` (`rate`).
    public var rate: String
    /// Initial inventories, whole tokens (`inventory_x`, `inventory_y`), endowed at genesis.
    public var inventoryX: String
    public var inventoryY: String
}

/// A fixed-price depot (`depots: ID: {...}`): sells its inventory of `sells` for `paidWith` at
/// `price` (`sells` per whole `paidWith`), up to what it holds (bZx #2's Synthetix depot).
public struct DepotSpec: Sendable {
    public var id: String
    /// The asset it sells (`sells`).
    public var sells: String
    /// The asset buyers pay (`for`).
    public var paidWith: String
    /// Exact decimal text, `sells` per whole `paidWith` (`price`).
    public var price: String
    /// Initial inventory of `sells`, whole tokens (`inventory`), endowed at genesis.
    public var inventory: String
}

/// A margin-trading venue (`margin_venues: ID: {...}`, bZx's Fulcrum): lenders' `liquidity` of
/// `loanAsset`, lent at `leverage` to traders' shorts that trade through `pool` (Qin et al.,
/// FC 2021, App. C "Margin short").
public struct MarginVenueSpec: Sendable {
    public var id: String
    /// The pool it trades through (`pool`).
    public var pool: String
    /// The loan and margin asset, a token of the pool (`loan_asset`).
    public var loanAsset: String
    /// Lenders' liquidity, whole tokens, endowed at genesis (`liquidity`).
    public var liquidity: String
    /// Leverage ℓ and over-collateralisation ratio ocr, exact decimals (`leverage`, `ocr`).
    public var leverage: String
    public var ocr: String
    /// The oracle pricing the pool's other token in `loanAsset`, for the equity check (`oracle`).
    public var oracle: String
    /// Whether opening checks locked value ≥ loan × ocr (`check_equity`, default true).
    public var checkEquity: Bool
}
