/// A StableSwap pool as a venue of the protocol: its coins, the account that holds its balances
/// on the ledger, and the ledger asset of its LP shares.
///
/// The balances are tracked both in ``StableSwapPool`` (as Curve tracks `balances`) and as the
/// ledger balances of ``account``; the invariant check asserts that they agree after every
/// transaction, that the share asset's supply equals `totalShares`, and that D did not fall.
public struct StableSwapVenue: Sendable, Equatable {
    /// The scenario's id of the pool, e.g. `curve_y`.
    public var name: String
    /// The coins, in the pool's order.
    public var coins: [AssetID]
    /// The ledger asset of the LP shares (18 decimals), `LP-<name>`.
    public var shareAsset: AssetID
    /// The account that holds the balances.
    public var account: AccountID
    /// The pool's integer state.
    public var pool: StableSwapPool

    public init(name: String, coins: [AssetID], shareAsset: AssetID, account: AccountID, pool: StableSwapPool) {
        self.name = name
        self.coins = coins
        self.shareAsset = shareAsset
        self.account = account
        self.pool = pool
    }

    /// The pool's index of `asset`, or nil when it is not one of its coins.
    public func coinIndex(_ asset: AssetID) -> Int? { coins.firstIndex(of: asset) }
}
