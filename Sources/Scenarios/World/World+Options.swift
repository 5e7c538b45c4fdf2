import Foundation
import Pricing
import ProtocolModel

extension World {
    /// Folds the block's settlements into `settlement_price_deviation`: for each series settled
    /// in it, |settlement price − the underlying's reference price in collateral at the block's
    /// time| / that reference.
    /// - Complexity: O(1) unless the block executed a settlement, then O(listed series).
    func accountOptionSettlements(at time: Double) {
        guard !optionAgents.settled.isEmpty, stepLog.contains(where: { $0.executed && $0.kind == .settleOptions }) else { return }
        for (index, vault) in state.optionVaults.enumerated() {
            for (series, listed) in vault.series.enumerated() where !optionAgents.settled[index][series] {
                guard let price = listed.settlementPrice else { continue }
                optionAgents.settled[index][series] = true
                guard let reference = referenceSpot(of: vault, at: time), reference > 0 else { continue }
                let deviation = abs(TokenUnits.toDouble(price, decimals: 18) - reference) / reference
                optionAgents.maxSettlementDeviation = max(optionAgents.maxSettlementDeviation ?? 0, deviation)
            }
        }
    }

    /// The vaults' net Greeks summed over vaults, for timeseries.csv; nil without vaults.
    /// - Complexity: O(listed series).
    func vaultGreeks() -> (delta: Double, gamma: Double, vega: Double)? {
        guard !state.optionVaults.isEmpty else { return nil }
        return state.optionVaults.indices.reduce((delta: 0.0, gamma: 0.0, vega: 0.0)) { total, vault in
            let greeks = state.vaultGreeks(vault: vault)
            return (total.delta + greeks.delta, total.gamma + greeks.gamma, total.vega + greeks.vega)
        }
    }

    /// The option columns of runs.csv (nothing without vaults).
    func finishOptions(_ pnl: [PartyPnL]) {
        guard !state.optionVaults.isEmpty else { return }
        metrics.optionsOpenInterest = state.optionVaults.indices.reduce(0.0) { total, index in
            let decimals = state.ledger.assets[state.optionVaults[index].underlying.index].decimals
            return total + TokenUnits.toDouble(state.openInterest(vault: index), decimals: decimals)
        }
        metrics.vaultPnl = pnl.filter { $0.party == .optionVaults }.reduce(0.0) { $0 + $1.value }
        metrics.optionLiquidations = state.optionVaults.reduce(0) { $0 + $1.totals.liquidations }
        metrics.settlementPriceDeviation = optionAgents.maxSettlementDeviation
    }

    /// Adds the option vaults' claims to `holdings`: each account's option margin balance and its
    /// positions marked at `time`'s reference prices (Black–Scholes at the reference spot with the
    /// vault's volatility; intrinsic value once expired), both in the collateral, held by the
    /// account's party against ``Party/optionVaults``; and the vaults' issued shares, held
    /// negatively by ``Party/optionVaults`` (whose LPs hold them). With `walkAwayAt`, an account
    /// whose margin does not cover its marked positions walks away: its claims stay the vault's.
    /// - Complexity: O(series) per vault plus O(series) per account holding margin or positions
    ///   (called at the start and at the end only).
    func addOptionClaims(to holdings: inout PartyHoldings, walkAwayAt time: Double?) {
        for (index, vault) in state.optionVaults.enumerated() {
            let collateral = vault.collateral.index
            let marks = seriesMarks(index, at: time ?? 0)
            let underlyingDecimals = state.ledger.assets[vault.underlying.index].decimals
            let scale = pow(10, Double(state.ledger.assets[collateral].decimals))
            let accounts = Set(vault.positions.keys).union(vault.marginBalances.keys).sorted()
            for account in accounts {
                var claim = Int128(vault.marginBalances[account] ?? 0)
                for (series, contracts) in (vault.positions[account] ?? []).enumerated() where contracts != 0 {
                    let whole = TokenUnits.toDouble(UInt128(contracts.magnitude), decimals: underlyingDecimals)
                    let value = Int128((whole * marks[series] * scale).rounded())
                    claim += contracts < 0 ? -value : value
                }
                var owner = accountParties[account.index]
                if time != nil, claim < 0 { owner = .optionVaults }
                holdings[owner, collateral] += claim
                holdings[.optionVaults, collateral] -= claim
            }
            holdings[.optionVaults, vault.shareAsset.index] -= Int128(state.ledger.supply[vault.shareAsset.index])
        }
    }

    /// The mark of one whole contract of each of vault `index`'s series at `time`'s reference
    /// prices, whole collateral units (0 for a settled series, whose positions are closed).
    private func seriesMarks(_ index: Int, at time: Double) -> [Double] {
        let vault = state.optionVaults[index]
        guard let spot = referenceSpot(of: vault, at: time) else { return [Double](repeating: 0, count: vault.series.count) }
        return vault.series.indices.map { series in
            let option = vault.series[series].option
            if vault.series[series].settlementPrice != nil { return 0 }
            if option.expiry <= time { return max(0, option.kind.sign * (spot - option.strike)) }
            let sigma = state.optionVolatility(vault: index, series: series)
            let volatility = sigma.isFinite ? sigma : VolatilityModel.floor
            return BlackScholes.value(option.parameters(spot: spot, volatility: volatility, now: time)).price
        }
    }

    /// The underlying's reference price in the collateral at `time` (nil when either has none).
    func referenceSpot(of vault: OptionVault, at time: Double) -> Double? {
        guard let underlying = valuation.usdPrice(vault.underlying, at: time),
              let collateral = valuation.usdPrice(vault.collateral, at: time), collateral > 0 else { return nil }
        return underlying / collateral
    }
}
