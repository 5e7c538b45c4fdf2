/// `strategy: pump-and-arbitrage` (bZx #1; Qin et al., FC 2021, §4.2): borrow `borrow` against
/// `collateral` at a lending market, pump the borrowed asset's pool price with a leveraged short
/// at a margin venue, and sell the borrowed asset into the pumped pool.
public struct PumpAndArbitrageSpec: Sendable {
    /// Lending-market id (`market`).
    public var market: String
    /// The asset flash-borrowed, deposited and posted as margin: the margin venue's loan asset
    /// (`collateral`, listed in the market).
    public var collateral: String
    /// The asset borrowed and sold into the pumped pool: the venue's position asset (`borrow`).
    public var borrow: String
    /// A `margin_venues` id (`margin_venue`).
    public var marginVenue: String
    /// The pool the borrowed asset is sold into (`pool`; default the margin venue's pool).
    public var pool: String
    /// Whole tokens of `collateral` deposited, p1 (`collateral_amount`, exact decimal text).
    public var collateralAmount: String
    /// Whole tokens of `collateral` posted as margin, p2 (`margin`, exact decimal text).
    public var margin: String
    /// Whole tokens of `borrow` to borrow (`borrow_amount`; nil: the most the market allows).
    public var borrowAmount: String?
    /// A `flash_loans` id lending `collateral` (`flash_loan`); nil to pay from own capital.
    public var flashLoan: String?
    /// Seconds from the attack to the first unwinding wake-up and between wake-ups
    /// (`unwind_after`); nil: the debt position stays open.
    public var unwindAfter: Double?
    /// Largest premium over the reference price an unwinding purchase may push the pool to
    /// (`unwind_slippage`, a fraction).
    public var unwindSlippage: Double
}
