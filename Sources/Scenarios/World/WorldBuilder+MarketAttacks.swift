import Agents
import GSL
import ProtocolModel

extension WorldBuilder {
    /// The `twap-manipulation` plan of `account`, its bundle draws made now from the stream
    /// `attacker:bundles` (one per wake-up: each block of pushing, the borrow, the unwind).
    func twapManipulationPlan(_ spec: TwapManipulationSpec, account: AccountID, revertIfUnprofitable: Bool) -> AttackPlan {
        let pool = poolIndices[spec.pool]!, collateral = assetIDs[spec.collateral]!
        let stream = RandomStream(replicationSeed: seed, name: "attacker:bundles")
        let bundles = (0...spec.blocks + 1).map { _ in stream.uniform() < spec.bundleShare }
        return .twapManipulation(TwapManipulation(
            account: account, pool: pool, collateralIsToken0: state.pools[pool].token0 == collateral, funding: assetIDs[spec.borrow]!,
            collateral: collateral, market: marketIndices[spec.market]!, push: spec.push, holdBlocks: spec.blocks,
            blockTime: Double(scenario.chain.blockTime), bundles: bundles, revertIfUnprofitable: revertIfUnprofitable,
            unwind: spec.unwind))
    }

    /// The `oracle-bribe` plan: the first `sources` members of the median, each a push oracle whose
    /// keeper is the operator bribed.
    func oracleBribePlan(_ spec: OracleBribeSpec, revertIfUnprofitable: Bool) throws -> AttackPlan {
        guard case .median(let members) = state.oracles[oracleIndices[spec.oracle]!].kind else {
            preconditionFailure("the decoder checked that \(spec.oracle) is a median")
        }
        let bribeAsset = assetIDs[spec.bribeAsset]!, collateral = assetIDs[spec.collateral]!
        return .oracleBribe(OracleBribe(
            sources: Array(members.prefix(spec.sources)), answer: TokenUnits.fromDecimal(spec.answer, decimals: 18),
            bribeAsset: bribeAsset, bribe: try raw(spec.bribe, bribeAsset), market: marketIndices[spec.market]!,
            collateral: collateral, deposit: try raw(spec.deposit, collateral), borrow: assetIDs[spec.borrow]!,
            revertIfUnprofitable: revertIfUnprofitable))
    }
}
