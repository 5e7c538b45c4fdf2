import ProtocolModel

/// English-auction markets (Maker's Flipper): a keeper starts an auction for each unhealthy
/// account that has none and bids in the same transaction, raises the standing bid of running
/// auctions while that stays within what the lot is worth to it, and settles the auctions it
/// won. What the lot is worth: its value at the market's oracle prices less ``Liquidator/bidMargin``,
/// at most the tab. A zero bidder (``Liquidator/zeroBidder``) opens every auction with a bid of
/// 0 and never raises: it wins whatever nobody else bids for before the bid duration runs out —
/// Black Thursday's zero-DAI auctions. A keeper keeps one transaction about an auction in
/// flight: while its own start, bid or settlement of an auction waits in the mempool (say, under
/// its gas-price cap in a congested block), it sends nothing else about that auction (a keeper
/// tracks its nonces; another transaction would be a replacement). Once that transaction has
/// landed, executed or reverted, it acts on the auction again at its next wake-up.
extension Liquidator {
    /// This wake-up's starts, bids and settlements, each one transaction, at most as many as
    /// its native asset pays gas for, appended to `proposals` (gas counts only those appended
    /// here); bids spend the debt-asset balance once.
    /// - Complexity: O((k + a) × market assets) for k accounts in `unhealthy` and a running auctions.
    func englishAuctionActions(for unhealthy: [AccountID], parameters: EnglishAuctionParameters, _ view: AgentView,
                               into proposals: inout [Transaction]) {
        let state = view.state
        let timestamp = Int64(view.time)
        let book = state.markets[market]
        guard !unhealthy.isEmpty || !book.englishAuctions.isEmpty else { return }
        let gas = view.gas
        var budget = book.assets.map { view.spendable($0.asset, of: account, gasUnits: gas.base + gas.auctionBid, priorityFee: priorityFee) }
        let first = proposals.count
        var prices: [AssetID: Double?] = [:]
        // Its own pending transactions' auctions, and those it proposes in this wake-up.
        var inFlight = auctionsInFlight(view.pending)
        func inFlightAbout(_ borrower: AccountID) -> Bool { !inFlight.isEmpty && inFlight.contains(borrower) }
        func propose(_ borrower: AccountID, _ steps: [Step]) -> Bool {
            let units = steps.reduce(gas.base) { $0 + gas.units(of: $1.kind) }
            guard view.canPayGas(units, priorityFee: priorityFee, transactions: proposals.count - first + 1, for: account) else { return false }
            proposals.append(Transaction(sender: account, agent: tag, steps: steps, priorityFee: priorityFee, submittedAt: view.time,
                                         baseFeeCap: gasPriceCap ?? .max))
            inFlight.insert(borrower)
            return true
        }
        let auctions = book.englishAuctions.sorted(by: { $0.key < $1.key })
        for (borrower, auction) in auctions where auction.bidder == account {
            guard auction.isSettleable(at: timestamp), !inFlightAbout(borrower) else { continue }
            guard propose(borrower, [.auctionSettle(market: market, borrower: borrower)]) else { return }
        }
        for (borrower, auction) in auctions {
            guard !zeroBidder, auction.isOpen(at: timestamp), auction.bidder != account, !inFlightAbout(borrower),
                  let minimum = auction.minimumBid(parameters), let slot = book.slot(of: auction.debtAsset),
                  let bid = worth(lot: auction.lot, tab: auction.tab, debtAsset: auction.debtAsset,
                                  collateralAsset: auction.collateralAsset, state, at: timestamp, prices: &prices),
                  bid >= minimum, bid <= budget[slot] else { continue }
            guard propose(borrower, [.auctionBid(market: market, borrower: borrower, bid: bid)]) else { return }
            budget[slot] -= bid
        }
        for borrower in unhealthy {
            if inFlightAbout(borrower) { continue }
            if let running = book.englishAuctions[borrower], !running.mustRestart(at: timestamp) { continue }
            guard let (debtSlot, collateralSlot) = largestPair(of: borrower, in: state) else { continue }
            let debtAsset = book.assets[debtSlot].asset, collateralAsset = book.assets[collateralSlot].asset
            let lot = state.supplied(market: market, slot: collateralSlot, account: borrower)
            guard let tab = try? FixedPoint.mulDiv(state.debt(market: market, slot: debtSlot, account: borrower),
                                                   FixedPoint.wad + parameters.penalty, FixedPoint.wad, rounding: .up),
                  let bid = zeroBidder ? 0 : worth(lot: lot, tab: tab, debtAsset: debtAsset, collateralAsset: collateralAsset,
                                                   state, at: timestamp, prices: &prices),
                  bid <= budget[debtSlot] else { continue }
            guard propose(borrower, [.startAuction(market: market, borrower: borrower, debtAsset: debtAsset, collateralAsset: collateralAsset),
                           .auctionBid(market: market, borrower: borrower, bid: bid)]) else { return }
            budget[debtSlot] -= bid
        }
    }

    /// What `lot` of `collateralAsset` is worth to this keeper in raw units of `debtAsset`: its
    /// value at the market's oracle prices × (1 − bid margin), at most `tab`; nil when a price
    /// read fails. `prices` caches the wake-up's price reads by asset.
    private func worth(lot: UInt128, tab: UInt128, debtAsset: AssetID, collateralAsset: AssetID, _ state: ProtocolState,
                       at timestamp: Int64, prices: inout [AssetID: Double?]) -> UInt128? {
        func price(_ asset: AssetID) -> Double? {
            if let cached = prices[asset] { return cached }
            let book = state.markets[market]
            let read = book.slot(of: asset).flatMap { try? state.price(book.assets[$0].price, at: timestamp) }
                .map { TokenUnits.toDouble($0, decimals: 18) }
            prices[asset] = read
            return read
        }
        guard let debtPrice = price(debtAsset), let collateralPrice = price(collateralAsset), debtPrice > 0 else { return nil }
        let ledger = state.ledger
        let tokens = TokenUnits.toDouble(lot, decimals: ledger.assets[collateralAsset.index].decimals)
            * collateralPrice / debtPrice * (1 - bidMargin)
        return min(tab, TokenUnits.fromDouble(max(0, tokens), decimals: ledger.assets[debtAsset.index].decimals))
    }
}
