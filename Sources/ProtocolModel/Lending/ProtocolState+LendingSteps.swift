extension ProtocolState {
    /// Supplies `amount` of `asset` from `sender`: scaled += ⌊amount / supplyIndex⌋.
    /// Reverts on an unlisted asset, a zero amount, the supply cap, or a second collateral
    /// asset in an isolated market.
    mutating func deposit(market: Int, asset: AssetID, amount: Amount, sender: AccountID,
                          context: ExecutionContext) throws(RevertReason) -> StepFlows {
        let slot = try listedSlot(market, asset)
        try accrue(market: market, at: context.timestamp)
        let value = try evaluate(amount, sender: sender, at: context.timestamp)
        guard value > 0 else { throw .lending(.zeroAmount) }
        // Fields read one by one: a copy of the whole market would hold its position table
        // across the write below (a copy of the table on write).
        let assets = markets[market].assets, config = assets[slot]
        if markets[market].mode == .isolated, config.liquidationThreshold > 0, let position = markets[market].positions[sender],
           assets.indices.contains(where: {
               $0 != slot && markets[market].positions.scaledSupplied(position, slot: $0) > 0 && assets[$0].liquidationThreshold > 0
           }) {
            throw .lending(.isolated("one collateral asset per account"))
        }
        var reserve = markets[market].reserves[slot]
        let scaled = try Self.amountToScaled(value, reserve.supplyIndex, rounding: .down)
        do {
            reserve.scaledSupply = try FixedPoint.add(reserve.scaledSupply, scaled)
            reserve.cash = try FixedPoint.add(reserve.cash, value)
        } catch { throw .arithmetic(error) }
        if let cap = config.supplyCap, Self.scaledToAmount(reserve.scaledSupply, reserve.supplyIndex, rounding: .down) > cap {
            throw .lending(.supplyCapExceeded(asset: asset, cap: cap))
        }
        do { try ledger.transfer(asset, amount: value, from: sender, to: markets[market].account) } catch { throw .ledger(error) }
        let position = openPosition(market, sender)
        writeBalances(market, slot, scaledSupply: reserve.scaledSupply, scaledDebt: reserve.scaledDebt, cash: reserve.cash, position,
                      .scaledSupplied(markets[market].positions.scaledSupplied(position, slot: slot) + scaled))
        return StepFlows(assetIn: asset, amountIn: value)
    }

    /// Withdraws `amount` of supplied `asset`: scaled −= ⌈amount / supplyIndex⌉ (all of it when
    /// the whole balance is withdrawn). Reverts beyond the supplied balance or the market's
    /// cash, or when the remaining debt would exceed the borrowing power (collateral factor).
    mutating func withdraw(market: Int, asset: AssetID, amount: Amount, sender: AccountID,
                           context: ExecutionContext) throws(RevertReason) -> StepFlows {
        let slot = try listedSlot(market, asset)
        try accrue(market: market, at: context.timestamp)
        let value = try evaluate(amount, sender: sender, at: context.timestamp)
        guard value > 0 else { throw .lending(.zeroAmount) }
        var reserve = markets[market].reserves[slot]
        let position = markets[market].positions[sender]
        let available = position.map { supplied(of: $0, market: market, slot: slot) } ?? 0
        guard value <= available, let position else {
            throw .lending(.insufficientSupply(asset: asset, needed: value, available: available))
        }
        guard value <= reserve.cash else {
            throw .lending(.insufficientLiquidity(asset: asset, needed: value, available: reserve.cash))
        }
        let held = markets[market].positions.scaledSupplied(position, slot: slot)
        let scaled = value == available ? held : min(try Self.amountToScaled(value, reserve.supplyIndex, rounding: .up), held)
        reserve.scaledSupply -= scaled
        reserve.cash -= value
        writeBalances(market, slot, scaledSupply: reserve.scaledSupply, scaledDebt: reserve.scaledDebt, cash: reserve.cash, position,
                      .scaledSupplied(held - scaled))
        try requireBorrowingPower(market: market, account: sender, at: context.timestamp)
        do { try ledger.transfer(asset, amount: value, from: markets[market].account, to: sender) } catch { throw .ledger(error) }
        return StepFlows(assetOut: asset, amountOut: value)
    }

    /// Borrows `amount` of `asset`: scaled debt += ⌈amount / borrowIndex⌉. Reverts when the
    /// asset is not borrowable, beyond the market's cash or the borrow cap, for a second debt
    /// asset in an isolated market, or when the debt would exceed the borrowing power.
    mutating func borrow(market: Int, asset: AssetID, amount: Amount, sender: AccountID,
                         context: ExecutionContext) throws(RevertReason) -> StepFlows {
        let slot = try listedSlot(market, asset)
        try requireNotPaused(market, .borrow, at: context.timestamp)
        try accrue(market: market, at: context.timestamp)
        let value = try evaluate(amount, sender: sender, at: context.timestamp)
        guard value > 0 else { throw .lending(.zeroAmount) }
        let config = markets[market].assets[slot]
        guard config.borrowable else { throw .lending(.notBorrowable(ledger.assets[asset.index].symbol)) }
        if markets[market].mode == .isolated, let position = markets[market].positions[sender],
           markets[market].positions.owesOtherThan(position, slot: slot) {
            throw .lending(.isolated("one debt asset per account"))
        }
        var reserve = markets[market].reserves[slot]
        guard value <= reserve.cash else {
            throw .lending(.insufficientLiquidity(asset: asset, needed: value, available: reserve.cash))
        }
        let scaled = try Self.amountToScaled(value, reserve.borrowIndex, rounding: .up)
        do { reserve.scaledDebt = try FixedPoint.add(reserve.scaledDebt, scaled) } catch { throw .arithmetic(error) }
        if let cap = config.borrowCap, Self.scaledToAmount(reserve.scaledDebt, reserve.borrowIndex, rounding: .up) > cap {
            throw .lending(.borrowCapExceeded(asset: asset, cap: cap))
        }
        reserve.cash -= value
        let position = openPosition(market, sender)
        writeBalances(market, slot, scaledSupply: reserve.scaledSupply, scaledDebt: reserve.scaledDebt, cash: reserve.cash, position,
                      .scaledDebt(markets[market].positions.scaledDebt(position, slot: slot) + scaled))
        try requireBorrowingPower(market: market, account: sender, at: context.timestamp)
        do { try ledger.transfer(asset, amount: value, from: markets[market].account, to: sender) } catch { throw .ledger(error) }
        return StepFlows(assetOut: asset, amountOut: value)
    }

    /// Repays min(`amount`, debt) of `sender`'s own debt of `asset`.
    mutating func repay(market: Int, asset: AssetID, amount: Amount, sender: AccountID,
                        context: ExecutionContext) throws(RevertReason) -> StepFlows {
        let slot = try listedSlot(market, asset)
        try accrue(market: market, at: context.timestamp)
        let owed = debt(market: market, slot: slot, account: sender)
        guard owed > 0 else { throw .lending(.noDebt) }
        let value = min(try evaluate(amount, sender: sender, at: context.timestamp), owed)
        guard value > 0 else { throw .lending(.zeroAmount) }
        try reduceDebt(market: market, slot: slot, account: sender, by: value, owed: owed, payer: sender)
        return StepFlows(assetIn: asset, amountIn: value)
    }

    /// Takes `value` (≤ `owed`, > 0) of the debt asset from `payer` into the market and lowers
    /// `account`'s debt: scaled −= ⌊value / borrowIndex⌋, or all of it when `value` = `owed`.
    mutating func reduceDebt(market: Int, slot: Int, account: AccountID, by value: UInt128, owed: UInt128,
                             payer: AccountID) throws(RevertReason) {
        // An account that owes something has a position.
        guard let position = markets[market].positions[account] else { preconditionFailure("a debt without a position") }
        try reduceDebt(market: market, slot: slot, position: position, by: value, owed: owed, payer: payer)
    }

    /// ``reduceDebt(market:slot:account:by:owed:payer:)`` for a caller that holds the account's
    /// `position` in `market` (one lookup fewer).
    // NOTE: inlined into its two callers, the liquidation step and the repayment by account
    // (benchmark-day full day, warm-up + 1: 649.8 M -> 648.4 M; callgrind).
    @inline(__always)
    mutating func reduceDebt(market: Int, slot: Int, position: LendingPosition, by value: UInt128,
                             owed: UInt128, payer: AccountID) throws(RevertReason) {
        // Fields read one by one: a copy of the whole market retains each of its buffers.
        var reserve = markets[market].reserves[slot]
        let held = markets[market].positions.scaledDebt(position, slot: slot)
        let scaled = value == owed ? held : min(try Self.amountToScaled(value, reserve.borrowIndex, rounding: .down), held)
        reserve.scaledDebt -= scaled
        do { reserve.cash = try FixedPoint.add(reserve.cash, value) } catch { throw .arithmetic(error) }
        do { try ledger.transfer(markets[market].assets[slot].asset, amount: value, from: payer, to: markets[market].account) } catch {
            throw .ledger(error)
        }
        writeBalances(market, slot, scaledSupply: reserve.scaledSupply, scaledDebt: reserve.scaledDebt, cash: reserve.cash, position,
                      .scaledDebt(held - scaled))
    }

    /// Reverts unless `account`'s debt value is within its borrowing power (no price is read
    /// when it owes nothing).
    private func requireBorrowingPower(market: Int, account: AccountID, at timestamp: Int64) throws(RevertReason) {
        guard let position = markets[market].positions[account], markets[market].positions.owesAnything(position) else { return }
        let values = try accountValues(market: market, position: position, at: timestamp)
        guard values.debt <= values.borrowingPower else {
            throw .lending(.insufficientCollateral(borrowingPower: values.borrowingPower, debt: values.debt,
                                                   unit: markets[market].unit))
        }
    }
}
