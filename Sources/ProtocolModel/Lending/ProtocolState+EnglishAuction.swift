extension ProtocolState {
    /// The English-auction parameters of `market`, or a revert when it liquidates otherwise.
    private func englishParameters(_ market: Int) throws(RevertReason) -> EnglishAuctionParameters {
        guard case .englishAuction(let parameters) = markets[market].liquidation else {
            throw .lending(.auction("market \(markets[market].name) runs no English auctions"))
        }
        return parameters
    }

    /// The start step in an English-auction market (Maker's `bite` + `kick`): reverts unless
    /// the borrower's health is below 1, it owes `debtAsset` and holds `collateralAsset`, and
    /// no auction of it runs (one that closed without a bid is restarted). The lot is its whole
    /// balance of the collateral, the tab ⌈debt × (1 + penalty)⌉; nothing moves until settlement.
    mutating func kickEnglishAuction(market: Int, borrower: AccountID, debtAsset: AssetID, collateralAsset: AssetID,
                                     at timestamp: Int64) throws(RevertReason) {
        let parameters = try englishParameters(market)
        let debtSlot = try listedSlot(market, debtAsset), collateralSlot = try listedSlot(market, collateralAsset)
        try requireNotPaused(market, .liquidate, at: timestamp)
        try accrue(market: market, at: timestamp)
        let health = try health(market: market, account: borrower, at: timestamp)
        guard health < FixedPoint.wad else { throw .lending(.notLiquidatable(health: health)) }
        if let running = markets[market].englishAuctions[borrower], !running.mustRestart(at: timestamp) {
            throw .lending(.auction("one is already running"))
        }
        let owed = debt(market: market, slot: debtSlot, account: borrower)
        guard owed > 0 else { throw .lending(.noDebt) }
        let lot = supplied(market: market, slot: collateralSlot, account: borrower)
        guard lot > 0, markets[market].assets[collateralSlot].liquidationThreshold > 0 else { throw .lending(.nothingToSeize) }
        let tab: UInt128
        do { tab = try FixedPoint.mulDiv(owed, FixedPoint.wad + parameters.penalty, FixedPoint.wad, rounding: .up) } catch {
            throw .arithmetic(error)
        }
        writeEnglishAuction(market, borrower, EnglishAuction(
            bid: 0, lot: lot, tab: tab, start: timestamp, end: timestamp + parameters.auctionDuration, debtAsset: debtAsset,
            collateralAsset: collateralAsset, bidExpiry: nil, bidder: nil))
    }

    /// The bid step (Maker's `tend`): `sender` bids `amount` raw units of the debt asset for
    /// `borrower`'s lot. Reverts when the auction is closed, above the tab, or below
    /// ``EnglishAuction/minimumBid(_:)``. The bid moves from `sender` into escrow at the
    /// market's account, the beaten bid goes back to its bidder, and the auction now closes
    /// `bidDuration` after this block (at the latest at its end).
    mutating func bidInAuction(market: Int, borrower: AccountID, amount: UInt128, sender: AccountID,
                               at timestamp: Int64) throws(RevertReason) -> StepFlows {
        let parameters = try englishParameters(market)
        try requireNotPaused(market, .liquidate, at: timestamp)
        guard var auction = markets[market].englishAuctions[borrower] else {
            throw .lending(.auction("none running for this account"))
        }
        guard auction.isOpen(at: timestamp) else {
            throw .lending(.auction(auction.bidder == nil ? "closed without a bid, restart it" : "bidding closed, settle it"))
        }
        guard amount <= auction.tab else { throw .lending(.bidAboveTab(asset: auction.debtAsset, bid: amount, tab: auction.tab)) }
        guard let minimum = auction.minimumBid(parameters) else {
            throw .lending(.auction("the standing bid is the whole tab: none can beat it"))
        }
        guard amount >= minimum else { throw .lending(.bidBelowMinimum(asset: auction.debtAsset, bid: amount, minimum: minimum)) }
        let escrow = markets[market].account
        do {
            try ledger.transfer(auction.debtAsset, amount: amount, from: sender, to: escrow)
            if let previous = auction.bidder { try ledger.transfer(auction.debtAsset, amount: auction.bid, from: escrow, to: previous) }
        } catch { throw .ledger(error) }
        auction.bid = amount
        auction.bidder = sender
        auction.bidExpiry = min(timestamp + parameters.bidDuration, auction.end)
        writeEnglishAuction(market, borrower, auction)
        return StepFlows(assetIn: auction.debtAsset, amountIn: amount)
    }

    /// The settle step (Maker's `deal`; anyone may send it): once the auction closed with a
    /// bid, the winning bid repays min(bid, debt) of the borrower's debt (the rest, the penalty,
    /// goes to the insurance fund), the winner receives the lot (at most the collateral left),
    /// and a borrower left without collateral has the rest of its debt written off as bad debt
    /// (``writeOffBadDebt(market:account:)``). Its flows carry the bid (paid when it was made) and
    /// the lot, and when steps are recorded a ``LiquidationRecord`` priced at bid ÷ lot, with the
    /// penalty: always, without what it cannot read or compute (recording never changes the outcome).
    mutating func settleAuction(market: Int, borrower: AccountID, context: ExecutionContext) throws(RevertReason) -> StepFlows {
        _ = try englishParameters(market)
        guard let auction = markets[market].englishAuctions[borrower] else {
            throw .lending(.auction("none running for this account"))
        }
        guard let winner = auction.bidder, auction.isSettleable(at: context.timestamp) else {
            throw .lending(.auction(auction.bidder == nil ? "no bid to settle" : "still taking bids"))
        }
        try accrue(market: market, at: context.timestamp)
        // Fields read one by one: a copy of the whole market would hold its position table
        // across the writes below (a copy of the table on write).
        let marketAccount = markets[market].account, insuranceFund = markets[market].insuranceFund
        let debtSlot = try listedSlot(market, auction.debtAsset), collateralSlot = try listedSlot(market, auction.collateralAsset)
        // Read for the record only, and without throwing: the settlement itself reads no price,
        // so one whose health cannot be read (a stale or deviating oracle) executes, and its
        // record has no health before.
        let healthBefore = context.recordSteps ? try? health(market: market, account: borrower, at: context.timestamp) : nil
        let owed = debt(market: market, slot: debtSlot, account: borrower)
        let repaid = min(auction.bid, owed)
        if repaid > 0 { try reduceDebt(market: market, slot: debtSlot, account: borrower, by: repaid, owed: owed, payer: marketAccount) }
        do { try ledger.transfer(auction.debtAsset, amount: auction.bid - repaid, from: marketAccount, to: insuranceFund) } catch {
            throw .ledger(error)
        }
        var reserve = markets[market].reserves[collateralSlot]
        let held = supplied(market: market, slot: collateralSlot, account: borrower)
        let seize = min(auction.lot, held, reserve.cash)
        // The borrower's position, opened empty when it has none (as a write of its empty position did).
        let position = openPosition(market, borrower)
        let scaledHeld = markets[market].positions.scaledSupplied(position, slot: collateralSlot)
        let scaled = seize == held ? scaledHeld : min(try Self.amountToScaled(seize, reserve.supplyIndex, rounding: .up), scaledHeld)
        reserve.scaledSupply -= scaled
        reserve.cash -= seize
        writeReserve(market, collateralSlot, reserve, position, .scaledSupplied(scaledHeld - scaled))
        do { try ledger.transfer(auction.collateralAsset, amount: seize, from: marketAccount, to: winner) } catch { throw .ledger(error) }
        writeEnglishAuction(market, borrower, nil)
        try writeOffBadDebt(market: market, account: borrower)
        var flows = StepFlows(assetIn: auction.debtAsset, amountIn: auction.bid, assetOut: auction.collateralAsset, amountOut: seize)
        if context.recordSteps {
            // The record only observes: what it cannot read or compute it leaves out (nil), so
            // recording a settlement never reverts it, and an executed settlement always has one.
            let after = try? health(market: market, account: borrower, at: context.timestamp)
            let debtPrice = try? guardedPrice(markets[market].assets[debtSlot].price, at: context.timestamp)
            flows.liquidation = LiquidationRecord(market: market, borrower: borrower,
                                                  price: auctionClearingPrice(auction, seize: seize, debtPrice: debtPrice),
                                                  healthBefore: healthBefore == .max ? nil : healthBefore,
                                                  healthAfter: after == .max ? nil : after, debtPrice: debtPrice,
                                                  penalty: auction.bid - repaid)
        }
        return flows
    }

    /// The price a settled auction paid for one whole collateral token in the market's unit,
    /// wad: the bid's value at `debtPrice` × 10^decimals / `seize`, rounded down (0 for a zero
    /// bid or nothing seized). Nil when it cannot be computed: the debt price is unknown, or the
    /// price exceeds 128 bits (a large bid won a dust lot: more than ≈ 340 units of account per
    /// raw unit of an 18-decimal collateral).
    private func auctionClearingPrice(_ auction: EnglishAuction, seize: UInt128, debtPrice: UInt128?) -> UInt128? {
        guard seize > 0, auction.bid > 0 else { return 0 }
        guard let debtPrice, let value = try? tokenValue(auction.bid, auction.debtAsset, price: debtPrice, rounding: .down) else {
            return nil
        }
        return try? FixedPoint.mulDiv(value, FixedPoint.powerOfTen(ledger.assets[auction.collateralAsset.index].decimals), seize,
                                      rounding: .down)
    }

    /// English-auction invariants of market `index`: each standing bid is within its tab, and
    /// per debt asset the market's account holds at least its cash plus the bids in escrow.
    /// - Complexity: O(running English auctions).
    func checkEnglishAuctions(_ index: Int) throws(InvariantViolation) {
        let market = markets[index]
        var escrow: [AssetID: UInt128] = [:]
        for (account, auction) in market.englishAuctions {
            guard auction.bid <= auction.tab, auction.bidder != nil || auction.bid == 0 else {
                throw InvariantViolation("market \(market.name): auction of account \(account.index) has bid \(auction.bid) beyond its tab \(auction.tab) or no bidder")
            }
            escrow[auction.debtAsset, default: 0] &+= auction.bid
        }
        for (asset, bids) in escrow.sorted(by: { $0.key < $1.key }) {
            guard let slot = market.slot(of: asset) else { continue }
            let held = ledger.balance(asset, of: market.account)
            let cash = market.reserves[slot].cash
            guard held >= cash, held - cash >= bids else {
                throw InvariantViolation("market \(market.name) \(ledger.assets[asset.index].symbol): holds \(held) < cash \(cash) + bids in escrow \(bids)")
            }
        }
    }
}
