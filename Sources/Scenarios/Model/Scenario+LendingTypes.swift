import GSL

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
    /// Most blocks between two liquidation rounds of one cascade chain (`cascade_depth`,
    /// DESIGN.md §3); default 5.
    public var cascadeWindow: Int
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
    /// Staleness and deviation guards on that oracle (`max_age`, `fallback`, …).
    public var guards: PriceGuardSpec
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

/// `agents.borrowers`: accounts that deposit collateral and borrow at genesis, and optionally
/// react when their health falls (Scenario+BorrowerTypes.swift).
public struct BorrowerSpec: Sendable {
    /// Number of borrowers (with a snapshot: its rows).
    public var count: Int
    public var market: String
    public var positions: BorrowerPositions
    public var behaviour: BorrowerBehaviourSpec?
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
    /// `funding: flash-loan`: the `flash_loans` provider id it borrows the debt from (nil: its own capital).
    public var flashLoanProvider: String?
    /// `sell_at_loss: true`: liquidate whatever it can pay for and sell the seizure at any price
    /// (the peer models' liquidators), instead of only when the sale beats repayment and gas.
    public var sellsAtLoss = false
    /// English auctions: bid the lot's oracle value less this fraction (`bid_margin`, default 0.05).
    public var bidMargin = 0.05
    /// English auctions: how many of the liquidators (the first) are zero bidders (`zero_bidders`, default 0).
    public var zeroBidders = 0
}
