/// `strategy: cascade-trigger` (docs/scenario-format.md "Attacker").
public struct CascadeTriggerSpec: Sendable {
    /// Lending-market id.
    public var market: String
    /// The pool the market's collateral oracle reads; it trades `collateral` for `debt`.
    public var pool: String
    /// The listed asset sold into `pool`, seized from the borrowers, and counted for the profit.
    public var collateral: String
    /// The pool's other token (listed in the market): what the sale pays and the liquidations repay.
    public var debt: String
    /// Whole tokens of `collateral` sold (exact decimal text).
    public var sell: String
    /// The most borrowers liquidated in the transaction.
    public var maxLiquidations: Int
    /// A `flash_loans` id lending `collateral`; nil to sell the attacker's own.
    public var flashLoan: String?
    /// Buy the collateral back with the proceeds left after the liquidations.
    public var buyBack: Bool
    /// Seconds after the attack at which the buy-back is sent, in a transaction of its own; nil:
    /// in the attack transaction.
    public var buyBackAfter: Double?
    /// A borrow of `collateral` opened just before the sale to finance it: lending-market id and
    /// whole tokens of `debt` deposited against it (exact decimal text).
    public var short: (market: String, deposit: String)?
}
