/// Expiry settlement and liquidation of option positions.
extension ProtocolState {
    /// Settles series `series` of vault `index` at or after its expiry (anyone, once): reads the
    /// settlement oracle now, records the price, and pays every holder exactly, in account order:
    /// first each short pays |q|·payoff (rounded up) from its margin to the vault, a shortfall
    /// being the vault's bad debt; then each long receives q·payoff (rounded down) from the
    /// vault, a shortfall being unpaid settlement. Positions in the series end at zero.
    /// - Complexity: O(accounts with positions in the vault × series).
    mutating func settleOptions(_ index: Int, series: Int, sender: AccountID, timestamp: Int64) throws(RevertReason) -> StepFlows {
        let vault = optionVaults[index]
        var listed = vault.series[series]
        guard listed.settlementPrice == nil else { throw .options(.settled) }
        guard Double(timestamp) >= listed.option.expiry else { throw .options(.notExpired) }
        let price: UInt128
        do { price = try readOracle(vault.settlementOracle, at: timestamp).value } catch { throw .oracle(error) }
        let strike = listed.strikeWad
        let payoff: UInt128 = listed.option.kind == .call ? (price > strike ? price - strike : 0) : (strike > price ? strike - price : 0)
        listed.settlementPrice = price
        writeListedSeries(index, series, listed)
        let holders = vault.positions.keys.sorted().compactMap { account -> (AccountID, Int128)? in
            let contracts = vault.positions[account]![series]
            return contracts == 0 ? nil : (account, contracts)
        }
        var totals = vault.totals
        var received: UInt128 = 0
        for (account, contracts) in holders where contracts < 0 {
            let owed = try collateralValue(vault, units: UInt128(contracts.magnitude), priceWad: payoff, rounding: .up)
            let balance = vault.marginBalances[account] ?? 0
            let paid = min(owed, balance)
            do { try ledger.transfer(vault.collateral, amount: paid, from: vault.marginAccount, to: vault.account) } catch { throw .ledger(error) }
            writeOptionMargin(index, account, balance - paid)
            totals.marginHeld -= paid
            do { totals.badDebt = try FixedPoint.add(totals.badDebt, owed - paid) } catch { throw .arithmetic(error) }
        }
        for (account, contracts) in holders where contracts > 0 {
            let owed = try collateralValue(vault, units: UInt128(contracts), priceWad: payoff, rounding: .down)
            let paid = min(owed, ledger.balance(vault.collateral, of: vault.account))
            do { try ledger.transfer(vault.collateral, amount: paid, from: vault.account, to: account) } catch { throw .ledger(error) }
            do { totals.unpaidSettlement = try FixedPoint.add(totals.unpaidSettlement, owed - paid) } catch { throw .arithmetic(error) }
            if account == sender { received = paid }
        }
        for (account, contracts) in holders {
            var row = vault.positions[account]!
            row[series] = 0
            writeOptionPosition(index, account, row.allSatisfy { $0 == 0 } ? nil : row)
            if contracts > 0 { totals.openInterest -= UInt128(contracts) }
        }
        totals.vaultPositions[series] = 0
        writeOptionTotals(index, totals)
        return StepFlows(assetOut: received > 0 ? vault.collateral : nil, amountOut: received)
    }

    /// Liquidates `account` at vault `index` when its margin balance is below maintenance ×
    /// requirement: its positions in unsettled series close with the vault at mark (no spread;
    /// longs credited rounded down, shorts debited rounded up), the net settles against its margin
    /// (a shortfall is the vault's bad debt), the liquidator (sender) receives
    /// `liquidationPenalty` × the gross closing value Σ|q|·mark (rounded down, at most what is
    /// left) and the account the rest, paid out of the margin account to its balance.
    /// - Complexity: O(series × scenarios) for the requirement.
    mutating func liquidateOptions(_ index: Int, account: AccountID, sender: AccountID, timestamp: Int64) throws(RevertReason) -> StepFlows {
        let vault = optionVaults[index]
        guard let row = vault.positions[account] else { throw .options(.noPosition) }
        let market = try optionMarket(index, at: timestamp)
        let requirement = traderRequirement(vault, row, market, optionMarginEngine(vault, market))
        let balance = vault.marginBalances[account] ?? 0
        let decimals = ledger.assets[vault.collateral.index].decimals
        guard balance < maintenanceThreshold(vault, requirement) else { throw .options(.healthy) }
        var credit: UInt128 = 0, debit: UInt128 = 0
        for (series, contracts) in row.enumerated() where contracts != 0 {
            let markWad = Self.raw(max(0, market.valuations[series].price), decimals: 18, rounding: contracts > 0 ? .down : .up)
            let value = try collateralValue(vault, units: UInt128(contracts.magnitude), priceWad: markWad,
                                            rounding: contracts > 0 ? .down : .up)
            do {
                if contracts > 0 { credit = try FixedPoint.add(credit, value) } else { debit = try FixedPoint.add(debit, value) }
            } catch { throw .arithmetic(error) }
            try moveContracts(index, series: series, account: account, by: -contracts)
        }
        var totals = optionVaults[index].totals
        // The account's pot after the close: margin + credit − debit; the vault pays or takes the net.
        let pot: UInt128
        do {
            let available = try FixedPoint.add(balance, credit)
            if credit >= debit {
                try ledger.transfer(vault.collateral, amount: credit - debit, from: vault.account, to: vault.marginAccount)
            } else {
                let paid = min(debit - credit, balance)
                try ledger.transfer(vault.collateral, amount: paid, from: vault.marginAccount, to: vault.account)
            }
            pot = available > debit ? available - debit : 0
            totals.badDebt = try FixedPoint.add(totals.badDebt, debit > available ? debit - available : 0)
        } catch let error as LedgerError { throw .ledger(error) } catch let error as ArithmeticError { throw .arithmetic(error) } catch {
            throw .guardFailed("\(error)")
        }
        let gross = TokenUnits.toDouble(credit, decimals: decimals) + TokenUnits.toDouble(debit, decimals: decimals)
        let penalty = min(pot, Self.raw(vault.margin.liquidationPenalty * gross, decimals: decimals, rounding: .down))
        do {
            try ledger.transfer(vault.collateral, amount: penalty, from: vault.marginAccount, to: sender)
            try ledger.transfer(vault.collateral, amount: pot - penalty, from: vault.marginAccount, to: account)
        } catch { throw .ledger(error) }
        totals.marginHeld -= balance
        totals.liquidations += 1
        writeOptionMargin(index, account, 0)
        writeOptionTotals(index, totals)
        return StepFlows(assetOut: vault.collateral, amountOut: penalty)
    }
}
