import Agents
import ProtocolModel

extension WorldBuilder {
    /// The `settlement-manipulation` plan of `account` (opt-core's ``SettlementManipulation``): the
    /// series' index in its vault, its kind, the pool's orientation, and the raw amounts.
    func settlementManipulationPlan(_ spec: SettlementManipulationSpec, attacker: AttackerSpec, account: AccountID) throws -> AttackPlan {
        let vaultIndex = optionAgents.vaultIndices[spec.vault]!
        let vault = state.optionVaults[vaultIndex]
        let pool = poolIndices[spec.pool]!
        let isCall = spec.kind == .call
        let sold = isCall ? vault.collateral : vault.underlying
        return .settlementManipulation(SettlementManipulation(
            account: account, vault: vaultIndex, series: spec.series, contracts: try raw(spec.contracts, vault.underlying),
            maxPremium: try spec.maxPremium.map { try raw($0, vault.collateral) } ?? .max, pool: pool,
            amount: try raw(spec.amount, sold), targetPrice: spec.targetPrice, holdBlocks: spec.holdBlocks, expiry: spec.expiry,
            blockTime: Double(scenario.chain.blockTime),
            flashLoan: spec.flashLoan.map { AttackFlashLoan(provider: flashLoanIndices[$0]![sold]!, asset: sold) },
            revertIfUnprofitable: attacker.revertIfUnprofitable, isCall: isCall, underlying: vault.underlying,
            collateral: vault.collateral, underlyingIsToken0: state.pools[pool].token0 == vault.underlying))
    }
}
