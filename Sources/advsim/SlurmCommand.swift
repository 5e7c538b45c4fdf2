import ArgumentParser
import Experiments
import Foundation
import Scenarios

/// `advsim slurm SCENARIO -n N --array K`: prints a Slurm submission script.
struct Slurm: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print a Slurm script: a job array of batch shards (each --resume) and a merge job after it.",
        discussion: "Submit it with `advsim slurm … > submit.sh && bash submit.sh`."
    )

    @Argument(help: "Scenario file, or a shipped scenario's name.")
    var scenario: String

    @Option(name: [.customShort("n"), .customLong("replications")], parsing: .unconditional,
            help: "Replications per sweep point (sweep points × replications at most 10^12).")
    var replications = 100

    /// The most array tasks: the merge job's command line lists every shard folder.
    static let maximumArray = 10_000

    @Option(help: "Number of array tasks (shards, at most \(Slurm.maximumArray)).")
    var array: Int

    @Option(help: "Slurm partition.")
    var partition: String?

    @Option(help: "Time limit per task (Slurm format, e.g. 01:00:00).")
    var time: String?

    @Option(help: "CPUs per task (= batch threads; at most \(BatchLimits.maximumThreads)).")
    var cpusPerTask = 1

    @Option(help: "Output folder (shards in OUT/shard-<i>, merged in OUT/merged).")
    var out: String?

    @Option(parsing: .unconditional, help: "Scenario seed.")
    var seed: UInt64?

    @Option(name: .customLong("sweep"), help: "Sweep a parameter: key.path=SPEC (repeatable).")
    var sweeps: [String] = []

    @Option(help: "Sweep design: grid, lhs:COUNT or sobol:COUNT.")
    var design: String?

    @Option(name: .customLong("set"), help: "Override a scenario value (repeatable).")
    var overrides: [String] = []

    /// Refuses counts out of range, a partition or time limit Slurm would not take, and a
    /// `--sweep`, `--set`, `--design`, `--out`, `--partition` or `--time` holding a control
    /// character (exit code 2, located at the option: the N-th `--set` at `<command line>:1:N`).
    func checkOptions() {
        if !(1...Self.maximumArray).contains(array) {
            CommandSupport.refuseOption("--array must be in 1…\(Self.maximumArray) (the merge job names every shard on its command line)")
        }
        if replications < 1 { CommandSupport.refuseOption("-n must be at least 1") }
        if let error = BatchLimits.threadsError(cpusPerTask, flag: "--cpus-per-task") { CommandSupport.refuseOption(error) }
        // A control character first: the format checks below print the value as given, which a
        // line break would split over two lines.
        for (flag, words) in [("--sweep", sweeps), ("--set", overrides), ("--design", design.map { [$0] } ?? []), ("--out", out.map { [$0] } ?? []),
                              ("--partition", partition.map { [$0] } ?? []), ("--time", time.map { [$0] } ?? [])] {
            for (index, word) in words.enumerated() {
                if let error = SlurmScript.controlCharacterError(in: word, label: flag) { CommandSupport.refuseOption(error, occurrence: index + 1) }
            }
        }
        if let partition, let error = SlurmScript.partitionError(partition) { CommandSupport.refuseOption(error) }
        if let time, let error = SlurmScript.timeLimitError(time) { CommandSupport.refuseOption(error) }
    }

    /// Refuses a path the script would hold that has a control character: the scenario's and the
    /// output folder made absolute (the working directory's name is part of them), the binary's.
    static func checkPaths(scenario: String, output: String, advsim: String) {
        for (label, path) in [("the scenario's path", scenario), ("the output folder", output), ("the advsim binary's path", advsim)] {
            if let error = SlurmScript.controlCharacterError(in: path, label: label) { CommandSupport.fail(error, code: 2) }
        }
    }

    func run() throws {
        checkOptions()
        let path = CommandSupport.resolveScenarioPath(scenario)
        let loaded = try CommandSupport.loadScenario(scenario, overrides: overrides)
        let cwd = FileManager.default.currentDirectoryPath
        func absolute(_ path: String) -> String { path.hasPrefix("/") ? path : cwd + "/" + path }
        let scenarioSeed = seed ?? loaded.seed ?? 1
        do {
            // Bad sweep input fails here, as `batch` would, not in every array job.
            let plan = try SweepPlan(scenario: loaded, sweeps: sweeps, design: design, seed: scenarioSeed)
            try plan.checkOverrides(overrides)
            try BatchLimits.checkItems(points: plan.count, replications: replications)
            _ = try PointScenarios(spec: BatchSpec(scenarioPath: path, overrides: overrides, plan: plan, replications: replications,
                                                   scenarioSeed: scenarioSeed, shard: .whole, options: WorldOptions())).check()
        } catch let error as BatchArgumentError {
            CommandSupport.fail(error.description, code: 2)
        } catch let error as InputError {
            CommandSupport.fail(error.description, code: 2)
        }
        var arguments = ["--seed", "\(scenarioSeed)"]
        for sweep in sweeps { arguments += ["--sweep", sweep] }
        if let design { arguments += ["--design", design] }
        for override in overrides { arguments += ["--set", override] }
        let script = SlurmScript(
            advsim: CommandSupport.executablePath ?? absolute(CommandLine.arguments[0]), scenario: absolute(path), replications: replications,
            arrayCount: array, partition: partition, timeLimit: time, cpusPerTask: cpusPerTask,
            output: absolute(out ?? OutputFolder.defaultPath(scenarioName: loaded.name, prefix: "slurm-")),
            batchArguments: arguments)
        Self.checkPaths(scenario: script.scenario, output: script.output, advsim: script.advsim)
        print(script.render(), terminator: "")
    }
}
