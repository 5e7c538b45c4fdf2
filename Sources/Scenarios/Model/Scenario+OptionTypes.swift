import GSL
import Pricing

/// An option vault (`option_vaults: ID: {...}`; issue 7, docs/options.md): LPs deposit
/// `collateral`, the vault writes European cash-settled calls and puts on `underlying` for a
/// grid of series, quotes Black–Scholes prices from its volatility model plus a spread, margins
/// traders' shorts by risk-array revaluation and settles each series on `settlementOracle`.
public struct OptionVaultSpec: Sendable {
    public var id: String
    /// The asset the options are on (`underlying`).
    public var underlying: String
    /// The asset of premiums, margin, settlement and the vault's NAV (`collateral`).
    public var collateral: String
    /// The oracle of quotes, marks and margin: `underlying`'s price in `collateral` (`price_oracle`).
    public var priceOracle: String
    /// The oracle settlement reads at expiry (`settlement_oracle`, default: `price_oracle`).
    public var settlementOracle: String
    public var volatility: VolatilitySpec
    public var spread: SpreadSpec
    public var series: SeriesGridSpec
    public var margin: OptionMarginSpec
    /// The vault's LPs and the whole tokens of `collateral` each deposits at genesis
    /// (`deposits: {NAME: amount}`, exact decimal text), in file order.
    public var deposits: [(name: String, amount: String)]
    /// Delta hedging through a pool (`hedge`), if any.
    public var hedge: HedgeSpec?
    /// The vault keeper's gas terms (`keeper`): it settles, hedges and liquidates.
    public var keeper: OracleKeeperSpec
}

/// The vault's volatility model (`volatility: {model: implied | ewma, …}`).
public enum VolatilitySpec: Sendable, Equatable {
    /// σ(K) = atm + skew·ln(K/S), floored at 0.01 (annualised).
    case implied(atm: Double, skew: Double)
    /// Realised volatility of the price oracle's log returns between sealed blocks,
    /// σ²ₜ = λ·σ²ₜ₋₁ + (1 − λ)·r²ₜ annualised by the block time, starting at `initial`.
    case ewma(lambda: Double, initial: Double)
}

/// The vault's half-spread as a fraction of the Black–Scholes mid (`spread:`):
/// min(max, base + per_delta·|net delta after the trade| + per_vega·|net vega after the trade|).
public struct SpreadSpec: Sendable, Equatable {
    /// Fraction of the mid (`base`, default 0.02).
    public var base = 0.02
    /// Fraction per whole underlying unit of |vault net delta| (`per_delta`, default 0).
    public var perDelta = 0.0
    /// Fraction per collateral unit of |vault net vega| per 1.00 of vol (`per_vega`, default 0).
    public var perVega = 0.0
    /// Cap on the half-spread (`max`, default 0.5).
    public var max = 0.5
}

/// The listed series (`series:`): every strike × expiry × kind.
public struct SeriesGridSpec: Sendable, Equatable {
    /// Strikes, collateral per underlying: a list, or `{from, to, step}` (inclusive).
    public var strikes: StrikeSpec
    /// Expiries, seconds from the scenario start (one after the end leaves its series open, marked
    /// at the end reference prices).
    public var expiries: [Double]
    /// `call`, `put` or both (default both).
    public var kinds: [OptionKind]

    /// The grid in listing order — expiry-major, then strike, then kind as written — which is
    /// the vault's series index order.
    public var listed: [(kind: OptionKind, strike: Double, expiry: Double)] {
        expiries.flatMap { expiry in strikes.values.flatMap { strike in kinds.map { (kind: $0, strike: strike, expiry: expiry) } } }
    }
}

/// `strikes: [..]` or `strikes: {from, to, step}`.
public enum StrikeSpec: Sendable, Equatable {
    case list([Double])
    case range(from: Double, to: Double, step: Double)

    /// The strikes in increasing order of listing.
    public var values: [Double] {
        switch self {
        case .list(let strikes): return strikes
        case .range(let from, let to, let step):
            let count = Int(((to - from) / step * (1 + 1e-12)).rounded(.down)) + 1
            return (0..<count).map { from + Double($0) * step }
        }
    }
}

/// Portfolio margin of traders' shorts (`margin:`): a risk array of spot shocks × volatility
/// multipliers, a maintenance multiplier and the liquidation penalty.
public struct OptionMarginSpec: Sendable, Equatable {
    /// Largest relative spot shock of the risk array (`spot_shock`, default 0.15 = ±15 %).
    public var spotShock = 0.15
    /// Evenly spaced spot shocks over ±`spotShock` (`spot_steps`, default 7, ≥ 2).
    public var spotSteps = 7
    /// Volatility multipliers (`vol_shocks`, default [0.7, 1, 1.3]).
    public var volShocks = [0.7, 1, 1.3]
    /// Greeks add-on: absolute volatility move charged on the net vega (`vol_buffer`, default 0).
    public var volBuffer = 0.0
    /// Greeks add-on: relative spot gap charged on the net dollar gamma (`spot_gap`, default 0).
    public var spotGap = 0.0
    /// An account is liquidatable when its margin balance < maintenance × requirement
    /// (`maintenance`, default 1).
    public var maintenance = 1.0
    /// Fraction of the closing value paid to the liquidator (`liquidation_penalty`, default 0.1).
    public var liquidationPenalty = 0.1
}

/// Delta hedging (`hedge: {pool, every}`).
public struct HedgeSpec: Sendable, Equatable {
    /// A pool trading the underlying for the collateral.
    public var pool: String
    /// Seconds between the keeper's hedges (`every`).
    public var every: Double
}

/// `agents.option_traders`: a population trading one vault's options on their views.
public struct OptionTraderSpec: Sendable {
    public var count: Int
    /// The vault traded (`vault`; default: the only one).
    public var vault: String
    /// Arrivals per hour per trader (Poisson).
    public var rate: Double
    /// Contracts per trade (whole underlying units), drawn per arrival.
    public var size: Distribution
    /// The annualised volatility each trader believes, drawn once per trader (`vol_view`);
    /// nil: it uses the vault's own volatility.
    public var volView: Distribution?
    /// The log return to expiry each trader expects, drawn once per trader (`direction_view`);
    /// nil: 0.
    public var directionView: Distribution?
    public var capital: CapitalSpec
    /// Whole tokens of collateral each trader posts as option margin at genesis, from its capital
    /// (`margin`, default 0: it then only buys and sells what it holds).
    public var margin: Double
    /// Premium tolerance beyond the quote, fraction (`slippage`, default 0.01).
    public var slippage: Double
    /// Priority fee, gwei.
    public var priorityFee: Double
}

/// `strategy: settlement-manipulation` (docs/attacks.md).
public struct SettlementManipulationSpec: Sendable {
    /// The option vault id (`vault`).
    public var vault: String
    /// The series bought (`series: {kind, strike, expiry}`), its index in the vault's grid.
    public var series: Int
    public var kind: OptionKind
    public var strike: Double
    public var expiry: Double
    /// Whole underlying units bought at `at` (exact decimal text).
    public var contracts: String
    /// The pool the settlement oracle reads (`pool`).
    public var pool: String
    /// Whole tokens swapped into the pool to move the settlement price (exact decimal text): of
    /// the collateral for a call (push up), of the underlying for a put (push down); with
    /// `targetPrice`, a cap.
    public var amount: String
    /// The pool price the push aims at, collateral per whole underlying (`target_price`); nil:
    /// push exactly `amount`. Required with `holdBlocks` > 0.
    public var targetPrice: Double?
    /// Blocks before the settlement block over which the attacker holds the pool at
    /// `targetPrice` with its own funds (`hold_blocks`, default 0: one transaction in the first
    /// block at or after expiry).
    public var holdBlocks: Int
    /// A `flash_loans` id lending the asset swapped in (`flash_loan`), or nil.
    public var flashLoan: String?
    /// The most the purchase may cost, whole collateral tokens (`max_premium`, exact decimal
    /// text); nil: no limit.
    public var maxPremium: String?
}
