extension ProtocolState {
    /// The price of one whole collateral token in `auction` at `timestamp` (wad), or nil when
    /// the auction must be restarted: older than `tail`, or below `cusp` × top, or at zero.
    public static func auctionPrice(_ auction: Auction, _ parameters: DutchAuctionParameters, at timestamp: Int64) -> UInt128? {
        let elapsed = max(0, timestamp - auction.start)
        guard elapsed <= parameters.tail, elapsed < parameters.duration else { return nil }
        guard let price = try? FixedPoint.mulDiv(auction.top, UInt128(parameters.duration - elapsed), UInt128(parameters.duration),
                                                 rounding: .down),
              let floor = try? FixedPoint.mulDiv(auction.top, parameters.cusp, FixedPoint.wad, rounding: .up),
              price > 0, price >= floor else { return nil }
        return price
    }

    /// The start-auction step (Maker's `bark`; in an English-auction market
    /// ``kickEnglishAuction(market:borrower:debtAsset:collateralAsset:at:)``): reverts unless the market auctions, the
    /// borrower's health is below 1, it owes `debtAsset` and holds `collateralAsset`, and no
    /// live auction of it runs (an expired one is restarted). top = ⌈collateral price × (1 +
    /// startPremium)⌉.
    mutating func startAuction(market: Int, borrower: AccountID, debtAsset: AssetID, collateralAsset: AssetID,
                               at timestamp: Int64) throws(RevertReason) {
        let parameters: DutchAuctionParameters
        switch markets[market].liquidation {
        case .fixedBonus: throw .lending(.auction("market \(markets[market].name) liquidates with a fixed bonus"))
        case .englishAuction:
            return try kickEnglishAuction(market: market, borrower: borrower, debtAsset: debtAsset, collateralAsset: collateralAsset,
                                          at: timestamp)
        case .dutchAuction(let dutch): parameters = dutch
        }
        let debtSlot = try listedSlot(market, debtAsset), collateralSlot = try listedSlot(market, collateralAsset)
        try requireNotPaused(market, .liquidate, at: timestamp)
        try accrue(market: market, at: timestamp)
        let health = try health(market: market, account: borrower, at: timestamp)
        guard health < FixedPoint.wad else { throw .lending(.notLiquidatable(health: health)) }
        if let running = markets[market].auctions[borrower], Self.auctionPrice(running, parameters, at: timestamp) != nil {
            throw .lending(.auction("one is already running"))
        }
        guard debt(market: market, slot: debtSlot, account: borrower) > 0 else { throw .lending(.noDebt) }
        let config = markets[market].assets[collateralSlot]
        guard supplied(market: market, slot: collateralSlot, account: borrower) > 0, config.liquidationThreshold > 0 else {
            throw .lending(.nothingToSeize)
        }
        let price = try guardedPrice(config.price, at: timestamp)
        let top: UInt128
        do { top = try FixedPoint.mulDiv(price, FixedPoint.wad + parameters.startPremium, FixedPoint.wad, rounding: .up) } catch {
            throw .arithmetic(error)
        }
        writeAuction(market, borrower, Auction(start: timestamp, top: top, debtAsset: debtAsset, collateralAsset: collateralAsset))
    }

    /// A purchase from `borrower`'s running auction at its current price (no close factor: the
    /// whole position is for sale, as in Maker): repay = min(`requested`, debt), seize =
    /// ⌊repay × p_debt / auction price⌋; when less collateral is left, all of it is sold and the
    /// repayment shrinks to ⌈collateral × auction price / p_debt⌉. Health is checked when the
    /// auction starts, not at each purchase: the quote's health before is nil when it cannot be
    /// read.
    func quoteAuctionTake(
        market: Int, borrower: AccountID, debtSlot: Int, collateralSlot: Int, requested: UInt128,
        parameters: DutchAuctionParameters, at timestamp: Int64
    ) throws(RevertReason) -> LiquidationQuote {
        let book = markets[market]
        let debtAsset = book.assets[debtSlot].asset, collateralAsset = book.assets[collateralSlot].asset
        guard let auction = book.auctions[borrower], auction.debtAsset == debtAsset, auction.collateralAsset == collateralAsset else {
            throw .lending(.auction("none running for this account and pair"))
        }
        guard let auctionPrice = Self.auctionPrice(auction, parameters, at: timestamp) else {
            throw .lending(.auction("expired, restart it"))
        }
        let owed = debt(market: market, slot: debtSlot, account: borrower)
        let collateral = supplied(market: market, slot: collateralSlot, account: borrower)
        guard owed > 0 else { throw .lending(.noDebt) }
        guard collateral > 0 else { throw .lending(.nothingToSeize) }
        var repay = min(requested, owed)
        guard repay > 0 else { throw .lending(.zeroAmount) }
        // Read for the record only, and without throwing: a purchase prices the collateral at the
        // auction's price, so one whose health cannot be read (a stale or deviating collateral
        // oracle) still executes, recorded without a health before.
        let health = try? health(market: market, account: borrower, at: timestamp)
        let debtPrice = try guardedPrice(book.assets[debtSlot].price, at: timestamp)
        do {
            let repaidValue = try tokenValue(repay, debtAsset, price: debtPrice, rounding: .down)
            let collateralScale = FixedPoint.powerOfTen(ledger.assets[collateralAsset.index].decimals)
            var seize = try FixedPoint.mulDiv(repaidValue, collateralScale, auctionPrice, rounding: .down)
            if seize > collateral {
                seize = collateral
                let neededValue = try tokenValue(collateral, collateralAsset, price: auctionPrice, rounding: .up)
                let debtScale = FixedPoint.powerOfTen(ledger.assets[debtAsset.index].decimals)
                repay = min(repay, try FixedPoint.mulDiv(neededValue, debtScale, debtPrice, rounding: .up))
            }
            return LiquidationQuote(repay: repay, seize: seize, healthBefore: health, price: auctionPrice)
        } catch {
            throw .arithmetic(error)
        }
    }
}
