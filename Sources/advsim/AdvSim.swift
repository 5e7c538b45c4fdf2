import ArgumentParser

/// The `advsim` command: thin — parses, calls the library, prints.
@main
struct AdvSim: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "advsim",
        abstract: "Agent-based adversarial market simulator for DeFi lending and derivative protocols.",
        version: "0.1.0",
        subcommands: [Run.self, Batch.self, Optimize.self, FrontierCommand.self, Merge.self, Slurm.self, Validate.self, ListScenarios.self, Price.self, Bench.self]
    )
}
