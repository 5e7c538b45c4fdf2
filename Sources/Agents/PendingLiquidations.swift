import ProtocolModel

/// The liquidations of one market already waiting in the mempool that a liquidator's own
/// transaction would land after — private ones, and public ones with a priority fee at least its
/// own (at an equal fee the earlier arrival goes first), its own earlier ones included — counted
/// against the market's per-block liquidation cap. A liquidator sends no liquidation that the cap
/// is bound to revert once those ahead of it execute: none of an account already liquidated
/// `per_account` times ahead of it, none beyond `count` in all. Without a count or per-account
/// cap nothing is bound to revert (a second liquidation of a still unhealthy account may
/// succeed), and it competes as before.
struct PendingLiquidations {
    private let fees: PendingLiquidationFees
    private let priorityFee: UInt64
    private let cap: LiquidationCap?
    private let totalAhead: Int

    /// - Complexity: O(1) without a count or per-account cap; else the shared fees of the view
    ///   (``AgentView/pendingLiquidationFees(market:)``) plus O(pending liquidations) for a count cap.
    init(_ view: AgentView, market: Int, outranking liquidator: Liquidator, cap: LiquidationCap?) {
        self.cap = cap
        self.priorityFee = liquidator.priorityFee
        guard let cap, cap.count != nil || cap.perAccount != nil else {
            (fees, totalAhead) = (PendingLiquidationFees(), 0)
            return
        }
        fees = view.pendingLiquidationFees(market: market)
        totalAhead = cap.count == nil ? 0 : fees.all.count { $0 >= liquidator.priorityFee }
    }

    /// Whether `borrower` has as many liquidations ahead as the per-account cap allows.
    func capReached(for borrower: AccountID) -> Bool {
        guard let limit = cap?.perAccount, let pending = fees.perAccount[borrower] else { return false }
        return pending.count { $0 >= priorityFee } >= limit
    }

    /// Whether the liquidations ahead plus the `proposed` ones of this wake-up fill the count cap.
    func capReached(proposed: Int) -> Bool {
        guard let limit = cap?.count else { return false }
        return totalAhead + proposed >= limit
    }
}

/// The priority fees of the liquidations of one market waiting in the mempool, per borrower and
/// in all (a private transaction counts as the highest fee); block-closing bundles are left out
/// (they go last).
struct PendingLiquidationFees {
    var perAccount: [AccountID: [UInt64]] = [:]
    var all: [UInt64] = []

    /// Adds the liquidations of `market` in `transactions`.
    /// - Complexity: O(transactions × steps).
    mutating func add(_ transactions: ArraySlice<Transaction>, market: Int) {
        for index in transactions.indices where !transactions[index].closesBlock {
            let fee = transactions[index].isPrivate ? UInt64.max : transactions[index].priorityFee
            for step in transactions[index].steps {
                guard case .liquidate(market, let borrower, _, _, _) = step else { continue }
                perAccount[borrower, default: []].append(fee)
                all.append(fee)
            }
        }
    }
}
