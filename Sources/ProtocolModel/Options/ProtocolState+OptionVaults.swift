/// Option vaults: building them and the queries agents and outputs read (non-mutating; a query
/// that names no time prices at the vault's last sealed block).
extension ProtocolState {
    /// Creates option vault `name` writing `series` on `underlying`, margined and settled in
    /// `collateral`, with `liquidity` of collateral taken from `provider` (minted when nil: a
    /// scenario's genesis) for which `shareholder` receives the first shares (one share wad per
    /// whole collateral unit). Called while the world is being built at `timestamp`.
    /// - Returns: the vault's index in ``optionVaults``.
    public mutating func addOptionVault(
        name: String, underlying: AssetID, collateral: AssetID, priceOracle: Int, settlementOracle: Int,
        series: [OptionSeries], volatility: VolatilityModel, spread: SpreadRule, margin: OptionMarginRule = OptionMarginRule(),
        keeper: AccountID?, liquidity: UInt128, provider: AccountID?, shareholder: AccountID, timestamp: Int64
    ) throws -> Int {
        precondition(underlying != collateral, "an option vault's underlying and collateral differ")
        precondition(oracles.indices.contains(priceOracle) && oracles.indices.contains(settlementOracle), "an option vault needs its oracles")
        precondition(series.allSatisfy { $0.underlying == 0 }, "a vault's series are on its one underlying (index 0)")
        let account = ledger.addAccount(named: "options:\(name)")
        let marginAccount = ledger.addAccount(named: "options-margin:\(name)")
        let shareAsset = ledger.addAsset(Asset(symbol: "OV-\(name)", decimals: 18))
        let initial: Double
        switch volatility {
        case .implied: initial = 0
        case .ewma(let lambda, let sigma):
            precondition(lambda >= 0 && lambda < 1 && sigma >= 0, "EWMA: λ in [0, 1), initial σ ≥ 0")
            initial = sigma * sigma
        }
        let vault = OptionVault(
            name: name, underlying: underlying, collateral: collateral, shareAsset: shareAsset, account: account,
            marginAccount: marginAccount, keeper: keeper, priceOracle: priceOracle, settlementOracle: settlementOracle,
            series: series.map { ListedSeries(option: $0) }, volatility: volatility, spread: spread, margin: margin,
            clock: OptionVaultClock(sealedAt: timestamp, variance: initial))
        if liquidity > 0 {
            if let provider {
                try ledger.transfer(collateral, amount: liquidity, from: provider, to: account)
            } else {
                try ledger.mint(collateral, amount: liquidity, to: account)
            }
            let shares = try firstShares(vault, liquidity)
            try ledger.mint(shareAsset, amount: shares, to: shareholder)
        }
        ledger.commit()
        optionVaults.append(vault)
        sealOptionVault(optionVaults.count - 1, at: timestamp)
        return optionVaults.count - 1
    }

    /// The premium, collateral raw units, that a buy (`isBuy`, at the ask, rounded up) or sell (at
    /// the bid, rounded down) of `contracts` raw contracts of series `series` would charge or pay
    /// at `timestamp` (default: the last sealed block). O(series).
    public func optionQuote(vault: Int, series: Int, contracts: UInt128, isBuy: Bool, at timestamp: Int64? = nil) throws(RevertReason) -> UInt128 {
        let market = try optionMarket(vault, at: timestamp ?? optionVaults[vault].clock.sealedAt)
        return try optionPremium(vault, series: series, contracts: contracts, isBuy: isBuy, market: market)
    }

    /// The Black–Scholes mark of one whole contract of series `series`, whole collateral units;
    /// NaN when the price oracle cannot be read. O(series).
    public func optionMid(vault: Int, series: Int, at timestamp: Int64? = nil) -> Double {
        guard let market = try? optionMarket(vault, at: timestamp ?? optionVaults[vault].clock.sealedAt) else { return .nan }
        return market.valuations[series].price
    }

    /// The volatility (per √year) the vault prices series `series` at; NaN when the price oracle
    /// cannot be read or the volatility is not finite. O(1): the one series, not the market.
    public func optionVolatility(vault: Int, series: Int, at timestamp: Int64? = nil) -> Double {
        let entry = optionVaults[vault]
        guard let reading = try? readOracle(entry.priceOracle, at: timestamp ?? entry.clock.sealedAt) else { return .nan }
        let spot = TokenUnits.toDouble(reading.value, decimals: 18)
        guard spot > 0, spot.isFinite else { return .nan }
        let sigma = Self.volatility(entry, strike: entry.series[series].option.strike, spot: spot)
        return sigma.isFinite ? sigma : .nan
    }

    /// The vault's net Greeks: delta in whole underlying (options and hedge held), gamma per whole
    /// underlying per unit of price, vega in whole collateral per 1.00 of volatility; NaN when the
    /// price oracle cannot be read. O(series).
    public func vaultGreeks(vault: Int, at timestamp: Int64? = nil) -> (delta: Double, gamma: Double, vega: Double) {
        guard let market = try? optionMarket(vault, at: timestamp ?? optionVaults[vault].clock.sealedAt) else { return (.nan, .nan, .nan) }
        return vaultGreeks(optionVaults[vault], market)
    }

    /// The vault's NAV in collateral raw units (collateral held + hedge at the price oracle −
    /// mark of its net option liability; rounded against the vault); 0 when the price oracle
    /// cannot be read. O(series).
    public func vaultNetAssetValue(vault: Int, at timestamp: Int64? = nil) -> UInt128 {
        guard let market = try? optionMarket(vault, at: timestamp ?? optionVaults[vault].clock.sealedAt),
              let nav = try? vaultNetAssetValue(vault, market) else { return 0 }
        return nav
    }

    /// `account`'s non-zero positions at vault `vault`: series index and signed raw contracts.
    public func optionPositions(vault: Int, account: AccountID) -> [(series: Int, contracts: Int128)] {
        guard let row = optionVaults[vault].positions[account] else { return [] }
        return row.enumerated().filter { $0.element != 0 }.map { (series: $0.offset, contracts: $0.element) }
    }

    /// `account`'s option margin balance and requirement, collateral raw units (the requirement
    /// is 0 when the price oracle cannot be read). O(series × scenarios).
    public func optionMargin(vault: Int, account: AccountID, at timestamp: Int64? = nil) -> (balance: UInt128, requirement: UInt128) {
        let entry = optionVaults[vault]
        let balance = entry.marginBalances[account] ?? 0
        guard entry.positions[account] != nil, let market = try? optionMarket(vault, at: timestamp ?? entry.clock.sealedAt) else {
            return (balance, 0)
        }
        return (balance, traderRequirement(entry, entry.positions[account], market, optionMarginEngine(entry, market)))
    }

    /// The accounts holding shorts at vault `vault` whose margin balance is below maintenance ×
    /// requirement, in account order: one revaluation of the series and one pass over the
    /// accounts holding positions (never all accounts). Empty when the price oracle cannot be
    /// read, and without revaluing when no account holds a short. O(accounts with positions ×
    /// series), plus O(series × scenarios) when one does.
    public func optionAccountsBelowMaintenance(vault: Int, at timestamp: Int64? = nil) -> [AccountID] {
        let entry = optionVaults[vault]
        // Without a short every requirement is zero (``traderRequirement``): nothing to revalue.
        guard entry.positions.values.contains(where: { row in row.contains { $0 < 0 } }),
              let market = try? optionMarket(vault, at: timestamp ?? entry.clock.sealedAt) else { return [] }
        let engine = optionMarginEngine(entry, market)
        return entry.positions.keys.sorted().filter { account in
            let requirement = traderRequirement(entry, entry.positions[account], market, engine)
            return requirement > 0 && (entry.marginBalances[account] ?? 0) < maintenanceThreshold(entry, requirement)
        }
    }

    /// Σ long contracts held by traders at vault `vault`, raw underlying units. O(1).
    public func openInterest(vault: Int) -> UInt128 {
        optionVaults[vault].totals.openInterest
    }

    /// The settlement price (wad) recorded for series `series` of vault `vault`; nil until settled.
    public func settlementPrice(vault: Int, series: Int) -> UInt128? {
        optionVaults[vault].series[series].settlementPrice
    }
}
