import ArgumentParser
import Experiments
import Foundation
import Scenarios

/// `advsim bench batch SCENARIO`: the batch machinery's throughput and its own cost, measured
/// inside one process so that machine load affects both sides alike.
struct BenchBatch: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "batch",
        abstract: "Batch throughput (replications/s) and the machinery's overhead over the replications themselves."
    )

    @Argument(help: "Scenario file, or a shipped scenario's name.")
    var scenario: String

    @Option(name: [.customShort("n"), .customLong("replications")], help: "Replications.")
    var replications = 200

    @Option(help: "Worker threads.")
    var threads = 1

    @Option(name: .customLong("set"), help: "Override a scenario value: key.path=value (repeatable; a key holding dots is quoted: sweep.parameters.\"pools.p.fee\").")
    var overrides: [String] = []

    @OptionGroup var output: BenchOutputOptions

    func run() throws {
        let loaded = try CommandSupport.loadScenario(scenario, overrides: overrides)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("advsim-bench-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let spec = BatchSpec(scenarioPath: loaded.sourcePath, overrides: overrides, plan: .single, replications: replications,
                             scenarioSeed: 1, shard: .whole, options: WorldOptions())
        let runner = BatchRunner(spec: spec, scenarios: try PointScenarios(spec: spec), directory: folder, threads: threads, resume: false,
                                 showProgress: false, commandLine: [], version: AdvSim.configuration.version)
        let start = DispatchTime.now().uptimeNanoseconds
        let report: BatchReport
        do {
            report = try runner.run()
        } catch {
            CommandSupport.fail("benchmark failed: \(error)", code: 1)
        }
        let wall = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        // With T threads busy, the replications alone would take Σ/T of wall time.
        let overhead = (wall * Double(threads) / report.replicationSeconds - 1) * 100
        let name = "batch:\(loaded.name):\(threads)t"
        let figures = [
            BenchFigure(benchmark: name, metric: "replications_per_second", value: Double(replications) / wall, unit: "rep/s"),
            BenchFigure(benchmark: name, metric: "wall_seconds", value: wall, unit: "s"),
            BenchFigure(benchmark: name, metric: "machinery_overhead", value: overhead, unit: "%"),
        ]
        print(BenchReport.render(figures, format: output.format), terminator: "")
    }
}
