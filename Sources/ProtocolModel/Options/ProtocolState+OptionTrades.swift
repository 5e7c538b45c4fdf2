/// The trading steps of option vaults: buying and selling options, option margin, and the
/// vault's shares.
extension ProtocolState {
    /// Buys `contracts` raw contracts of series `series` at the ask for the sender (premium
    /// rounded up, from its balance to the vault). Reverts when the premium is above
    /// `maxPremium`, the series has expired, the sender's shorts would be under-margined by a
    /// rise of its requirement, or the vault's NAV would not cover its own requirement.
    mutating func buyOption(_ index: Int, series: Int, contracts: UInt128, maxPremium: UInt128, sender: AccountID,
                            timestamp: Int64) throws(RevertReason) -> StepFlows {
        let quantity = try tradable(index, series: series, contracts: contracts, timestamp: timestamp)
        let market = try optionMarket(index, at: timestamp)
        let premium = try optionPremium(index, series: series, contracts: contracts, isBuy: true, market: market)
        guard premium <= maxPremium else {
            throw .options(.premium(asset: optionVaults[index].collateral, limit: maxPremium, actual: premium))
        }
        let vault = optionVaults[index]
        let engine = optionMarginEngine(vault, market)
        let before = traderRequirement(vault, vault.positions[sender], market, engine)
        do { try ledger.transfer(vault.collateral, amount: premium, from: sender, to: vault.account) } catch { throw .ledger(error) }
        try moveContracts(index, series: series, account: sender, by: quantity)
        try checkTraderMargin(index, sender, before: before, market, engine)
        let after = optionVaults[index]
        let nav = try vaultNetAssetValue(index, market), requirement = vaultRequirement(after, market, engine)
        guard nav >= requirement else {
            throw .options(.vaultUndercollateralised(asset: vault.collateral, nav: nav, requirement: requirement))
        }
        return StepFlows(assetIn: vault.collateral, amountIn: premium, amountOut: contracts, pool: listedSeries(vault: index, series: series))
    }

    /// Sells `contracts` raw contracts of series `series` at the bid for the sender (premium
    /// rounded down, paid by the vault): closes its long first, the rest opens a short. Reverts
    /// when the premium is below `minPremium`, the series has expired, or the sender's margin
    /// balance would be below a requirement that rose.
    mutating func sellOption(_ index: Int, series: Int, contracts: UInt128, minPremium: UInt128, sender: AccountID,
                             timestamp: Int64) throws(RevertReason) -> StepFlows {
        let quantity = try tradable(index, series: series, contracts: contracts, timestamp: timestamp)
        let market = try optionMarket(index, at: timestamp)
        let premium = try optionPremium(index, series: series, contracts: contracts, isBuy: false, market: market)
        guard premium >= minPremium else {
            throw .options(.premium(asset: optionVaults[index].collateral, limit: minPremium, actual: premium))
        }
        let vault = optionVaults[index]
        let engine = optionMarginEngine(vault, market)
        let before = traderRequirement(vault, vault.positions[sender], market, engine)
        do { try ledger.transfer(vault.collateral, amount: premium, from: vault.account, to: sender) } catch { throw .ledger(error) }
        try moveContracts(index, series: series, account: sender, by: -quantity)
        try checkTraderMargin(index, sender, before: before, market, engine)
        return StepFlows(amountIn: contracts, assetOut: vault.collateral, amountOut: premium, pool: listedSeries(vault: index, series: series))
    }

    /// Moves `amount` of collateral from the sender into its option margin at vault `index`.
    mutating func depositOptionMargin(_ index: Int, amount: UInt128, sender: AccountID) throws(RevertReason) -> StepFlows {
        guard amount > 0 else { throw .options(.zeroAmount) }
        let vault = optionVaults[index]
        do { try ledger.transfer(vault.collateral, amount: amount, from: sender, to: vault.marginAccount) } catch { throw .ledger(error) }
        var totals = vault.totals
        do {
            totals.marginHeld = try FixedPoint.add(totals.marginHeld, amount)
            writeOptionMargin(index, sender, try FixedPoint.add(vault.marginBalances[sender] ?? 0, amount))
        } catch { throw .arithmetic(error) }
        writeOptionTotals(index, totals)
        return StepFlows(assetIn: vault.collateral, amountIn: amount)
    }

    /// Pays `amount` of the sender's option margin at vault `index` back to it; reverts when the
    /// rest is below its requirement.
    mutating func withdrawOptionMargin(_ index: Int, amount: UInt128, sender: AccountID, timestamp: Int64) throws(RevertReason) -> StepFlows {
        guard amount > 0 else { throw .options(.zeroAmount) }
        let vault = optionVaults[index]
        let balance = vault.marginBalances[sender] ?? 0
        guard amount <= balance else {
            throw .options(.insufficientMargin(asset: vault.collateral, balance: balance, requirement: amount))
        }
        if vault.positions[sender] != nil {
            let market = try optionMarket(index, at: timestamp)
            let requirement = traderRequirement(vault, vault.positions[sender], market, optionMarginEngine(vault, market))
            guard balance - amount >= requirement else {
                throw .options(.insufficientMargin(asset: vault.collateral, balance: balance - amount, requirement: requirement))
            }
        }
        do { try ledger.transfer(vault.collateral, amount: amount, from: vault.marginAccount, to: sender) } catch { throw .ledger(error) }
        var totals = vault.totals
        totals.marginHeld -= amount
        writeOptionMargin(index, sender, balance - amount)
        writeOptionTotals(index, totals)
        return StepFlows(assetOut: vault.collateral, amountOut: amount)
    }

    /// Deposits `amount` of collateral into vault `index` for shares at NAV, rounded down
    /// (amount·supply/NAV; the first deposit gets one share wad per whole collateral unit).
    mutating func depositVault(_ index: Int, amount: UInt128, sender: AccountID, timestamp: Int64) throws(RevertReason) -> StepFlows {
        guard amount > 0 else { throw .options(.zeroAmount) }
        let vault = optionVaults[index]
        let supply = ledger.supply[vault.shareAsset.index]
        let shares: UInt128
        if supply == 0 {
            do { shares = try firstShares(vault, amount) } catch { throw .arithmetic(error) }
        } else {
            let nav = try vaultNetAssetValue(index, try optionMarket(index, at: timestamp))
            guard nav > 0 else { throw .options(.emptyVault) }
            do { shares = try FixedPoint.mulDiv(amount, supply, nav, rounding: .down) } catch { throw .arithmetic(error) }
        }
        guard shares > 0 else { throw .options(.zeroAmount) }
        do {
            try ledger.transfer(vault.collateral, amount: amount, from: sender, to: vault.account)
            try ledger.mint(vault.shareAsset, amount: shares, to: sender)
        } catch { throw .ledger(error) }
        return StepFlows(assetIn: vault.collateral, amountIn: amount, assetOut: vault.shareAsset, amountOut: shares)
    }

    /// Redeems `shares` of vault `index` for collateral at NAV, rounded down
    /// (shares·NAV/supply); reverts when the vault does not hold that much collateral or its NAV
    /// afterwards would not cover its own requirement.
    mutating func withdrawVault(_ index: Int, shares: UInt128, sender: AccountID, timestamp: Int64) throws(RevertReason) -> StepFlows {
        guard shares > 0 else { throw .options(.zeroAmount) }
        let vault = optionVaults[index]
        let supply = ledger.supply[vault.shareAsset.index]
        let market = try optionMarket(index, at: timestamp)
        let nav = try vaultNetAssetValue(index, market)
        let amount: UInt128
        do { amount = try FixedPoint.mulDiv(shares, nav, supply, rounding: .down) } catch { throw .arithmetic(error) }
        do {
            try ledger.burn(vault.shareAsset, amount: shares, from: sender)
            try ledger.transfer(vault.collateral, amount: amount, from: vault.account, to: sender)
        } catch { throw .ledger(error) }
        let after = try vaultNetAssetValue(index, market), requirement = vaultRequirement(vault, market, optionMarginEngine(vault, market))
        guard after >= requirement else {
            throw .options(.vaultUndercollateralised(asset: vault.collateral, nav: after, requirement: requirement))
        }
        return StepFlows(assetIn: vault.shareAsset, amountIn: shares, assetOut: vault.collateral, amountOut: amount)
    }

    /// Shares of a first deposit: one share wad per whole collateral unit.
    func firstShares(_ vault: OptionVault, _ amount: UInt128) throws(ArithmeticError) -> UInt128 {
        let decimals = ledger.assets[vault.collateral.index].decimals
        return decimals <= 18
            ? try FixedPoint.multiply(amount, FixedPoint.powerOfTen(18 - decimals))
            : amount / FixedPoint.powerOfTen(decimals - 18)
    }

    /// The signed contract count of a trade of `contracts` in series `series`; reverts on zero,
    /// on a settled or expired series, or above Int128.
    private func tradable(_ index: Int, series: Int, contracts: UInt128, timestamp: Int64) throws(RevertReason) -> Int128 {
        guard contracts > 0 else { throw .options(.zeroAmount) }
        let listed = optionVaults[index].series[series]
        guard listed.settlementPrice == nil else { throw .options(.settled) }
        guard Double(timestamp) < listed.option.expiry else { throw .options(.expired) }
        guard contracts <= UInt128(Int128.max) else { throw .arithmetic(.overflow) }
        return Int128(contracts)
    }

    /// Reverts unless `account`'s margin balance covers its requirement after the trade, or the
    /// trade did not raise the requirement above `before` (a reducing trade is always allowed).
    private func checkTraderMargin(_ index: Int, _ account: AccountID, before: UInt128, _ market: OptionMarket,
                                   _ engine: PortfolioMargin) throws(RevertReason) {
        let vault = optionVaults[index]
        let requirement = traderRequirement(vault, vault.positions[account], market, engine)
        let balance = vault.marginBalances[account] ?? 0
        guard balance >= requirement || requirement <= before else {
            throw .options(.insufficientMargin(asset: vault.collateral, balance: balance, requirement: requirement))
        }
    }

    /// What the record of `step`, which failed, says of it: for a `buy_option` or `sell_option`,
    /// the series it traded (``listedSeries(vault:series:)``) and the contracts it asked for when
    /// they were an exact amount (as contracts out of a purchase, into a sale; 0 otherwise), no
    /// premium; nothing for every other step.
    func failedStepFlows(_ step: UnsafePointer<Step>) -> StepFlows {
        switch step.pointee {
        case .buyOption(let vault, let series, let contracts, _) where listed(vault: vault, series: series):
            guard case .exact(let asked) = contracts else { return StepFlows(pool: listedSeries(vault: vault, series: series)) }
            return StepFlows(amountOut: asked, pool: listedSeries(vault: vault, series: series))
        case .sellOption(let vault, let series, let contracts, _) where listed(vault: vault, series: series):
            guard case .exact(let asked) = contracts else { return StepFlows(pool: listedSeries(vault: vault, series: series)) }
            return StepFlows(amountIn: asked, pool: listedSeries(vault: vault, series: series))
        default:
            return StepFlows()
        }
    }

    /// Whether option vault `vault` exists and lists series `series`.
    private func listed(vault: Int, series: Int) -> Bool {
        optionVaults.indices.contains(vault) && optionVaults[vault].series.indices.contains(series)
    }

    /// Series `series` of option vault `vault` as an index into every vault's listed series in
    /// vault order (a `buy_option` or `sell_option` record's ``StepRecord/pool``).
    func listedSeries(vault: Int, series: Int) -> Int {
        optionVaults[..<vault].reduce(series) { $0 + $1.series.count }
    }
}
