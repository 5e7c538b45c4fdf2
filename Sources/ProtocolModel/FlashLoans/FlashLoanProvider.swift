/// A flash-loan provider (Aave, dYdX, a Uniswap pair's flash swap): lends any amount of the
/// tokens its account holds within one transaction, for a fee.
public struct FlashLoanProvider: Sendable, Equatable {
    /// The scenario's id, e.g. `aave`.
    public var name: String
    /// The account holding the lendable liquidity (its balance per token is the liquidity).
    public var account: AccountID
    /// Fee in millionths of the principal (Aave v2's 0.09 % → 900), rounded up.
    public var feePips: UInt128

    public init(name: String, account: AccountID, feePips: UInt128) {
        self.name = name
        self.account = account
        self.feePips = feePips
    }
}

/// A flash loan open in the current transaction.
public struct FlashDebt: Sendable, Equatable {
    public var provider: Int
    public var asset: AssetID
    public var borrower: AccountID
    /// Principal + fee still owed, raw units.
    public var owed: UInt128
}
