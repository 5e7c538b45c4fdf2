/// Journalled writes of option vaults and their invariant checks.
extension ProtocolState {
    /// Writes (nil: removes) `account`'s contracts row in vault `index`, journalled.
    mutating func writeOptionPosition(_ index: Int, _ account: AccountID, _ row: [Int128]?) {
        journal(.optionPosition(vault: index, account: account, old: optionVaults[index].positions[account]))
        optionVaults[index].positions[account] = row
    }

    /// Writes (zero: removes) `account`'s margin balance in vault `index`, journalled.
    mutating func writeOptionMargin(_ index: Int, _ account: AccountID, _ balance: UInt128) {
        journal(.optionMargin(vault: index, account: account, old: optionVaults[index].marginBalances[account]))
        optionVaults[index].marginBalances[account] = balance == 0 ? nil : balance
    }

    /// Writes vault `index`'s totals, journalled.
    mutating func writeOptionTotals(_ index: Int, _ totals: OptionVaultTotals) {
        journal(.optionTotals(vault: index, old: optionVaults[index].totals))
        optionVaults[index].totals = totals
    }

    /// Writes series `series` of vault `index`, journalled.
    mutating func writeListedSeries(_ index: Int, _ series: Int, _ listed: ListedSeries) {
        journal(.optionSeries(vault: index, series: series, old: optionVaults[index].series[series]))
        optionVaults[index].series[series] = listed
    }

    /// Moves `account`'s contracts in series `series` of vault `index` by `change` and the vault's
    /// by −`change`, keeping open interest. Reverts on overflow. O(series).
    mutating func moveContracts(_ index: Int, series: Int, account: AccountID, by change: Int128) throws(RevertReason) {
        let vault = optionVaults[index]
        var row = vault.positions[account] ?? [Int128](repeating: 0, count: vault.series.count)
        let old = row[series]
        let (new, overflow) = old.addingReportingOverflow(change)
        var totals = vault.totals
        let (vaultNew, vaultOverflow) = totals.vaultPositions[series].subtractingReportingOverflow(change)
        guard !overflow, !vaultOverflow else { throw .arithmetic(.overflow) }
        row[series] = new
        totals.vaultPositions[series] = vaultNew
        totals.openInterest = totals.openInterest - UInt128(max(old, 0)) + UInt128(max(new, 0))
        writeOptionPosition(index, account, row.allSatisfy { $0 == 0 } ? nil : row)
        writeOptionTotals(index, totals)
    }

    /// Checks every option vault written since journal position `start` fully. O(records since
    /// `start` + positions of the vaults touched).
    func checkOptionInvariants(since start: Int) throws(InvariantViolation) {
        var touched = Set<Int>()
        for record in referencingRecords(since: start) {
            switch record {
            case .optionPosition(let vault, _, _), .optionMargin(let vault, _, _), .optionTotals(let vault, _),
                 .optionSeries(let vault, _, _):
                touched.insert(vault)
            default: continue
            }
        }
        for vault in touched.sorted() { try checkOptionVault(vault) }
    }

    /// Checks option vault `index`: the margin account holds Σ margin balances = `marginHeld`;
    /// per series the vault's position is minus the traders' sum, settled series are flat, and
    /// open interest is Σ longs. O(accounts with positions × series).
    func checkOptionVault(_ index: Int) throws(InvariantViolation) {
        let vault = optionVaults[index]
        var margin: UInt128 = 0
        for balance in vault.marginBalances.values { margin &+= balance }
        let held = ledger.balance(vault.collateral, of: vault.marginAccount)
        guard margin == vault.totals.marginHeld, held == margin else {
            throw InvariantViolation("option vault \(vault.name): margin balances \(margin), marginHeld \(vault.totals.marginHeld), held \(held)")
        }
        var sums = [Int128](repeating: 0, count: vault.series.count), longs: UInt128 = 0
        for row in vault.positions.values {
            for (series, contracts) in row.enumerated() {
                sums[series] &+= contracts
                if contracts > 0 { longs &+= UInt128(contracts) }
            }
        }
        for series in sums.indices {
            guard sums[series] &+ vault.totals.vaultPositions[series] == 0 else {
                throw InvariantViolation("option vault \(vault.name) series \(series): vault position ≠ −Σ traders")
            }
            guard vault.series[series].settlementPrice == nil || sums[series] == 0 && vault.positions.values.allSatisfy({ $0[series] == 0 }) else {
                throw InvariantViolation("option vault \(vault.name) series \(series): positions left after settlement")
            }
        }
        guard longs == vault.totals.openInterest else {
            throw InvariantViolation("option vault \(vault.name): open interest \(vault.totals.openInterest) ≠ Σ longs \(longs)")
        }
    }
}
