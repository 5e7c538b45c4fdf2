/// A lending market (Compound / Aave style): suppliers deposit tokens into its account,
/// borrowers borrow them against collateral, and liquidators repay unhealthy debt for
/// collateral at a bonus (DESIGN.md §3).
///
/// Amounts are raw token units; prices, values, factors and indices are wad (10^18). Values
/// are in the market's unit of account, through each asset's ``PriceSource``. Positions keep
/// scaled balances (Aave's scaled balances): supplied = scaled × supplyIndex, debt = scaled ×
/// borrowIndex. Every rounding is in the protocol's favour: collateral and supply round down,
/// debt rounds up, seized collateral rounds down, the repayment a short collateral allows
/// rounds up.
public struct LendingMarket: Sendable {
    /// The scenario's id, e.g. `compound_usdc`.
    public let name: String
    /// The unit of account of its prices (e.g. `USD`; bZx #2 is in `ETH`).
    public let unit: String
    public let mode: MarginMode
    /// The largest fraction of one debt asset a single liquidation may repay, wad.
    public let closeFactor: UInt128
    /// The account holding the market's cash (supplied minus borrowed tokens).
    public let account: AccountID
    /// The account whose tokens cover bad debt first (DESIGN.md §3).
    public let insuranceFund: AccountID
    /// How unhealthy positions are liquidated.
    public let liquidation: LiquidationMechanism
    /// Per-asset parameters, one slot per listed asset.
    public let assets: [MarketAssetConfig]
    /// Per-asset totals and indices, by slot.
    public internal(set) var reserves: [MarketAssetState]
    /// Positions, densely stored (LendingPositions.swift).
    public internal(set) var positions: LendingPositions
    /// Rows whose balances were written since the last commit, for its re-keying of the
    /// liquidation index: a row written twice in a row appears once, and a rolled-back write
    /// may leave its row (re-keying an unchanged position changes nothing).
    var rowsWritten: [Int] = []
    /// Running Dutch auctions by borrower.
    public internal(set) var auctions: [AccountID: Auction] = [:]
    /// Running English (flip) auctions by borrower.
    public internal(set) var englishAuctions: [AccountID: EnglishAuction] = [:]
    /// Switched-on defences (MarketDefences.swift).
    public internal(set) var defences = MarketDefences()
    /// The defences' running state.
    public internal(set) var defenceState = DefenceState()

    /// Whether the market's circuit breaker pauses `action` in a block at `timestamp` (never
    /// without a breaker).
    public func isPaused(_ action: PausableAction, at timestamp: Int64) -> Bool {
        defenceState.isPaused(action, under: defences.circuitBreaker, at: timestamp)
    }

    /// The slot of `asset`, or nil when the market does not list it. O(assets).
    public func slot(of asset: AssetID) -> Int? {
        assets.firstIndex { $0.asset == asset }
    }
}

/// Cross or isolated margin.
public enum MarginMode: Sendable, Equatable {
    /// All of an account's collateral backs all of its debt.
    case cross
    /// Each account may hold one collateral asset and borrow one asset (a Compound-v3 /
    /// Morpho-style isolated pair): a second collateral or debt asset reverts.
    case isolated
}

/// One asset's parameters in a market.
public struct MarketAssetConfig: Sendable, Equatable {
    public var asset: AssetID
    /// Where its price comes from, with the guards switched on.
    public var price: PriceSource
    /// Borrowing power per unit of collateral value, wad (0 = not usable to borrow).
    public var collateralFactor: UInt128
    /// Liquidation threshold LT: collateral weight in the health factor, wad.
    public var liquidationThreshold: UInt128 { didSet { thresholdRatio = ReducedRatio(liquidationThreshold, FixedPoint.wad) } }
    /// Liquidation bonus: seized value = repaid value × (1 + bonus), wad.
    public var liquidationBonus: UInt128 { didSet { bonusRatio = Self.bonusRatio(liquidationBonus) } }
    /// LT / wad reduced: ⌊value × LT / wad⌋ as one 128-bit product and a small division.
    ///
    /// NOTE: every valuation weighs its collateral by LT (the index's verifications, the quotes,
    /// liquidation plans and records: ≈ 105 k products a benchmark day, warm-up + 1), and a
    /// collateral value in wad times a wad factor needs a 256-bit product and division; 0.8 is
    /// 4 / 5 (callgrind, full day: 777.5 M -> 769.8 M instructions with the bonus ratio).
    private(set) var thresholdRatio: ReducedRatio
    /// (wad + bonus) / wad reduced (nil when wad + bonus overflows), for the seized value.
    private(set) var bonusRatio: ReducedRatio?
    /// Max total supplied, raw units (nil: none).
    public var supplyCap: UInt128?
    /// Max total debt, raw units (nil: none).
    public var borrowCap: UInt128?
    /// Whether it can be borrowed.
    public var borrowable: Bool
    public var interest: InterestRateModel

    public init(asset: AssetID, price: PriceSource, collateralFactor: UInt128, liquidationThreshold: UInt128,
                liquidationBonus: UInt128, supplyCap: UInt128? = nil, borrowCap: UInt128? = nil,
                borrowable: Bool, interest: InterestRateModel) {
        self.asset = asset
        self.price = price
        self.collateralFactor = collateralFactor
        self.liquidationThreshold = liquidationThreshold
        self.liquidationBonus = liquidationBonus
        self.thresholdRatio = ReducedRatio(liquidationThreshold, FixedPoint.wad)
        self.bonusRatio = Self.bonusRatio(liquidationBonus)
        self.supplyCap = supplyCap
        self.borrowCap = borrowCap
        self.borrowable = borrowable
        self.interest = interest
    }

    /// (wad + `bonus`) / wad reduced; nil when the sum overflows.
    private static func bonusRatio(_ bonus: UInt128) -> ReducedRatio? {
        let (factor, overflow) = FixedPoint.wad.addingReportingOverflow(bonus)
        return overflow ? nil : ReducedRatio(factor, FixedPoint.wad)
    }
}

/// One asset's totals in a market.
public struct MarketAssetState: Sendable, Equatable {
    /// Σ scaled supplied balances.
    public internal(set) var scaledSupply: UInt128 = 0
    /// Σ scaled debts.
    public internal(set) var scaledDebt: UInt128 = 0
    /// Supplied = scaled × supplyIndex / wad; starts at 1.
    public internal(set) var supplyIndex: UInt128 = FixedPoint.wad
    /// Debt = scaled × borrowIndex / wad; starts at 1.
    public internal(set) var borrowIndex: UInt128 = FixedPoint.wad
    /// Tokens the market holds for this asset, raw. Its account's ledger balance is at least
    /// this (tokens sent to it directly are stranded, not supplied).
    public internal(set) var cash: UInt128 = 0
    /// Timestamp of the last interest accrual, seconds.
    public internal(set) var lastAccrual: Int64
    /// Debt written off because its account had no collateral left, raw.
    public internal(set) var badDebt: UInt128 = 0
    /// The part of `badDebt` the insurance fund paid.
    public internal(set) var badDebtCovered: UInt128 = 0
    /// The part of `badDebt` socialised: taken from suppliers by lowering `supplyIndex`.
    public internal(set) var badDebtSocialised: UInt128 = 0

    init(lastAccrual: Int64) { self.lastAccrual = lastAccrual }

    /// Sets the balances a step moves (``ProtocolState`` journals its writes).
    mutating func setBalances(scaledSupply: UInt128, scaledDebt: UInt128, cash: UInt128) {
        self.scaledSupply = scaledSupply
        self.scaledDebt = scaledDebt
        self.cash = cash
    }

    /// Everything but the balances: what the model journal keeps beside them when the whole
    /// state is written.
    var bookkeeping: MarketAssetBookkeeping {
        MarketAssetBookkeeping(supplyIndex: supplyIndex, borrowIndex: borrowIndex, badDebt: badDebt, badDebtCovered: badDebtCovered,
                               badDebtSocialised: badDebtSocialised, lastAccrual: lastAccrual)
    }

    /// Sets everything but the balances (``ProtocolState`` journals its writes).
    mutating func setBookkeeping(_ bookkeeping: MarketAssetBookkeeping) {
        supplyIndex = bookkeeping.supplyIndex
        borrowIndex = bookkeeping.borrowIndex
        badDebt = bookkeeping.badDebt
        badDebtCovered = bookkeeping.badDebtCovered
        badDebtSocialised = bookkeeping.badDebtSocialised
        lastAccrual = bookkeeping.lastAccrual
    }
}

/// The fields of a ``MarketAssetState`` other than its balances (scaled supply, scaled debt,
/// cash): its indices, accrual time and bad-debt tallies.
struct MarketAssetBookkeeping: Sendable {
    let supplyIndex: UInt128
    let borrowIndex: UInt128
    let badDebt: UInt128
    let badDebtCovered: UInt128
    let badDebtSocialised: UInt128
    let lastAccrual: Int64
}

/// Why a lending step reverted. Amounts are raw units of `asset`; values are wad in the market's
/// unit of account (`unit`).
public enum LendingError: Error, Sendable, Equatable, AssetAmountText {
    case unlistedAsset(String)
    case zeroAmount
    case notBorrowable(String)
    case supplyCapExceeded(asset: AssetID, cap: UInt128)
    case borrowCapExceeded(asset: AssetID, cap: UInt128)
    case insufficientLiquidity(asset: AssetID, needed: UInt128, available: UInt128)
    case insufficientSupply(asset: AssetID, needed: UInt128, available: UInt128)
    /// The step would leave debt above borrowing power (values wad in `unit`).
    case insufficientCollateral(borrowingPower: UInt128, debt: UInt128, unit: String)
    /// An isolated market allows one collateral and one debt asset per account.
    case isolated(String)
    /// Only accounts with health < 1 can be liquidated (health wad).
    case notLiquidatable(health: UInt128)
    case noDebt
    case nothingToSeize
    /// A Dutch- or English-auction rule: no auction running, one already running, or one to
    /// restart.
    case auction(String)
    /// An English-auction bid above the tab (raw units of the debt asset `asset`).
    case bidAboveTab(asset: AssetID, bid: UInt128, tab: UInt128)
    /// An English-auction bid below the least one taken (raw units of the debt asset `asset`).
    case bidBelowMinimum(asset: AssetID, bid: UInt128, minimum: UInt128)
    /// The circuit breaker pauses the action until the block timestamp reaches `until`.
    case paused(action: String, until: Int64)
    /// The per-block liquidation cap is used up.
    case liquidationCapReached(String)
    /// The per-block cap of repaid value would be exceeded (values wad in `unit`).
    case liquidationValueCapReached(value: UInt128, limit: UInt128, unit: String)

    /// The text, amounts in their asset's units (``AssetAmountText``):
    /// "insufficient USDC liquidity: needs 78294.566901 USDC, market holds 1000 USDC".
    public func text(assets: [Asset]) -> String {
        switch self {
        case .unlistedAsset(let asset): return "\(asset) is not listed"
        case .zeroAmount: return "zero amount"
        case .notBorrowable(let asset): return "\(asset) cannot be borrowed"
        case .supplyCapExceeded(let asset, let cap):
            return "\(assets[asset.index].symbol) supply cap \(assets[asset.index].text(cap)) exceeded"
        case .borrowCapExceeded(let asset, let cap):
            return "\(assets[asset.index].symbol) borrow cap \(assets[asset.index].text(cap)) exceeded"
        case .insufficientLiquidity(let asset, let needed, let available):
            let asset = assets[asset.index]
            return "insufficient \(asset.symbol) liquidity: needs \(asset.text(needed)), market holds \(asset.text(available))"
        case .insufficientSupply(let asset, let needed, let available):
            let asset = assets[asset.index]
            return "insufficient \(asset.symbol) supplied: needs \(asset.text(needed)), has \(asset.text(available))"
        case .insufficientCollateral(let power, let debt, let unit):
            return "debt \(TokenUnits.wadText(debt, unit: unit)) would exceed borrowing power \(TokenUnits.wadText(power, unit: unit))"
        case .isolated(let message): return "isolated market: \(message)"
        case .notLiquidatable(let health):
            // An account without debt has infinite health (UInt128.max).
            return health == .max ? "no debt: not liquidatable" : "health \(TokenUnits.format(health, decimals: 18)) is not below 1"
        case .noDebt: return "no debt in that asset"
        case .nothingToSeize: return "no collateral in that asset"
        case .auction(let message): return "auction: \(message)"
        case .bidAboveTab(let asset, let bid, let tab):
            return "auction: bid \(assets[asset.index].text(bid)) above the tab \(assets[asset.index].text(tab))"
        case .bidBelowMinimum(let asset, let bid, let minimum):
            return "auction: bid \(assets[asset.index].text(bid)) below the minimum \(assets[asset.index].text(minimum))"
        case .paused(let action, let until): return "\(action) paused by the circuit breaker until t=\(until)s"
        case .liquidationCapReached(let message): return "liquidation cap reached: \(message)"
        case .liquidationValueCapReached(let value, let limit, let unit):
            return "liquidation cap reached: value \(TokenUnits.wadText(value, unit: unit)) > "
                + "\(TokenUnits.wadText(limit, unit: unit)) per block"
        }
    }
}
