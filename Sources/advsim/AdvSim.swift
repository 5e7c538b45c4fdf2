import ArgumentParser
import Experiments
import Foundation

/// The `advsim` command: thin — parses, calls the library, prints.
@main
struct AdvSim: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "advsim",
        abstract: "Agent-based adversarial market simulator for DeFi lending and derivative protocols.",
        version: "0.1.0",
        subcommands: [Run.self, Batch.self, Optimize.self, FrontierCommand.self, Merge.self, Slurm.self, Validate.self, ListScenarios.self, Price.self, Bench.self]
    )

    /// Runs the command line. A usage error — an unknown option, a missing argument, a value
    /// refused by a command's validation — is bad input like any other: message on stderr and
    /// exit code 2 (DESIGN.md §5), not ArgumentParser's 64.
    static func main() {
        HeapPolicy.keepFreedMemory()
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            guard exitCode(for: error) == .validationFailure else { exit(withError: error) }
            FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
            Foundation.exit(2)
        }
    }
}
