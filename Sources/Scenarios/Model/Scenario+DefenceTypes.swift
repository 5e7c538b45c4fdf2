/// How a lending market liquidates (`liquidation: {mechanism: …}`).
public enum LiquidationSpec: Sendable, Equatable {
    /// `fixed-bonus` (the default): repay up to the close factor, seize at the asset's bonus.
    case fixedBonus
    /// `dutch-auction`: Maker Liquidations 2.0 style; see ``DutchAuctionSpec``.
    case dutchAuction(DutchAuctionSpec)
    /// `english-auction`: Maker's Flipper; see ``EnglishAuctionSpec``.
    case englishAuction(EnglishAuctionSpec)

    /// Whether liquidators bid (an English auction): only then do their `bid_margin` and
    /// `zero_bidders` apply.
    public var takesBids: Bool {
        if case .englishAuction = self { return true }
        return false
    }
}

/// A Dutch auction's schedule: the price starts at oracle × (1 + `startPremium`) and falls
/// linearly to zero over `duration`; an auction older than `tail` or below `cusp` × its start
/// price must be restarted.
public struct DutchAuctionSpec: Sendable, Equatable {
    /// Fraction above the oracle price the auction starts at (default 0.1).
    public var startPremium: Double
    /// Seconds from the start price to zero (required, whole seconds).
    public var duration: Double
    /// Max age before a restart, seconds (default: `duration`).
    public var tail: Double
    /// Lowest price / start price before a restart, in [0, 1) (default 0).
    public var cusp: Double
}

/// A kinked borrow-rate curve for one asset (`interest: {base, slope1, slope2, kink}`), rates
/// per year (365 days) as fractions; see the core's `InterestRateModel`.
public struct InterestSpec: Sendable, Equatable {
    /// Rate at zero utilisation (default 0).
    public var base: Double
    /// Added between zero utilisation and the kink (default 0).
    public var slope1: Double
    /// Added between the kink and full utilisation (default 0).
    public var slope2: Double
    /// Utilisation where the slope changes, in (0, 1) (default 0.8).
    public var kink: Double
}

/// A market's switchable defences; each nil when off.
public struct MarketDefencesSpec: Sendable, Equatable {
    public var circuitBreaker: CircuitBreakerSpec?
    public var liquidationCap: LiquidationCapSpec?
    public var dynamicCollateral: DynamicCollateralSpec?

    public init(circuitBreaker: CircuitBreakerSpec? = nil, liquidationCap: LiquidationCapSpec? = nil,
                dynamicCollateral: DynamicCollateralSpec? = nil) {
        self.circuitBreaker = circuitBreaker
        self.liquidationCap = liquidationCap
        self.dynamicCollateral = dynamicCollateral
    }
}

/// `circuit_breaker: {oracle, threshold, window, cooldown, pause}`.
public struct CircuitBreakerSpec: Sendable, Equatable {
    /// The oracle watched; nil: every oracle pricing one of the market's assets.
    public var oracle: String?
    /// Relative move within `window` that trips it, in (0, 1).
    public var threshold: Double
    /// Look-back window, whole seconds (> 0).
    public var window: Double
    /// Pause after the latest trip, whole seconds.
    public var cooldown: Double
    /// Whether a trip pauses borrowing / liquidations (at least one).
    public var pauseBorrow: Bool
    public var pauseLiquidate: Bool
}

/// `liquidation_cap: {per_block, count, per_account}`: at least one.
public struct LiquidationCapSpec: Sendable, Equatable {
    /// Max debt value repaid by liquidations per block, in the market's unit.
    public var perBlock: Double?
    /// Max liquidations per block.
    public var count: Int?
    /// Max liquidations of one account per block.
    public var perAccount: Int?
}

/// `dynamic_collateral_factor: {halflife, target_volatility, min_factor}`.
public struct DynamicCollateralSpec: Sendable, Equatable {
    /// EWMA half-life, seconds (> 0).
    public var halflife: Double
    /// Annualised volatility at or below which the configured factors apply in full (> 0).
    public var targetVolatility: Double
    /// Lowest scale applied to CF and LT, in (0, 1] (default 0.5).
    public var minFactor: Double
}
