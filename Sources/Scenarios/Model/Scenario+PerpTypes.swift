import GSL

/// A perpetual-futures market with a cross-margined borrow facility (`perp_markets: ID: {...}`,
/// Mango Markets v3): positions in `base` marked by `oracle`, collateral and loans in `quote`.
public struct PerpMarketSpec: Sendable {
    public var id: String
    /// The underlying asset (`base`).
    public var base: String
    /// The collateral, PnL and loan asset (`quote`).
    public var quote: String
    /// The oracle marking the base in the quote (`oracle`; its unit must be `quote`).
    public var oracle: String
    /// Initial and maintenance margin fractions (`initial_margin` default 0.2,
    /// `maintenance_margin` default 0.1, maintenance ≤ initial < 1).
    public var initialMargin: Double
    public var maintenanceMargin: Double
    /// The liquidator's discount on a position it takes over, fraction of notional
    /// (`liquidation_fee`, default 0.025).
    public var liquidationFee: Double
    /// Lenders' quote liquidity, whole tokens, minted at genesis (`liquidity`, exact decimal text).
    public var liquidity: String
    /// Whether positive unrealised PnL counts as collateral (`pnl_as_collateral`, default true:
    /// Mango's design in October 2022; false is the defence).
    public var pnlAsCollateral: Bool
    /// The fraction of positive PnL not counted (`pnl_haircut`, default 0).
    public var pnlHaircut: Double
}

/// `agents.perp_liquidators`: a population taking over the positions of a perp market's
/// accounts below maintenance, each after every sealed block and its reaction latency.
public struct PerpLiquidatorSpec: Sendable {
    public var count: Int
    /// The perp market watched (`market`; default: the only one).
    public var market: String
    /// What each liquidator holds at genesis, before its deposit.
    public var capital: CapitalSpec
    /// Whole quote each deposits into the market as collateral at genesis (`deposit`, exact
    /// decimal text): what lets it take positions over.
    public var deposit: String
    /// Priority fee per gas unit, gwei (`priority_fee`, default 1).
    public var priorityFee: Double
    /// The least gain of one liquidation beyond its gas, USD (`min_profit`, default 0).
    public var minProfit: Double
    /// Reaction latency after a sealed block, seconds (`latency`, default 0: at the seal).
    public var latency: Distribution
    /// Base gas price above which it stands aside, gwei (`gas_price_cap`, default none).
    public var gasPriceCap: Double?
}
