/// An option vault (issue 7): liquidity providers deposit collateral for shares, and the vault
/// writes and buys cash-settled European calls and puts on its listed series, the counterparty
/// of every trade, at Black–Scholes prices plus a spread that widens with its net Greeks.
///
/// Tokens: the vault's account holds its collateral (premiums, deposits) and, when it hedges,
/// underlying; traders' option margin sits in a separate margin account holding exactly
/// ``OptionVaultTotals/marginHeld``. Contracts are signed raw units of the underlying (one
/// contract = one whole underlying token = 10^decimals raw); the vault's position in a series is
/// minus the sum of the traders'.
public struct OptionVault: Sendable, Equatable {
    /// The scenario's id of the vault.
    public var name: String
    /// The asset the options are written on (its price in `collateral` is what they pay on).
    public var underlying: AssetID
    /// The asset of premiums, margin, settlement and the vault's NAV.
    public var collateral: AssetID
    /// The vault's share token (18 decimals), minted on deposits and burnt on withdrawals.
    public var shareAsset: AssetID
    /// The account holding the vault's collateral and hedge.
    public var account: AccountID
    /// The account holding every trader's option margin.
    public var marginAccount: AccountID
    /// The only account that may send ``Step/hedgeVault(vault:pool:)``; nil: nobody hedges.
    public var keeper: AccountID?
    /// Oracle of the underlying's price in collateral (wad): quotes, marks, margin, hedging.
    public var priceOracle: Int
    /// Oracle read by settlement.
    public var settlementOracle: Int
    /// The listed series, by index.
    public internal(set) var series: [ListedSeries]
    /// How the vault sets each series' volatility.
    public var volatility: VolatilityModel
    /// The half-spread around the Black–Scholes mid.
    public var spread: SpreadRule
    /// Portfolio margin of traders and of the vault.
    public var margin: OptionMarginRule
    /// The vault's totals (journalled as one record).
    public internal(set) var totals: OptionVaultTotals
    /// Each trader's signed contracts by series (raw underlying units); accounts holding nothing
    /// are absent.
    public internal(set) var positions: [AccountID: [Int128]] = [:]
    /// Each trader's margin balance, collateral raw units; zero balances are absent.
    public internal(set) var marginBalances: [AccountID: UInt128] = [:]
    /// The realised-volatility estimate and the last sealed block (updated by `seal`).
    public internal(set) var clock: OptionVaultClock

    public init(name: String, underlying: AssetID, collateral: AssetID, shareAsset: AssetID, account: AccountID,
                marginAccount: AccountID, keeper: AccountID?, priceOracle: Int, settlementOracle: Int,
                series: [ListedSeries], volatility: VolatilityModel, spread: SpreadRule, margin: OptionMarginRule,
                clock: OptionVaultClock) {
        self.name = name
        self.underlying = underlying
        self.collateral = collateral
        self.shareAsset = shareAsset
        self.account = account
        self.marginAccount = marginAccount
        self.keeper = keeper
        self.priceOracle = priceOracle
        self.settlementOracle = settlementOracle
        self.series = series
        self.volatility = volatility
        self.spread = spread
        self.margin = margin
        self.totals = OptionVaultTotals(seriesCount: series.count)
        self.clock = clock
    }
}

/// One listed series of a vault: the option and, once settled, its settlement price.
public struct ListedSeries: Sendable, Equatable {
    /// Strike (collateral per whole underlying), expiry (seconds), call or put; `underlying` is 0.
    public var option: OptionSeries
    /// The strike as a wad, fixed at listing (the settlement payoff is computed from it exactly).
    public var strikeWad: UInt128
    /// The settlement oracle's price (wad) recorded by ``Step/settleOptions(vault:series:)``;
    /// nil until settled.
    public var settlementPrice: UInt128?

    /// Lists `option`; its strike is rounded to the nearest wad.
    public init(option: OptionSeries, settlementPrice: UInt128? = nil) {
        self.option = option
        self.strikeWad = TokenUnits.fromDouble((option.strike * 1e18).rounded(), decimals: 0)
        self.settlementPrice = settlementPrice
    }
}

/// A vault's running totals, raw units.
public struct OptionVaultTotals: Sendable, Equatable {
    /// The vault's signed contracts per series: minus the sum of the traders'.
    public var vaultPositions: [Int128]
    /// Σ traders' margin balances: the margin account's collateral balance.
    public var marginHeld: UInt128 = 0
    /// Σ long contracts held by traders over all series (open interest).
    public var openInterest: UInt128 = 0
    /// Collateral owed to the vault that shorts' margin could not pay (at settlement or
    /// liquidation).
    public var badDebt: UInt128 = 0
    /// Collateral owed to long holders at settlement that the vault could not pay.
    public var unpaidSettlement: UInt128 = 0
    /// Executed option liquidations.
    public var liquidations: Int = 0

    public init(seriesCount: Int) {
        vaultPositions = [Int128](repeating: 0, count: seriesCount)
    }
}

/// The state `seal` keeps per vault: the last sealed block's time, and the realised-volatility
/// EWMA of the price oracle's log returns between sealed blocks.
public struct OptionVaultClock: Sendable, Equatable {
    /// Timestamp of the last sealed block (seconds): the time of queries that name none.
    public var sealedAt: Int64
    /// EWMA variance of log returns, per year.
    public var variance: Double
    /// The price oracle's reading at the last seal (whole collateral per whole underlying); nil
    /// before the first readable one.
    public var lastPrice: Double?
    /// When `lastPrice` was read (seconds).
    public var pricedAt: Int64

    /// A clock at `sealedAt` with variance `variance` and no price read yet.
    public init(sealedAt: Int64, variance: Double) {
        self.sealedAt = sealedAt
        self.variance = variance
        self.lastPrice = nil
        self.pricedAt = sealedAt
    }
}
