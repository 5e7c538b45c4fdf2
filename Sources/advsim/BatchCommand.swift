import ArgumentParser
import Experiments
import Foundation
import Scenarios

/// `advsim batch SCENARIO`: many replications, in parallel, over a sweep.
struct Batch: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run replications of a scenario in parallel, over a parameter sweep; write runs.csv, summary.csv, pnl.csv, failures.csv and manifest.json.",
        discussion: """
        Sweep specs (--sweep key.path=SPEC, repeatable; several make a Cartesian product):
          a,b,c                  explicit values
          lin:START:STOP:COUNT   evenly spaced
          log:START:STOP:COUNT   log-spaced
          range:LOW:HIGH         a range for --design lhs:COUNT or sobol:COUNT (logrange:LOW:HIGH: log-uniform)
        Replication r has the seed mix(seed, r) at every sweep point (common random numbers).
        Exit code: 0 when every replication succeeded, 1 when some failed (see failures.csv), 2 on bad input — \
        checked before the start, but in a sweep of more than 10000 points only each swept value alone: a point whose \
        combination of values is refused stops the batch there (rows before it kept, manifest partial).
        """
    )

    @Argument(help: "Scenario file, or a shipped scenario's name.")
    var scenario: String

    @Option(name: [.customShort("n"), .customLong("replications")], parsing: .unconditional,
            help: "Replications per sweep point (sweep points × replications at most 10^12).")
    var replications = 100

    @Option(help: "Worker threads (default: all cores; at most \(BatchLimits.maximumThreads)).")
    var threads: Int?

    @Option(parsing: .unconditional, help: "Scenario seed (default: the scenario's `seed:`, else 1).")
    var seed: UInt64?

    @Option(name: .customLong("sweep"), help: "Sweep a parameter: key.path=SPEC (repeatable).")
    var sweeps: [String] = []

    @Option(help: "Sweep design: grid (default), lhs:COUNT or sobol:COUNT (default: the scenario's sweep.design, else grid).")
    var design: String?

    @Option(name: .customLong("set"), help: "Override a scenario value: key.path=value (repeatable; a key holding dots is quoted: sweep.parameters.\"pools.p.fee\").")
    var overrides: [String] = []

    @Option(parsing: .unconditional, help: "Run only shard I of N: I/N, counted from 0 (0 ≤ I < N; 0/2 and 1/2 are the two halves).")
    var shard: String?

    @Option(help: "Output folder (default: results/<scenario name>/batch-<UTC timestamp>/).")
    var out: String?

    @Flag(help: "Continue a batch that was interrupted or killed, from what is on disk.")
    var resume = false

    @Flag(help: "No progress on stderr (an interruption or failed replications are still reported there, and the headline of summary.csv on stdout).")
    var quiet = false

    @Flag(help: "Check the protocol's invariants after every transaction (slower).")
    var checkInvariants = false

    /// Refuses `-n` and `--threads` out of range (exit code 2, located at the option).
    func checkOptions() {
        if replications < 1 { CommandSupport.refuseOption("-n must be at least 1") }
        if let threads, let error = BatchLimits.threadsError(threads) { CommandSupport.refuseOption(error) }
    }

    func run() throws {
        checkOptions()
        let path = CommandSupport.resolveScenarioPath(scenario)
        let spec: BatchSpec
        let scenarios: PointScenarios
        let first: Scenario
        do {
            let base = try CommandSupport.loadScenario(scenario, overrides: overrides)
            let scenarioSeed = seed ?? base.seed ?? 1
            let plan = try SweepPlan(scenario: base, sweeps: sweeps, design: design, seed: scenarioSeed)
            try plan.checkOverrides(overrides)
            try BatchLimits.checkItems(points: plan.count, replications: replications)
            spec = BatchSpec(scenarioPath: path, overrides: overrides, plan: plan, replications: replications,
                             scenarioSeed: scenarioSeed, seedSource: seed != nil ? "command-line" : base.seed != nil ? "scenario" : "default",
                             shard: try shard.map(Shard.parse) ?? .whole,
                             options: WorldOptions(checkInvariants: checkInvariants))
            scenarios = try PointScenarios(spec: spec)
            if !quiet, !scenarios.checksEveryPoint() {
                CommandSupport.printError("batch: \(plan.count) sweep points: checking each swept value before the start "
                                          + "(a sweep of more than \(PointScenarios.everyPointLimit) points has each point's scenario "
                                          + "decoded when it runs)")
            }
            first = try scenarios.check()
        } catch let error as BatchArgumentError {
            CommandSupport.fail(error.description, code: 2)
        } catch let error as InputError {
            CommandSupport.fail(error.description, code: 2)
        }
        let directory = out ?? OutputFolder.defaultPath(scenarioName: first.name, prefix: "batch-")
        CommandSupport.checkOutputFolder(directory)
        CommandSupport.checkOutputOwner(directory, for: .batch)
        BatchInterrupt.install()
        let runner = BatchRunner(spec: spec, scenarios: scenarios, directory: directory,
                                 threads: threads ?? ProcessInfo.processInfo.activeProcessorCount, resume: resume,
                                 showProgress: !quiet, commandLine: CommandSupport.commandLine, version: AdvSim.configuration.version)
        let report: BatchReport
        do {
            report = try runner.run()
        } catch let error as BatchArgumentError {
            CommandSupport.fail(error.description, code: 2)
        } catch let error as ResumeError {
            CommandSupport.fail(error.description, code: 2)
        } catch let error as SweepPointRefusal {
            CommandSupport.fail(error.description, code: 2)
        } catch let error as OutputError {
            // A full disk: the rows written so far stay whole, so --resume continues from them
            // once the manifest that names the batch is there.
            let resumable = FileManager.default.fileExists(atPath: directory + "/manifest.json")
            CommandSupport.fail(error.description + (resumable ? "; the rows written are kept: make room and continue with --resume" : ""),
                                code: 1)
        } catch {
            CommandSupport.fail("batch failed: \(error)", code: 1)
        }
        var line = "batch: \(report.completed) replications written"
        if report.resumed > 0 { line += " (\(report.resumed) already on disk)" }
        if report.failed > 0 { line += ", \(report.failed) failed (see failures.csv)" }
        if report.interrupted { line += "; interrupted — continue with --resume" }
        if !quiet {
            CommandSupport.printError(line + "\noutput: \(directory)/")
        } else if report.interrupted || report.failed > 0 {
            // Not progress: a Slurm task (always --quiet) stopped by its time limit or with failed
            // replications says so in its log.
            CommandSupport.printError(line)
        }
        // A finished batch (or shard) has its summary.csv: the headline of it on stdout, which
        // holds results (`--quiet` silences the progress on stderr only, as for optimize).
        if !report.interrupted, FileManager.default.fileExists(atPath: directory + "/summary.csv"),
           let headline = try? BatchHeadline.text(summaryPath: directory + "/summary.csv", pointCount: spec.plan.count,
                                                  numeraire: first.numeraire) {
            print(headline)
        }
        if report.interrupted { throw ExitCode(BatchInterrupt.exitCode) }
        if report.failed > 0 { throw ExitCode(1) }
    }
}
