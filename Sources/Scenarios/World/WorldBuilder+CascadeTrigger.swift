import Agents
import ProtocolModel

extension WorldBuilder {
    /// The cascade-trigger plan of `spec` for the attacker's `account` (ids resolved to indices,
    /// the sale to raw units).
    func cascadeTrigger(_ spec: CascadeTriggerSpec, account: AccountID, revertIfUnprofitable: Bool) throws -> CascadeTrigger {
        let collateral = assetIDs[spec.collateral]!, debt = assetIDs[spec.debt]!
        let buyBack: CascadeBuyBack = !spec.buyBack ? .never : spec.buyBackAfter.map { .later(seconds: $0) } ?? .sameTransaction
        return CascadeTrigger(
            attacker: account, market: marketIndices[spec.market]!, pool: poolIndices[spec.pool]!, collateral: collateral,
            debt: debt, sell: try raw(spec.sell, collateral), maxLiquidations: spec.maxLiquidations,
            flashLoan: spec.flashLoan.map { AttackFlashLoan(provider: flashLoanIndices[$0]![collateral]!, asset: collateral) },
            buyBack: buyBack, short: try spec.short.map { CascadeShort(market: marketIndices[$0.market]!, deposit: try raw($0.deposit, debt)) },
            revertIfUnprofitable: revertIfUnprofitable)
    }
}
