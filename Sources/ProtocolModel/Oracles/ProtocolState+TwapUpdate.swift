extension ProtocolState {
    /// The public TWAP update step (Uniswap v2's `update()`, Keep3r's `work()`): records the
    /// pool accumulator at the block's timestamp as a new observation of keeper-updated TWAP
    /// `oracle`. Anyone may send it; it reverts when the oracle is not keeper-updated or was
    /// already updated in this block. Journalled, so a revert undoes it.
    /// - Complexity: O(observations kept) (the journal keeps the previous copy).
    mutating func updateTwap(oracle: Int, context: ExecutionContext) throws(RevertReason) -> StepFlows {
        guard case .twap(let index) = oracles[oracle].kind, var observations = twapOracles[index].observations else {
            throw .guardFailed("oracle \(oracles[oracle].name) is not a keeper-updated TWAP")
        }
        guard context.timestamp > observations.latest.timestamp else {
            throw .guardFailed("\(oracles[oracle].name) was already updated at t = \(context.timestamp)")
        }
        let twap = twapOracles[index]
        observations.record(TwapObservation(timestamp: context.timestamp,
                                            cumulative: poolCumulative(twap.pool, twap.baseIsToken0, at: context.timestamp)))
        journal(.twapOracle(index: index, old: twap))
        twapOracles[index].observations = observations
        return StepFlows()
    }
}
