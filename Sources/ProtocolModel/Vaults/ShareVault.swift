/// A Yearn/Harvest-style vault: deposits of ``underlying`` mint shares at the vault's price per
/// share, withdrawals burn them for underlying paid from the vault's idle balance. Part of its
/// funds is invested in a StableSwap pool position (LP shares) that the vault values by
/// ``valuation``; price per share = (idle + invested value) / share supply.
///
/// Two flaws of 2020–2021 are switches: ``Valuation/spot`` reads the live pool (Harvest,
/// 26 Oct 2020: a swap in the pool moves the price per share) and ``Accounting/balance`` reads the
/// vault's ledger balances (Cream v1, 27 Oct 2021: a plain transfer — a donation — raises it).
/// Their defences are ``Valuation/virtualPrice`` and ``Accounting/tracked``; ``deviationLimit``
/// is Harvest's own guard (the strategy's 3 % check, which the per-cycle move stayed under).
///
/// Simplifications: the vault does not invest or divest during a run (its LP position is set at
/// genesis), so a withdrawal beyond the idle balance reverts; there are no deposit or withdrawal
/// fees.
public struct ShareVault: Sendable, Equatable {
    /// How the vault values its LP position.
    public enum Valuation: String, Sendable, Equatable, CaseIterable {
        /// The shares' claims at the pool's live marginal prices (``StableSwapPool/spotValue(of:in:)``).
        case spot
        /// Shares × virtual price, every coin at par (``StableSwapPool/virtualValue(of:in:)``).
        case virtualPrice = "virtual_price"
    }

    /// What the vault counts as its holdings.
    public enum Accounting: String, Sendable, Equatable, CaseIterable {
        /// Its ledger balances: whatever anyone sends it counts.
        case balance
        /// Its own records, written only by deposits and withdrawals: donations are ignored.
        case tracked
    }

    /// The scenario's id of the vault, e.g. `fUSDC`.
    public var name: String
    /// The asset deposited and paid out.
    public var underlying: AssetID
    /// The ledger asset of the vault's shares (`V-<name>`, the underlying's decimals).
    public var shareAsset: AssetID
    /// The account that holds the idle balance and the LP position.
    public var account: AccountID
    /// Index of the StableSwap pool the vault is invested in.
    public var pool: Int
    /// The pool's index of the underlying coin.
    public var coin: Int
    public var valuation: Valuation
    public var accounting: Accounting
    /// Largest relative gap, wad, between the position's spot value and its virtual-price value
    /// at which deposits and withdrawals still go through; nil: no guard.
    public var deviationLimit: UInt128?
    /// Idle underlying as the vault's records have it, raw.
    public var trackedIdle: UInt128
    /// LP shares as the vault's records have it, raw.
    public var trackedPosition: UInt128

    public init(name: String, underlying: AssetID, shareAsset: AssetID, account: AccountID, pool: Int, coin: Int,
                valuation: Valuation, accounting: Accounting, deviationLimit: UInt128?, trackedIdle: UInt128, trackedPosition: UInt128) {
        self.name = name
        self.underlying = underlying
        self.shareAsset = shareAsset
        self.account = account
        self.pool = pool
        self.coin = coin
        self.valuation = valuation
        self.accounting = accounting
        self.deviationLimit = deviationLimit
        self.trackedIdle = trackedIdle
        self.trackedPosition = trackedPosition
    }
}
