import ArgumentParser
import Experiments
import Foundation
import Scenarios

/// `advsim bench scenario FILE`: median wall time per replication, with per-replication outputs
/// only (no time series or event log), as in a batch.
struct BenchScenario: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scenario",
        abstract: "Median wall time per replication of a scenario (metric seconds_per_replication)."
    )

    @Argument(help: "Scenario file, or a shipped scenario's name.")
    var scenario: String

    @Option(help: "Measured replications (after one warm-up).")
    var replications = 5

    @Option(help: "Scenario seed; replication r uses mix(seed, r).")
    var seed: UInt64 = 1

    @Option(name: .customLong("set"), help: "Override a scenario value: key.path=value (repeatable; a key holding dots is quoted: sweep.parameters.\"pools.p.fee\").")
    var overrides: [String] = []

    @OptionGroup var output: BenchOutputOptions

    /// Refuses `--replications` below 1 (exit code 2, located at the option).
    func checkOptions() {
        if replications < 1 { CommandSupport.refuseOption("--replications must be at least 1") }
    }

    func run() throws {
        checkOptions()
        let loaded = try CommandSupport.loadScenario(scenario, overrides: overrides)
        do {
            _ = try ReplicationRunner.run(scenario: loaded, scenarioSeed: seed, replication: replications)
            var seconds: [Double] = []
            for replication in 0..<replications {
                let start = DispatchTime.now().uptimeNanoseconds
                _ = try ReplicationRunner.run(scenario: loaded, scenarioSeed: seed, replication: replication)
                seconds.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
            }
            seconds.sort()
            let median = seconds.count % 2 == 1 ? seconds[seconds.count / 2]
                : (seconds[seconds.count / 2 - 1] + seconds[seconds.count / 2]) / 2
            let figures = [
                BenchFigure(benchmark: "scenario:\(loaded.name)", metric: "seconds_per_replication", value: median, unit: "s"),
                BenchFigure(benchmark: "scenario:\(loaded.name)", metric: "min_seconds_per_replication", value: seconds[0], unit: "s"),
                BenchFigure(benchmark: "scenario:\(loaded.name)", metric: "blocks_per_replication",
                            value: Double(loaded.blockCount), unit: "blocks"),
            ]
            print(BenchReport.render(figures, format: output.format), terminator: "")
        } catch {
            CommandSupport.fail("benchmark failed: \(error)", code: 1)
        }
    }
}
