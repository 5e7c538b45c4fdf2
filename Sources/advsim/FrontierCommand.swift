import ArgumentParser
import Experiments
import Foundation
import Scenarios

/// `advsim frontier SCENARIO --defence key.path=SPEC`: the attacker's best response at each value
/// of a defence parameter, and the value from which the protocol is safe.
struct FrontierCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "frontier",
        abstract: "Optimise the attack at each value of a defence parameter; write frontier.csv and evaluations.csv and print where the protocol becomes safe.",
        discussion: """
        --defence key.path=SPEC: the defence values, as a,b,c, lin:START:STOP:COUNT
        or log:START:STOP:COUNT (durations in seconds). At each value, the scenario's
        `search:` parameters (and --search ones) are optimised as `advsim optimize`
        does, with replications 0…n−1 at every value (common random numbers). The
        objective is always maximised: it is the attacker's. A value is safe when the
        upper 95 % bound of the best mean objective is ≤ 0 (docs/semantics.md). Where safety
        changes between adjacent numeric values, --bisect N more optimisations narrow
        the threshold (on integers when the key takes only integers). Before that, each
        grid value called safe is re-checked with the best attacks of the later values
        not called safe. evaluations.csv lists every point evaluated at each value.
        Exit code: 0 on success, 1 when a replication fails, 2 on bad input.
        """
    )

    @Argument(help: "Scenario file, or a shipped scenario's name.")
    var scenario: String

    @Option(help: "The defence parameter and its values: key.path=SPEC.")
    var defence: String

    @Option(name: [.customShort("n"), .customLong("replications")], parsing: .unconditional, help: "Replications per evaluated point (2…\(BatchLimits.maximumHeldReplications), held in memory).")
    var replications = 20

    @Option(help: "Bisection steps per change of safety, each a whole optimisation.")
    var bisect = 6

    @Option(help: "The runs.csv column the attacker maximises (default: the scenario's search.objective).")
    var objective: String?

    @Option(help: "Output folder (default: results/<scenario name>/frontier-<UTC timestamp>/).")
    var out: String?

    @OptionGroup var options: SearchOptions

    /// Refuses `-n`, `--bisect` and `--threads` out of range (exit code 2, located at the option).
    func checkOptions() {
        if replications < 2 { CommandSupport.refuseOption("-n must be at least 2 (the safe rule needs a confidence interval)") }
        if let error = BatchLimits.heldReplicationsError(replications) { CommandSupport.refuseOption(error) }
        if bisect < 0 { CommandSupport.refuseOption("--bisect must be at least 0") }
        options.checkOptions()
    }

    func run() throws {
        checkOptions()
        let path = CommandSupport.resolveScenarioPath(scenario)
        let base = try CommandSupport.loadScenario(scenario, overrides: options.overrides)
        var search = options.search(of: base)
        let parsedDefence: FrontierDefence
        do {
            parsedDefence = try FrontierDefence.parse(defence)
        } catch {
            CommandSupport.fail(error.description, code: 2)
        }
        if let objective { options.apply(objective: objective, to: &search) }
        if let out {
            CommandSupport.checkOutputFolder(out)
            CommandSupport.checkOutputOwner(out, for: .frontier)
        }
        var frontier = Frontier(scenarioPath: path, overrides: options.overrides, defence: parsedDefence, search: search,
                                replications: replications, threads: options.workerThreads,
                                scenarioSeed: options.scenarioSeed(base), options: WorldOptions())
        frontier.bisectionSteps = bisect
        var manifest = options.manifest(for: base, path: path)
        manifest.replications = replications
        manifest.sweep = [parsedDefence.keyPath] + search.parameters.map(\.keyPath)
        let started = Date()
        let report: Frontier.Report
        do {
            report = try frontier.run { event in
                guard !options.quiet else { return }
                CommandSupport.printError(Self.progressLine(event, keyPath: parsedDefence.keyPath, frontier: frontier))
            }
        } catch let error as BatchArgumentError {
            CommandSupport.fail(error.description, code: 2)
        } catch let error as InputError {
            CommandSupport.fail(error.description, code: 2)
        } catch {
            CommandSupport.fail("frontier failed: \(error)", code: 1)
        }
        let directory = out ?? OutputFolder.defaultPath(scenarioName: base.name, prefix: "frontier-")
        do {
            try FrontierOutput.write(report, frontier: frontier, directory: directory, manifest: manifest)
        } catch {
            CommandSupport.failWriting(directory, error)
        }
        let seconds = Date().timeIntervalSince(started)
        print("frontier of \(parsedDefence.keyPath) for the best \(search.objective) (\(report.points.count) values × \(replications) replications, \(String(format: "%.1f", seconds)) s):")
        for point in report.points {
            let summary = point.best.summary
            print("  \(point.value) (\(point.stage.rawValue)): mean \(CSVFormat.double(summary.mean)), 95 % CI [\(CSVFormat.double(summary.ciLow)), \(CSVFormat.double(summary.ciHigh))], \(point.safe ? "safe" : "not safe")")
        }
        for line in report.verdict.lines(for: parsedDefence) { print(line) }
        print("output: \(directory)/ (frontier.csv, evaluations.csv, manifest.json)")
    }

    /// One stderr line per event.
    static func progressLine(_ event: FrontierProgress, keyPath: String, frontier: Frontier) -> String {
        switch event {
        case .started(let value, let stage):
            return "frontier: \(keyPath)=\(value) (\(stage.rawValue)): optimising"
        case .evaluated(let value, let point, let evaluation):
            let at = frontier.optimizer(at: value).parameterOverrides(point.parameters).joined(separator: " ")
            return "frontier: \(keyPath)=\(value): point \(evaluation): \(frontier.search.objective) mean \(CSVFormat.double(point.summary.mean)) at \(at)"
        case .finished(let point):
            return "frontier: \(keyPath)=\(point.value): \(outcome(point))"
        case .rechecking(let value, let candidates):
            return "frontier: \(keyPath)=\(value) (recheck): trying \(candidates) best point\(candidates == 1 ? "" : "s") of later values not safe"
        case .rechecked(let point):
            return "frontier: \(keyPath)=\(point.value): after the recheck, \(outcome(point))"
        }
    }

    /// "best mean M, upper 95 % bound U: safe" for a defence value's best point.
    static func outcome(_ point: Frontier.Point) -> String {
        "best mean \(CSVFormat.double(point.best.summary.mean)), upper 95 % bound \(CSVFormat.double(point.best.summary.ciHigh)): \(point.safe ? "safe" : "not safe")"
    }
}
