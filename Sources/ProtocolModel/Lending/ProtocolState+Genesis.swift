extension ProtocolState {
    /// Registers a population's `count` accounts at once, named `prefix` followed by 0, 1, …
    /// (``Ledger/addAccounts(count:prefix:)``); returns their indices. Called while the world
    /// is built, before their genesis positions open.
    public mutating func addAccounts(count: Int, prefix: String) -> Range<Int> {
        ledger.addAccounts(count: count, prefix: prefix)
    }

    /// Opens fresh accounts' positions in `market` at genesis, in row order: each row mints its
    /// collateral to its account, deposits it and borrows, with exactly the checks, roundings,
    /// errors and resulting state of ``endow(_:amount:to:)`` followed by a deposit transaction
    /// and a borrow transaction at `timestamp`, each committed (caps, isolation, cash,
    /// borrowing power, pauses) — without their journals, checkpoints and per-row re-keying.
    ///
    /// Oracle prices are read once per asset: at genesis nothing a price depends on (pools,
    /// oracles, venues, vaults) changes while lending positions open. Reserve totals are
    /// written once, and the liquidation index takes the new positions in one heapify per heap.
    /// The heaps' internal order may differ from row-by-row insertion; every query answers the
    /// same.
    ///
    /// NOTE: a transaction per row (checkpoint, journal, commit, re-key, a price read per
    /// valuation) cost ≈ 25 k instructions per borrower of benchmark-day; this path ≈ 1.8 k
    /// (callgrind, 10,000 borrowers; 2.2 k before the endowment went straight to the market and
    /// the collateral was valued through reduced ratios, 4.0 k while each position owned two
    /// arrays), most of it the health-target borrow and the index's insertion.
    ///
    /// - Precondition: no open transaction, no interest left to accrue at `timestamp`, and every
    ///   row's account holds no position in the market (each account appears once).
    /// - Throws: ``GenesisRefusal`` for the first row the market refuses; the rows before it stand.
    /// - Complexity: O(rows × market assets + positions indexed in the pairs the rows use).
    public mutating func openGenesisPositions(market: Int, _ rows: [GenesisPosition], at timestamp: Int64) throws(GenesisRefusal) {
        precondition(ledger.journal.isEmpty && modelUndo.isEmpty && poolUndo.isEmpty, "genesis positions open between transactions")
        precondition(markets[market].reserves.allSatisfy { $0.lastAccrual >= timestamp }, "genesis positions open before interest accrues")
        guard !rows.isEmpty else { return }
        commit()  // creates the market's liquidation index if it is new; nothing is journalled
        var book = GenesisBook(self, market: market, timestamp: timestamp)
        // NOTE: the position table moves into the book while the rows open, and back after: its
        // reads and writes skip the markets array's bounds and uniqueness checks.
        swap(&book.positions, &markets[market].positions)
        let firstRow = book.positions.count
        book.positions.reserveCapacity(rows: rows.count, accountBound: (rows.lazy.map(\.account.index).max() ?? -1) + 1)
        var refusal: GenesisRefusal?
        for (index, row) in rows.enumerated() {
            do { try openGenesisPosition(row, &book) } catch {
                refusal = GenesisRefusal(row: index, failure: error)
                break
            }
        }
        markets[market].reserves = book.reserves
        swap(&book.positions, &markets[market].positions)
        liquidationIndices[market].insertFresh(rows: firstRow ..< markets[market].positions.count, of: markets[market].positions,
                                               config: book.configs)
        if let refusal { throw refusal }
    }

    /// One row: its endowment, deposit and borrow; the position is written when the deposit
    /// stands, even if the borrow is then refused.
    private mutating func openGenesisPosition(_ row: GenesisPosition, _ book: inout GenesisBook) throws(GenesisRefusal.Failure) {
        let amount = row.collateralAmount
        guard amount > 0 else { return }
        // NOTE: the endowment is checked first, and minted straight to the market's account when
        // the deposit stands: the same balances and supply as a mint to the row's account and
        // the deposit's transfer out of it (which cannot fail after that mint), with one ledger
        // write instead of three (≈ 80 instructions a borrower).
        precondition(row.account.index < ledger.accountCount, "a registered account")
        let supply: UInt128
        do { supply = try ledger.genesisSupply(minting: amount, of: row.collateral) } catch { throw .endowment(error) }
        let position: LendingPosition
        do { position = try genesisDeposit(row, supply: supply, &book) } catch {
            ledger.genesisMint(row.collateral, amount: amount, to: row.account, supply: supply)
            throw .deposit(error)
        }
        try genesisBorrow(row, position, &book)
    }

    /// The deposit step's checks and writes (ProtocolState+LendingSteps.swift), on the book's
    /// running totals; opens the row's position. The row's endowment, not minted yet, is
    /// minted to the market's account (the collateral's supply becomes `supply`) when the
    /// deposit stands. (Its isolation check cannot fail: a fresh account supplies nothing yet.)
    // NOTE: the reserve's fields are read and written in place: a copy of the whole reserve in
    // and out (144 bytes each way) per row cost more than the arithmetic.
    private mutating func genesisDeposit(_ row: GenesisPosition, supply: UInt128, _ book: inout GenesisBook) throws(RevertReason) -> LendingPosition {
        let value = row.collateralAmount
        let slot = try genesisSlot(row.collateral, book)
        let supplyIndex = book.reserves[slot].supplyIndex
        let scaled: UInt128, scaledSupply: UInt128, cash: UInt128
        do {
            scaled = try FixedPoint.mulDiv(value, FixedPoint.wad, supplyIndex, rounding: .down)
            scaledSupply = try FixedPoint.add(book.reserves[slot].scaledSupply, scaled)
            cash = try FixedPoint.add(book.reserves[slot].cash, value)
        } catch { throw .arithmetic(error) }
        if let cap = book.configs[slot].supplyCap, Self.scaledToAmount(scaledSupply, supplyIndex, rounding: .down) > cap {
            throw .lending(.supplyCapExceeded(asset: ledger.assets[row.collateral.index].symbol, cap: cap))
        }
        ledger.genesisMint(row.collateral, amount: value, to: book.account, supply: supply)
        let position = book.positions.open(row.account)
        book.positions.setScaledSupplied(position, slot: slot, scaled)
        book.reserves[slot].scaledSupply = scaledSupply
        book.reserves[slot].cash = cash
        return position
    }

    /// The borrow the row asks for, then the borrow step's checks and writes, on the book's
    /// running totals.
    private mutating func genesisBorrow(_ row: GenesisPosition, _ position: LendingPosition,
                                        _ book: inout GenesisBook) throws(GenesisRefusal.Failure) {
        let value: UInt128
        var collateral: AccountValues?
        switch row.borrow {
        case .exact(let amount):
            value = amount
        case .health(let health):
            let values: AccountValues
            do { values = try genesisValues(position, &book, collateral: nil) } catch { throw .valuation(error) }
            collateral = values
            let debtSlot: Int
            do { debtSlot = try genesisSlot(row.debt, book) } catch { throw .valuation(error) }
            let debtPrice: Double
            do { debtPrice = try genesisPrice(debtSlot, &book).value } catch { throw .debtPrice(error) }
            let target = TokenUnits.toDouble(values.weightedCollateral, decimals: 18) / health / debtPrice
            let most: UInt128
            do { most = try genesisMaxBorrow(debtSlot, position, values, &book) } catch { throw .valuation(error) }
            value = min(TokenUnits.fromDouble(target, decimals: ledger.assets[row.debt.index].decimals), most)
        }
        guard value > 0 else { return }
        do { try genesisBorrowStep(row.debt, value, row.account, position, &book, collateral: collateral) } catch { throw .borrow(error) }
    }

    /// ``maxBorrow(market:asset:account:at:)`` of a position not yet written, valued `values`, for
    /// the asset of slot `slot`.
    // NOTE: inlined, as are genesisValues, genesisSlot and genesisPrice: each call of a
    // non-mutating method from a mutating one copied the state's fields onto the stack. ≈ 300
    // instructions a row less (openGenesisPositions 53.6 M -> 47.4 M, benchmark-day warm-up + 1).
    // They are `mutating` though they write nothing, and read single fields of the book's
    // configurations and totals instead of copying them: inlined non-mutating, they still had the
    // state (152 bytes) copied three times a row (47.8 M -> 44.6 M).
    @inline(__always)
    private mutating func genesisMaxBorrow(_ slot: Int, _ position: LendingPosition, _ values: AccountValues,
                                  _ book: inout GenesisBook) throws(RevertReason) -> UInt128 {
        guard book.configs[slot].borrowable else { return 0 }
        if book.isolated, book.positions.owesOtherThan(position, slot: slot) { return 0 }
        guard values.borrowingPower > values.debt else { return 0 }
        // The price is read (a failure is this call's), then ⌊(power − debt)·10^d / price⌋
        // through its ratio (GenesisRatio.swift).
        do { _ = try genesisPrice(slot, &book) } catch { throw .oracle(error) }
        var amount: UInt128
        do { amount = try book.amountRatios[slot].floor(values.borrowingPower - values.debt) } catch { throw .arithmetic(error) }
        amount = min(amount, book.reserves[slot].cash)
        if let cap = book.configs[slot].borrowCap {
            let total = Self.scaledToAmount(book.reserves[slot].scaledDebt, book.reserves[slot].borrowIndex, rounding: .up)
            amount = min(amount, cap > total ? cap - total : 0)
        }
        return amount
    }

    /// The borrow step (ProtocolState+LendingSteps.swift) of `value` raw units, with its
    /// borrowing-power check; nothing changes when it reverts. `collateral`: the valuation of the
    /// position before this borrow, when `value` is at most the ``maxBorrow(market:asset:account:at:)``
    /// computed from it (its collateral sums are reused).
    private mutating func genesisBorrowStep(_ asset: AssetID, _ value: UInt128, _ account: AccountID,
                                            _ position: LendingPosition, _ book: inout GenesisBook,
                                            collateral: AccountValues?) throws(RevertReason) {
        let slot = try genesisSlot(asset, book)
        try requireNotPaused(book.market, .borrow, at: book.timestamp)
        guard book.configs[slot].borrowable else { throw .lending(.notBorrowable(ledger.assets[asset.index].symbol)) }
        if book.isolated, book.positions.owesOtherThan(position, slot: slot) {
            throw .lending(.isolated("one debt asset per account"))
        }
        let cash = book.reserves[slot].cash, borrowIndex = book.reserves[slot].borrowIndex
        guard value <= cash else {
            throw .lending(.insufficientLiquidity(asset: ledger.assets[asset.index].symbol, needed: value, available: cash))
        }
        let scaled: UInt128, scaledDebt: UInt128
        do {
            scaled = try FixedPoint.mulDiv(value, FixedPoint.wad, borrowIndex, rounding: .up)
            scaledDebt = try FixedPoint.add(book.reserves[slot].scaledDebt, scaled)
        } catch { throw .arithmetic(error) }
        if let cap = book.configs[slot].borrowCap, Self.scaledToAmount(scaledDebt, borrowIndex, rounding: .up) > cap {
            throw .lending(.borrowCapExceeded(asset: ledger.assets[asset.index].symbol, cap: cap))
        }
        let scaledBefore = book.positions.scaledDebt(position, slot: slot)
        book.positions.setScaledDebt(position, slot: slot, scaledBefore + scaled)
        // The step's borrowing-power check (the indices it values with do not move at genesis).
        // NOTE: a borrow of at most maxBorrow = ⌊(power − debt)·10^d / price⌋ (`collateral` is
        // then the valuation it came from) at a borrow index of 1 adds exactly ⌈value·price /
        // 10^d⌉ ≤ power − debt to the debt, with the same price: the check cannot fail, nor
        // overflow, so it is skipped — one valuation (≈ 400 instructions) less per borrower.
        let provenWithinPower = collateral != nil && borrowIndex == FixedPoint.wad
        do throws(RevertReason) {
            if !provenWithinPower {
                let values = try genesisValues(position, &book, collateral: collateral)
                guard values.debt <= values.borrowingPower else {
                    throw .lending(.insufficientCollateral(borrowingPower: values.borrowingPower, debt: values.debt))
                }
            }
            do { try ledger.genesisTransfer(asset, amount: value, from: book.account, to: account) } catch { throw .ledger(error) }
        } catch {
            book.positions.setScaledDebt(position, slot: slot, scaledBefore)
            throw error
        }
        book.reserves[slot].scaledDebt = scaledDebt
        book.reserves[slot].cash = cash - value
    }

    /// ``accountValues(market:account:at:)`` of `position`, with the book's prices and indices.
    /// With `collateral`, the position's collateral sums valued before (its supplied balances
    /// unchanged since), only its debt is valued: the same sums, whose overflow does not depend
    /// on the order of their non-negative terms.
    @inline(__always)
    private mutating func genesisValues(_ position: LendingPosition, _ book: inout GenesisBook,
                               collateral: AccountValues?) throws(RevertReason) -> AccountValues {
        var values = AccountValues(weightedCollateral: collateral?.weightedCollateral ?? 0,
                                   borrowingPower: collateral?.borrowingPower ?? 0, debt: 0)
        for slot in book.configs.indices {
            let scaledSupplied = collateral == nil ? book.positions.scaledSupplied(position, slot: slot) : 0
            let scaledDebt = book.positions.scaledDebt(position, slot: slot)
            guard scaledSupplied > 0 || scaledDebt > 0 else { continue }
            let price: UInt128
            do { price = try genesisPrice(slot, &book).price } catch { throw .oracle(error) }
            let unit = book.units[slot]
            do {
                if scaledSupplied > 0, book.configs[slot].liquidationThreshold > 0 {
                    let factors = book.factors[slot]
                    let amount = try FixedPoint.mulDiv(scaledSupplied, book.reserves[slot].supplyIndex, FixedPoint.wad, rounding: .down)
                    // ⌊amount·price / 10^d⌋ and ⌊value·LT / wad⌋ (GenesisRatio.swift).
                    let value = try book.valueRatios[slot].floor(amount)
                    let weighted = try book.factorRatios[slot].liquidationThreshold.floor(value)
                    values.weightedCollateral = try FixedPoint.add(values.weightedCollateral, weighted)
                    // NOTE: the same product when the factors are equal (as they often are): one
                    // 256-bit division (≈ 200 instructions) less per borrower.
                    values.borrowingPower = try FixedPoint.add(values.borrowingPower, factors.collateralFactor == factors.liquidationThreshold
                        ? weighted : try book.factorRatios[slot].collateralFactor.floor(value))
                }
                if scaledDebt > 0 {
                    let amount = try FixedPoint.mulDiv(scaledDebt, book.reserves[slot].borrowIndex, FixedPoint.wad, rounding: .up)
                    values.debt = try FixedPoint.add(values.debt, try FixedPoint.mulDiv(amount, price, unit, rounding: .up))
                }
            } catch {
                throw .arithmetic(error)
            }
        }
        return values
    }

    /// ``listedSlot(_:_:)`` of `asset` in the book's market, from the book's table of slots.
    @inline(__always)
    private mutating func genesisSlot(_ asset: AssetID, _ book: GenesisBook) throws(RevertReason) -> Int {
        let slot = asset.index < book.slotOfAsset.count ? book.slotOfAsset[asset.index] : -1
        guard slot >= 0 else { throw .lending(.unlistedAsset(ledger.assets[asset.index].symbol)) }
        return slot
    }

    /// Slot `slot`'s guarded price at the book's timestamp (wad), and as a Double
    /// (``TokenUnits/toDouble(_:decimals:)``), read once (a failure is not kept: it stops the
    /// genesis); sets the slot's value and amount ratios.
    @inline(__always)
    private mutating func genesisPrice(_ slot: Int, _ book: inout GenesisBook) throws(OracleError) -> (price: UInt128, value: Double) {
        if let price = book.prices[slot] { return price }
        let price = try self.price(book.configs[slot].price, at: book.timestamp)
        let read = (price: price, value: TokenUnits.toDouble(price, decimals: 18))
        book.prices[slot] = read
        book.valueRatios[slot] = GenesisRatio(price, book.units[slot])
        book.amountRatios[slot] = GenesisRatio(book.units[slot], price)
        return read
    }
}

/// The running state of one ``ProtocolState/openGenesisPositions(market:_:at:)`` call, and the
/// market's parameters read once.
private struct GenesisBook {
    let market: Int
    let timestamp: Int64
    /// The market's cash account.
    let account: AccountID
    let isolated: Bool
    let configs: [MarketAssetConfig]
    /// The slot listing each asset, by asset index (the first, as ``ProtocolState/listedSlot(_:_:)``
    /// finds it); −1: not listed. Three lookups a row, each a load instead of a search of
    /// the configurations.
    let slotOfAsset: [Int]
    /// Collateral factor and liquidation threshold in force (``ProtocolState/effectiveFactors(market:slot:)``), by slot.
    let factors: [(collateralFactor: UInt128, liquidationThreshold: UInt128)]
    /// 10^decimals of each slot's asset.
    let units: [UInt128]
    /// The market's totals as the rows so far left them, by slot.
    var reserves: [MarketAssetState]
    /// Guarded prices read so far (wad, and as a Double), by slot.
    var prices: [(price: UInt128, value: Double)?]
    /// price / 10^decimals (raw units to value) and its inverse, by slot; set with the price.
    var valueRatios: [GenesisRatio]
    var amountRatios: [GenesisRatio]
    /// `factors` over wad, by slot.
    let factorRatios: [(collateralFactor: GenesisRatio, liquidationThreshold: GenesisRatio)]
    /// The market's positions while the rows open (the market holds an empty table meanwhile).
    var positions: LendingPositions

    init(_ state: ProtocolState, market: Int, timestamp: Int64) {
        let book = state.markets[market]
        self.market = market
        self.timestamp = timestamp
        account = book.account
        isolated = book.mode == .isolated
        configs = book.assets
        var slotOfAsset = [Int](repeating: -1, count: state.ledger.assets.count)
        for (slot, config) in book.assets.enumerated().reversed() { slotOfAsset[config.asset.index] = slot }
        self.slotOfAsset = slotOfAsset
        factors = book.assets.indices.map { state.effectiveFactors(market: market, slot: $0) }
        units = book.assets.map { FixedPoint.powerOfTen(state.ledger.assets[$0.asset.index].decimals) }
        reserves = book.reserves
        prices = [(price: UInt128, value: Double)?](repeating: nil, count: book.assets.count)
        valueRatios = [GenesisRatio](repeating: GenesisRatio(0, 0), count: book.assets.count)
        amountRatios = valueRatios
        factorRatios = factors.map { (GenesisRatio($0.collateralFactor, FixedPoint.wad), GenesisRatio($0.liquidationThreshold, FixedPoint.wad)) }
        positions = LendingPositions(slots: book.assets.count)
    }
}

extension Ledger {
    /// The supply of `asset` after minting `amount`, or the error ``mint(_:amount:to:)`` gives.
    fileprivate func genesisSupply(minting amount: UInt128, of asset: AssetID) throws(LedgerError) -> UInt128 {
        let (newSupply, overflow) = supply[asset.index].addingReportingOverflow(amount)
        guard !overflow else { throw .supplyOverflow(asset: assets[asset.index].symbol) }
        return newSupply
    }

    /// ``mint(_:amount:to:)`` outside any transaction, not journalled (genesis): `supply` is
    /// ``genesisSupply(minting:of:)`` of the same amount, the supply unchanged since.
    fileprivate mutating func genesisMint(_ asset: AssetID, amount: UInt128, to account: AccountID, supply newSupply: UInt128) {
        supply[asset.index] = newSupply
        // NOTE: one access to the asset's row (each nested-array write checked both arrays'
        // uniqueness). The balance cannot overflow: it is at most the new supply.
        balances[asset.index].withUnsafeMutableBufferPointer { row in
            precondition(row.indices.contains(account.index), "a registered account")
            row[account.index] &+= amount
        }
    }

    /// ``transfer(_:amount:from:to:)`` outside any transaction, not journalled (genesis).
    fileprivate mutating func genesisTransfer(_ asset: AssetID, amount: UInt128, from: AccountID, to: AccountID) throws(LedgerError) {
        guard amount > 0, from != to else { return }
        let available = balances[asset.index][from.index]
        guard available >= amount else {
            throw .insufficientBalance(asset: assets[asset.index].symbol, account: accountNames[from.index],
                                       needed: amount, available: available)
        }
        // As in ``transfer(_:amount:from:to:)``: both balances through one access to the row; the
        // receiver's cannot overflow (at most the supply).
        balances[asset.index].withUnsafeMutableBufferPointer { row in
            precondition(row.indices.contains(to.index), "a registered account")
            row[from.index] = available - amount
            row[to.index] &+= amount
        }
    }
}
