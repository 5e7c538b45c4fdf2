extension ProtocolState {
    /// The signed-round step (``Step/signedOracleUpdate(oracle:answer:asset:payment:)``): moves
    /// `payment` of `asset` from `sender` to push oracle `oracle`'s keeper, then posts `answer` as
    /// the keeper's round. The keeper's signature is modelled by the payment itself: the round is
    /// valid only together with it, so a bribe and the false round it buys land or revert as one.
    /// Reverts like ``Step/oracleUpdate(oracle:answer:)`` (not a push oracle, zero answer) or when
    /// the sender cannot pay.
    mutating func postSignedRound(oracle: Int, answer: UInt128, asset: AssetID, payment: UInt128, sender: AccountID,
                                  context: ExecutionContext) throws(RevertReason) -> StepFlows {
        guard case .push(let index) = oracles[oracle].kind else {
            throw .guardFailed("oracle \(oracles[oracle].name) is not a push oracle")
        }
        let keeper = pushOracles[index].keeper
        do { try ledger.transfer(asset, amount: payment, from: sender, to: keeper) } catch { throw .ledger(error) }
        _ = try postRound(oracle: oracle, answer: answer, sender: keeper, context: context)
        return StepFlows(assetIn: asset, amountIn: payment)
    }
}
