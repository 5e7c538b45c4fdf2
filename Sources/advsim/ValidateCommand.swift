import ArgumentParser
import Experiments
import Scenarios

/// `advsim validate SCENARIO`: checks a file, prints the resolved scenario.
struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check a scenario file and print it resolved, with every default filled in.",
        discussion: """
        Besides the scenario itself, its own `sweep:` must lay out, and each swept or
        searched key must take the values at the ends of its axis (the sweep's smallest
        and largest values, the search's min and max), as batch and optimize set them.
        Exit code 0 when valid; 2 with `file:line:column: message` on stderr when not. A value
        that is valid but never takes effect (a shock after the run's last block) is a
        `file:line:column: warning: message` on stderr, and the exit code stays 0.
        """
    )

    @Argument(help: "Scenario file, or a shipped scenario's name.")
    var scenario: String

    @Option(name: .customLong("set"), help: "Override a scenario value: key.path=value (repeatable).")
    var overrides: [String] = []

    func run() throws {
        let loaded = try CommandSupport.loadScenario(scenario, overrides: overrides)
        do {
            try ScenarioSectionsCheck.check(loaded, path: CommandSupport.resolveScenarioPath(scenario), overrides: overrides)
        } catch let error as BatchArgumentError {
            CommandSupport.fail(error.description, code: 2)
        } catch let error as InputError {
            CommandSupport.fail(error.description, code: 2)
        }
        print(loaded.resolvedYAML(), terminator: "")
    }
}
