import ArgumentParser

/// `advsim bench …`: programs that measure, never timed tests. Each subcommand prints a
/// table, or with `--format csv` the columns `benchmark,metric,value,unit`.
struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run a benchmark and print its figures.",
        subcommands: [BenchKernel.self, BenchScenario.self, BenchBatch.self, BenchPricing.self, BenchMargin.self]
    )
}
