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
        // NOTE: the state and the market are read in place through the view (`let state =
        // view.state` and `let book = state.markets[market]` copied them, a retain and release of
        // each of their buffers, at every wake-up), prices are cached by asset index, not hashed,
        // and the running auctions are put in borrower order once, as positions in the
        // dictionary, not copied out and sorted whole: the sort, the copies and the hashing were
        // ≈ 60 % of a black-thursday-2020-defended replication (perf). The same proposals.
        let timestamp = Int64(view.time)
        let auctions = view.state.markets[market].englishAuctions
        guard !unhealthy.isEmpty || !auctions.isEmpty else { return }
        let gas = view.gas
        var budget = view.state.markets[market].assets.map {
            view.spendable($0.asset, of: account, gasUnits: gas.base + gas.auctionBid, priorityFee: priorityFee)
        }
        let first = proposals.count
        var prices = [Double??](repeating: nil, count: view.state.ledger.assets.count)
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
        let running = Self.inBorrowerOrder(auctions)
        for (borrower, position) in running where auctions[position].value.bidder == account {
            guard auctions[position].value.isSettleable(at: timestamp), !inFlightAbout(borrower) else { continue }
            guard propose(borrower, [.auctionSettle(market: market, borrower: borrower)]) else { return }
        }
        for (borrower, position) in running {
            let auction = auctions[position].value
            guard !zeroBidder, auction.isOpen(at: timestamp), auction.bidder != account, !inFlightAbout(borrower),
                  let minimum = auction.minimumBid(parameters), let slot = view.state.markets[market].slot(of: auction.debtAsset),
                  let bid = worth(lot: auction.lot, tab: auction.tab, debtAsset: auction.debtAsset,
                                  collateralAsset: auction.collateralAsset, view.state, at: timestamp, prices: &prices),
                  bid >= minimum, bid <= budget[slot] else { continue }
            guard propose(borrower, [.auctionBid(market: market, borrower: borrower, bid: bid)]) else { return }
            budget[slot] -= bid
        }
        for borrower in unhealthy {
            if inFlightAbout(borrower) { continue }
            if let position = Self.position(of: borrower, in: running), !auctions[position].value.mustRestart(at: timestamp) { continue }
            guard let (debtSlot, collateralSlot) = largestPair(of: borrower, in: view.state) else { continue }
            let debtAsset = view.state.markets[market].assets[debtSlot].asset
            let collateralAsset = view.state.markets[market].assets[collateralSlot].asset
            let lot = view.state.supplied(market: market, slot: collateralSlot, account: borrower)
            guard let tab = try? FixedPoint.mulDiv(view.state.debt(market: market, slot: debtSlot, account: borrower),
                                                   FixedPoint.wad + parameters.penalty, FixedPoint.wad, rounding: .up),
                  let bid = zeroBidder ? 0 : worth(lot: lot, tab: tab, debtAsset: debtAsset, collateralAsset: collateralAsset,
                                                   view.state, at: timestamp, prices: &prices),
                  bid <= budget[debtSlot] else { continue }
            guard propose(borrower, [.startAuction(market: market, borrower: borrower, debtAsset: debtAsset, collateralAsset: collateralAsset),
                           .auctionBid(market: market, borrower: borrower, bid: bid)]) else { return }
            budget[debtSlot] -= bid
        }
    }

    /// The running auctions' borrowers in order, each with its auction's position in `auctions`
    /// (read back without hashing).
    private static func inBorrowerOrder(_ auctions: [AccountID: EnglishAuction])
        -> [(borrower: AccountID, position: [AccountID: EnglishAuction].Index)] {
        var ordered: [(borrower: AccountID, position: [AccountID: EnglishAuction].Index)] = []
        ordered.reserveCapacity(auctions.count)
        var position = auctions.startIndex
        while position != auctions.endIndex {
            ordered.append((auctions[position].key, position))
            auctions.formIndex(after: &position)
        }
        ordered.sort { $0.borrower < $1.borrower }
        return ordered
    }

    /// The position of `borrower`'s auction in the dictionary `ordered` was made from, or nil
    /// (a binary search of `ordered`).
    private static func position(of borrower: AccountID, in ordered: [(borrower: AccountID, position: [AccountID: EnglishAuction].Index)])
        -> [AccountID: EnglishAuction].Index? {
        var low = 0, high = ordered.count
        while low < high {
            let middle = (low + high) / 2
            if ordered[middle].borrower < borrower { low = middle + 1 } else { high = middle }
        }
        return low < ordered.count && ordered[low].borrower == borrower ? ordered[low].position : nil
    }

    /// What `lot` of `collateralAsset` is worth to this keeper in raw units of `debtAsset`: its
    /// value at the market's oracle prices × (1 − bid margin), at most `tab`; nil when a price
    /// read fails. `prices` caches the wake-up's price reads by asset index.
    private func worth(lot: UInt128, tab: UInt128, debtAsset: AssetID, collateralAsset: AssetID, _ state: ProtocolState,
                       at timestamp: Int64, prices: inout [Double??]) -> UInt128? {
        func price(_ asset: AssetID) -> Double? {
            if let cached = prices[asset.index] { return cached }
            let read = state.markets[market].slot(of: asset).flatMap { try? state.price(state.markets[market].assets[$0].price, at: timestamp) }
                .map { TokenUnits.toDouble($0, decimals: 18) }
            prices[asset.index] = read
            return read
        }
        guard let debtPrice = price(debtAsset), let collateralPrice = price(collateralAsset), debtPrice > 0 else { return nil }
        let ledger = state.ledger
        let tokens = TokenUnits.toDouble(lot, decimals: ledger.assets[collateralAsset.index].decimals)
            * collateralPrice / debtPrice * (1 - bidMargin)
        return min(tab, TokenUnits.fromDouble(max(0, tokens), decimals: ledger.assets[debtAsset.index].decimals))
    }
}
