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
    private var batch: OptionBatch
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
        // NOTE: the batch is built column by column at its final size, not one append per row:
        // the engine is built afresh for every margin query, and appending row by row (a
        // uniqueness check per element, the columns regrown) was a third of the options-vault
        // scenario's time (docs/bench-notes/pricing.md, session 24). Row-by-row appends → one
        // repeated append per series: 0.0285 → 0.0173 s per replication; this → a further ≈ 3 %.
        let templates = series.map { $0.parameters(spot: 1, volatility: 0, now: 0) }
        self.batch = OptionBatch(templates, repeatingEach: riskArray.scenarioCount + 1)
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
        let series = series, riskArray = riskArray, scenarioCount = riskArray.scenarioCount
        let rowCount = scenarioCount + 1
        // NOTE: the market columns and the table are written through unsafe buffers in one pass
        // each: element-wise writes to the arrays checked uniqueness per element (part of the
        // third of the options-vault scenario's time that went to filling, not pricing). With
        // the scenarios walked as nested loops (no % and / per row): 0.0173 → 0.0152 s.
        batch.withMarketColumns { columns in
            for (index, entry) in series.enumerated() {
                precondition(entry.underlying < spots.count, "PortfolioMargin: no spot for underlying \(entry.underlying)")
                let spot = spots[entry.underlying], volatility = volatilities[index]
                precondition(spot > 0 && spot.isFinite, "PortfolioMargin: spot must be positive and finite")
                precondition(volatility >= 0 && volatility.isFinite, "PortfolioMargin: volatility must be ≥ 0 and finite")
                let years = entry.yearsToExpiry(at: now)
                let first = index * rowCount
                columns.spots[first] = spot
                columns.volatilities[first] = volatility
                columns.expiries[first] = years
                // Scenario j is spot shock j % shocks with multiplier j / shocks (`RiskArray`).
                var row = first + 1
                for multiplier in riskArray.volatilityMultipliers {
                    for shock in riskArray.spotShocks {
                        columns.spots[row] = spot * (1 + shock)
                        columns.volatilities[row] = volatility * multiplier
                        columns.expiries[row] = years
                        row += 1
                    }
                }
            }
        }
        BlackScholes.value(batch, into: &valuations)
        baseValuations.removeAll()
        baseValuations.reserveCapacity(series.count)
        for index in series.indices { baseValuations.append(valuations[index * rowCount]) }
        let stride = stride, vegaColumn = vegaColumn, dollarGammaColumn = dollarGammaColumn
        let valuations = valuations
        table.withUnsafeMutableBufferPointer { table in
            valuations.prices.withUnsafeBufferPointer { prices in
                for (index, entry) in series.enumerated() {
                    let first = index * rowCount, row = index * stride
                    let basePrice = prices[first]
                    for scenario in 0..<scenarioCount {
                        table[row + scenario] = basePrice - prices[first + 1 + scenario]
                    }
                    let spot = spots[entry.underlying]
                    table[row + vegaColumn] = valuations.vegas[first]
                    table[row + dollarGammaColumn] = valuations.gammas[first] * spot * spot
                }
            }
        }
    }
}
