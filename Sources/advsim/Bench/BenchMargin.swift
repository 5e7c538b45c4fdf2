import ArgumentParser
import Foundation
import GSL
import Pricing
import ProtocolModel

/// `advsim bench margin`: portfolio-margin revaluation (issue 7) of many option accounts
/// under a risk array, the engine against the naive loop that prices every position in
/// every scenario with the scalar reference, in the same run.
struct BenchMargin: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "margin",
        abstract: "Measure portfolio-margin revaluation: risk-array engine and naive per-position pricing."
    )

    @Option(help: "Accounts.")
    var accounts = 10_000

    @Option(help: "Positions per account.")
    var positions = 10

    @Option(help: "Listed series (calls and puts on two underlyings).")
    var series = 50

    @Option(help: "Timed rounds per variant (interleaved); the median is reported.")
    var rounds = 7

    @OptionGroup var output: BenchOutputOptions

    /// Refuses a count that is not positive (exit code 2, located at the option).
    func checkOptions() {
        for (flag, count) in [("--accounts", accounts), ("--positions", positions), ("--series", series), ("--rounds", rounds)] where count <= 0 {
            CommandSupport.refuseOption("\(flag) must be positive")
        }
    }

    func run() throws {
        checkOptions()
        let stream = RandomStream(seed: 7)
        let spots = [3_000.0, 60_000.0]
        var listed: [OptionSeries] = []
        var volatilities: [Double] = []
        for index in 0..<series {
            let underlying = index % 2
            listed.append(OptionSeries(
                underlying: underlying, kind: index % 4 < 2 ? .call : .put,
                strike: spots[underlying] * (0.7 + 0.6 * stream.uniform()),
                expiry: (1 + 89 * stream.uniform()) * 86_400, rate: 0.04
            ))
            volatilities.append(0.4 + 0.6 * stream.uniform())
        }
        var book = OptionAccounts()
        for _ in 0..<accounts {
            book.append((0..<positions).map { _ in
                OptionPosition(series: stream.uniformInt(series), quantity: (stream.uniform() - 0.5) * 20)
            })
        }
        var engine = PortfolioMargin(series: listed, addOn: GreeksAddOn(volatilityBuffer: 0.02, spotGap: 0.05))
        var margins: [Double] = []
        var naiveMargins = [Double](repeating: 0, count: accounts)

        func seconds(_ body: () -> Void) -> Double {
            let start = DispatchTime.now().uptimeNanoseconds
            body()
            return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        }
        func revalueAll() {
            engine.revalue(spots: spots, volatilities: volatilities, now: 0)
            engine.margins(of: book, into: &margins)
        }
        revalueAll()  // warm-up
        var totalTimes: [Double] = [], pricingTimes: [Double] = [], aggregationTimes: [Double] = [], naiveTimes: [Double] = []
        for _ in 0..<rounds {
            totalTimes.append(seconds(revalueAll))
            pricingTimes.append(seconds { engine.revalue(spots: spots, volatilities: volatilities, now: 0) })
            aggregationTimes.append(seconds { engine.margins(of: book, into: &margins) })
            naiveTimes.append(seconds { naiveMargin(listed, spots, volatilities, engine.riskArray, engine.addOn, book, into: &naiveMargins) })
        }
        var worstDifference = 0.0
        for account in 0..<accounts {
            worstDifference = max(worstDifference, abs(margins[account] - naiveMargins[account]) / (1 + naiveMargins[account]))
        }
        func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }
        let figures = [
            BenchFigure(benchmark: "margin", metric: "revaluation_ms", value: median(totalTimes) * 1e3, unit: "ms"),
            BenchFigure(benchmark: "margin", metric: "pricing_ms", value: median(pricingTimes) * 1e3, unit: "ms"),
            BenchFigure(benchmark: "margin", metric: "aggregation_ms", value: median(aggregationTimes) * 1e3, unit: "ms"),
            BenchFigure(benchmark: "margin", metric: "naive_per_position_ms", value: median(naiveTimes) * 1e3, unit: "ms"),
            BenchFigure(benchmark: "margin", metric: "speedup_vs_naive", value: median(naiveTimes) / median(totalTimes), unit: "x"),
            BenchFigure(benchmark: "margin", metric: "max_relative_difference_vs_naive", value: worstDifference, unit: "ratio"),
            BenchFigure(benchmark: "margin", metric: "scenarios", value: Double(engine.riskArray.scenarioCount), unit: "count"),
        ]
        print(BenchReport.render(figures, format: output.format), terminator: "")
    }

    /// The baseline: every position of every account priced with the scalar reference at the
    /// current market and in every scenario, no sharing across accounts.
    private func naiveMargin(
        _ listed: [OptionSeries], _ spots: [Double], _ volatilities: [Double], _ riskArray: RiskArray,
        _ addOn: GreeksAddOn, _ book: OptionAccounts, into margins: inout [Double]
    ) {
        var losses = [Double](repeating: 0, count: riskArray.scenarioCount)
        for account in 0..<book.count {
            for scenario in losses.indices { losses[scenario] = 0 }
            var netVega = 0.0, netDollarGamma = 0.0
            for position in book[account] {
                let entry = listed[position.series]
                let spot = spots[entry.underlying], volatility = volatilities[position.series]
                let base = BlackScholes.value(entry.parameters(spot: spot, volatility: volatility, now: 0))
                for scenario in losses.indices {
                    let shock = riskArray.scenario(scenario)
                    let moved = BlackScholes.value(entry.parameters(
                        spot: spot * (1 + shock.spotShock), volatility: volatility * shock.volatilityMultiplier, now: 0
                    ))
                    losses[scenario] += position.quantity * (base.price - moved.price)
                }
                netVega += position.quantity * base.vega
                netDollarGamma += position.quantity * base.gamma * spot * spot
            }
            margins[account] = max(0, losses.max() ?? 0) + addOn.amount(netVega: netVega, netDollarGamma: netDollarGamma)
        }
    }
}
