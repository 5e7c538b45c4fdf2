import ArgumentParser
import Experiments
import Foundation
import Scenarios

/// `advsim run SCENARIO`: one replication with its full story.
struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run one replication of a scenario and write runs.csv, pnl.csv, timeseries.csv, events.csv, manifest.json and, with a lending market, liquidations.csv.",
        discussion: "SCENARIO is a path or the name of a shipped scenario (see `advsim scenarios`)."
    )

    @Argument(help: "Scenario file, or a shipped scenario's name.")
    var scenario: String

    @Option(parsing: .unconditional, help: "Scenario seed (default: the scenario's `seed:`, else a chosen seed that is printed and recorded).")
    var seed: UInt64?

    @Option(help: "Output folder (default: results/<scenario name>/<UTC timestamp>/).")
    var out: String?

    @Option(name: .customLong("set"), help: "Override a scenario value: key.path=value (repeatable; a key holding dots is quoted: sweep.parameters.\"pools.p.fee\").")
    var overrides: [String] = []

    @Flag(help: "Check the protocol's invariants after every transaction (slower).")
    var checkInvariants = false

    @Flag(help: "No progress on stderr (a run longer than a second on a terminal, or ten seconds otherwise, reports its block).")
    var quiet = false

    func run() throws {
        let loaded = try CommandSupport.loadScenario(scenario, overrides: overrides)
        let (scenarioSeed, source) = SeedChoice.choose(commandLine: seed, scenario: loaded.seed)
        if source == "chosen" { CommandSupport.printError("advsim: no --seed given; using seed \(scenarioSeed)") }
        if let sweep = loaded.sweep, !sweep.parameters.isEmpty {
            CommandSupport.printError("advsim: run ignores the scenario's sweep: section (\(sweep.parameters.map(\.keyPath).joined(separator: ", "))); "
                                      + "it runs the values the scenario itself gives. `advsim batch` runs the sweep.")
        }
        let directory = out ?? OutputFolder.defaultPath(scenarioName: loaded.name)
        CommandSupport.checkOutputFolder(directory)
        CommandSupport.checkOutputOwner(directory, for: .run)
        let singleRun = SingleRun(scenario: loaded, scenarioSeed: scenarioSeed, seedSource: source, outputDirectory: directory,
                                  options: WorldOptions(checkInvariants: checkInvariants),
                                  commandLine: CommandSupport.commandLine, version: AdvSim.configuration.version, showsProgress: !quiet)
        let started = Date()
        let result: ReplicationResult
        BatchInterrupt.install()
        do {
            result = try singleRun.execute()
        } catch let error as RunInterrupted {
            CommandSupport.fail("\(error): the unfinished CSV files were removed; \(directory)/manifest.json says partial", code: BatchInterrupt.exitCode)
        } catch let error as InputError {
            // Bad input found only when the world is built (e.g. a snapshot row the market refuses).
            CommandSupport.fail(error.description, code: 2)
        } catch let error as WorldBuildError {
            CommandSupport.failBuilding(loaded, seed: scenarioSeed, error)
        } catch let error as OutputError {
            CommandSupport.fail(error.description, code: 1)
        } catch {
            CommandSupport.fail("run failed: \(error)", code: 1)
        }
        print(RunSummary.text(scenario: loaded, seed: scenarioSeed, result: result, directory: directory,
                              seconds: Date().timeIntervalSince(started)))
    }
}

/// Which seed a run uses.
enum SeedChoice {
    /// The command line's seed, else the scenario's, else a fresh one.
    static func choose(commandLine: UInt64?, scenario: UInt64?) -> (UInt64, String) {
        if let commandLine { return (commandLine, "command-line") }
        if let scenario { return (scenario, "scenario") }
        // A fresh seed is chosen outside the simulator (the simulator itself only ever draws
        // from GSL streams); it is printed and recorded so the run can be replayed.
        return (UInt64.random(in: 1...999_999_999), "chosen")
    }
}

/// Default output folders.
enum OutputFolder {
    /// `results/<name>/<prefix><UTC timestamp>`, with `-2`, `-3`, … when it exists already.
    /// `<name>` is ``folderName(_:)`` of the scenario's name.
    static func defaultPath(scenarioName: String, prefix: String = "") -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        let base = "results/\(folderName(scenarioName))/\(prefix)\(formatter.string(from: Date()))"
        var candidate = base
        var suffix = 2
        while FileManager.default.fileExists(atPath: candidate) {
            candidate = "\(base)-\(suffix)"
            suffix += 1
        }
        return candidate
    }

    /// The scenario's name as one folder name below results/: letters, digits, `.`, `_` and `-`
    /// kept, every other character `_`; `scenario` for a name with nothing else (empty, `.`,
    /// `..`). A name such as `../../x` or `/abs` must not take the output out of results/.
    static func folderName(_ scenarioName: String) -> String {
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-")
        let name = String(scenarioName.map { allowed.contains($0) ? $0 : "_" })
        return name.allSatisfy({ $0 == "." }) ? "scenario" : name
    }
}
