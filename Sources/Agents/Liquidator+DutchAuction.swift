import ProtocolModel

/// Dutch-auction markets (Maker Liquidations 2.0): the liquidator starts (`bark`s) an auction
/// for each unhealthy account that has none running, and buys from running auctions through
/// ``Liquidator/purchases(of:health:_:into:twoSteps:)`` once the falling price makes the purchase pay.
/// It keeps one start of an account's auction in flight: none while its own waits in the mempool.
extension Liquidator {
    /// One `start_auction` transaction per account in `unhealthy` (worst first) whose auction is
    /// absent or must be restarted and that no start of its own waiting in the mempool names,
    /// appended to `proposals` (gas counts only those appended here).
    func auctionStarts(for unhealthy: [AccountID], parameters: DutchAuctionParameters, _ view: AgentView,
                       into proposals: inout [Transaction]) {
        let state = view.state
        let timestamp = Int64(view.time)
        let book = state.markets[market]
        let gasUnits = view.gas.base + view.gas.startAuction
        let first = proposals.count
        // Read from the mempool only when there is an account to start an auction for.
        let inFlight = unhealthy.isEmpty ? [] : auctionsInFlight(view.pending)
        for borrower in unhealthy {
            guard view.canPayGas(gasUnits, priorityFee: priorityFee, transactions: proposals.count - first + 1, for: account) else { break }
            if let running = book.auctions[borrower], ProtocolState.auctionPrice(running, parameters, at: timestamp) != nil { continue }
            if !inFlight.isEmpty, inFlight.contains(borrower) { continue }
            guard let (debtSlot, collateralSlot) = largestPair(of: borrower, in: state) else { continue }
            proposals.append(Transaction(
                sender: account, agent: tag,
                steps: [.startAuction(market: market, borrower: borrower, debtAsset: book.assets[debtSlot].asset,
                                      collateralAsset: book.assets[collateralSlot].asset)],
                priorityFee: priorityFee, submittedAt: view.time, baseFeeCap: gasPriceCap ?? .max))
        }
    }

    /// The accounts whose auction can be bought from at `timestamp`, by account id.
    /// - Complexity: O(a log a) for a running auctions.
    func runningAuctions(_ parameters: DutchAuctionParameters, at timestamp: Int64, in book: LendingMarket) -> [AccountID] {
        book.auctions.filter { ProtocolState.auctionPrice($0.value, parameters, at: timestamp) != nil }.keys.sorted()
    }

    /// The borrowers whose auctions in its market (Dutch or English) a transaction of its own
    /// waiting in `pending` starts, bids in or settles.
    /// - Complexity: O(pending transactions × steps).
    func auctionsInFlight(_ pending: [Transaction]) -> Set<AccountID> {
        PendingLiquidations.borrowers(of: account, in: pending) { step in
            switch step {
            case .startAuction(market, let borrower, _, _), .auctionBid(market, let borrower, _), .auctionSettle(market, let borrower): borrower
            default: nil
            }
        }
    }
}
