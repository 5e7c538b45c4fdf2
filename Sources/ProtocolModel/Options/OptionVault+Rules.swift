import Foundation

/// How an option vault sets each series' volatility (per √year).
public enum VolatilityModel: Sendable, Equatable {
    /// A configured implied surface: σ(K) = atm + skew·ln(K/S), floored at ``floor``.
    case implied(atm: Double, skew: Double)
    /// Realised volatility: an EWMA of the price oracle's squared log returns between sealed
    /// blocks, annualised by the time between them (σ² ← λ·σ² + (1 − λ)·r²·year/Δt), starting at
    /// `initial`; floored at ``floor``.
    case ewma(lambda: Double, initial: Double)

    /// The lowest volatility either model quotes (0.01 = 1 %).
    public static let floor = 0.01
}

/// The vault's half-spread as a fraction of the Black–Scholes mid:
///
///     h = min(max, base + perDelta·|Δ| + perVega·|ν|)
///
/// with Δ the vault's net delta after the trade in whole contracts of the underlying (options and
/// hedge) and ν its net vega after the trade in whole collateral per 1.00 of volatility. The ask
/// is mid·(1 + h), the bid mid·(1 − h).
public struct SpreadRule: Sendable, Equatable {
    /// Half-spread at zero exposure (0.01 = 1 % of mid).
    public var base: Double
    /// Added per whole contract of net delta.
    public var perDelta: Double
    /// Added per whole collateral unit of net vega (per 1.00 vol).
    public var perVega: Double
    /// Cap on the half-spread (< 1, so the bid stays positive).
    public var max: Double

    /// Creates a rule; every parameter ≥ 0 and `max` < 1.
    public init(base: Double, perDelta: Double = 0, perVega: Double = 0, max: Double = 0.5) {
        precondition(base >= 0 && perDelta >= 0 && perVega >= 0 && max >= 0 && max < 1, "SpreadRule: parameters out of range")
        self.base = base
        self.perDelta = perDelta
        self.perVega = perVega
        self.max = max
    }

    /// The half-spread at net delta `delta` and net vega `vega` after the trade.
    public func halfSpread(netDelta delta: Double, netVega vega: Double) -> Double {
        Swift.min(max, base + perDelta * abs(delta) + perVega * abs(vega))
    }
}

/// How an option vault margins its traders and itself.
///
/// A trader with a short position needs a margin balance of at least
///
///     requirement = max(0, worst risk-array loss) + Greeks add-on + Σ_short |q|·mark
///
/// of its whole portfolio (longs offset the scenario losses but are not credited with their
/// value); an account without shorts needs none. It is liquidated when its balance falls below
/// `maintenance` × requirement. The vault's own requirement (risk array + add-on of its options
/// and hedge) must stay covered by its NAV.
public struct OptionMarginRule: Sendable, Equatable {
    /// The scenarios (default spot ±15 % in 7 steps × vol ×{0.7, 1, 1.3}).
    public var riskArray: RiskArray
    /// The Greeks add-on.
    public var addOn: GreeksAddOn
    /// Liquidation threshold as a multiple of the requirement (default 1), > 0.
    public var maintenance: Double
    /// Fraction of the gross closing value (Σ |q|·mark) paid to the liquidator from the account's
    /// margin (default 0.1).
    public var liquidationPenalty: Double

    public init(riskArray: RiskArray = .standard, addOn: GreeksAddOn = .none, maintenance: Double = 1,
                liquidationPenalty: Double = 0.1) {
        precondition(maintenance > 0 && maintenance.isFinite, "OptionMarginRule: maintenance must be positive")
        precondition(liquidationPenalty >= 0 && liquidationPenalty < 1, "OptionMarginRule: penalty in [0, 1)")
        self.riskArray = riskArray
        self.addOn = addOn
        self.maintenance = maintenance
        self.liquidationPenalty = liquidationPenalty
    }
}

/// Why an option vault refused a step. Amounts are raw units of the vault's collateral (`asset`).
public enum OptionError: Error, Sendable, Equatable, AssetAmountText {
    /// Zero contracts, zero amount.
    case zeroAmount
    /// The series has expired: it trades no more.
    case expired
    /// The series has not expired yet: it cannot settle.
    case notExpired
    /// The series is already settled.
    case settled
    /// The premium is above the buyer's maximum or below the seller's minimum.
    case premium(asset: AssetID, limit: UInt128, actual: UInt128)
    /// The account's margin balance would be below its requirement.
    case insufficientMargin(asset: AssetID, balance: UInt128, requirement: UInt128)
    /// The vault's NAV would not cover its own margin requirement.
    case vaultUndercollateralised(asset: AssetID, nav: UInt128, requirement: UInt128)
    /// The account is not below maintenance (liquidation refused).
    case healthy
    /// The account holds no position in the vault.
    case noPosition
    /// Only the vault's keeper may hedge.
    case notKeeper
    /// The hedge pool does not trade the vault's underlying against its collateral.
    case wrongPool
    /// The vault's NAV is zero while shares exist: deposits cannot be priced.
    case emptyVault
    /// A price or volatility the vault needs is not a positive finite number.
    case badMarket

    /// The text, amounts in their asset's units (``AssetAmountText``):
    /// "premium 25.519974 USDC above the limit 25.519973 USDC" (a buyer's most, or a seller's
    /// least: "below").
    public func text(assets: [Asset]) -> String {
        switch self {
        case .zeroAmount: return "zero contracts or amount"
        case .expired: return "the series has expired"
        case .notExpired: return "the series has not expired yet"
        case .settled: return "the series is already settled"
        case .premium(let asset, let limit, let actual):
            return "premium \(assets[asset.index].text(actual)) \(actual > limit ? "above" : "below") the limit \(assets[asset.index].text(limit))"
        case .insufficientMargin(let asset, let balance, let requirement):
            return "margin balance \(assets[asset.index].text(balance)) < requirement \(assets[asset.index].text(requirement))"
        case .vaultUndercollateralised(let asset, let nav, let requirement):
            return "vault NAV \(assets[asset.index].text(nav)) < its margin requirement \(assets[asset.index].text(requirement))"
        case .healthy: return "the account is not below maintenance"
        case .noPosition: return "no option position in the vault"
        case .notKeeper: return "only the vault's keeper may hedge"
        case .wrongPool: return "the pool does not trade the vault's underlying against its collateral"
        case .emptyVault: return "the vault's NAV is zero while shares exist"
        case .badMarket: return "the underlying's price or a volatility is not positive and finite"
        }
    }
}
