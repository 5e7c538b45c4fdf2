import ArgumentParser
import Scenarios

/// `advsim validate SCENARIO`: checks a file, prints the resolved scenario.
struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check a scenario file and print it resolved, with every default filled in.",
        discussion: "Exit code 0 when valid; 2 with `file:line:column: message` on stderr when not."
    )

    @Argument(help: "Scenario file, or a shipped scenario's name.")
    var scenario: String

    @Option(name: .customLong("set"), help: "Override a scenario value: key.path=value (repeatable).")
    var overrides: [String] = []

    func run() throws {
        let loaded = try CommandSupport.loadScenario(scenario, overrides: overrides)
        print(loaded.resolvedYAML(), terminator: "")
    }
}
