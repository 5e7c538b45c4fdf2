/// `strategy: oracle-pump-pnl` (Mango Markets, Oct 2022): fill a perp between two own wallets,
/// pump the spot pools the perp's oracle reads, borrow against the long wallet's PnL.
public struct OraclePumpPnLSpec: Sendable {
    /// The perp market's id (`perp_market`).
    public var perpMarket: String
    /// Base bought from the second wallet, whole tokens (`size`, exact decimal text).
    public var size: String
    /// The fill's price in the quote asset per whole base (`price`, exact decimal text); nil:
    /// the mark when the attack starts.
    public var price: String?
    /// Quote deposited into each wallet, whole tokens (`deposit`, exact decimal text).
    public var deposit: String
    /// Spot purchases over the whole pump: pool id → whole quote tokens sold (`buy`).
    public var buy: [(venue: String, amount: String)]
    /// Blocks the purchases are spread over (`pump_blocks`, default 1).
    public var pumpBlocks: Int
}
