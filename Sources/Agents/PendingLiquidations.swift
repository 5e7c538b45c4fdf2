import ProtocolModel

/// The liquidations of one market already waiting in the mempool that a liquidator's own
/// transaction would land after — private ones, and public ones with a priority fee at least its
/// own (at an equal fee the earlier arrival goes first), its own earlier ones included — counted
/// against the market's per-block liquidation cap. A liquidator sends no liquidation that the cap
/// is bound to revert once those ahead of it execute: none of an account already liquidated
/// `per_account` times ahead of it, none beyond `count` in all. Without a count or per-account
/// cap nothing is bound to revert (a second liquidation of a still unhealthy account may
/// succeed), and it competes as before.
///
/// It also keeps at most one liquidation of an account in flight: while its own liquidation of
/// an account waits in the mempool it sends no other of that account (a bot tracks its nonces; a
/// second transaction would be a replacement). Under a per-account cap of 1 the cap already bars
/// them (its own pending ones are ahead of it); otherwise its own pending borrowers are read from
/// the mempool.
///
/// NOTE: the two limits are kept as plain fields, not the market's cap (an optional struct of
/// three optionals, copied at each question; ≈ 24 k of each question a benchmark day).
struct PendingLiquidations {
    private let fees: PendingLiquidationFees
    private let priorityFee: UInt64
    /// The per-account cap, nil: none.
    private let perAccountLimit: Int?
    /// The count cap, nil: none.
    private let countLimit: Int?
    private let totalAhead: Int
    /// The borrowers of the liquidator's own liquidations of the market waiting in the mempool
    /// (empty when the per-account cap bars them already).
    private let ownPending: Set<AccountID>

    /// NOTE: `view` is borrowed: an initialiser takes its arguments owned, so the caller copied
    /// its view for it (a retain and release of every buffer of the state; perf, compound-dai-2020).
    ///
    /// - Complexity: O(1) without a count or per-account cap; else the shared fees of the view
    ///   (``AgentView/pendingLiquidationFees(market:)``) plus O(pending liquidations) for a count cap.
    init(_ view: borrowing AgentView, market: Int, outranking liquidator: Liquidator, cap: LiquidationCap?) {
        self.perAccountLimit = cap?.perAccount
        self.countLimit = cap?.count
        self.priorityFee = liquidator.priorityFee
        ownPending = perAccountLimit == 1 ? [] : Self.ownPending(in: view.pending, market: market, sender: liquidator.account)
        guard countLimit != nil || perAccountLimit != nil else {
            (fees, totalAhead) = (PendingLiquidationFees(), 0)
            return
        }
        fees = view.pendingLiquidationFees(market: market)
        totalAhead = countLimit == nil ? 0 : fees.entries.count { $0.fee >= liquidator.priorityFee }
    }

    /// Whether `borrower` has as many liquidations ahead as the per-account cap allows, counting
    /// `sending` more of the liquidator's own (sent after those pending).
    /// - Complexity: O(1) plus its own pending liquidations.
    func capReached(for borrower: AccountID, sending: Int = 0) -> Bool {
        guard let perAccountLimit else { return false }
        return sending >= perAccountLimit || fees.count(of: borrower, atLeast: priorityFee) + sending >= perAccountLimit
    }

    /// Whether the liquidator's own liquidation of `borrower` is still waiting in the mempool.
    /// - Complexity: O(1); nothing is hashed when it has none (under a per-account cap of 1).
    func hasOwnPending(_ borrower: AccountID) -> Bool { !ownPending.isEmpty && ownPending.contains(borrower) }

    /// The borrowers of `sender`'s liquidations of `market` in `pending`.
    /// - Complexity: O(pending transactions × steps).
    private static func ownPending(in pending: [Transaction], market: Int, sender: AccountID) -> Set<AccountID> {
        borrowers(of: sender, in: pending) { step in
            if case .liquidate(market, let borrower, _, _, _) = step { borrower } else { nil }
        }
    }

    /// The borrowers that the steps of `sender`'s transactions in `pending` name, as `borrower`
    /// reads each step (nil: no borrower of interest): what a liquidator has in flight.
    /// - Complexity: O(pending transactions × steps).
    static func borrowers(of sender: AccountID, in pending: [Transaction], named borrower: (Step) -> AccountID?) -> Set<AccountID> {
        var borrowers = Set<AccountID>()
        for transaction in pending where transaction.sender == sender {
            for step in transaction.steps {
                if let named = borrower(step) { borrowers.insert(named) }
            }
        }
        return borrowers
    }

    /// Whether the liquidations ahead plus the `proposed` ones of this wake-up fill the count cap.
    func capReached(proposed: Int) -> Bool {
        guard let countLimit else { return false }
        return totalAhead + proposed >= countLimit
    }
}

/// The priority fees of the liquidations of one market waiting in the mempool, per borrower and
/// in all (a private transaction counts as the highest fee); block-closing bundles are left out
/// (they go last).
///
/// NOTE: the fees per borrower are found through an array indexed by account, not a dictionary:
/// every liquidator waking after a block asks for each unhealthy account in turn (≈ 215 k
/// lookups a day in benchmark-day, ≈ 220 instructions of hashing each). The array grows to the
/// largest borrower index seen, once per owner. Each borrower's fees are chained through the
/// list of all fees (each fee links to the same borrower's previous one) instead of kept in an
/// array of their own: no allocation per borrower when fees arrive, and none to free when
/// ``removeAll()`` forgets them (≈ 2.2 k instructions per borrower and block before). It resets
/// only the borrowers it holds, so a kept value costs nothing per block for the accounts without
/// pending liquidations. A fee and its link share one entry: one array to grow per fee and one
/// to read per step of a chain (two before: 1.7 M instructions more a benchmark day, warm-up + 1,
/// callgrind).
struct PendingLiquidationFees {
    /// A pending liquidation's fee and the link to the same borrower's previous one.
    struct Entry {
        /// The priority fee (`UInt64.max` for a private transaction).
        let fee: UInt64
        /// 1 + the index in ``entries`` of the same borrower's previous fee (0: none).
        let previous: Int32
    }

    /// Every fee with its link, in arrival order.
    private(set) var entries: [Entry] = []
    /// 1 + the index in ``entries`` of each account's latest fee, by account index (0: none).
    private var latest: [Int32] = []
    /// The borrowers with pending liquidations, in order of first arrival.
    private(set) var borrowers: [AccountID] = []

    /// How many of `borrower`'s pending liquidations pay a priority fee of at least `fee`.
    /// - Complexity: O(its pending liquidations).
    ///
    /// NOTE: the chain is walked on the entries' buffer: its links always name an entry, and the
    /// array's bounds check and element read per step cost ≈ 10 instructions more (≈ 24 k walks of
    /// ≈ 10 steps a benchmark day).
    func count(of borrower: AccountID, atLeast fee: UInt64) -> Int {
        var link = borrower.index < latest.count ? Int(latest[borrower.index]) : 0
        guard link != 0 else { return 0 }
        return entries.withUnsafeBufferPointer { entries in
            var count = 0
            while link != 0 {
                let entry = entries[link - 1]
                if entry.fee >= fee { count += 1 }
                link = Int(entry.previous)
            }
            return count
        }
    }

    /// Adds the liquidations of `market` in `transactions`.
    /// - Complexity: O(transactions × steps), plus once the growth of the index to the largest
    ///   borrower index.
    mutating func add(_ transactions: ArraySlice<Transaction>, market: Int) {
        for index in transactions.indices where !transactions[index].closesBlock {
            let fee = transactions[index].isPrivate ? UInt64.max : transactions[index].priorityFee
            // NOTE: steps read by index: a loop over the array retained and released it per
            // transaction (≈ 40 instructions, ≈ 24 k liquidation transactions a benchmark day;
            // callgrind, warm-up + 1: add 4.9 M -> 4.1 M).
            for position in transactions[index].steps.indices {
                guard case .liquidate(market, let borrower, _, _, _) = transactions[index].steps[position] else { continue }
                if borrower.index >= latest.count {
                    latest.append(contentsOf: repeatElement(0, count: borrower.index + 1 - latest.count))
                }
                let previous = latest[borrower.index]
                if previous == 0 { borrowers.append(borrower) }
                entries.append(Entry(fee: fee, previous: previous))
                latest[borrower.index] = Int32(entries.count)
            }
        }
    }

    /// Forgets every fee, keeping the storage.
    /// - Complexity: O(borrowers with pending liquidations).
    mutating func removeAll() {
        for borrower in borrowers { latest[borrower.index] = 0 }
        borrowers.removeAll(keepingCapacity: true)
        entries.removeAll(keepingCapacity: true)
    }
}
