import ArgumentParser
import Foundation
import Scenarios

/// Helpers shared by the subcommands: scenario lookup, error reporting with the contract's
/// exit codes (2 for bad input, 1 for a runtime failure).
enum CommandSupport {
    /// The shipped scenario library, relative to the working directory (override with
    /// `ADVSIM_SCENARIOS`).
    static var scenarioDirectory: String {
        ProcessInfo.processInfo.environment["ADVSIM_SCENARIOS"] ?? "scenarios"
    }

    /// A scenario argument is a path, or the name of a shipped scenario (`amm-arbitrage`).
    static func resolveScenarioPath(_ argument: String) -> String {
        if FileManager.default.fileExists(atPath: argument) { return argument }
        let shipped = "\(scenarioDirectory)/\(argument).yaml"
        return FileManager.default.fileExists(atPath: shipped) ? shipped : argument
    }

    /// Loads a scenario, turning bad input into `file:line:column: message` and exit code 2.
    static func loadScenario(_ argument: String, overrides: [String]) throws -> Scenario {
        do {
            return try Scenario.load(path: resolveScenarioPath(argument), overrides: overrides)
        } catch let error as InputError {
            fail(error.description, code: 2)
        }
    }

    /// Prints `message` on stderr and exits with `code`.
    static func fail(_ message: String, code: Int32) -> Never {
        printError("advsim: " + message)
        Foundation.exit(code)
    }

    static func printError(_ message: String) {
        FileHandle.standardError.write(Data((message + "\n").utf8))
    }

    /// The command line as typed, for manifest.json.
    static var commandLine: [String] { CommandLine.arguments }
}
