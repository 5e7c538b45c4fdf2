/// The automated price reserves and fixed-price depots of the protocol (bZx #2's Kyber and
/// Synthetix legs; Qin et al., FC 2021, App. C): building them, trading with them through
/// transaction steps, journalling their writes, and checking them.
extension ProtocolState {
    /// Creates an automated price reserve holding `inventoryX`/`inventoryY` taken from
    /// `provider`, or minted into it when `provider` is nil (a scenario's genesis); prices and
    /// `rate` are wad (X per Y; rate per whole X). Called while the world is being built.
    ///
    /// - Throws: ``VenueError/priceOutOfRange`` when `minPrice ≥ maxPrice`, `rate` is zero or the
    ///   initial price minPrice·e^(rate·inventoryX) is above `maxPrice`; a ``LedgerError`` when
    ///   the provider cannot pay.
    public mutating func addReserve(
        name: String, assetX: AssetID, assetY: AssetID, minPrice: UInt128, maxPrice: UInt128, rate: UInt128,
        inventoryX: UInt128, inventoryY: UInt128, provider: AccountID?
    ) throws -> Int {
        precondition(assetX != assetY, "a reserve trades two different assets")
        let reserve = AutomatedPriceReserve(
            decimalsX: ledger.assets[assetX.index].decimals, decimalsY: ledger.assets[assetY.index].decimals,
            minPrice: minPrice, maxPrice: maxPrice, rate: rate, inventoryX: inventoryX, inventoryY: inventoryY)
        guard minPrice > 0, minPrice < maxPrice, rate > 0, try reserve.price(rounding: .down) <= maxPrice else {
            throw VenueError.priceOutOfRange
        }
        let account = ledger.addAccount(named: "reserve:\(name)")
        try fund(account, assetX, inventoryX, from: provider)
        try fund(account, assetY, inventoryY, from: provider)
        ledger.commit()
        reserves.append(ReserveVenue(name: name, assetX: assetX, assetY: assetY, account: account, reserve: reserve))
        return reserves.count - 1
    }

    /// Creates a fixed-price depot selling `inventory` of `sells` (taken from `provider`, or
    /// minted when it is nil) for `paidWith` at `price` (`sells` per whole `paidWith`, wad).
    /// Called while the world is being built.
    public mutating func addDepot(
        name: String, sells: AssetID, paidWith: AssetID, price: UInt128, inventory: UInt128, provider: AccountID?
    ) throws -> Int {
        precondition(sells != paidWith, "a depot trades two different assets")
        let depot = FixedPriceDepot(decimalsX: ledger.assets[paidWith.index].decimals, decimalsY: ledger.assets[sells.index].decimals,
                                    price: price, inventoryY: inventory)
        let account = ledger.addAccount(named: "depot:\(name)")
        try fund(account, sells, inventory, from: provider)
        ledger.commit()
        depots.append(DepotVenue(name: name, assetX: paidWith, assetY: sells, account: account, depot: depot))
        return depots.count - 1
    }

    /// Moves `amount` from `provider` to a new venue's `account`, or mints it there when
    /// `provider` is nil (not journalled: world building only).
    private mutating func fund(_ account: AccountID, _ asset: AssetID, _ amount: UInt128, from provider: AccountID?) throws(LedgerError) {
        if let provider {
            try ledger.transfer(asset, amount: amount, from: provider, to: account)
        } else {
            try ledger.mint(asset, amount: amount, to: account)
        }
    }

    /// Registers an oracle answering reserve `reserve`'s current price of its Y in its X (wad),
    /// in the unit of X's symbol. It moves with every trade, inside the same transaction (bZx #2's
    /// oracle read Kyber).
    public mutating func addReserveOracle(name: String, reserve: Int) -> Int {
        addOracle(name: name, unit: ledger.assets[reserves[reserve].assetX.index].symbol, kind: .reserve(reserve))
    }

    /// Reserve `index`'s current price of Y in X, wad, rounded down.
    func reservePrice(_ index: Int, oracle: String) throws(OracleError) -> UInt128 {
        do { return try reserves[index].reserve.price(rounding: .down) } catch {
            guard case .arithmetic(let arithmetic) = error else { throw .emptyPool(oracle: oracle) }
            throw .arithmetic(oracle: oracle, arithmetic)
        }
    }

    /// Sells `amountIn` of X (`sellX`) or Y into reserve `index` for the sender; reverts unless
    /// at least `minAmountOut` comes out.
    mutating func reserveSwap(_ index: Int, sellX: Bool, amountIn: UInt128, minAmountOut: UInt128,
                              sender: AccountID) throws(RevertReason) -> StepFlows {
        guard amountIn > 0 else { throw .venue(.zeroAmount) }
        var venue = reserves[index]
        let out: UInt128
        do { out = sellX ? try venue.reserve.sell(xIn: amountIn) : try venue.reserve.sell(yIn: amountIn) } catch { throw .venue(error) }
        let (input, output) = sellX ? (venue.assetX, venue.assetY) : (venue.assetY, venue.assetX)
        guard out >= minAmountOut else { throw .slippage(asset: output, minimum: minAmountOut, actual: out) }
        do {
            try ledger.transfer(input, amount: amountIn, from: sender, to: venue.account)
            try ledger.transfer(output, amount: out, from: venue.account, to: sender)
        } catch { throw .ledger(error) }
        journal(.priceReserve(index: index, old: reserves[index]))
        reserves[index] = venue
        return StepFlows(assetIn: input, amountIn: amountIn, assetOut: output, amountOut: out)
    }

    /// Buys from depot `index` with up to `amountIn` of its X (beyond its inventory, only the X
    /// that pays for what it holds); reverts unless at least `minAmountOut` of Y comes out.
    mutating func depotBuy(_ index: Int, amountIn: UInt128, minAmountOut: UInt128, sender: AccountID) throws(RevertReason) -> StepFlows {
        guard amountIn > 0 else { throw .venue(.zeroAmount) }
        var venue = depots[index]
        let (used, out): (UInt128, UInt128)
        do { (used, out) = try venue.depot.sell(xIn: amountIn) } catch { throw .venue(error) }
        guard out >= minAmountOut else { throw .slippage(asset: venue.assetY, minimum: minAmountOut, actual: out) }
        do {
            venue.proceeds = try FixedPoint.add(venue.proceeds, used)
        } catch { throw .arithmetic(error) }
        do {
            try ledger.transfer(venue.assetX, amount: used, from: sender, to: venue.account)
            try ledger.transfer(venue.assetY, amount: out, from: venue.account, to: sender)
        } catch { throw .ledger(error) }
        journal(.depot(index: index, old: depots[index]))
        depots[index] = venue
        return StepFlows(assetIn: venue.assetX, amountIn: used, assetOut: venue.assetY, amountOut: out)
    }

    /// Checks each reserve and depot written since journal position `start` (its account's
    /// balances equal its recorded inventories) and each margin venue written
    /// (``checkMarginInvariants(since:)``). O(records since `start`).
    func checkVenueInvariants(since start: Int) throws(InvariantViolation) {
        for record in referencingRecords(since: start) {
            switch record {
            case .priceReserve(let index, _): try checkReserveVenue(index)
            case .depot(let index, _): try checkDepotVenue(index)
            default: continue
            }
        }
        try checkMarginInvariants(since: start)
        try checkPerpInvariants(since: start)
        try checkOptionInvariants(since: start)
    }

    /// Checks every reserve, depot and margin venue. O(reserves + depots + margin positions).
    func checkAllVenues() throws(InvariantViolation) {
        for index in reserves.indices { try checkReserveVenue(index) }
        for index in depots.indices { try checkDepotVenue(index) }
        for index in marginVenues.indices { try checkMarginVenueFully(index) }
        for index in perpMarkets.indices { try checkPerpMarketFully(index) }
        for index in optionVaults.indices { try checkOptionVault(index) }
    }

    private func checkReserveVenue(_ index: Int) throws(InvariantViolation) {
        let venue = reserves[index]
        let balanceX = ledger.balance(venue.assetX, of: venue.account), balanceY = ledger.balance(venue.assetY, of: venue.account)
        guard balanceX == venue.reserve.inventoryX, balanceY == venue.reserve.inventoryY else {
            throw InvariantViolation("reserve \(venue.name): inventories \(venue.reserve.inventoryX)/\(venue.reserve.inventoryY) ≠ balances \(balanceX)/\(balanceY)")
        }
    }

    private func checkDepotVenue(_ index: Int) throws(InvariantViolation) {
        let venue = depots[index]
        let balanceX = ledger.balance(venue.assetX, of: venue.account), balanceY = ledger.balance(venue.assetY, of: venue.account)
        guard balanceX == venue.proceeds, balanceY == venue.depot.inventoryY else {
            throw InvariantViolation("depot \(venue.name): proceeds/inventory \(venue.proceeds)/\(venue.depot.inventoryY) ≠ balances \(balanceX)/\(balanceY)")
        }
    }
}
