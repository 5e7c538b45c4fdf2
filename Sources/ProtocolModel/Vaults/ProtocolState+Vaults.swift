/// The share vaults of the protocol: building them, their valuation and price per share, the
/// `vault_deposit` / `vault_withdraw` steps, the `vault_share` oracle, journalling and checks.
extension ProtocolState {
    /// Creates vault `name` over `underlying` invested in stable pool `pool`: `idle` raw
    /// underlying and `position` raw LP shares taken from `provider`, who receives the initial
    /// vault shares, one per raw unit of the vault's value (price per share 1). Called while the
    /// world is being built.
    ///
    /// - Throws: ``VenueError/zeroAmount`` for an empty vault; a ``LedgerError`` when the
    ///   provider cannot pay; an ``ArithmeticError`` when the position cannot be valued.
    public mutating func addVault(
        name: String, underlying: AssetID, pool: Int, valuation: ShareVault.Valuation, accounting: ShareVault.Accounting,
        deviationLimit: UInt128?, idle: UInt128, position: UInt128, provider: AccountID
    ) throws -> Int {
        guard let coin = stablePools[pool].coinIndex(underlying) else {
            preconditionFailure("a vault's underlying is a coin of its pool")
        }
        let account = ledger.addAccount(named: "vault:\(name)")
        let shareAsset = ledger.addAsset(Asset(symbol: "V-\(name)", decimals: ledger.assets[underlying.index].decimals))
        try ledger.transfer(underlying, amount: idle, from: provider, to: account)
        try ledger.transfer(stablePools[pool].shareAsset, amount: position, from: provider, to: account)
        let vault = ShareVault(name: name, underlying: underlying, shareAsset: shareAsset, account: account, pool: pool, coin: coin,
                               valuation: valuation, accounting: accounting, deviationLimit: deviationLimit,
                               trackedIdle: idle, trackedPosition: position)
        vaults.append(vault)
        let value = try vaultValue(vaults.count - 1)
        guard value > 0 else { throw VenueError.zeroAmount }
        try ledger.mint(shareAsset, amount: value, to: provider)
        ledger.commit()
        return vaults.count - 1
    }

    /// Vault `index`'s idle underlying and LP position by its accounting rule, raw.
    public func vaultHoldings(_ index: Int) -> (idle: UInt128, position: UInt128) {
        let vault = vaults[index]
        switch vault.accounting {
        case .balance:
            return (ledger.balance(vault.underlying, of: vault.account),
                    ledger.balance(stablePools[vault.pool].shareAsset, of: vault.account))
        case .tracked:
            return (vault.trackedIdle, vault.trackedPosition)
        }
    }

    /// Vault `index`'s value in raw underlying: idle + the position valued by its rule.
    /// - Complexity: one or two Newton solves of the pool's invariant.
    public func vaultValue(_ index: Int) throws(ArithmeticError) -> UInt128 {
        let vault = vaults[index], holdings = vaultHoldings(index), pool = stablePools[vault.pool].pool
        let invested = switch vault.valuation {
        case .spot: try pool.spotValue(of: holdings.position, in: vault.coin)
        case .virtualPrice: try pool.virtualValue(of: holdings.position, in: vault.coin)
        }
        return try FixedPoint.add(holdings.idle, invested)
    }

    /// Vault `index`'s price per share: whole underlying per whole share, wad, rounded down
    /// (1 for a vault without shares).
    public func vaultPricePerShare(_ index: Int) throws(ArithmeticError) -> UInt128 {
        let supply = ledger.supply[vaults[index].shareAsset.index]
        guard supply > 0 else { return FixedPoint.wad }
        return try FixedPoint.mulDiv(try vaultValue(index), FixedPoint.wad, supply, rounding: .down)
    }

    /// Registers an oracle answering vault `vault`'s share price in the unit of oracle
    /// `underlyingOracle`: price per share × the underlying's price (Cream's crYUSD pricing).
    public mutating func addVaultShareOracle(name: String, vault: Int, underlyingOracle: Int) -> Int {
        addOracle(name: name, unit: oracles[underlyingOracle].unit, kind: .vaultShare(vault: vault, underlyingOracle: underlyingOracle))
    }

    /// Reverts when vault `index` has a deviation guard and its position's spot value is further
    /// from its virtual-price value than the limit allows.
    private func checkVaultDeviation(_ index: Int) throws(RevertReason) {
        let vault = vaults[index]
        guard let limit = vault.deviationLimit else { return }
        let position = vaultHoldings(index).position, pool = stablePools[vault.pool].pool
        let deviation: UInt128
        do {
            let spot = try pool.spotValue(of: position, in: vault.coin), fair = try pool.virtualValue(of: position, in: vault.coin)
            deviation = try FixedPoint.mulDiv(spot > fair ? spot - fair : fair - spot, FixedPoint.wad, max(fair, 1), rounding: .up)
        } catch { throw .arithmetic(error) }
        guard deviation <= limit else { throw .venue(.priceDeviation) }
    }

    /// Deposits `amount` underlying into vault `index` for the sender, who receives
    /// amount × supply / value shares (rounded down; amount when the vault has none).
    mutating func vaultDeposit(_ index: Int, amount: UInt128, sender: AccountID) throws(RevertReason) -> StepFlows {
        guard amount > 0 else { throw .venue(.zeroAmount) }
        try checkVaultDeviation(index)
        var vault = vaults[index]
        let supply = ledger.supply[vault.shareAsset.index]
        let minted: UInt128
        do {
            minted = supply == 0 ? amount : try FixedPoint.mulDiv(amount, supply, try vaultValue(index), rounding: .down)
            vault.trackedIdle = try FixedPoint.add(vault.trackedIdle, amount)
        } catch { throw .arithmetic(error) }
        guard minted > 0 else { throw .venue(.zeroAmount) }
        do {
            try ledger.transfer(vault.underlying, amount: amount, from: sender, to: vault.account)
            try ledger.mint(vault.shareAsset, amount: minted, to: sender)
        } catch { throw .ledger(error) }
        journal(.vault(index: index, old: vaults[index]))
        vaults[index] = vault
        return StepFlows(assetIn: vault.underlying, amountIn: amount, assetOut: vault.shareAsset, amountOut: minted)
    }

    /// Burns `shares` of vault `index` for shares × value / supply underlying (rounded down),
    /// paid from the idle balance; reverts beyond it.
    mutating func vaultWithdraw(_ index: Int, shares: UInt128, sender: AccountID) throws(RevertReason) -> StepFlows {
        guard shares > 0 else { throw .venue(.zeroAmount) }
        try checkVaultDeviation(index)
        var vault = vaults[index]
        let supply = ledger.supply[vault.shareAsset.index]
        let paid: UInt128
        do { paid = try FixedPoint.mulDiv(shares, try vaultValue(index), max(supply, 1), rounding: .down) } catch { throw .arithmetic(error) }
        guard paid <= vaultHoldings(index).idle, paid <= ledger.balance(vault.underlying, of: vault.account) else {
            throw .venue(.insufficientInventory)
        }
        vault.trackedIdle = vault.trackedIdle > paid ? vault.trackedIdle - paid : 0
        do {
            try ledger.burn(vault.shareAsset, amount: shares, from: sender)
            try ledger.transfer(vault.underlying, amount: paid, from: vault.account, to: sender)
        } catch { throw .ledger(error) }
        journal(.vault(index: index, old: vaults[index]))
        vaults[index] = vault
        return StepFlows(assetIn: vault.shareAsset, amountIn: shares, assetOut: vault.underlying, amountOut: paid)
    }

    /// Checks that vault `index`'s records never exceed what it holds on the ledger.
    func checkVault(_ index: Int) throws(InvariantViolation) {
        let vault = vaults[index]
        let idle = ledger.balance(vault.underlying, of: vault.account)
        let position = ledger.balance(stablePools[vault.pool].shareAsset, of: vault.account)
        guard vault.trackedIdle <= idle, vault.trackedPosition <= position else {
            throw InvariantViolation("vault \(vault.name): records \(vault.trackedIdle)/\(vault.trackedPosition) exceed holdings \(idle)/\(position)")
        }
    }
}
