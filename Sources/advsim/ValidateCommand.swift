import ArgumentParser
import Experiments
import GSL
import Scenarios

/// `advsim validate SCENARIO`: checks a file, prints the resolved scenario.
struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check a scenario file and print it resolved, with every default filled in.",
        discussion: """
        Besides the scenario itself, its own `sweep:` must lay out and its points must
        pass the check batch makes before it starts (every point of a sweep of up to
        10,000 points; each swept value alone in a larger one), the search's objective must
        be a runs.csv column, and each searched key must take its min and max, as optimize
        sets them. The world is then built at --seed, else the scenario's `seed:` (0 when it
        has none), without running it, so that genesis refusals (a borrower snapshot row
        beyond the market's borrowing power, a drawn deposit above a supply cap) are reported
        as `run --seed` would report them: a scenario that draws its genesis can pass at one
        seed and fail at another. A sweep's Latin hypercube or Sobol points are laid out from
        the same seed, as `batch --seed` lays them out.
        Exit code 0 when valid; 2 with `file:line:column: message` on stderr when not. A value
        that is valid but never takes effect (a shock after the run's last block) is a
        `file:line:column: warning: message` on stderr, and the exit code stays 0.
        """
    )

    @Argument(help: "Scenario file, or a shipped scenario's name.")
    var scenario: String

    @Option(parsing: .unconditional, help: "Scenario seed to build the world at, as `run --seed` (default: the scenario's `seed:`, else 0).")
    var seed: UInt64?

    @Option(name: .customLong("set"), help: "Override a scenario value: key.path=value (repeatable; a key holding dots is quoted: sweep.parameters.\"pools.p.fee\").")
    var overrides: [String] = []

    func run() throws {
        let loaded = try CommandSupport.loadScenario(scenario, overrides: overrides)
        // The world is built, not run, at the seed `run` takes (its --seed, else the scenario's;
        // 0 when neither names one): input only the build can judge (a snapshot row the market
        // refuses, a drawn deposit above a cap) fails here as it would there.
        let scenarioSeed = seed ?? loaded.seed ?? 0
        do {
            try ScenarioSectionsCheck.check(loaded, path: CommandSupport.resolveScenarioPath(scenario), overrides: overrides, seed: seed)
            _ = try World(scenario: loaded, seed: SeedDerivation.replicationSeed(scenarioSeed: scenarioSeed, replication: 0))
        } catch let error as BatchArgumentError {
            CommandSupport.fail(error.description, code: 2)
        } catch let error as InputError {
            CommandSupport.fail(error.description, code: 2)
        } catch let error as WorldBuildError {
            CommandSupport.failBuilding(loaded, seed: scenarioSeed, error)
        }
        print(loaded.resolvedYAML(), terminator: "")
    }
}
