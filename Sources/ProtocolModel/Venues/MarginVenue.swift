/// A margin-trading venue (bZx's Fulcrum; Qin et al., FC 2021, App. C "Margin short"): lenders'
/// liquidity of a loan asset X, lent to traders who post margin in X and take a leveraged
/// position in the pool's other token Y, bought through a constant-product pool.
///
/// Opening with margin d sells s = d·ℓ/ocr of X through the pool (d of the trader's plus a loan
/// of s − d from the liquidity) and locks the Y bought in the trader's position. Closing sells
/// the locked Y back, repays the loan and pays the trader the rest; a shortfall is the lenders'
/// loss. The account holds exactly ``MarginBook/liquidity`` of X and ``MarginBook/locked`` of Y.
public struct MarginVenue: Sendable, Equatable {
    /// The scenario's id of the venue, e.g. `bzx`.
    public var name: String
    /// The pool it trades through (index into ``ProtocolState/pools``).
    public var pool: Int
    /// The loan and margin asset X.
    public var loanAsset: AssetID
    /// The pool's other token Y, held in the positions.
    public var positionAsset: AssetID
    /// The account that holds the liquidity and the locked Y.
    public var account: AccountID
    /// Leverage ℓ, wad (5× = 5·10^18).
    public var leverage: UInt128
    /// Over-collateralisation ratio ocr, wad (1.153 in bZx #1).
    public var ocr: UInt128
    /// The oracle pricing Y in X (wad) for the equity check.
    public var oracle: Int
    /// Whether opening checks the position's equity (bZx #1 worked because the check was skipped).
    public var checkEquity: Bool
    /// The venue's totals.
    public var book: MarginBook
    /// Open positions by trader.
    public internal(set) var positions: [AccountID: MarginPosition] = [:]

    public init(name: String, pool: Int, loanAsset: AssetID, positionAsset: AssetID, account: AccountID, leverage: UInt128,
                ocr: UInt128, oracle: Int, checkEquity: Bool, book: MarginBook) {
        self.name = name
        self.pool = pool
        self.loanAsset = loanAsset
        self.positionAsset = positionAsset
        self.account = account
        self.leverage = leverage
        self.ocr = ocr
        self.oracle = oracle
        self.checkEquity = checkEquity
        self.book = book
    }
}

/// A margin venue's totals, raw units.
public struct MarginBook: Sendable, Equatable {
    /// X available to lend (the account's X balance).
    public var liquidity: UInt128
    /// Y locked in all positions (the account's Y balance).
    public var locked: UInt128 = 0
    /// X lent out in open positions.
    public var lent: UInt128 = 0
    /// X the lenders lost: loans not covered when positions closed.
    public var lenderLoss: UInt128 = 0

    public init(liquidity: UInt128) { self.liquidity = liquidity }
}

/// One trader's position at a margin venue, raw units.
public struct MarginPosition: Sendable, Equatable {
    /// Y bought and held by the venue for the trader.
    public var lockedY: UInt128
    /// X owed to the venue's lenders.
    public var loanX: UInt128

    public init(lockedY: UInt128, loanX: UInt128) {
        self.lockedY = lockedY
        self.loanX = loanX
    }
}
