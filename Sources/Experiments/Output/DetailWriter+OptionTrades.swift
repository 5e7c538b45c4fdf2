import Pricing
import ProtocolModel
import Scenarios

/// An option series as events.csv names it: `<vault>:<kind>:<strike>:<expiry>`, e.g.
/// `eth_options:call:3000:604800s` (strike in collateral per whole underlying, expiry in seconds
/// from the scenario start), with the decimals of its contracts (the underlying's).
struct OptionSeriesLabel {
    let text: String
    let contractDecimals: Int

    /// Every option vault's listed series, in vault order and then in each vault's series order.
    static func all(in scenario: Scenario) -> [OptionSeriesLabel] {
        let decimals = Dictionary(uniqueKeysWithValues: scenario.assets.map { ($0.symbol, $0.decimals) })
        return scenario.optionVaults.flatMap { vault in
            vault.series.listed.map { series in
                let expiry = series.expiry == series.expiry.rounded() ? "\(Int(series.expiry))s" : CSVFormat.double(series.expiry) + "s"
                return OptionSeriesLabel(text: "\(vault.id):\(series.kind.rawValue):\(CSVFormat.double(series.strike)):\(expiry)",
                                         contractDecimals: decimals[vault.underlying] ?? 18)
            }
        }
    }
}

extension DetailWriter {
    /// The events.csv line of a `buy_option` (contracts out, premium in) or `sell_option`
    /// (contracts in, premium out) record of `series`: the series stands as the asset of its
    /// contracts, and the pool column is empty. A reverted trade names its series, the contracts
    /// it asked for when they were exact (else an empty cell) and no premium.
    func optionTradeLine(_ step: StepRecord, series: OptionSeriesLabel) -> String {
        let contracts = { (raw: UInt128) in
            !step.executed && raw == 0 ? "" : CSVFormat.amount(raw, decimals: series.contractDecimals)
        }
        let (assetIn, amountIn, assetOut, amountOut) = step.kind == .buyOption
            ? (step.assetIn.map { assets[$0.index].symbol }, amount(step.amountIn, step.assetIn), series.text, contracts(step.amountOut))
            : (series.text, contracts(step.amountIn), step.assetOut.map { assets[$0.index].symbol }, amount(step.amountOut, step.assetOut))
        return CSVFormat.line([
            CSVFormat.double(step.time), "\(step.block)", "\(step.transaction)", CSVFormat.text(step.agent.name),
            step.kind.rawValue, "", CSVFormat.text(assetIn), amountIn, CSVFormat.text(assetOut), amountOut,
            step.executed ? "executed" : "reverted", CSVFormat.text(step.reason(assets: assets)),
        ])
    }
}
