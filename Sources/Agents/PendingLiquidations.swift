import ProtocolModel

/// The liquidations of one market already waiting in the mempool that a liquidator's own
/// transaction would land after — private ones, and public ones with a priority fee at least its
/// own (at an equal fee the earlier arrival goes first), its own earlier ones included — counted against the market's
/// per-block liquidation cap. A liquidator sends no liquidation that the cap is bound to revert
/// once those ahead of it execute: none of an account already liquidated `per_account` times
/// ahead of it, none beyond `count` in all. Without a count or per-account cap nothing is
/// bound to revert (a second liquidation of a still unhealthy account may succeed), and it
/// competes as before.
struct PendingLiquidations {
    private var perAccount: [AccountID: Int] = [:]
    private var total = 0
    private let cap: LiquidationCap?

    /// - Complexity: O(pending transactions × steps) when the market has a count or per-account cap, else O(1).
    init(_ pending: [Transaction], market: Int, outranking liquidator: Liquidator, cap: LiquidationCap?) {
        self.cap = cap
        guard let cap, cap.count != nil || cap.perAccount != nil else { return }
        for transaction in pending where !transaction.closesBlock
            && (transaction.isPrivate || transaction.priorityFee >= liquidator.priorityFee) {
            for step in transaction.steps {
                guard case .liquidate(let stepMarket, let borrower, _, _, _) = step, stepMarket == market else { continue }
                perAccount[borrower, default: 0] += 1
                total += 1
            }
        }
    }

    /// Whether `borrower` has as many liquidations ahead as the per-account cap allows.
    func capReached(for borrower: AccountID) -> Bool {
        guard let limit = cap?.perAccount else { return false }
        return perAccount[borrower, default: 0] >= limit
    }

    /// Whether the liquidations ahead plus the `proposed` ones of this wake-up fill the count cap.
    func capReached(proposed: Int) -> Bool {
        guard let limit = cap?.count else { return false }
        return total + proposed >= limit
    }
}
