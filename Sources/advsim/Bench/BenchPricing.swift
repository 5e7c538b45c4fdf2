import ArgumentParser
import Foundation
import GSL
import Pricing

/// `advsim bench pricing`: options per second for price + 5 Greeks, batch kernel and
/// scalar reference measured in the same run (one option = one call or one put).
struct BenchPricing: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pricing",
        abstract: "Measure options/s for price + 5 Greeks: batch kernel and scalar reference."
    )

    @Option(help: "Options per timed pass.")
    var n = 1_000_000

    @Option(help: "Timed rounds per variant (interleaved); the median is reported.")
    var rounds = 7

    @OptionGroup var output: BenchOutputOptions

    /// Refuses a count that is not positive (exit code 2, located at the option).
    func checkOptions() {
        if n <= 0 { CommandSupport.refuseOption("--n must be positive") }
        if rounds <= 0 { CommandSupport.refuseOption("--rounds must be positive") }
    }

    func run() throws {
        checkOptions()
        // The numpy peer's ranges (shared/peers/bs_numpy.py); calls and puts alternate.
        let stream = RandomStream(seed: 12345)
        func draw(_ low: Double, _ high: Double) -> Double { low + (high - low) * stream.uniform() }
        var batch = OptionBatch()
        for index in 0..<n {
            batch.append(OptionParameters(
                kind: index % 2 == 0 ? .call : .put, spot: draw(50, 150), strike: draw(50, 150),
                expiry: draw(0.01, 2), rate: draw(0, 0.1), volatility: draw(0.05, 1.5)
            ))
        }
        let options = (0..<n).map { batch[$0] }
        var results = ValuationBatch()
        var checksum = 0.0
        let path = PricingPath.active

        func seconds(_ body: () -> Void) -> Double {
            let start = DispatchTime.now().uptimeNanoseconds
            body()
            return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        }
        BlackScholes.value(batch, into: &results, path: path)  // warm-up
        var batchTimes: [Double] = [], scalarTimes: [Double] = []
        for _ in 0..<rounds {
            batchTimes.append(seconds { BlackScholes.value(batch, into: &results, path: path) })
            checksum += results.prices[n / 2]
            scalarTimes.append(seconds {
                var sum = 0.0
                for option in options { sum += BlackScholes.value(option).theta }
                checksum += sum
            })
        }
        func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }
        let figures = [
            BenchFigure(benchmark: "pricing", metric: "batch_options_per_second", value: Double(n) / median(batchTimes), unit: "options/s"),
            BenchFigure(benchmark: "pricing", metric: "scalar_options_per_second", value: Double(n) / median(scalarTimes), unit: "options/s"),
            BenchFigure(benchmark: "pricing", metric: "batch_path_\(path.rawValue)", value: 1, unit: "flag"),
            BenchFigure(benchmark: "pricing", metric: "checksum", value: checksum.isFinite ? 1 : 0, unit: "finite"),
        ]
        print(BenchReport.render(figures, format: output.format), terminator: "")
    }
}
