/// Where and when a transaction runs.
public struct ExecutionContext: Sendable {
    /// The block number.
    public var block: Int
    /// The block's timestamp in whole seconds.
    public var timestamp: Int64
    /// Append one ``StepRecord`` per executed or reverted step to the log.
    public var recordSteps: Bool
    /// Whether a recorded `liquidate` step's ``LiquidationRecord`` carries the borrower's health
    /// before and after the step and the debt price (liquidations.csv), which cost a division
    /// and another valuation of the position; without, the record names the market, the borrower
    /// and the price, with no health before or after and no debt price.
    public var liquidationDetail: Bool
    /// Whether a reverted transaction's records are kept (marked reverted, with the failing
    /// step's record); false for a block-closing bundle, whose records the block removes when it
    /// reverts (it is left out), so none are built for its failure.
    var keepsRevertedRecords = true

    public init(block: Int, timestamp: Int64, recordSteps: Bool, liquidationDetail: Bool = true) {
        self.block = block
        self.timestamp = timestamp
        self.recordSteps = recordSteps
        self.liquidationDetail = liquidationDetail
    }
}

/// The token flows of one step, as seen by the sender.
struct StepFlows {
    var assetIn: AssetID?
    var amountIn: UInt128 = 0
    var assetOut: AssetID?
    var amountOut: UInt128 = 0
    /// Set by an executed liquidation when steps are recorded.
    var liquidation: LiquidationRecord?
    /// The pool a venue traded through on the sender's behalf (a margin venue), when the step
    /// itself names none; for a `stable_swap`, its stable pool (an index into `stablePools`).
    var pool: Int?
    /// What a margin venue sold into `pool` on the sender's behalf (``StepRecord/poolInput``).
    var poolInput: UInt128 = 0
}

extension ProtocolState {
    /// Runs the steps of `transaction` atomically: if any step fails, or a flash loan is still
    /// owed after the last step, the state is rolled back to what it was before the first step
    /// and the outcome says which step failed (the step count for an unpaid flash loan) and why.
    /// Gas is not handled here (see ``Chain``).
    ///
    /// - Parameter log: receives one record per step that ran when `context.recordSteps`.
    public mutating func runSteps(
        of transaction: Transaction, context: ExecutionContext, log: inout [StepRecord]
    ) -> TransactionOutcome {
        let sender = transaction.sender, id = transaction.id, agent = transaction.agent
        return transaction.steps.withUnsafeBufferPointer { steps in
            runSteps(steps, sender: sender, transaction: id, agent: agent, context: context, log: &log)
        }
    }

    /// ``runSteps(of:context:log:)`` on the steps of transaction `id` sent by `sender` (`agent`
    /// in the event log), read in place. `firstInput`, when above 0, is the value the first step's
    /// swap input evaluates to on this state (``toPriceSwapInput(_:holdsFor:sender:)``), used
    /// instead of evaluating it again.
    // NOTE: each step is read through a pointer into the transaction's buffer: iterating the
    // array, or passing its elements, copied and destroyed every step two to three times (an
    // outlined copy of the indirect wallet-call enum, ≈ 150 instructions each; callgrind).
    mutating func runSteps(
        _ steps: UnsafeBufferPointer<Step>, sender: AccountID, transaction id: Int, agent: AgentTag,
        context: ExecutionContext, firstInput: UInt128 = 0, log: inout [StepRecord]
    ) -> TransactionOutcome {
        let start = checkpoint()
        let firstRecord = log.count
        for index in steps.indices { recordBaselines(of: steps.baseAddress! + index, account: sender) }
        // NOTE: the list is emptied by popping its few trivial records (≈ 10 instructions each):
        // `removeAll(keepingCapacity:)` goes through `replaceSubrange` even on an empty array
        // (≈ 65–85 instructions a transaction; callgrind).
        defer {
            firstTransactionBaseline = nil
            while !moreTransactionBaselines.isEmpty { moreTransactionBaselines.removeLast() }
        }
        for index in steps.indices {
            let step = steps.baseAddress! + index
            do {
                // NOTE: a swap (≈ 80 k of 105 k steps a benchmark day) is run and recorded here, its
                // record built with its kind, pool and no liquidation as constants: built by the
                // record shared with every other kind of step, each swap's record was written from
                // spilled registers, a liquidation's fields included (567.3 M → 564.6 M
                // instructions a benchmark day, warm-up + 1, plain build; callgrind). Liquidations
                // recorded the same way: −0.8 M more, dropped (the record was copied by memcpy).
                if case .swap(let pool, let zeroForOne, let amountIn, let minAmountOut) = step.pointee {
                    let flows = try runSwap(pool, zeroForOne: zeroForOne, amountIn: amountIn, minAmountOut: minAmountOut, sender: sender,
                                            context: context, value: index == 0 ? firstInput : 0)
                    if context.recordSteps { log.append(Self.swapRecord(pool, flows, id, agent, context)) }
                    continue
                }
                let flows = try run(step, sender: sender, context: context)
                if context.recordSteps {
                    log.append(Self.record(step, flows, id, agent, context, executed: true, revert: nil))
                }
            } catch {
                rollback(to: start)
                if context.recordSteps, context.keepsRevertedRecords {
                    Self.markReverted(&log, from: firstRecord)
                    log.append(Self.record(step, failedStepFlows(step), id, agent, context, executed: false, revert: error))
                }
                return .reverted(step: index, reason: error)
            }
        }
        // NOTE: asked only with a loan open (rarely): the call returned an empty optional reason
        // for every transaction (≈ 50 instructions each: 1,120.1 M -> 1,117.2 M a benchmark day; callgrind).
        if !flashDebts.isEmpty, let unpaid = unpaidFlashLoan() {
            rollback(to: start)
            if context.recordSteps, context.keepsRevertedRecords {
                Self.markReverted(&log, from: firstRecord)
                log.append(StepRecord(time: Double(context.timestamp), block: context.block, transaction: id,
                                      agent: agent, kind: .flashRepay, pool: nil, assetIn: nil, amountIn: 0,
                                      assetOut: nil, amountOut: 0, executed: false, revert: unpaid))
            }
            return .reverted(step: steps.count, reason: unpaid)
        }
        return .executed
    }

    /// Marks the records of a reverted transaction's steps, from `first` on, as reverted: the
    /// state they describe was rolled back, liquidations included.
    private static func markReverted(_ log: inout [StepRecord], from first: Int) {
        for row in first..<log.count {
            log[row].executed = false
            log[row].liquidation = nil
        }
    }

    /// Notes the balance of each asset a `.received` amount or a `requireGain` guard of `step`
    /// names, held by the account the step runs as: `account` (the sender), or the wallet of a
    /// ``Step/walletCall(wallet:step:)``. Nothing is stored for steps without either.
    private mutating func recordBaselines(of step: UnsafePointer<Step>, account: AccountID) {
        // NOTE: a swap (≈ 80 k of 105 k steps a benchmark day) is told apart before the switch
        // over every kind of step and `Step.amountPair(at:)`'s own: 974.4 M → 971.9 M instructions
        // (benchmark-day full day, warm-up + 1; callgrind).
        if case .swap(_, _, let amount, _) = step.pointee {
            if case .received(let asset) = amount { noteBaseline(asset, account) }
            return
        }
        // NOTE: so is a liquidation (≈ 26 k a benchmark day, warm-up + 1): `Step.amountPair(at:)`
        // returned its repayment through two optional amounts, ≈ 45 instructions a liquidation
        // (537.29 M → 535.56 M instructions a benchmark day, warm-up + 1; callgrind).
        if case .liquidate(_, _, _, _, let amount) = step.pointee {
            if case .received(let asset) = amount { noteBaseline(asset, account) }
            return
        }
        switch step.pointee {
        case .walletCall(let wallet, let inner):
            withUnsafePointer(to: inner) { inner in recordBaselines(of: inner, account: wallet) }
        case .requireGain(let asset, _): noteBaseline(asset, account)
        default:
            let (first, second) = Step.amountPair(at: step)
            if case .received(let asset)? = first { noteBaseline(asset, account) }
            if case .received(let asset)? = second { noteBaseline(asset, account) }
        }
    }

    /// Notes `account`'s balance of `asset` unless it is noted already.
    private mutating func noteBaseline(_ asset: AssetID, _ account: AccountID) {
        guard let first = firstTransactionBaseline else {
            firstTransactionBaseline = TransactionBaseline(account: account, asset: asset, balance: ledger.balance(asset, of: account))
            return
        }
        guard first.asset != asset || first.account != account,
              !moreTransactionBaselines.contains(where: { $0.asset == asset && $0.account == account }) else { return }
        moreTransactionBaselines.append(TransactionBaseline(account: account, asset: asset, balance: ledger.balance(asset, of: account)))
    }

    /// What `account` has received of `asset` since the first step of the running transaction
    /// (0 when its balance fell, or when no baseline is noted): ``Amount/received(_:)``.
    @inline(__always)
    func received(_ asset: AssetID, by account: AccountID) -> UInt128 {
        guard let baseline = baseline(of: asset, account: account) else { return 0 }
        let balance = ledger.balance(asset, of: account)
        return balance > baseline ? balance - baseline : 0
    }

    /// `account`'s balance of `asset` before the first step of the running transaction, if noted.
    func baseline(of asset: AssetID, account: AccountID) -> UInt128? {
        guard let first = firstTransactionBaseline else { return nil }
        if first.asset == asset && first.account == account { return first.balance }
        return moreTransactionBaselines.first(where: { $0.asset == asset && $0.account == account })?.balance
    }

    private static func record(_ step: UnsafePointer<Step>, _ flows: StepFlows, _ transaction: Int, _ agent: AgentTag,
                               _ context: ExecutionContext, executed: Bool, revert: RevertReason?) -> StepRecord {
        // NOTE: a swap's and a liquidation's kind and pool are read by one pattern match, not by
        // two switches over every kind of step (≈ 24 k liquidation records a benchmark day, and
        // the reverted swaps: an executed one is recorded by `swapRecord`; callgrind). A
        // liquidation names no pool.
        let kind: StepKind, pool: Int?
        if case .swap(let index, _, _, _) = step.pointee {
            (kind, pool) = (.swap, index)
        } else if case .liquidate = step.pointee {
            (kind, pool) = (.liquidate, flows.pool)
        } else {
            (kind, pool) = (Step.kind(at: step), Step.pool(at: step) ?? flows.pool)
        }
        return StepRecord(time: Double(context.timestamp), block: context.block, transaction: transaction,
                          agent: agent, kind: kind, pool: pool, assetIn: flows.assetIn, amountIn: flows.amountIn,
                          assetOut: flows.assetOut, amountOut: flows.amountOut, executed: executed, revert: revert,
                          liquidation: flows.liquidation, poolInput: flows.poolInput)
    }

    /// The record of an executed swap into pool `pool`.
    @inline(__always)
    private static func swapRecord(_ pool: Int, _ flows: StepFlows, _ transaction: Int, _ agent: AgentTag,
                                   _ context: ExecutionContext) -> StepRecord {
        StepRecord(time: Double(context.timestamp), block: context.block, transaction: transaction, agent: agent, kind: .swap,
                   pool: pool, assetIn: flows.assetIn, amountIn: flows.amountIn, assetOut: flows.assetOut, amountOut: flows.amountOut,
                   executed: true, revert: nil, liquidation: nil)
    }

    /// The raw value of `amount` for `sender` at `timestamp` (the current block's time).
    public func evaluate(_ amount: Amount, sender: AccountID, at timestamp: Int64) throws(RevertReason) -> UInt128 {
        switch amount {
        case .exact(let value): return value
        case .balance(let asset): return ledger.balance(asset, of: sender)
        case .balanceAbove(let asset, let keep):
            let balance = ledger.balance(asset, of: sender)
            return balance > keep ? balance - keep : 0
        case .received(let asset): return received(asset, by: sender)
        case .debt(let market, let asset):
            return debt(market: market, slot: try listedSlot(market, asset), account: sender)
        case .maxBorrow(let market, let asset):
            return try maxBorrow(market: market, asset: asset, account: sender, at: timestamp)
        case .flashDebt(let provider, let asset):
            return flashDebt(provider: provider, asset: asset, borrower: sender)
        case .toPrice(let pool, let price0, let minProfit, let zeroForOne):
            return toPriceInput(pool: pool, price0: price0, minProfit: minProfit, zeroForOne: zeroForOne, sender: sender)
        case .perpMaxBorrow(let market):
            return try perpMaxBorrow(market: market, account: sender, at: timestamp)
        }
    }

    // NOTE: a swap (≈ 80 k of 105 k steps a benchmark day) and a liquidation (≈ 24 k) are
    // dispatched before the switch over every kind of step, which stays out of line: inlined into
    // the block loop, its large frame spilled registers and unpacked the whole step at every call;
    // ≈ 130 instructions a swap, ≈ 125 a liquidation: 987.8 M → 977.3 M → 974.4 M instructions
    // (benchmark-day full day, warm-up + 1; callgrind).
    /// Runs `step` (``runSteps(_:sender:transaction:agent:context:firstInput:log:)`` runs a
    /// transaction's own swaps itself; a wallet call's swap comes here).
    private mutating func run(_ step: UnsafePointer<Step>, sender: AccountID, context: ExecutionContext) throws(RevertReason) -> StepFlows {
        if case .swap(let index, let zeroForOne, let amountIn, let minAmountOut) = step.pointee {
            return try runSwap(index, zeroForOne: zeroForOne, amountIn: amountIn, minAmountOut: minAmountOut, sender: sender,
                               context: context)
        }
        // Every other step may read oracles: a spot oracle's cache is brought to the pool's
        // reserves once here rather than computed at each read.
        refreshSpotPrices()
        if case .liquidate(let market, let borrower, let debtAsset, let collateralAsset, let repay) = step.pointee {
            return try liquidate(market: market, borrower: borrower, debtAsset: debtAsset, collateralAsset: collateralAsset,
                                 repay: repay, sender: sender, context: context)
        }
        return try runAnyStep(step, sender: sender, context: context)
    }

    /// The swap step: ``swapThroughPool(_:zeroForOne:amountIn:trader:timestamp:)`` of the
    /// evaluated input (`given` when above 0: `amountIn`'s value on this state), reverting below
    /// `minAmountOut`.
    // NOTE: forced inline: with the given input, the compiler outlined it, and the block loop's
    // swaps paid a call, a copy of the step's amount and register spills (benchmark day, warm-up
    // + 1: 641.3 M instead of 635.9 M; callgrind).
    @inline(__always)
    private mutating func runSwap(_ index: Int, zeroForOne: Bool, amountIn: Amount, minAmountOut: UInt128, sender: AccountID,
                                  context: ExecutionContext, value given: UInt128 = 0) throws(RevertReason) -> StepFlows {
        // NOTE: an exact input (the noise traders' and arbitrageurs' swaps) is read here: the call
        // to `evaluate` copied the whole state (a 160-byte memcpy) to pass it, ≈ 60 instructions a
        // swap (callgrind).
        // NOTE: so is the amount a liquidation's sale received (benchmark-day full day, warm-up + 1:
        // 659.6 M -> 659.0 M; callgrind).
        let value: UInt128
        if given > 0 {
            value = given
        } else if case .exact(let exact) = amountIn {
            value = exact
        } else if case .received(let asset) = amountIn {
            value = received(asset, by: sender)
        } else {
            value = try evaluate(amountIn, sender: sender, at: context.timestamp)
        }
        let out = try swapThroughPool(index, zeroForOne: zeroForOne, amountIn: value, trader: sender, timestamp: context.timestamp)
        let (input, output) = pools[index].assets(zeroForOne: zeroForOne)
        guard out >= minAmountOut else { throw .slippage(asset: output, minimum: minAmountOut, actual: out) }
        return StepFlows(assetIn: input, amountIn: value, assetOut: output, amountOut: out)
    }

    /// Runs any kind of step (``run(_:sender:context:)`` takes swaps and liquidations first).
    @inline(never)
    private mutating func runAnyStep(_ step: UnsafePointer<Step>, sender: AccountID, context: ExecutionContext) throws(RevertReason) -> StepFlows {
        switch step.pointee {
        case .transfer(let asset, let amount, let to):
            let value = try evaluate(amount, sender: sender, at: context.timestamp)
            do { try ledger.transfer(asset, amount: value, from: sender, to: to) } catch { throw .ledger(error) }
            return StepFlows(assetIn: asset, amountIn: value)

        case .swap(let index, let zeroForOne, let amountIn, let minAmountOut):
            return try runSwap(index, zeroForOne: zeroForOne, amountIn: amountIn, minAmountOut: minAmountOut, sender: sender,
                               context: context)

        case .swapToPrice:
            var memo = ArbitrageMemo()
            return try withUnsafePointer(to: directedSwap(step, memo: &memo)) { (swap) throws(RevertReason) in
                try run(swap, sender: sender, context: context)
            }

        case .addLiquidity(let index, let amount0, let amount1):
            let value0 = try evaluate(amount0, sender: sender, at: context.timestamp)
            let value1 = try evaluate(amount1, sender: sender, at: context.timestamp)
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
            let value = try evaluate(shares, sender: sender, at: context.timestamp)
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
            guard balance >= atLeast else { throw .balanceBelow(asset: asset, balance: balance, minimum: atLeast) }
            return StepFlows()

        case .requireGain(let asset, let atLeast):
            let balance = ledger.balance(asset, of: sender)
            let before = baseline(of: asset, account: sender) ?? 0
            guard balance >= before, balance - before >= atLeast else {
                throw .unprofitable(asset: asset, balance: balance, before: before, requiredGain: atLeast)
            }
            return StepFlows()

        case .deposit(let market, let asset, let amount):
            return try deposit(market: market, asset: asset, amount: amount, sender: sender, context: context)
        case .withdraw(let market, let asset, let amount):
            return try withdraw(market: market, asset: asset, amount: amount, sender: sender, context: context)
        case .borrow(let market, let asset, let amount):
            return try borrow(market: market, asset: asset, amount: amount, sender: sender, context: context)
        case .repay(let market, let asset, let amount):
            return try repay(market: market, asset: asset, amount: amount, sender: sender, context: context)
        case .liquidate(let market, let borrower, let debtAsset, let collateralAsset, let repay):
            return try liquidate(market: market, borrower: borrower, debtAsset: debtAsset, collateralAsset: collateralAsset,
                                 repay: repay, sender: sender, context: context)
        case .startAuction(let market, let borrower, let debtAsset, let collateralAsset):
            try startAuction(market: market, borrower: borrower, debtAsset: debtAsset, collateralAsset: collateralAsset, at: context.timestamp)
            return StepFlows()
        case .auctionBid(let market, let borrower, let bid):
            return try bidInAuction(market: market, borrower: borrower, amount: bid, sender: sender, at: context.timestamp)
        case .auctionSettle(let market, let borrower):
            return try settleAuction(market: market, borrower: borrower, context: context)
        case .flashBorrow(let provider, let asset, let amount):
            return try flashBorrow(provider: provider, asset: asset, amount: try evaluate(amount, sender: sender, at: context.timestamp),
                                   sender: sender)
        case .flashRepay(let provider, let asset, let amount):
            return try flashRepay(provider: provider, asset: asset, amount: try evaluate(amount, sender: sender, at: context.timestamp),
                                  sender: sender)
        case .oracleUpdate(let oracle, let answer):
            return try postRound(oracle: oracle, answer: answer, sender: sender, context: context)
        case .signedOracleUpdate(let oracle, let answer, let asset, let payment):
            return try postSignedRound(oracle: oracle, answer: answer, asset: asset, payment: payment, sender: sender, context: context)
        case .updateTwap(let oracle):
            return try updateTwap(oracle: oracle, context: context)
        case .reserveSwap(let reserve, let sellX, let amountIn, let minAmountOut):
            return try reserveSwap(reserve, sellX: sellX, amountIn: try evaluate(amountIn, sender: sender, at: context.timestamp),
                                   minAmountOut: minAmountOut, sender: sender)
        case .depotBuy(let depot, let amountIn, let minAmountOut):
            return try depotBuy(depot, amountIn: try evaluate(amountIn, sender: sender, at: context.timestamp),
                                minAmountOut: minAmountOut, sender: sender)
        case .openShort(let venue, let margin):
            return try openShort(venue, margin: try evaluate(margin, sender: sender, at: context.timestamp), sender: sender,
                                 timestamp: context.timestamp)
        case .closeShort(let venue):
            return try closeShort(venue, sender: sender, timestamp: context.timestamp)
        case .stableSwap(let pool, let from, let to, let amountIn, let minAmountOut):
            return try stableSwap(pool, from: from, to: to, amountIn: try evaluate(amountIn, sender: sender, at: context.timestamp),
                                  minAmountOut: minAmountOut, sender: sender)
        case .vaultDeposit(let vault, let amount):
            return try vaultDeposit(vault, amount: try evaluate(amount, sender: sender, at: context.timestamp), sender: sender)
        case .vaultWithdraw(let vault, let shares):
            return try vaultWithdraw(vault, shares: try evaluate(shares, sender: sender, at: context.timestamp), sender: sender)
        case .perpDeposit, .perpWithdraw, .perpTrade, .perpBorrow, .perpRepay, .perpLiquidate:
            return try runPerp(step.pointee, sender: sender, context: context)
        case .buyOption, .sellOption, .depositOptionMargin, .withdrawOptionMargin, .depositVault, .withdrawVault, .settleOptions,
             .liquidateOptions, .hedgeVault:
            return try runOptionStep(step.pointee, sender: sender, context: context)
        case .walletCall(let wallet, let inner):
            guard walletOwners[wallet] == sender else {
                throw .guardFailed("wallet call: \(ledger.accountNames[wallet.index]) is not owned by \(ledger.accountNames[sender.index])")
            }
            return try withUnsafePointer(to: inner) { (inner) throws(RevertReason) in try run(inner, sender: wallet, context: context) }
        }
    }

    /// Swaps `amountIn` from `trader` into pool `index` (Uniswap v2 exact input, accumulators
    /// accrued at `timestamp`) and pays the output to `trader`; returns the output. Used by the
    /// swap step and by the venues that trade through a pool. A revert may leave the pool and
    /// the ledger partly written: the transaction's rollback restores them from the journals.
    mutating func swapThroughPool(_ index: Int, zeroForOne: Bool, amountIn: UInt128, trader: AccountID,
                                  timestamp: Int64) throws(RevertReason) -> UInt128 {
        // NOTE: a zero input reverts as `swapExactIn` would, before the pool is journalled and
        // accrued (both would be undone): the back-run of a block's other direction has
        // nothing to sell (≈ 21 k of 81 k swaps): 1,113.6 M → 1,110.6 M instructions (benchmark-day
        // full day, warm-up + 1).
        guard amountIn > 0 else { throw .pool(.zeroAmount) }
        // NOTE: the pool is journalled, then accrued and swapped in place: a copy swapped and
        // written back (`writePool`) copied its 120 bytes three times and its spot-price cache
        // once, ≈ 80 instructions a swap: 767.5 M → 763.2 M instructions a benchmark day,
        // warm-up + 1 (callgrind).
        noteWrite(ofPool: index)
        poolUndo.append(PoolUndo(index: index, old: pools[index].pool))
        let out: UInt128
        // NOTE: a typed throw: a reverted swap no longer boxes its error and casts it back
        // (`poolReason`; ≈ 500 instructions a revert; callgrind).
        do {
            out = try pools[index].swapExactIn(amountIn, zeroForOne: zeroForOne, timestamp: timestamp)
        } catch { throw .pool(error) }
        let (input, output) = pools[index].assets(zeroForOne: zeroForOne)
        let account = pools[index].account
        do {
            try ledger.exchange(input, amountIn: amountIn, for: output, amountOut: out, trader: trader, venue: account)
        } catch { throw .ledger(error) }
        return out
    }

    private static func poolReason(_ error: any Error) -> RevertReason {
        if let error = error as? PoolError { return .pool(error) }
        if let error = error as? ArithmeticError { return .arithmetic(error) }
        return .guardFailed("\(error)")
    }
}
