import ArgumentParser
import Experiments
import Foundation
import Scenarios

/// `advsim optimize SCENARIO`: the best parameters of the scenario's `search:` section.
struct Optimize: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Search a scenario's parameters for the best mean of a runs.csv metric (default: attack_net_profit); write optimize.csv and best.yaml.",
        discussion: """
        The scenario's `search:` section names the parameters (key paths with min, max, linear or log scale),
        the objective column and the goal; --search key.path=range:LOW:HIGH (or logrange:LOW:HIGH) adds or
        replaces a parameter. Each point runs replications 0…n−1 (common random numbers at every point): a
        coarse grid first, then GSL's Nelder–Mead simplex from the best grid points, within the bounds.
        Exit code: 0 on success, 1 when a replication fails, 2 on bad input.
        """
    )

    @Argument(help: "Scenario file, or a shipped scenario's name.")
    var scenario: String

    @Option(name: [.customShort("n"), .customLong("replications")], parsing: .unconditional, help: "Replications per evaluated point (1 gives no confidence interval; at most \(BatchLimits.maximumHeldReplications), held in memory).")
    var replications = 20

    @Option(help: "The runs.csv column to optimise (default: the scenario's search.objective).")
    var objective: String?

    @Flag(help: "Minimise the objective instead of maximising it.")
    var minimize = false

    @Option(help: "Output folder (default: results/<scenario name>/optimize-<UTC timestamp>/).")
    var out: String?

    @OptionGroup var options: SearchOptions

    /// Refuses `-n` and `--threads` out of range (exit code 2, located at the option).
    func checkOptions() {
        if replications < 1 { CommandSupport.refuseOption("-n must be at least 1") }
        if let error = BatchLimits.heldReplicationsError(replications) { CommandSupport.refuseOption(error) }
        options.checkOptions()
    }

    func run() throws {
        checkOptions()
        let path = CommandSupport.resolveScenarioPath(scenario)
        let base = try CommandSupport.loadScenario(scenario, overrides: options.overrides)
        var search = options.search(of: base)
        if let objective { options.apply(objective: objective, to: &search) }
        if minimize { search.maximize = false }
        guard !search.parameters.isEmpty else {
            CommandSupport.fail("\(path): nothing to search — add a `search:` section or --search key.path=range:LOW:HIGH", code: 2)
        }
        if let out {
            CommandSupport.checkOutputFolder(out)
            CommandSupport.checkOutputOwner(out, for: .optimize)
        }
        let optimizer = Optimizer(scenarioPath: path, overrides: ScenarioOverride.set(options.overrides), search: search, replications: replications,
                                  threads: options.workerThreads, scenarioSeed: options.scenarioSeed(base), options: WorldOptions())
        var manifest = options.manifest(for: base, path: path)
        manifest.replications = replications
        manifest.sweep = search.parameters.map { $0.keyPath }
        let started = Date()
        var evaluated = 0
        let report: Optimizer.Report
        do {
            report = try optimizer.run { point in
                evaluated += 1
                guard !options.quiet else { return }
                let values = optimizer.parameterOverrides(point.parameters).joined(separator: " ")
                CommandSupport.printError("optimize: point \(evaluated): \(search.objective) mean \(CSVFormat.double(point.summary.mean)) at \(values)")
            }
        } catch let error as BatchArgumentError {
            CommandSupport.fail(error.description, code: 2)
        } catch let error as InputError {
            CommandSupport.fail(error.description, code: 2)
        } catch {
            CommandSupport.fail("optimize failed: \(error)", code: 1)
        }
        let directory = out ?? OutputFolder.defaultPath(scenarioName: base.name, prefix: "optimize-")
        do {
            try OptimizeOutput.write(report, optimizer: optimizer, directory: directory, manifest: manifest)
        } catch {
            CommandSupport.failWriting(directory, error)
        }
        let best = report.best
        let seconds = Date().timeIntervalSince(started)
        let share = best.summary.count > 0 ? Double(best.positive) / Double(best.summary.count) : 0
        print("best \(search.objective) (\(search.maximize ? "max" : "min")imised over \(report.points.count) points × \(replications) replications, \(String(format: "%.1f", seconds)) s):")
        for assignment in optimizer.parameterOverrides(best.parameters) { print("  " + assignment) }
        print("  mean \(CSVFormat.double(best.summary.mean)), \(Self.interval(best.summary)), P(> 0) = \(CSVFormat.double(share))")
        if best.cost != nil || best.capital != nil {
            print("  cost \(CSVFormat.double(best.cost)), capital \(CSVFormat.double(best.capital)) (means at the best point)")
        }
        print("output: \(directory)/ (optimize.csv, best.yaml, manifest.json)")
    }

    /// The best point's 95 % interval as the headline prints it; one replication has none
    /// (optimize.csv leaves its `ci_low`, `ci_high` and `std` empty then).
    static func interval(_ summary: MetricSummary) -> String {
        guard let low = summary.ciLow, let high = summary.ciHigh else {
            return "95 % CI needs ≥ 2 replications (\(summary.count) here)"
        }
        return "95 % CI [\(CSVFormat.double(low)), \(CSVFormat.double(high))]"
    }
}
