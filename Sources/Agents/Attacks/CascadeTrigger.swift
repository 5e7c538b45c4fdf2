import ProtocolModel

/// The cascade-trigger attack (issue 6): sell the collateral asset into the pool a lending
/// market's oracle reads, pushing its price down through the borrowers' liquidation thresholds;
/// liquidate the accounts the push made unhealthy — repaying their debt with the sale's proceeds
/// and seizing their collateral at the depressed price plus the bonus —; buy the collateral back
/// with what is left of the proceeds (the price recovers); repay the flash loan; and — with
/// `revertIfUnprofitable` — revert unless the attacker ends with more of the collateral asset
/// than it began with (on-chain balances; DESIGN.md §4). One transaction.
///
/// The seized collateral is the asset the attack sold, so it needs no sale of its own: it goes
/// straight into the flash-loan repayment, and the buy-back turns the leftover proceeds into more
/// of it. Without a buy-back the attacker keeps the proceeds in the debt asset (a short of the
/// collateral, counted at the end reference prices), so it cannot check a gain on-chain. With a
/// later buy-back it holds that short for a while — the liquidations of others, selling what
/// they seize into the same pool, may push the price further — and buys back then; the sale may
/// then come from a ``CascadeShort``, a borrow of the collateral opened just before
/// (CascadeTrigger+Short.swift).
///
/// The borrowers to liquidate are found when the attacker decides: it runs the sale on a copy of
/// the state it sees (``AgentView/state``; a value, so the copy is its own), asks the core's
/// liquidation index for the accounts below health 1 on the state the sale leaves, and keeps the
/// first `maxLiquidations` whose liquidation succeeds on that copy in turn. Each liquidation asks
/// to repay what is left of the sale's proceeds (``Amount/received(_:)`` of the debt asset), which
/// the market caps at its close factor, so the amounts are evaluated when the transaction runs.
public struct CascadeTrigger: Sendable, Equatable {
    /// The attacker's account: the sender the plan simulates.
    public var attacker: AccountID
    /// Lending-market index.
    public var market: Int
    /// The pool the market's collateral oracle reads.
    public var pool: Int
    /// The asset sold into `pool`, seized from the borrowers and counted for the profit.
    public var collateral: AssetID
    /// The pool's other asset: what the sale pays and the liquidations repay.
    public var debt: AssetID
    /// Raw units of `collateral` sold.
    public var sell: UInt128
    /// The most borrowers liquidated in the transaction.
    public var maxLiquidations: Int
    /// The flash loan of `collateral` financing the sale; nil to sell the attacker's own.
    public var flashLoan: AttackFlashLoan?
    /// When the collateral is bought back with the proceeds left after the liquidations.
    public var buyBack: CascadeBuyBack
    /// The borrow of the collateral that finances the sale, opened in a transaction just before it.
    public var short: CascadeShort?
    public var revertIfUnprofitable: Bool
    /// Set once the attack is sent with a later buy-back: the attacker's balance of the debt
    /// asset to keep (what it held before, less a short's deposit); what it holds above is bought back.
    var pendingKeep: UInt128?

    public init(attacker: AccountID, market: Int, pool: Int, collateral: AssetID, debt: AssetID, sell: UInt128, maxLiquidations: Int,
                flashLoan: AttackFlashLoan?, buyBack: CascadeBuyBack, short: CascadeShort? = nil, revertIfUnprofitable: Bool) {
        self.attacker = attacker
        self.market = market
        self.pool = pool
        self.collateral = collateral
        self.debt = debt
        self.sell = sell
        self.maxLiquidations = maxLiquidations
        self.flashLoan = flashLoan
        self.buyBack = buyBack
        self.short = short
        self.revertIfUnprofitable = revertIfUnprofitable
    }

    /// The attack transaction, sent after `view`'s block: the sale, one liquidation per borrower
    /// ``rehearse(_:)`` finds, the buy-back when it is in the same transaction (left out when the
    /// rehearsal's liquidations spend all the proceeds: a pool refuses a zero input), the
    /// repayment and the check.
    /// - Complexity: one copy of the state plus the index query and the simulated liquidations.
    public func steps(_ view: AgentView) -> [Step] {
        let rehearsal = rehearse(view)
        let zeroForOne = view.state.pools[pool].token0 == collateral
        var steps: [Step] = []
        if let flashLoan, sell > 0 {
            steps.append(.flashBorrow(provider: flashLoan.provider, asset: flashLoan.asset, amount: .exact(sell)))
        }
        steps.append(.swap(pool: pool, zeroForOne: zeroForOne, amountIn: .exact(sell), minAmountOut: 0))
        steps += rehearsal.victims.map {
            .liquidate(market: market, borrower: $0, debtAsset: debt, collateralAsset: collateral, repay: .received(debt))
        }
        if buyBack == .sameTransaction, rehearsal.proceedsLeft > 0 {
            steps.append(.swap(pool: pool, zeroForOne: !zeroForOne, amountIn: .received(debt), minAmountOut: 0))
        }
        if let flashLoan, sell > 0 {
            steps.append(.flashRepay(provider: flashLoan.provider, asset: flashLoan.asset,
                                     amount: .flashDebt(provider: flashLoan.provider, asset: flashLoan.asset)))
        }
        if revertIfUnprofitable { steps.append(.requireGain(asset: collateral, atLeast: 0)) }
        return steps
    }

    /// The borrowers the sale makes liquidatable, worst health first, at most `maxLiquidations`:
    /// those whose liquidation by the attacker succeeds, one after the other, on a copy of the state
    /// the sale leaves; and the sale's proceeds (raw `debt`) left after them. On the copy a short is
    /// opened first, and a flash loan is stood in for by creating the missing collateral in the
    /// attacker's account (the copy is discarded). No victims and nothing left when the short or
    /// the sale fails on the copy; no victims when the index cannot answer.
    /// - Complexity: O(k) oracle reads and simulated liquidations for k accounts below health 1
    ///   after the sale (plus the index's near-threshold candidates), not O(positions).
    public func rehearse(_ view: AgentView) -> (victims: [AccountID], proceedsLeft: UInt128) {
        var copy = view.state
        let timestamp = Int64(view.time)
        let context = ExecutionContext(block: view.lastBlock + 1, timestamp: timestamp, recordSteps: false)
        var log: [StepRecord] = []
        let held = copy.ledger.balance(collateral, of: attacker)
        if flashLoan != nil, held < sell {
            guard (try? copy.endow(collateral, amount: sell - held, to: attacker)) != nil else { return ([], 0) }
        }
        if let short {
            let opening = Transaction(sender: attacker, agent: "plan", steps: short.steps(selling: collateral, sell, against: debt),
                                      submittedAt: view.time)
            guard copy.runSteps(of: opening, context: context, log: &log).isExecuted else { return ([], 0) }
            copy.commit()
        }
        let zeroForOne = copy.pools[pool].token0 == collateral
        let baseline = copy.ledger.balance(debt, of: attacker)
        // What the real transaction's `.received(debt)` would be at this point of the copy.
        func proceedsLeft() -> UInt128 {
            let balance = copy.ledger.balance(debt, of: attacker)
            return balance > baseline ? balance - baseline : 0
        }
        let sale = Transaction(sender: attacker, agent: "plan", steps: [
            .swap(pool: pool, zeroForOne: zeroForOne, amountIn: .exact(sell), minAmountOut: 0),
        ], submittedAt: view.time)
        guard copy.runSteps(of: sale, context: context, log: &log).isExecuted else { return ([], 0) }
        copy.commit()
        guard maxLiquidations > 0 else { return ([], proceedsLeft()) }
        let candidates = copy.accountsBelowHealth(FixedPoint.wad, market: market, at: timestamp)
        var chosen: [AccountID] = []
        for borrower in candidates where chosen.count < maxLiquidations {
            let left = proceedsLeft()
            guard left > 0 else { break }
            // Each simulated liquidation is a transaction of its own, so it repays an exact amount.
            let liquidation = Transaction(sender: attacker, agent: "plan", steps: [
                .liquidate(market: market, borrower: borrower, debtAsset: debt, collateralAsset: collateral, repay: .exact(left)),
            ], submittedAt: view.time)
            guard copy.runSteps(of: liquidation, context: context, log: &log).isExecuted else { continue }
            copy.commit()
            chosen.append(borrower)
        }
        return (chosen, proceedsLeft())
    }
}
