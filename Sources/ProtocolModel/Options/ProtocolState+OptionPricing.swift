import Foundation
import Pricing

/// The market an option vault prices at in one step or query: the price oracle's spot and each
/// series' volatility and Black–Scholes valuation (per whole contract, whole collateral).
struct OptionMarket {
    /// The price oracle's reading, wad.
    var spotWad: UInt128
    /// The same in whole collateral per whole underlying.
    var spot: Double
    /// Simulated time, seconds.
    var now: Double
    /// Each series' volatility per √year.
    var volatilities: [Double]
    /// Each series' price and Greeks.
    var valuations: [OptionValuation]
}

/// Pricing, marking and margining of option vaults (internal helpers of the steps and queries).
extension ProtocolState {
    /// Vault `index`'s market at `timestamp`. O(series).
    func optionMarket(_ index: Int, at timestamp: Int64) throws(RevertReason) -> OptionMarket {
        let vault = optionVaults[index]
        let spotWad: UInt128
        do { spotWad = try readOracle(vault.priceOracle, at: timestamp).value } catch { throw .oracle(error) }
        let spot = TokenUnits.toDouble(spotWad, decimals: 18)
        guard spot > 0, spot.isFinite else { throw .options(.badMarket) }
        let now = Double(timestamp)
        var volatilities: [Double] = [], valuations: [OptionValuation] = []
        volatilities.reserveCapacity(vault.series.count)
        valuations.reserveCapacity(vault.series.count)
        for listed in vault.series {
            let sigma = Self.volatility(vault, strike: listed.option.strike, spot: spot)
            guard sigma.isFinite else { throw .options(.badMarket) }
            volatilities.append(sigma)
            valuations.append(BlackScholes.value(listed.option.parameters(spot: spot, volatility: sigma, now: now)))
        }
        return OptionMarket(spotWad: spotWad, spot: spot, now: now, volatilities: volatilities, valuations: valuations)
    }

    /// The vault's volatility for strike `strike` at spot `spot`, floored at ``VolatilityModel/floor``.
    static func volatility(_ vault: OptionVault, strike: Double, spot: Double) -> Double {
        switch vault.volatility {
        case .implied(let atm, let skew): return max(VolatilityModel.floor, atm + skew * log(strike / spot))
        case .ewma: return max(VolatilityModel.floor, vault.clock.variance.squareRoot())
        }
    }

    /// `raw` contracts of vault `vault`'s underlying in whole contracts.
    func wholeContracts(_ raw: Int128, _ vault: OptionVault) -> Double {
        let magnitude = TokenUnits.toDouble(UInt128(raw.magnitude), decimals: ledger.assets[vault.underlying.index].decimals)
        return raw < 0 ? -magnitude : magnitude
    }

    /// `units` raw of the underlying valued at `priceWad` (collateral per whole underlying, wad),
    /// in collateral raw units, rounded as named: units·price·10^dC / (10^dU·10^18).
    func collateralValue(_ vault: OptionVault, units: UInt128, priceWad: UInt128, rounding: Rounding) throws(RevertReason) -> UInt128 {
        let shift = ledger.assets[vault.underlying.index].decimals + 18 - ledger.assets[vault.collateral.index].decimals
        do {
            return shift >= 0
                ? try FixedPoint.mulDiv(units, priceWad, FixedPoint.powerOfTen(shift), rounding: rounding)
                : try FixedPoint.multiply(try FixedPoint.multiply(units, priceWad), FixedPoint.powerOfTen(-shift))
        } catch { throw .arithmetic(error) }
    }

    /// `value` (≥ 0) whole units of an asset with `decimals` in raw units, rounded as named
    /// (the Double's integer part after scaling; clamped at 2^112).
    static func raw(_ value: Double, decimals: Int, rounding: Rounding) -> UInt128 {
        let scaled = value * pow(10, Double(decimals))
        return TokenUnits.fromDouble(rounding == .up ? scaled.rounded(.up) : scaled.rounded(.down), decimals: 0)
    }

    /// The premium of `contracts` raw contracts of series `series` at the ask (`isBuy`, rounded
    /// up) or the bid (rounded down): mid·(1 ± h) with the half-spread at the vault's net delta
    /// and vega after the trade, converted to a wad price per contract in the same direction.
    func optionPremium(_ index: Int, series: Int, contracts: UInt128, isBuy: Bool, market: OptionMarket) throws(RevertReason) -> UInt128 {
        let vault = optionVaults[index]
        let valuation = market.valuations[series]
        let greeks = vaultGreeks(vault, market)
        // The vault sells on a buy: its position moves by −q.
        let change = (isBuy ? -1.0 : 1.0) * TokenUnits.toDouble(contracts, decimals: ledger.assets[vault.underlying.index].decimals)
        let half = vault.spread.halfSpread(netDelta: greeks.delta + change * valuation.delta, netVega: greeks.vega + change * valuation.vega)
        let price = valuation.price * (isBuy ? 1 + half : 1 - half)
        guard price.isFinite else { throw .options(.badMarket) }
        let priceWad = Self.raw(max(0, price), decimals: 18, rounding: isBuy ? .up : .down)
        return try collateralValue(vault, units: contracts, priceWad: priceWad, rounding: isBuy ? .up : .down)
    }

    /// The vault's net delta (whole underlying: options and, unless `includingHedge` is false,
    /// the hedge held), gamma and vega (whole collateral per 1.00 vol). O(series).
    func vaultGreeks(_ vault: OptionVault, _ market: OptionMarket, includingHedge: Bool = true) -> (delta: Double, gamma: Double, vega: Double) {
        var delta = includingHedge
            ? TokenUnits.toDouble(ledger.balance(vault.underlying, of: vault.account), decimals: ledger.assets[vault.underlying.index].decimals)
            : 0
        var gamma = 0.0, vega = 0.0
        for (series, raw) in vault.totals.vaultPositions.enumerated() where raw != 0 {
            let quantity = wholeContracts(raw, vault), valuation = market.valuations[series]
            delta += quantity * valuation.delta
            gamma += quantity * valuation.gamma
            vega += quantity * valuation.vega
        }
        return (delta, gamma, vega)
    }

    /// The vault's NAV, collateral raw units: collateral held + hedge at the price oracle (rounded
    /// down) + the mark of its option positions (an asset rounded down, a liability rounded up),
    /// floored at zero. O(series).
    func vaultNetAssetValue(_ index: Int, _ market: OptionMarket) throws(RevertReason) -> UInt128 {
        let vault = optionVaults[index]
        let held = ledger.balance(vault.collateral, of: vault.account)
        let hedge = try collateralValue(vault, units: ledger.balance(vault.underlying, of: vault.account), priceWad: market.spotWad,
                                        rounding: .down)
        var mark = 0.0
        for (series, raw) in vault.totals.vaultPositions.enumerated() where raw != 0 {
            mark += wholeContracts(raw, vault) * market.valuations[series].price
        }
        let decimals = ledger.assets[vault.collateral.index].decimals
        let assets: UInt128
        do { assets = try FixedPoint.add(held, hedge) } catch { throw .arithmetic(error) }
        if mark >= 0 {
            do { return try FixedPoint.add(assets, Self.raw(mark, decimals: decimals, rounding: .down)) } catch { throw .arithmetic(error) }
        }
        let liability = Self.raw(-mark, decimals: decimals, rounding: .up)
        return assets > liability ? assets - liability : 0
    }

    /// A portfolio-margin engine over the vault's series plus, last, the hedge (an expired call
    /// struck at 10^−12: worth the spot, delta 1), revalued at `market`. O(series × scenarios).
    func optionMarginEngine(_ vault: OptionVault, _ market: OptionMarket) -> PortfolioMargin {
        let hedge = OptionSeries(underlying: 0, kind: .call, strike: 1e-12, expiry: -1)
        var engine = PortfolioMargin(series: vault.series.map(\.option) + [hedge], riskArray: vault.margin.riskArray,
                                     addOn: vault.margin.addOn)
        engine.revalue(spots: [market.spot], volatilities: market.volatilities + [0], now: market.now)
        return engine
    }

    /// A trader's requirement, collateral raw units rounded up: zero without a short, else
    /// max(0, worst loss) + add-on + Σ_short |q|·mark of its whole portfolio. O(series).
    func traderRequirement(_ vault: OptionVault, _ row: [Int128]?, _ market: OptionMarket, _ engine: PortfolioMargin) -> UInt128 {
        guard let row, row.contains(where: { $0 < 0 }) else { return 0 }
        // NOTE: the positions go to a stack buffer, not an array: this runs for every account
        // holding a short at every block of an option scenario.
        let requirement = withUnsafeTemporaryAllocation(of: OptionPosition.self, capacity: row.count) { positions in
            var count = 0, shortValue = 0.0
            for (series, raw) in row.enumerated() where raw != 0 {
                let quantity = wholeContracts(raw, vault)
                positions.initializeElement(at: count, to: OptionPosition(series: series, quantity: quantity))
                count += 1
                if quantity < 0 { shortValue -= quantity * market.valuations[series].price }
            }
            return engine.margin(of: positions[..<count]) + shortValue
        }
        return Self.raw(requirement, decimals: ledger.assets[vault.collateral.index].decimals, rounding: .up)
    }

    /// The vault's own requirement (risk array + add-on of its options and hedge), collateral raw
    /// units rounded up. O(series).
    func vaultRequirement(_ vault: OptionVault, _ market: OptionMarket, _ engine: PortfolioMargin) -> UInt128 {
        var positions = vault.totals.vaultPositions.enumerated().filter { $0.element != 0 }.map {
            OptionPosition(series: $0.offset, quantity: wholeContracts($0.element, vault))
        }
        let hedge = ledger.balance(vault.underlying, of: vault.account)
        if hedge > 0 { positions.append(OptionPosition(series: vault.series.count, quantity: wholeContracts(Int128(hedge), vault))) }
        return Self.raw(engine.margin(of: positions), decimals: ledger.assets[vault.collateral.index].decimals, rounding: .up)
    }

    /// The margin balance below which an account with `requirement` is liquidatable:
    /// maintenance × requirement, collateral raw units rounded up.
    func maintenanceThreshold(_ vault: OptionVault, _ requirement: UInt128) -> UInt128 {
        let decimals = ledger.assets[vault.collateral.index].decimals
        return Self.raw(vault.margin.maintenance * TokenUnits.toDouble(requirement, decimals: decimals), decimals: decimals, rounding: .up)
    }
}
