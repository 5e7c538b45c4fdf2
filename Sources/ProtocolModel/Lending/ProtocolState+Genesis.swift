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
    /// oracles, venues, vaults) changes while lending positions open. The reserve totals, the
    /// market account's balances and the assets' supplies are tallied in the call's own buffer
    /// of slots, written to the ledger before a price is first read and at the end; the rows'
    /// balances are written in place in new rows of the position table, and the liquidation
    /// index takes the new positions in one heapify per heap. The heaps' internal order may
    /// differ from row-by-row insertion; every query answers the same.
    ///
    /// NOTE: a transaction per row (checkpoint, journal, commit, re-key, a price read per
    /// valuation) cost ≈ 25 k instructions per borrower of benchmark-day; this path ≈ 0.93 k
    /// (callgrind, 10,000 borrowers; 1.06 k while the index placed each row from the table over
    /// every slot, 1.8 k while each row appended its position to the table, credited the market's
    /// account in the ledger and was valued over every slot, 4.0 k while each position owned two
    /// arrays): the row's steps ≈ 660 (a third of it the borrow's conversions and divisions), the
    /// index's placement of the row, which knows its two slots, ≈ 70, its insertion ≈ 115.
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
        let book = GenesisBook(self, market: market, timestamp: timestamp)
        var slots = book.slots(self)
        // The rows' borrows are credited to their accounts, registered before: the columns of
        // the assets they may borrow hold every account at once, not one more a row.
        for slot in slots where slot.borrowable { ledger.cover(slot.asset, AccountID(ledger.accountCount - 1)) }
        var refusal: GenesisRefusal?
        // NOTE: the position table moves out of the market while the rows open, and back after;
        // the rows' balances are written in place in its new rows, and the slots through one
        // buffer for all rows: no uniqueness or bounds check of an array per field read or written.
        var positions = LendingPositions(slots: slots.count)
        swap(&positions, &markets[market].positions)
        let accounts = UnsafeMutableBufferPointer<AccountID>.allocate(capacity: rows.count)
        defer { accounts.deallocate() }
        let placements = UnsafeMutableBufferPointer<LiquidationIndex.Placement>.allocate(capacity: rows.count)
        defer { placements.deallocate() }
        var openedCount = 0
        positions.openGenesisRows(capacity: rows.count) { scaledSupplied, scaledDebt in
            var opened = GenesisRows(accounts: accounts, placements: placements, scaledSupplied: scaledSupplied, scaledDebt: scaledDebt,
                                     slots: slots.count)
            slots.withUnsafeMutableBufferPointer { slots in
                var index = 0
                while index < rows.count {
                    index = openPlainGenesisRun(rows, from: index, slots, book, &opened)
                    guard index < rows.count else { break }
                    do throws(GenesisRefusal.Failure) { try openGenesisPosition(rows[index], slots, book, &opened) } catch {
                        refusal = GenesisRefusal(row: index, failure: error)
                        break
                    }
                    index += 1
                }
            }
            openedCount = opened.count
            return UnsafeBufferPointer(rebasing: accounts[..<opened.count])
        }
        swap(&positions, &markets[market].positions)
        slots.withUnsafeMutableBufferPointer { writeGenesisTallies($0, book) }
        for (slot, tally) in slots.enumerated() { markets[market].reserves[slot] = tally.reserve }
        liquidationIndices[market].insertFresh(UnsafeBufferPointer(rebasing: accounts[..<openedCount]),
                                               placements: UnsafeBufferPointer(rebasing: placements[..<openedCount]))
        if let refusal { throw refusal }
    }

    /// One row: its endowment, deposit and borrow; the position is written when the deposit
    /// stands, even if the borrow is then refused.
    // NOTE: the row's account holds no position before: its valuation has only the deposit's
    // balance (and then the borrow's), and the isolation checks, which look for another debt,
    // cannot fail.
    @inline(__always)
    private mutating func openGenesisPosition(_ row: GenesisPosition, _ slots: UnsafeMutableBufferPointer<GenesisSlot>,
                                              _ book: GenesisBook, _ opened: inout GenesisRows) throws(GenesisRefusal.Failure) {
        let amount = row.collateralAmount
        guard amount > 0 else { return }
        precondition(row.account.index < ledger.accountCount, "a registered account")
        // The endowment is checked first, and minted straight to the market's account when the
        // deposit stands: the same balances and supply as a mint to the row's account and the
        // deposit's transfer out of it (which cannot fail after that mint).
        let collateral = book.slot(of: row.collateral)
        let supply: UInt128
        do {
            supply = try ledger.genesisSupply(collateral >= 0 ? slots[collateral].supply : ledger.supply[row.collateral.index],
                                              minting: amount, of: row.collateral)
        } catch { throw .endowment(error) }
        let scaled: UInt128
        do { scaled = try genesisDeposit(amount, collateral, row.collateral, slots) } catch {
            ledger.cover(row.collateral, row.account)
            genesisCredit(row.collateral, collateral, amount: amount, to: row.account, slots, book, supply: supply)
            throw .deposit(error)
        }
        slots[collateral].supply = supply
        slots[collateral].marketBalance &+= amount  // at most the supply
        let position = opened.open(row.account, slot: collateral, scaledSupplied: scaled)
        let value: UInt128
        var valued: AccountValues?
        switch row.borrow {
        case .exact(let amount):
            value = amount
        case .health(let health):
            var values = AccountValues(weightedCollateral: 0, borrowingPower: 0, debt: 0)
            do { try genesisValue(collateral, scaledSupplied: scaled, scaledDebt: 0, slots, book, into: &values) } catch { throw .valuation(error) }
            valued = values
            let debt = book.slot(of: row.debt)
            guard debt >= 0 else { throw .valuation(.lending(.unlistedAsset(ledger.assets[row.debt.index].symbol))) }
            let debtPrice: Double
            do { debtPrice = try genesisPrice(debt, slots, book).value } catch { throw .debtPrice(error) }
            let target = TokenUnits.toDouble(values.weightedCollateral, decimals: 18) / health / debtPrice
            let most: UInt128
            do { most = try genesisMaxBorrow(debt, values, slots, book) } catch { throw .valuation(error) }
            value = min(TokenUnits.fromDouble(target, decimals: slots[debt].decimals), most)
        }
        guard value > 0 else { return }
        do {
            try genesisBorrowStep(row, value, collateral: (collateral, scaled), position, slots, book, &opened, valued: valued)
        } catch { throw .borrow(error) }
    }

    /// Opens the run of rows from `start` that are plain: ``GenesisBorrow/health(_:)`` rows of
    /// the first one's collateral and debt assets, whose slots are plain
    /// (``GenesisSlot/plainCollateral``, ``GenesisSlot/plainDebt``) and both priced already, each
    /// opened as ``openGenesisPosition(_:_:_:_:)`` would — the same checks, values and writes,
    /// every check made before the row writes anything. Returns the index of the first row it
    /// leaves, unopened, to the general path: one that is not plain, or whose check fails (the
    /// general path then gives its error).
    // NOTE: at indices of 1, without caps or pause, the deposit's and the borrow's scaled
    // balances are their amounts, and the debt is 0 when the row is valued: what is left is a
    // few additions, the valuation's two ratios, the target's conversions and the placement. The
    // slots' parameters and running totals are held in locals for the run, and the borrows
    // credited to the debt asset's ledger column through one buffer: ≈ 690 -> 496 instructions
    // a borrower of benchmark-day with the calls (callgrind, warm-up + 1: 561.25 M -> 556.68 M
    // with the position table's rows written once).
    private mutating func openPlainGenesisRun(_ rows: [GenesisPosition], from start: Int, _ slots: UnsafeMutableBufferPointer<GenesisSlot>,
                                              _ book: GenesisBook, _ opened: inout GenesisRows) -> Int {
        let collateralAsset = rows[start].collateral, debtAsset = rows[start].debt
        let c = book.slot(of: collateralAsset), d = book.slot(of: debtAsset)
        guard c >= 0, d >= 0, c != d, slots[c].plainCollateral, slots[d].plainDebt, slots[c].priceRead, slots[d].priceRead else {
            return start
        }
        let valueRatio = slots[c].valueRatio, threshold = slots[c].liquidationThreshold, factor = slots[c].collateralFactor
        let sameFactors = slots[c].sameFactors, keyThreshold = slots[c].keyThreshold, slotCount = slots.count
        let amountRatio = slots[d].amountRatio, debtPrice = slots[d].priceValue, debtDecimals = slots[d].decimals
        var supply = slots[c].supply, scaledSupply = slots[c].reserve.scaledSupply, cash = slots[c].reserve.cash
        var balance = slots[c].marketBalance
        var scaledDebt = slots[d].reserve.scaledDebt, debtCash = slots[d].reserve.cash, debtBalance = slots[d].marketBalance
        let market = book.account, accounts = ledger.accountCount
        var index = start
        // The debt asset's column covers every account (``openGenesisPositions(market:_:at:)``).
        ledger.balances[debtAsset.index].withUnsafeMutableBufferPointer { column in
            rows.withUnsafeBufferPointer { rows in
                while index < rows.count {
                    let row = rows[index]
                    guard case .health(let health) = row.borrow, row.collateral == collateralAsset, row.debt == debtAsset,
                          row.account != market, row.account.index < accounts, row.account.index < column.count else { return }
                    let amount = row.collateralAmount
                    guard amount > 0 else {
                        index += 1
                        continue
                    }
                    // The endowment's supply and the deposit's totals (its scaled balance is `amount`).
                    let (newSupply, supplyOverflow) = supply.addingReportingOverflow(amount)
                    let (newScaledSupply, scaledSupplyOverflow) = scaledSupply.addingReportingOverflow(amount)
                    let (newCash, cashOverflow) = cash.addingReportingOverflow(amount)
                    guard !supplyOverflow, !scaledSupplyOverflow, !cashOverflow else { return }
                    // The valuation (``genesisValue``) and ``genesisMaxBorrow`` with no debt yet.
                    guard let value = try? valueRatio.floor(amount), let weighted = try? threshold.floor(value),
                          let power = sameFactors ? weighted : try? factor.floor(value) else { return }
                    var most: UInt128 = 0
                    if power > 0 {
                        guard let amount = try? amountRatio.floor(power) else { return }
                        most = min(amount, debtCash)
                    }
                    let target = TokenUnits.toDouble(weighted, decimals: 18) / health / debtPrice
                    let borrow = min(TokenUnits.fromDouble(target, decimals: debtDecimals), most)
                    // The borrow step: at most the cash and the maximum borrow (no power check),
                    // from the market's account.
                    let (newScaledDebt, debtOverflow) = scaledDebt.addingReportingOverflow(borrow)
                    guard !debtOverflow, debtBalance >= borrow else { return }
                    supply = newSupply
                    scaledSupply = newScaledSupply
                    cash = newCash
                    balance &+= amount  // at most the supply
                    let position = opened.open(row.account, slot: c, scaledSupplied: amount)
                    index += 1
                    guard borrow > 0 else { continue }
                    debtBalance -= borrow
                    column[row.account.index] &+= borrow  // at most the supply
                    opened.setScaledDebt(position, slot: d, borrow)
                    opened.place(position, LiquidationIndex.pairPlacement(
                        scaledSupplied: amount, collateralSlot: c, scaledDebt: borrow, debtSlot: d, slots: slotCount,
                        threshold: keyThreshold))
                    scaledDebt = newScaledDebt
                    debtCash -= borrow
                }
            }
        }
        slots[c].supply = supply
        slots[c].reserve.scaledSupply = scaledSupply
        slots[c].reserve.cash = cash
        slots[c].marketBalance = balance
        slots[d].reserve.scaledDebt = scaledDebt
        slots[d].reserve.cash = debtCash
        slots[d].marketBalance = debtBalance
        return index
    }

    /// The deposit step's checks (ProtocolState+LendingSteps.swift) of `amount` of `asset`
    /// (listed in `slot`, or −1) on the slot's running totals, which it updates; returns the
    /// scaled balance deposited. Nothing changes when it reverts.
    @inline(__always)
    private mutating func genesisDeposit(_ amount: UInt128, _ slot: Int, _ asset: AssetID,
                                         _ slots: UnsafeMutableBufferPointer<GenesisSlot>) throws(RevertReason) -> UInt128 {
        guard slot >= 0 else { throw .lending(.unlistedAsset(ledger.assets[asset.index].symbol)) }
        let supplyIndex = slots[slot].reserve.supplyIndex
        let scaled: UInt128, scaledSupply: UInt128, cash: UInt128
        do {
            scaled = try FixedPoint.mulDiv(amount, FixedPoint.wad, supplyIndex, rounding: .down)
            scaledSupply = try FixedPoint.add(slots[slot].reserve.scaledSupply, scaled)
            cash = try FixedPoint.add(slots[slot].reserve.cash, amount)
        } catch { throw .arithmetic(error) }
        if let cap = slots[slot].supplyCap, Self.scaledToAmount(scaledSupply, supplyIndex, rounding: .down) > cap {
            throw .lending(.supplyCapExceeded(asset: asset, cap: cap))
        }
        slots[slot].reserve.scaledSupply = scaledSupply
        slots[slot].reserve.cash = cash
        return scaled
    }

    /// ``maxBorrow(market:asset:account:at:)`` of the row's position, valued `values`, for the
    /// asset of slot `slot`.
    @inline(__always)
    private mutating func genesisMaxBorrow(_ slot: Int, _ values: AccountValues, _ slots: UnsafeMutableBufferPointer<GenesisSlot>,
                                           _ book: GenesisBook) throws(RevertReason) -> UInt128 {
        guard slots[slot].borrowable else { return 0 }
        guard values.borrowingPower > values.debt else { return 0 }
        // The price is read (a failure is this call's), then ⌊(power − debt)·10^d / price⌋
        // through its ratio (ReducedRatio.swift).
        do { _ = try genesisPrice(slot, slots, book) } catch { throw .oracle(error) }
        var amount: UInt128
        do { amount = try slots[slot].amountRatio.floor(values.borrowingPower - values.debt) } catch { throw .arithmetic(error) }
        amount = min(amount, slots[slot].reserve.cash)
        if let cap = slots[slot].borrowCap {
            let total = Self.scaledToAmount(slots[slot].reserve.scaledDebt, slots[slot].reserve.borrowIndex, rounding: .up)
            amount = min(amount, cap > total ? cap - total : 0)
        }
        return amount
    }

    /// The borrow step (ProtocolState+LendingSteps.swift) of `value` raw units of the row's debt
    /// asset, with its borrowing-power check, by the row's position (`collateral`: its slot and
    /// scaled balance); nothing changes when it reverts. `valued`: the valuation of the position
    /// before this borrow, when `value` is at most the ``maxBorrow(market:asset:account:at:)``
    /// computed from it (its collateral sums are reused).
    @inline(__always)
    private mutating func genesisBorrowStep(_ row: GenesisPosition, _ value: UInt128, collateral: (slot: Int, scaled: UInt128),
                                            _ position: Int, _ slots: UnsafeMutableBufferPointer<GenesisSlot>, _ book: GenesisBook,
                                            _ opened: inout GenesisRows, valued: AccountValues?) throws(RevertReason) {
        let slot = book.slot(of: row.debt)
        guard slot >= 0 else { throw .lending(.unlistedAsset(ledger.assets[row.debt.index].symbol)) }
        if let paused = book.borrowPaused { throw paused }
        guard slots[slot].borrowable else { throw .lending(.notBorrowable(ledger.assets[row.debt.index].symbol)) }
        let cash = slots[slot].reserve.cash, borrowIndex = slots[slot].reserve.borrowIndex
        guard value <= cash else {
            throw .lending(.insufficientLiquidity(asset: row.debt, needed: value, available: cash))
        }
        let scaled: UInt128, scaledDebt: UInt128
        do {
            scaled = try FixedPoint.mulDiv(value, FixedPoint.wad, borrowIndex, rounding: .up)
            scaledDebt = try FixedPoint.add(slots[slot].reserve.scaledDebt, scaled)
        } catch { throw .arithmetic(error) }
        if let cap = slots[slot].borrowCap, Self.scaledToAmount(scaledDebt, borrowIndex, rounding: .up) > cap {
            throw .lending(.borrowCapExceeded(asset: row.debt, cap: cap))
        }
        // The step's borrowing-power check (the indices it values with do not move at genesis).
        // NOTE: a borrow of at most maxBorrow = ⌊(power − debt)·10^d / price⌋ (`valued` is
        // then the valuation it came from) at a borrow index of 1 adds exactly ⌈value·price /
        // 10^d⌉ ≤ power − debt to the debt, with the same price: the check cannot fail, nor
        // overflow, so it is skipped — one valuation (≈ 400 instructions) less per borrower.
        if valued == nil || borrowIndex != FixedPoint.wad {
            try genesisBorrowingPower(collateral: collateral, debt: (slot, scaled), slots, book, valued: valued)
        }
        // The transfer from the market's account (``Ledger/transfer(_:amount:from:to:)``).
        if row.account != book.account {
            let available = slots[slot].marketBalance
            guard available >= value else {
                throw .ledger(.insufficientBalance(asset: row.debt, account: ledger.accountNames[book.account.index], needed: value,
                                                   available: available))
            }
            slots[slot].marketBalance = available - value
            genesisCredit(row.debt, slot, amount: value, to: row.account, slots, book, supply: nil)
        }
        opened.setScaledDebt(position, slot: slot, scaled)
        // The index's placement of the position (``LiquidationIndex/placement(_:in:config:)``): its
        // only debt is `scaled` (above 0: a positive value rounded up) in `slot`, its only supplied
        // balance `collateral.scaled`, which is collateral when above 0 in a slot whose configured
        // LT is above 0.
        opened.place(position, collateral.slot == slot || collateral.scaled == 0 || !slots[collateral.slot].collateral ? .general
            : LiquidationIndex.pairPlacement(scaledSupplied: collateral.scaled, collateralSlot: collateral.slot, scaledDebt: scaled,
                                             debtSlot: slot, slots: slots.count, threshold: slots[collateral.slot].keyThreshold))
        slots[slot].reserve.scaledDebt = scaledDebt
        slots[slot].reserve.cash = cash - value
    }

    /// The borrow step's borrowing-power check of the row's position (`collateral`: its slot and
    /// scaled balance) with its new scaled debt (`debt`), valued slot by slot in slot order: the
    /// collateral's (unless `valued` has its sums already) and the new debt's.
    // NOTE: out of line: a borrow of at most maxBorrow at a borrow index of 1 (every row of a
    // drawn population) skips it, and with it inside, the borrow step, though
    // `@inline(__always)`, stayed a call (its arguments and frame ≈ 55 instructions a borrower):
    // openGenesisPositions 18.44 M -> 17.36 M, 570,472,520 -> 569,452,019 instructions
    // (callgrind, benchmark-day warm-up + 1, plain build).
    @inline(never)
    private mutating func genesisBorrowingPower(collateral: (slot: Int, scaled: UInt128), debt: (slot: Int, scaled: UInt128),
                                                _ slots: UnsafeMutableBufferPointer<GenesisSlot>, _ book: GenesisBook,
                                                valued: AccountValues?) throws(RevertReason) {
        var values = AccountValues(weightedCollateral: valued?.weightedCollateral ?? 0, borrowingPower: valued?.borrowingPower ?? 0, debt: 0)
        let supplied = valued == nil ? collateral.scaled : 0
        if collateral.slot == debt.slot {
            try genesisValue(debt.slot, scaledSupplied: supplied, scaledDebt: debt.scaled, slots, book, into: &values)
        } else if collateral.slot < debt.slot {
            try genesisValue(collateral.slot, scaledSupplied: supplied, scaledDebt: 0, slots, book, into: &values)
            try genesisValue(debt.slot, scaledSupplied: 0, scaledDebt: debt.scaled, slots, book, into: &values)
        } else {
            try genesisValue(debt.slot, scaledSupplied: 0, scaledDebt: debt.scaled, slots, book, into: &values)
            try genesisValue(collateral.slot, scaledSupplied: supplied, scaledDebt: 0, slots, book, into: &values)
        }
        guard values.debt <= values.borrowingPower else {
            throw .lending(.insufficientCollateral(borrowingPower: values.borrowingPower, debt: values.debt,
                                                   unit: markets[book.market].unit))
        }
    }

    /// Adds one slot's balances of a position to `values`, as ``accountValues(market:account:at:)``
    /// does, with the slot's price read once and its supply and borrow indices: a slot with
    /// neither balance adds nothing and reads no price. Terms are added to the sums as they are
    /// (non-negative: an overflow does not depend on their order).
    @inline(__always)
    private mutating func genesisValue(_ slot: Int, scaledSupplied: UInt128, scaledDebt: UInt128,
                                       _ slots: UnsafeMutableBufferPointer<GenesisSlot>, _ book: GenesisBook,
                                       into values: inout AccountValues) throws(RevertReason) {
        guard scaledSupplied > 0 || scaledDebt > 0 else { return }
        let price: UInt128
        do { price = try genesisPrice(slot, slots, book).price } catch { throw .oracle(error) }
        do {
            if scaledSupplied > 0, slots[slot].collateral {
                let amount = try FixedPoint.mulDiv(scaledSupplied, slots[slot].reserve.supplyIndex, FixedPoint.wad, rounding: .down)
                // ⌊amount·price / 10^d⌋ and ⌊value·LT / wad⌋ (ReducedRatio.swift).
                let value = try slots[slot].valueRatio.floor(amount)
                let weighted = try slots[slot].liquidationThreshold.floor(value)
                values.weightedCollateral = try FixedPoint.add(values.weightedCollateral, weighted)
                // NOTE: the same product when the factors are equal (as they often are): one
                // 256-bit division (≈ 200 instructions) less per borrower.
                values.borrowingPower = try FixedPoint.add(values.borrowingPower, slots[slot].sameFactors
                    ? weighted : try slots[slot].collateralFactor.floor(value))
            }
            if scaledDebt > 0 {
                let amount = try FixedPoint.mulDiv(scaledDebt, slots[slot].reserve.borrowIndex, FixedPoint.wad, rounding: .up)
                values.debt = try FixedPoint.add(values.debt, try FixedPoint.mulDiv(amount, price, slots[slot].unit, rounding: .up))
            }
        } catch {
            throw .arithmetic(error)
        }
    }

    /// Slot `slot`'s guarded price at the book's timestamp (wad), and as a Double
    /// (``TokenUnits/toDouble(_:decimals:)``), read once (a failure is not kept: it stops the
    /// genesis); sets the slot's value and amount ratios.
    // NOTE: `mutating` though it writes nothing: a non-mutating call from a mutating method
    // copies the state's fields onto the stack.
    @inline(__always)
    private mutating func genesisPrice(_ slot: Int, _ slots: UnsafeMutableBufferPointer<GenesisSlot>,
                                       _ book: GenesisBook) throws(OracleError) -> (price: UInt128, value: Double) {
        if slots[slot].priceRead { return (slots[slot].price, slots[slot].priceValue) }
        // The ledger as in place writes would have left it: a price may depend on a balance or
        // a supply (a vault's share, say).
        writeGenesisTallies(slots, book)
        let price = try self.price(book.configs[slot].price, at: book.timestamp)
        slots[slot].price = price
        slots[slot].priceValue = TokenUnits.toDouble(price, decimals: 18)
        slots[slot].valueRatio = ReducedRatio(price, slots[slot].unit)
        slots[slot].amountRatio = ReducedRatio(slots[slot].unit, price)
        slots[slot].priceRead = true
        return (price, slots[slot].priceValue)
    }

    /// Writes the supplies and the market account's balances tallied so far to the ledger.
    private mutating func writeGenesisTallies(_ slots: UnsafeMutableBufferPointer<GenesisSlot>, _ book: GenesisBook) {
        for slot in slots.indices {
            // An asset listed twice is tallied in its first slot only (the one rows find).
            guard book.slotOfAsset[slots[slot].asset.index] == slot else { continue }
            ledger.setGenesisTotals(slots[slot].asset, supply: slots[slot].supply, balance: slots[slot].marketBalance, of: book.account)
        }
    }

    /// Credits `amount` of `asset` (listed in `slot`, or −1) to `account` outside any
    /// transaction; with `supply`, mints it (the asset's supply becomes `supply`). The market
    /// account's balance and the supply of a listed asset are the slot's running ones.
    private mutating func genesisCredit(_ asset: AssetID, _ slot: Int, amount: UInt128, to account: AccountID,
                                        _ slots: UnsafeMutableBufferPointer<GenesisSlot>, _ book: GenesisBook, supply: UInt128?) {
        guard slot >= 0 else {
            ledger.genesisCredit(asset, amount: amount, to: account, supply: supply)
            return
        }
        if let supply { slots[slot].supply = supply }
        // Neither balance can overflow: each is at most the supply.
        if account == book.account {
            slots[slot].marketBalance &+= amount
        } else {
            ledger.genesisCredit(asset, amount: amount, to: account, supply: nil)
        }
    }
}

/// One ``ProtocolState/openGenesisPositions(market:_:at:)`` call's market parameters, read once.
private struct GenesisBook {
    let market: Int
    let timestamp: Int64
    /// The market's cash account.
    let account: AccountID
    let configs: [MarketAssetConfig]
    /// The slot listing each asset, by asset index (the first, as ``ProtocolState/listedSlot(_:_:)``
    /// finds it); −1: not listed. Three lookups a row, each a load instead of a search of
    /// the configurations.
    let slotOfAsset: [Int]
    /// The borrow step's pause check (``ProtocolState/requireNotPaused(_:_:at:)``): nothing at
    /// genesis changes the pause.
    let borrowPaused: RevertReason?

    init(_ state: ProtocolState, market: Int, timestamp: Int64) {
        let book = state.markets[market]
        self.market = market
        self.timestamp = timestamp
        account = book.account
        configs = book.assets
        var slotOfAsset = [Int](repeating: -1, count: state.ledger.assets.count)
        for (slot, config) in book.assets.enumerated().reversed() { slotOfAsset[config.asset.index] = slot }
        self.slotOfAsset = slotOfAsset
        do { try state.requireNotPaused(market, .borrow, at: timestamp); borrowPaused = nil } catch { borrowPaused = error }
    }

    /// ``ProtocolState/listedSlot(_:_:)`` of `asset`; −1 when the market does not list it.
    @inline(__always)
    func slot(of asset: AssetID) -> Int {
        asset.index < slotOfAsset.count ? slotOfAsset[asset.index] : -1
    }

    /// Each slot's parameters and running totals as the market and the ledger hold them now.
    func slots(_ state: ProtocolState) -> [GenesisSlot] {
        configs.indices.map { slot in
            let config = configs[slot], asset = config.asset
            let factors = state.effectiveFactors(market: market, slot: slot)
            let decimals = state.ledger.assets[asset.index].decimals
            let reserve = state.markets[market].reserves[slot]
            return GenesisSlot(asset: asset, borrowable: config.borrowable, collateral: config.liquidationThreshold > 0,
                               supplyCap: config.supplyCap, borrowCap: config.borrowCap,
                               decimals: decimals, unit: FixedPoint.powerOfTen(decimals),
                               keyThreshold: LiquidationIndex.keyThreshold(config.liquidationThreshold),
                               sameFactors: factors.collateralFactor == factors.liquidationThreshold,
                               collateralFactor: ReducedRatio(factors.collateralFactor, FixedPoint.wad),
                               liquidationThreshold: ReducedRatio(factors.liquidationThreshold, FixedPoint.wad),
                               plainCollateral: config.liquidationThreshold > 0 && config.supplyCap == nil
                                   && reserve.supplyIndex == FixedPoint.wad,
                               plainDebt: config.borrowable && config.borrowCap == nil && reserve.borrowIndex == FixedPoint.wad
                                   && borrowPaused == nil,
                               reserve: reserve, supply: state.ledger.supply[asset.index],
                               marketBalance: state.ledger.balance(asset, of: account))
        }
    }
}

/// One slot of a genesis call: its parameters, the market's totals as the rows so far left them,
/// the asset's supply and the market account's balance likewise, and its price once read.
private struct GenesisSlot {
    let asset: AssetID
    let borrowable: Bool
    /// Configured liquidation threshold above 0.
    let collateral: Bool
    let supplyCap: UInt128?
    let borrowCap: UInt128?
    let decimals: Int
    /// 10^decimals.
    let unit: UInt128
    /// The configured liquidation threshold as the liquidation index's keys divide by it.
    let keyThreshold: Double
    /// Collateral factor and liquidation threshold in force (``ProtocolState/effectiveFactors(market:slot:)``)
    /// equal; each over wad.
    let sameFactors: Bool
    let collateralFactor: ReducedRatio
    let liquidationThreshold: ReducedRatio
    /// Collateral (configured LT above 0) without a supply cap, at a supply index of 1 (wad).
    let plainCollateral: Bool
    /// Borrowable without a borrow cap, at a borrow index of 1 (wad), borrows not paused.
    let plainDebt: Bool
    var reserve: MarketAssetState
    var supply: UInt128
    var marketBalance: UInt128
    /// The guarded price (wad, and as a Double), once read; price / 10^decimals (raw units to
    /// value) and its inverse, set with it.
    var priceRead = false
    var price: UInt128 = 0
    var priceValue = 0.0
    var valueRatio = ReducedRatio(0, 0)
    var amountRatio = ReducedRatio(0, 0)
}

/// The positions a genesis call opens: their accounts, their places in the liquidation index,
/// and their scaled balances in the new rows of the market's table (row × slots + slot, each row
/// zeroed when it opens).
private struct GenesisRows {
    private let accounts: UnsafeMutableBufferPointer<AccountID>
    private let placements: UnsafeMutableBufferPointer<LiquidationIndex.Placement>
    private let scaledSupplied: UnsafeMutableBufferPointer<UInt128>
    private let scaledDebt: UnsafeMutableBufferPointer<UInt128>
    private let slots: Int
    private(set) var count = 0

    init(accounts: UnsafeMutableBufferPointer<AccountID>, placements: UnsafeMutableBufferPointer<LiquidationIndex.Placement>,
         scaledSupplied: UnsafeMutableBufferPointer<UInt128>, scaledDebt: UnsafeMutableBufferPointer<UInt128>, slots: Int) {
        self.accounts = accounts
        self.placements = placements
        self.scaledSupplied = scaledSupplied
        self.scaledDebt = scaledDebt
        self.slots = slots
    }

    /// Opens `account`'s position with a scaled supplied balance in `slot` (no debt: not
    /// indexed); returns its row.
    mutating func open(_ account: AccountID, slot: Int, scaledSupplied value: UInt128) -> Int {
        precondition(count < accounts.count, "one row a position")
        accounts.initializeElement(at: count, to: account)
        placements.initializeElement(at: count, to: .none)
        for offset in count * slots ..< (count + 1) * slots {
            scaledSupplied[offset] = 0
            scaledDebt[offset] = 0
        }
        scaledSupplied[count * slots + slot] = value
        count += 1
        return count - 1
    }

    mutating func setScaledDebt(_ row: Int, slot: Int, _ value: UInt128) {
        scaledDebt[row * slots + slot] = value
    }

    /// Sets the place of `row`'s position in the liquidation index, once it has debt.
    mutating func place(_ row: Int, _ placement: LiquidationIndex.Placement) {
        placements[row] = placement
    }
}

extension Ledger {
    /// The supply of `asset`, `supply` now, after minting `amount`, or the error
    /// ``mint(_:amount:to:)`` gives.
    fileprivate func genesisSupply(_ supply: UInt128, minting amount: UInt128, of asset: AssetID) throws(LedgerError) -> UInt128 {
        let (newSupply, overflow) = supply.addingReportingOverflow(amount)
        guard !overflow else { throw .supplyOverflow(asset: asset) }
        return newSupply
    }

    /// Credits `amount` of `asset` to `account` outside any transaction, not journalled
    /// (genesis); with `supply`, a mint (the asset's supply becomes `supply`).
    fileprivate mutating func genesisCredit(_ asset: AssetID, amount: UInt128, to account: AccountID, supply newSupply: UInt128?) {
        if let newSupply { supply[asset.index] = newSupply }
        // NOTE: one access to the asset's row (each nested-array write checked both arrays'
        // uniqueness). The balance cannot overflow: it is at most the supply.
        balances[asset.index].withUnsafeMutableBufferPointer { row in
            precondition(row.indices.contains(account.index), "a registered account")
            row[account.index] &+= amount
        }
    }

    /// Sets the supply of `asset` and `account`'s balance of it, tallied outside the ledger
    /// while genesis positions opened.
    fileprivate mutating func setGenesisTotals(_ asset: AssetID, supply newSupply: UInt128, balance: UInt128, of account: AccountID) {
        supply[asset.index] = newSupply
        cover(asset, account)
        balances[asset.index][account.index] = balance
    }
}
