import Agents
import ProtocolModel

extension WorldBuilder {
    /// The bZx #1 plan from its decoded spec: indices resolved, amounts in raw units.
    func pumpAndArbitragePlan(_ plan: PumpAndArbitrageSpec, attacker spec: AttackerSpec, account: AccountID) throws -> PumpAndArbitrage {
        let funding = assetIDs[plan.collateral]!, borrow = assetIDs[plan.borrow]!
        let pool = poolIndices[plan.pool]!
        return PumpAndArbitrage(
            account: account, funding: funding, borrow: borrow,
            flashLoan: plan.flashLoan.map { AttackFlashLoan(provider: flashLoanIndices[$0]![funding]!, asset: funding) },
            market: marketIndices[plan.market]!, collateralAmount: try raw(plan.collateralAmount, funding),
            borrowAmount: try plan.borrowAmount.map { try raw($0, borrow) }, marginVenue: marginVenueIndices[plan.marginVenue]!,
            margin: try raw(plan.margin, funding), pool: pool, borrowIsToken0: state.pools[pool].token0 == borrow,
            revertIfUnprofitable: spec.revertIfUnprofitable,
            unwind: plan.unwindAfter.map { PumpAndArbitrage.Unwind(interval: $0, slippage: plan.unwindSlippage) },
            priorityFee: GasPriceProcess.wei(gwei: spec.priorityFee))
    }
}
