import GSL

/// An oracle (`oracles: ID: {...}`): a price readable by lending markets, in `unit`.
public struct OracleSpec: Sendable {
    public var id: String
    /// The unit of account of its answers (default `USD`); a market only uses oracles in its unit.
    public var unit: String
    public var kind: OracleSpecKind
}

/// How an oracle computes its answer (`type:`), mapped onto the protocol core's oracles.
public enum OracleSpecKind: Sendable {
    /// The pool's current price of `base` in the pool's other token.
    case spot(pool: String, base: String)
    /// A time-weighted average of the pool's closing prices over `window` seconds.
    case twap(pool: String, base: String, window: Double, geometric: Bool)
    /// The median of earlier oracles' answers.
    case median([String])
    /// A fixed answer (e.g. 1 for the unit of account itself).
    case constant(Double)
}

/// A lending market (`lending_markets: ID: {...}`).
public struct LendingMarketSpec: Sendable {
    public var id: String
    /// Unit of account of its prices; every listed asset's oracle answers in it.
    public var unit: String
    /// `cross` (default) or `isolated`.
    public var isolated: Bool
    /// Largest fraction of a debt one liquidation may repay, in (0, 1].
    public var closeFactor: Double
    /// Initial holdings of the market's insurance fund, whole tokens (exact decimal text).
    public var insuranceFund: [(symbol: String, amount: String)]
    public var assets: [MarketAssetSpec]
    /// `liquidation:` — fixed bonus (default) or Dutch auction (Scenario+DefenceTypes.swift).
    public var liquidation: LiquidationSpec = .fixedBonus
    /// `circuit_breaker:`, `liquidation_cap:`, `dynamic_collateral_factor:` (all off by default).
    public var defences = MarketDefencesSpec()
}

/// One listed asset of a lending market.
public struct MarketAssetSpec: Sendable {
    public var symbol: String
    /// The oracle id pricing it.
    public var oracle: String
    /// Borrowing power per unit of collateral value, fraction.
    public var collateralFactor: Double
    /// Weight of the collateral in the health factor, fraction (≥ collateral factor).
    public var liquidationThreshold: Double
    /// Seized value = repaid value × (1 + bonus).
    public var bonus: Double
    /// Supplied at genesis by the market's genesis supplier, whole tokens (exact decimal text).
    public var supply: String
    /// Max total supplied / borrowed, whole tokens (nil: none).
    public var supplyCap: Double?
    public var borrowCap: Double?
    public var borrowable: Bool
    /// `interest:` — the kinked borrow-rate curve (nil: no interest).
    public var interest: InterestSpec?
}

/// `agents.borrowers`: passive accounts that deposit collateral and borrow at genesis.
public struct BorrowerSpec: Sendable {
    public var count: Int
    public var market: String
    /// Collateral asset symbol and amount (whole tokens, drawn per borrower).
    public var collateral: String
    public var amount: Distribution
    /// Debt asset symbol.
    public var debt: String
    /// Initial health factor, drawn per borrower (the borrow is capped by the borrowing power).
    public var health: Distribution
}

/// `agents.liquidators`.
public struct LiquidatorSpec: Sendable {
    public var count: Int
    public var market: String
    public var capital: CapitalSpec
    /// Reaction latency after a sealed block, seconds.
    public var latency: Distribution
    /// Base gas price above which a liquidator does nothing, gwei (nil: no cap).
    public var gasPriceCap: Double?
    /// Required profit beyond gas, USD at reference prices.
    public var minProfit: Double
    /// Priority fee, gwei.
    public var priorityFee: Double
}
