/// A perpetual-futures market on one asset with a cross-margined borrow facility, as Mango
/// Markets v3 ran them (one account holds quote collateral, perp positions and borrowings, and
/// one health figure covers them all).
///
/// A position is `base` raw units of the underlying (signed: long > 0) and a signed `quote`
/// balance in raw units of the quote asset: a trade of b base at price p adds +b and −b·p to the
/// buyer and −b and +b·p to the seller, so Σ base = 0 and Σ quote = 0 always, and the unrealised
/// PnL `base·mark + quote` is zero-sum across accounts at any one mark (up to one raw unit of
/// rounding per account). The mark is a named oracle's price of the base asset in the quote
/// asset (wad). Funding payments are not modelled (the re-enactments span minutes).
///
/// Trades are order-book fills at an agreed price between two accounts: the sender takes an
/// order that the counterparty signed, which the model represents by the counterparty having
/// named the sender its `delegate` (Mango accounts had a delegate key that may trade for them).
/// The market also lends its lenders' quote liquidity to accounts whose health allows it; with
/// ``pnlAsCollateral`` positive unrealised PnL (less ``pnlHaircut``) counts towards that health
/// — the flaw Mango's attacker used — otherwise only deposited collateral does. PnL is a claim
/// inside the market and is never settled into tokens: borrowing against it is the only way it
/// leaves. All amounts are raw units; factors and prices are wad.
public struct PerpMarket: Sendable, Equatable {
    /// The scenario's id of the market, e.g. `mango_mngo_perp`.
    public var name: String
    /// The underlying asset whose units positions count (its decimals scale `base`).
    public var baseAsset: AssetID
    /// The asset collateral, PnL and loans are in.
    public var quoteAsset: AssetID
    /// Decimals of the base and quote assets.
    public var baseDecimals: Int
    public var quoteDecimals: Int
    /// The account that holds all collateral and the lenders' liquidity.
    public var account: AccountID
    /// The oracle giving the mark: the price of one whole base unit in whole quote units, wad.
    public var oracle: Int
    /// Initial margin fraction, wad: what opening risk and borrowing must leave free.
    public var initialMargin: UInt128
    /// Maintenance margin fraction, wad (≤ initial): below it an account can be liquidated.
    public var maintenanceMargin: UInt128
    /// The liquidator's discount on a position it takes over, fraction of its notional, wad.
    public var liquidationFee: UInt128
    /// Whether positive unrealised PnL counts as collateral (the Mango flaw) or not (the defence).
    public var pnlAsCollateral: Bool
    /// The fraction of positive PnL not counted when it does count, wad.
    public var pnlHaircut: UInt128
    /// The market's totals.
    public internal(set) var book: PerpBook
    /// Accounts by owner.
    public internal(set) var accounts: [AccountID: PerpAccount] = [:]

    public init(name: String, baseAsset: AssetID, quoteAsset: AssetID, baseDecimals: Int, quoteDecimals: Int, account: AccountID,
                oracle: Int, initialMargin: UInt128,
                maintenanceMargin: UInt128, liquidationFee: UInt128, pnlAsCollateral: Bool, pnlHaircut: UInt128, book: PerpBook) {
        self.name = name
        self.baseAsset = baseAsset
        self.quoteAsset = quoteAsset
        self.baseDecimals = baseDecimals
        self.quoteDecimals = quoteDecimals
        self.account = account
        self.oracle = oracle
        self.initialMargin = initialMargin
        self.maintenanceMargin = maintenanceMargin
        self.liquidationFee = liquidationFee
        self.pnlAsCollateral = pnlAsCollateral
        self.pnlHaircut = pnlHaircut
        self.book = book
    }
}

/// A perp market's totals, raw units of the quote asset (open interest in base units).
public struct PerpBook: Sendable, Equatable {
    /// Σ accounts' deposited collateral.
    public var collateral: UInt128 = 0
    /// Lenders' quote not lent out: the market account holds `collateral + lendable`.
    public var lendable: UInt128
    /// Σ accounts' borrowings.
    public var borrowed: UInt128 = 0
    /// Σ long positions (= Σ short positions), base raw units.
    public var openInterest: UInt128 = 0

    public init(lendable: UInt128) { self.lendable = lendable }
}

/// One account in a perp market.
public struct PerpAccount: Sendable, Equatable {
    /// Deposited quote, raw units.
    public var collateral: UInt128 = 0
    /// Quote borrowed from the market's lenders, raw units.
    public var borrowed: UInt128 = 0
    /// Position in base raw units: long > 0, short < 0.
    public var base: Int128 = 0
    /// The position's quote balance, raw units: minus the entry value of what was bought, plus
    /// what was sold for, plus realised PnL. Unrealised PnL = base · mark + quote.
    public var quote: Int128 = 0
    /// The account allowed to trade against this one's orders (a signed order's taker).
    public var delegate: AccountID?

    public init(collateral: UInt128 = 0, borrowed: UInt128 = 0, base: Int128 = 0, quote: Int128 = 0, delegate: AccountID? = nil) {
        self.collateral = collateral
        self.borrowed = borrowed
        self.base = base
        self.quote = quote
        self.delegate = delegate
    }
}

/// Why a perp-market step reverted. Amounts and healths are raw units of the market's quote
/// asset (`asset`).
public enum PerpError: Error, Sendable, Equatable, AssetAmountText {
    case zeroAmount
    /// The counterparty has not signed an order the sender may take (it does not delegate to it).
    case unsignedOrder
    /// A trade with oneself.
    case selfTrade
    /// The account's initial health would be negative.
    case insufficientHealth(Int128, asset: AssetID)
    /// The lenders' liquidity does not cover the loan.
    case insufficientLiquidity(asset: AssetID, needed: UInt128, available: UInt128)
    /// A withdrawal beyond the account's collateral.
    case insufficientCollateral(asset: AssetID, needed: UInt128, available: UInt128)
    /// Only accounts with negative maintenance health can be liquidated.
    case notLiquidatable(Int128, asset: AssetID)
    /// The liquidated account has no position to take over.
    case noPosition
    case noDebt
    case arithmetic(ArithmeticError)

    /// The text, amounts in their asset's units (``AssetAmountText``):
    /// "initial health would be -1.5 USDC".
    public func text(assets: [Asset]) -> String {
        switch self {
        case .zeroAmount: return "zero amount"
        case .unsignedOrder: return "the counterparty signed no order for the sender (not its delegate)"
        case .selfTrade: return "a trade with oneself"
        case .insufficientHealth(let health, let asset): return "initial health would be \(assets[asset.index].text(signed: health))"
        case .insufficientLiquidity(let asset, let needed, let available):
            return "lenders' liquidity \(assets[asset.index].text(available)) does not cover \(assets[asset.index].text(needed))"
        case .insufficientCollateral(let asset, let needed, let available):
            return "collateral \(assets[asset.index].text(available)) does not cover \(assets[asset.index].text(needed))"
        case .notLiquidatable(let health, let asset):
            return "maintenance health \(assets[asset.index].text(signed: health)) is not negative"
        case .noPosition: return "no position to take over"
        case .noDebt: return "no debt to repay"
        case .arithmetic(let error): return "arithmetic \(error)"
        }
    }
}
