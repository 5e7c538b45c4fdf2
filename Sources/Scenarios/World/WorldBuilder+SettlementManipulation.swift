import Agents
import ProtocolModel

extension WorldBuilder {
    /// The `settlement-manipulation` plan of `account` (TEMPORARY until opt-core's AttackPlan case lands).
    func settlementManipulationPlan(_ spec: SettlementManipulationSpec, attacker: AttackerSpec, account: AccountID) throws -> AttackPlan {
        throw WorldBuildError("settlement-manipulation: waiting for the AttackPlan case")
    }
}
