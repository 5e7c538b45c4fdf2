/// Wallet contracts: accounts another account controls within its own transactions.
extension ProtocolState {
    /// Makes `owner` the owner of `wallet`: `owner`'s transactions may then run steps as `wallet`
    /// (``Step/walletCall(wallet:step:)``). Called while the world is being built; an account
    /// has one owner (a later call replaces it).
    public mutating func setWalletOwner(wallet: AccountID, owner: AccountID) {
        precondition(wallet != owner, "a wallet is another account than its owner")
        walletOwners[wallet] = owner
    }
}
