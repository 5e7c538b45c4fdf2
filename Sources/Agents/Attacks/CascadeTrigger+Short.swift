import ProtocolModel

/// When a cascade-trigger attack buys the collateral back.
public enum CascadeBuyBack: Sendable, Equatable {
    /// Never: the attacker keeps the proceeds in the debt asset.
    case never
    /// In the attack transaction, after the liquidations.
    case sameTransaction
    /// `seconds` after the attack, in a transaction of its own: the attacker holds the short
    /// while others' liquidations may push the price further.
    case later(seconds: Double)
}

/// A short of the collateral opened just before a cascade-trigger sale: deposit `deposit` raw
/// units of the debt asset in lending market `market` and borrow the collateral sold. The later
/// buy-back repays the borrow; the deposit stays supplied (it is the attacker's claim).
public struct CascadeShort: Sendable, Equatable {
    /// Lending-market index.
    public var market: Int
    /// Raw units of the debt asset deposited as collateral for the borrow.
    public var deposit: UInt128

    public init(market: Int, deposit: UInt128) {
        self.market = market
        self.deposit = deposit
    }

    /// The opening transaction's steps: deposit, then borrow `amount` of `collateral`.
    func steps(selling collateral: AssetID, _ amount: UInt128, against debt: AssetID) -> [Step] {
        [.deposit(market: market, asset: debt, amount: .exact(deposit)),
         .borrow(market: market, asset: collateral, amount: .exact(amount))]
    }
}

extension CascadeTrigger {
    /// One wake-up: the attack (after a short's opening transaction, in the same block), and with
    /// a later buy-back a wake-up `seconds` on; at that wake-up, the buy-back.
    public mutating func decide(_ view: AgentView) -> AttackDecision {
        if let keep = pendingKeep {
            pendingKeep = nil
            return AttackDecision(transactions: [buyBackSteps(keep: keep, view)], wakeAfter: nil)
        }
        var transactions: [[Step]] = []
        if let short { transactions.append(short.steps(selling: collateral, sell, against: debt)) }
        transactions.append(steps(view))
        guard case .later(let seconds) = buyBack else { return AttackDecision(transactions: transactions, wakeAfter: nil) }
        let held = view.state.ledger.balance(debt, of: attacker)
        let deposit = short?.deposit ?? 0
        pendingKeep = held > deposit ? held - deposit : 0
        return AttackDecision(transactions: transactions, wakeAfter: seconds)
    }

    /// The later buy-back: sell what the attacker holds of the debt asset above `keep` (nothing
    /// when the attack reverted: the pool then refuses a zero input and this reverts too), and
    /// repay the short's borrow in full (reverting when the collateral bought does not cover it).
    func buyBackSteps(keep: UInt128, _ view: AgentView) -> [Step] {
        let zeroForOne = view.state.pools[pool].token0 == debt
        var steps: [Step] = [.swap(pool: pool, zeroForOne: zeroForOne, amountIn: .balanceAbove(debt, keep: keep), minAmountOut: 0)]
        if let short {
            steps.append(.repay(market: short.market, asset: collateral, amount: .debt(market: short.market, asset: collateral)))
        }
        return steps
    }
}
