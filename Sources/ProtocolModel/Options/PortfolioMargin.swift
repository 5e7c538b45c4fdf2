import Pricing

/// Portfolio margin of option accounts by a risk array (SPAN-like).
///
/// `revalue(spots:volatilities:now:)` prices every listed series at the current market and
/// in every scenario of the risk array ONCE, in one `OptionBatch` of series × (1 +
/// scenarios) options through the batch pricer, and keeps a table with one row per series:
///
///     [ loss₀ … loss_{n−1} | vega | Γ·S² | zero padding to a multiple of 4 ]
///
/// where lossⱼ = base value − value in scenario j, per long contract. An account's row is
/// then Σ qᵢ·row(seriesᵢ): its scenario losses and its net Greeks, in one pass of
/// multiply-adds over its positions; `margins(of:into:)` does this for every account.
///
/// margin = max(0, maxⱼ lossⱼ) + `GreeksAddOn.amount` of the net vega and dollar gamma.
public struct PortfolioMargin: Sendable {
    /// The listed series, indexed by `OptionPosition.series`.
    public let series: [OptionSeries]
    /// The scenarios.
    public let riskArray: RiskArray
    /// The Greeks add-on parameters.
    public var addOn: GreeksAddOn
    /// Doubles per series row of `table`: the scenarios, vega, dollar gamma, padding.
    public let stride: Int
    /// The per-contract table, `series.count` rows of `stride` columns (zero until the first
    /// `revalue`).
    public private(set) var table: [Double]
    /// Each series' price and Greeks at the current market (set by `revalue`).
    public private(set) var baseValuations = ValuationBatch()

    /// The pricer's input, reused across revaluations.
    private var batch = OptionBatch()
    /// The pricer's output, reused across revaluations.
    private var valuations = ValuationBatch()

    /// The column of net vega in a table row.
    var vegaColumn: Int { riskArray.scenarioCount }
    /// The column of net dollar gamma in a table row.
    var dollarGammaColumn: Int { riskArray.scenarioCount + 1 }

    /// An engine for `series` under `riskArray`, with `addOn`.
    public init(series: [OptionSeries], riskArray: RiskArray = .standard, addOn: GreeksAddOn) {
        self.series = series
        self.riskArray = riskArray
        self.addOn = addOn
        self.stride = (riskArray.scenarioCount + 2 + 3) / 4 * 4
        self.table = [Double](repeating: 0, count: series.count * stride)
        let rows = riskArray.scenarioCount + 1
        var options: [OptionParameters] = []
        options.reserveCapacity(series.count * rows)
        for entry in series {
            options.append(contentsOf: repeatElement(entry.parameters(spot: 1, volatility: 0, now: 0), count: rows))
        }
        batch = OptionBatch(columnsOf: options)
    }

    /// Reprices every series at the current market and in every scenario, and rebuilds the
    /// table.
    ///
    /// - Parameters:
    ///   - spots: the current price of each underlying (> 0), indexed by
    ///     `OptionSeries.underlying`.
    ///   - volatilities: each series' volatility per √year (≥ 0), indexed like `series`.
    ///   - now: simulated time in seconds, from which each series' time to expiry follows.
    /// - Complexity: O(series × scenarios), one batch pricing call, no allocation after the
    ///   first call.
    public mutating func revalue(spots: [Double], volatilities: [Double], now: Double) {
        precondition(volatilities.count == series.count, "PortfolioMargin: one volatility per series")
        let rowCount = riskArray.scenarioCount + 1
        for (index, entry) in series.enumerated() {
            precondition(entry.underlying < spots.count, "PortfolioMargin: no spot for underlying \(entry.underlying)")
            let spot = spots[entry.underlying], volatility = volatilities[index]
            precondition(spot > 0 && spot.isFinite, "PortfolioMargin: spot must be positive and finite")
            precondition(volatility >= 0 && volatility.isFinite, "PortfolioMargin: volatility must be ≥ 0 and finite")
            let years = entry.yearsToExpiry(at: now)
            let first = index * rowCount
            batch.spots[first] = spot
            batch.volatilities[first] = volatility
            batch.expiries[first] = years
            for scenario in 0..<riskArray.scenarioCount {
                let shock = riskArray.scenario(scenario)
                batch.spots[first + 1 + scenario] = spot * (1 + shock.spotShock)
                batch.volatilities[first + 1 + scenario] = volatility * shock.volatilityMultiplier
                batch.expiries[first + 1 + scenario] = years
            }
        }
        BlackScholes.value(batch, into: &valuations)
        baseValuations.prices.removeAll(keepingCapacity: true)
        baseValuations.deltas.removeAll(keepingCapacity: true)
        baseValuations.gammas.removeAll(keepingCapacity: true)
        baseValuations.vegas.removeAll(keepingCapacity: true)
        baseValuations.thetas.removeAll(keepingCapacity: true)
        baseValuations.rhos.removeAll(keepingCapacity: true)
        for (index, entry) in series.enumerated() {
            let first = index * rowCount, row = index * stride
            let base = valuations[first]
            baseValuations.prices.append(base.price)
            baseValuations.deltas.append(base.delta)
            baseValuations.gammas.append(base.gamma)
            baseValuations.vegas.append(base.vega)
            baseValuations.thetas.append(base.theta)
            baseValuations.rhos.append(base.rho)
            for scenario in 0..<riskArray.scenarioCount {
                table[row + scenario] = base.price - valuations.prices[first + 1 + scenario]
            }
            let spot = spots[entry.underlying]
            table[row + vegaColumn] = base.vega
            table[row + dollarGammaColumn] = base.gamma * spot * spot
        }
    }
}
