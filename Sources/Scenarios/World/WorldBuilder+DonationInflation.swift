import Agents
import ProtocolModel

extension WorldBuilder {
    /// The `donation-inflation` plan of `account`, with its second wallet: an account
    /// `attacker:wallet` that `account` owns (a contract it calls within its transaction).
    mutating func donationInflationPlan(_ spec: DonationInflationSpec, account: AccountID, revertIfUnprofitable: Bool) throws
        -> (plan: AttackPlan, wallet: AccountID) {
        let vault = vaultIndices[spec.vault]!
        let underlying = state.vaults[vault].underlying, collateralAsset = assetIDs[spec.collateralAsset]!
        let wallet = state.addAccount(named: "attacker:wallet")
        state.setWalletOwner(wallet: wallet, owner: account)
        func loan(_ asset: AssetID) -> AttackFlashLoan? {
            spec.flashLoans.first { assetIDs[$0.asset] == asset }.map { AttackFlashLoan(provider: flashLoanIndices[$0.provider]![asset]!, asset: asset) }
        }
        let plan = DonationInflation(
            vault: vault, underlying: underlying, share: state.vaults[vault].shareAsset, vaultAccount: state.vaults[vault].account,
            market: marketIndices[spec.market]!, wallet: wallet, collateralAsset: collateralAsset,
            collateral: try raw(spec.collateral, collateralAsset), deposit: try raw(spec.deposit, underlying), loops: spec.loops,
            donation: try raw(spec.donation, underlying), borrow: spec.borrow.map { assetIDs[$0]! },
            underlyingLoan: loan(underlying), collateralLoan: loan(collateralAsset), revertIfUnprofitable: revertIfUnprofitable)
        return (.donationInflation(plan, account: account), wallet)
    }
}
