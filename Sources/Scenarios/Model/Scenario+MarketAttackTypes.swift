/// `strategy: twap-manipulation` (docs/scenario-format.md "Attacker").
public struct TwapManipulationSpec: Sendable {
    /// The pool the market's TWAP oracle reads.
    public var pool: String
    /// Fractional move of the pool price above its price when the attack starts (`push`, > 0).
    public var push: Double
    /// Blocks over which the attacker pushes the price back to its target (`blocks`, m ≥ 1).
    public var blocks: Int
    /// Lending-market id.
    public var market: String
    /// The asset bought in the pool and deposited (one of the pool's tokens).
    public var collateral: String
    /// The asset borrowed: the pool's other token, which the pushes spend.
    public var borrow: String
    /// Probability per wake-up that its transaction reaches the top of the block as a private
    /// bundle (`bundle_share`; default 1 when `private` is true, else 0).
    public var bundleShare: Double
    /// Sell the collateral still held back into the pool the block after a reverted borrow
    /// (`unwind`, default true).
    public var unwind: Bool
}

/// `strategy: oracle-bribe` (docs/scenario-format.md "Attacker").
public struct OracleBribeSpec: Sendable {
    /// The median oracle whose sources are bribed.
    public var oracle: String
    /// How many of its members, in listed order, are bribed (`sources`, k); each a push oracle.
    public var sources: Int
    /// The false price they post, in the median's unit (`answer`, > 0).
    public var answer: Double
    /// Whole tokens of `bribeAsset` paid to each source's operator (exact decimal text).
    public var bribe: String
    /// The asset bribes are paid in (`bribe_asset`; default: `borrow`).
    public var bribeAsset: String
    /// Lending-market id.
    public var market: String
    public var collateral: String
    /// Whole tokens of the attacker's own collateral deposited (exact decimal text).
    public var deposit: String
    public var borrow: String
}
