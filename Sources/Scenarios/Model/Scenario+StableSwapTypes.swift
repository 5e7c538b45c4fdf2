/// A Curve StableSwap pool (`stable_pools: ID: {...}`): its coins, initial balances, A and fee.
/// The genesis provider holds its LP shares (`LP-<id>`, D of them) and funds the vaults'
/// positions from them. Numbers are kept as exact decimal text.
public struct StableSwapPoolSpec: Sendable {
    public var id: String
    /// Coin symbols in the pool's order (`coins`, 2 to 8, at most 18 decimals each).
    public var coins: [String]
    /// Initial balances, whole tokens, in `coins` order (`balances`).
    public var balances: [String]
    /// Curve's amplification coefficient A (`amplification`, an integer ≥ 1).
    public var amplification: Int
    /// Fee on the output as a fraction (`fee`, default 0.0004 = Curve's 0.04 %).
    public var fee: Double
}

/// A share vault (`vaults: ID: {...}`, Yearn/Harvest style) invested in a stable pool; its
/// shares are the asset `V-<id>`.
public struct VaultSpec: Sendable {
    public var id: String
    /// The asset deposited (`underlying`), a coin of `pool`.
    public var underlying: String
    /// The stable pool the vault is invested in (`pool`).
    public var pool: String
    /// Idle underlying at the start, whole tokens (`idle`).
    public var idle: String
    /// The LP position at the start, as its value at the virtual price in whole underlying
    /// (`invested`); taken from the pool's genesis shares.
    public var invested: String
    /// `valuation: spot` (the live pool; Harvest's flaw) or `virtual_price` (the defence).
    public var valuation: String
    /// `accounting: balance` (donations count; Cream's flaw) or `tracked` (the defence).
    public var accounting: String
    /// The deviation guard (`max_deviation`, a fraction; nil: none): deposits and withdrawals
    /// revert while the position's spot value is further than this from its virtual-price value.
    public var maxDeviation: Double?
}
