/// Where and when a transaction runs.
public struct ExecutionContext: Sendable {
    /// The block number.
    public var block: Int
    /// The block's timestamp in whole seconds.
    public var timestamp: Int64
    /// Append one ``StepRecord`` per executed or reverted step to the log.
    public var recordSteps: Bool

    public init(block: Int, timestamp: Int64, recordSteps: Bool) {
        self.block = block
        self.timestamp = timestamp
        self.recordSteps = recordSteps
    }
}

/// The token flows of one step, as seen by the sender.
struct StepFlows {
    var assetIn: AssetID?
    var amountIn: UInt128 = 0
    var assetOut: AssetID?
    var amountOut: UInt128 = 0
}

extension ProtocolState {
    /// Runs the steps of `transaction` atomically: if any step fails, the state is rolled back
    /// to what it was before the first step and the outcome says which step failed and why.
    /// Gas is not handled here (see ``Chain``).
    ///
    /// - Parameter log: receives one record per step that ran when `context.recordSteps`.
    public mutating func runSteps(
        of transaction: Transaction, context: ExecutionContext, log: inout [StepRecord]
    ) -> TransactionOutcome {
        let start = checkpoint()
        let firstRecord = log.count
        for (index, step) in transaction.steps.enumerated() {
            do {
                let flows = try run(step, sender: transaction.sender, context: context)
                if context.recordSteps {
                    log.append(record(step, flows, transaction, context, executed: true, reason: nil))
                }
            } catch {
                rollback(to: start)
                if context.recordSteps {
                    for row in firstRecord..<log.count { log[row].executed = false }
                    log.append(record(step, StepFlows(), transaction, context, executed: false,
                                      reason: error.description))
                }
                return .reverted(step: index, reason: error)
            }
        }
        return .executed
    }

    private func record(_ step: Step, _ flows: StepFlows, _ transaction: Transaction,
                        _ context: ExecutionContext, executed: Bool, reason: String?) -> StepRecord {
        StepRecord(time: Double(context.timestamp), block: context.block, transaction: transaction.id,
                   agent: transaction.agent, kind: step.kind, pool: step.pool, assetIn: flows.assetIn, amountIn: flows.amountIn,
                   assetOut: flows.assetOut, amountOut: flows.amountOut, executed: executed, reason: reason)
    }

    /// The raw value of `amount` for `sender` now.
    public func evaluate(_ amount: Amount, sender: AccountID) -> UInt128 {
        switch amount {
        case .exact(let value): return value
        case .balance(let asset): return ledger.balance(asset, of: sender)
        case .balanceAbove(let asset, let keep):
            let balance = ledger.balance(asset, of: sender)
            return balance > keep ? balance - keep : 0
        }
    }

    private mutating func run(_ step: Step, sender: AccountID, context: ExecutionContext) throws(RevertReason) -> StepFlows {
        switch step {
        case .transfer(let asset, let amount, let to):
            let value = evaluate(amount, sender: sender)
            do { try ledger.transfer(asset, amount: value, from: sender, to: to) } catch { throw .ledger(error) }
            return StepFlows(assetIn: asset, amountIn: value)

        case .swap(let index, let zeroForOne, let amountIn, let minAmountOut):
            let value = evaluate(amountIn, sender: sender)
            var venue = pools[index]
            venue.pool.accrue(timestamp: context.timestamp)
            let out: UInt128
            do { out = try venue.pool.swapExactIn(value, zeroForOne: zeroForOne) } catch { throw Self.poolReason(error) }
            guard out >= minAmountOut else { throw .slippage(minimum: minAmountOut, actual: out) }
            let (input, output) = venue.assets(zeroForOne: zeroForOne)
            do {
                try ledger.transfer(input, amount: value, from: sender, to: venue.account)
                try ledger.transfer(output, amount: out, from: venue.account, to: sender)
            } catch { throw .ledger(error) }
            writePool(index, venue.pool)
            return StepFlows(assetIn: input, amountIn: value, assetOut: output, amountOut: out)

        case .addLiquidity(let index, let amount0, let amount1):
            let value0 = evaluate(amount0, sender: sender), value1 = evaluate(amount1, sender: sender)
            var venue = pools[index]
            venue.pool.accrue(timestamp: context.timestamp)
            let minted: (shares: UInt128, used0: UInt128, used1: UInt128)
            do { minted = try venue.pool.addLiquidity(amount0: value0, amount1: value1) } catch { throw Self.poolReason(error) }
            do {
                try ledger.transfer(venue.token0, amount: minted.used0, from: sender, to: venue.account)
                try ledger.transfer(venue.token1, amount: minted.used1, from: sender, to: venue.account)
                try ledger.mint(venue.shareAsset, amount: minted.shares, to: sender)
            } catch { throw .ledger(error) }
            writePool(index, venue.pool)
            return StepFlows(assetIn: venue.token0, amountIn: minted.used0, assetOut: venue.shareAsset, amountOut: minted.shares)

        case .removeLiquidity(let index, let shares):
            let value = evaluate(shares, sender: sender)
            var venue = pools[index]
            venue.pool.accrue(timestamp: context.timestamp)
            let returned: (amount0: UInt128, amount1: UInt128)
            do { returned = try venue.pool.removeLiquidity(shares: value) } catch { throw Self.poolReason(error) }
            do {
                try ledger.burn(venue.shareAsset, amount: value, from: sender)
                try ledger.transfer(venue.token0, amount: returned.amount0, from: venue.account, to: sender)
                try ledger.transfer(venue.token1, amount: returned.amount1, from: venue.account, to: sender)
            } catch { throw .ledger(error) }
            writePool(index, venue.pool)
            return StepFlows(assetIn: venue.shareAsset, amountIn: value, assetOut: venue.token0, amountOut: returned.amount0)

        case .requireBalance(let asset, let atLeast):
            let balance = ledger.balance(asset, of: sender)
            guard balance >= atLeast else {
                throw .guardFailed("check: \(ledger.assets[asset.index].symbol) balance \(balance) < \(atLeast)")
            }
            return StepFlows()
        }
    }

    private static func poolReason(_ error: any Error) -> RevertReason {
        if let error = error as? PoolError { return .pool(error) }
        if let error = error as? ArithmeticError { return .arithmetic(error) }
        return .guardFailed("\(error)")
    }
}
