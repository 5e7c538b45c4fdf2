import ArgumentParser
import Experiments
import Foundation
import Scenarios

/// The options `optimize` and `frontier` share, and what they derive from them: the searched
/// parameters, the seed and its source, the worker threads.
struct SearchOptions: ParsableArguments {
    @Option(help: "Worker threads (default: all cores; at most \(BatchLimits.maximumThreads)).")
    var threads: Int?

    @Option(parsing: .unconditional, help: "Scenario seed (default: the scenario's `seed:`, else 1).")
    var seed: UInt64?

    @Option(name: .customLong("search"), help: "Search a parameter: key.path=range:LOW:HIGH or logrange:LOW:HIGH (repeatable).")
    var searches: [String] = []

    @Option(name: .customLong("set"), help: "Override a scenario value: key.path=value (repeatable; a key holding dots is quoted: sweep.parameters.\"pools.p.fee\").")
    var overrides: [String] = []

    @Flag(help: "No progress on stderr (the result is still printed on stdout).")
    var quiet = false

    /// Refuses `--threads` out of range (exit code 2, located at the option).
    func checkOptions() {
        if let threads, let error = BatchLimits.threadsError(threads) { CommandSupport.refuseOption(error) }
    }

    var workerThreads: Int { threads ?? ProcessInfo.processInfo.activeProcessorCount }

    /// `--seed`, else the scenario's, else 1.
    func scenarioSeed(_ base: Scenario) -> UInt64 { seed ?? base.seed ?? 1 }

    /// The scenario's `search:` with the `--search` arguments applied; a bad one exits 2.
    func search(of base: Scenario) -> SearchSpec {
        var search = base.search ?? SearchSpec()
        do {
            try search.apply(searchArguments: searches)
        } catch {
            CommandSupport.fail(error.description, code: 2)
        }
        return search
    }

    /// Sets `search`'s objective to `--objective`'s; one that is not a runs.csv column exits 2.
    func apply(objective: String, to search: inout SearchSpec) {
        do {
            try search.apply(objectiveArgument: objective)
        } catch {
            CommandSupport.fail(error.description, code: 2)
        }
    }

    /// The run's manifest as it starts.
    func manifest(for base: Scenario, path: String) -> Manifest {
        Manifest.started(scenario: base, path: path, scenarioSeed: scenarioSeed(base),
                         seedSource: seed != nil ? "command-line" : base.seed != nil ? "scenario" : "default",
                         version: AdvSim.configuration.version, command: CommandSupport.commandLine)
    }
}
