import Agents
import ProtocolModel

extension WorldBuilder {
    /// The Harvest plan from its decoded spec: indices resolved, amounts in raw units.
    func sharePriceCyclePlan(_ plan: SharePriceCycleSpec, revertIfUnprofitable: Bool) throws -> SharePriceCycle {
        let vault = vaultIndices[plan.vault]!
        let underlying = state.vaults[vault].underlying, pushAsset = assetIDs[plan.pushAsset]!
        let flashLoans = plan.flashLoan.map { id in
            SharePriceCycle.FlashLoans(underlying: AttackFlashLoan(provider: flashLoanIndices[id]![underlying]!, asset: underlying),
                                       push: AttackFlashLoan(provider: flashLoanIndices[id]![pushAsset]!, asset: pushAsset))
        }
        return SharePriceCycle(
            vault: vault, pool: state.vaults[vault].pool, underlying: underlying, share: state.vaults[vault].shareAsset,
            pushAsset: pushAsset, push: try raw(plan.push, pushAsset), deposit: try raw(plan.deposit, underlying), cycles: plan.cycles,
            transactions: plan.transactions, flashLoans: flashLoans, revertIfUnprofitable: revertIfUnprofitable,
            blockTime: Double(scenario.chain.blockTime))
    }
}
