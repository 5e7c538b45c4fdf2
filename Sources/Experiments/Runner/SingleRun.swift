import Foundation
import GSL
import Scenarios

/// `advsim run`: one replication with its full story — runs.csv (one row), pnl.csv, timeseries.csv,
/// events.csv and manifest.json in one folder. Files are written under temporary names and
/// renamed when complete; on failure they are removed and manifest.json says `partial`.
public struct SingleRun {
    public var scenario: Scenario
    public var scenarioSeed: UInt64
    /// How the seed was obtained: `command-line`, `scenario` or `chosen`.
    public var seedSource: String
    public var outputDirectory: String
    public var options: WorldOptions
    public var commandLine: [String]
    public var version: String
    /// Whether a long run reports its progress on stderr (``RunProgress``).
    public var showsProgress: Bool

    public init(scenario: Scenario, scenarioSeed: UInt64, seedSource: String, outputDirectory: String,
                options: WorldOptions, commandLine: [String], version: String, showsProgress: Bool = true) {
        self.scenario = scenario
        self.scenarioSeed = scenarioSeed
        self.seedSource = seedSource
        self.outputDirectory = outputDirectory
        self.options = options
        self.commandLine = commandLine
        self.version = version
        self.showsProgress = showsProgress
    }

    /// Runs and writes everything; returns the replication's result.
    public func execute() throws -> ReplicationResult {
        // The world first: input only the build can judge (a snapshot row the market refuses)
        // fails before anything is written.
        let seed = SeedDerivation.replicationSeed(scenarioSeed: scenarioSeed, replication: 0)
        let world = try World(scenario: scenario, seed: seed, options: options)
        do {
            try FileManager.default.createDirectory(atPath: outputDirectory, withIntermediateDirectories: true)
        } catch {
            throw OutputError("cannot create '\(outputDirectory)': \(OutputError.reason(error))")
        }
        // A folder holding an earlier run has all its files replaced; a liquidations.csv this
        // run does not write (no lending market) would be left from it, so it goes.
        if scenario.lendingMarkets.isEmpty, FileManager.default.fileExists(atPath: outputDirectory + "/manifest.json") {
            try? FileManager.default.removeItem(atPath: outputDirectory + "/liquidations.csv")
        }
        var manifest = try makeManifest()
        try manifest.write(to: outputDirectory)
        let details = try DetailWriter(directory: outputDirectory, scenario: scenario)
        let runs = try OutputFile(path: outputDirectory + "/runs.csv")
        let pnl = try OutputFile(path: outputDirectory + "/pnl.csv")
        let progress = showsProgress ? RunProgress(forwardingTo: details, blocks: scenario.blockCount) : nil
        defer { progress?.finish() }
        do {
            let result = try ReplicationRunner.run(world, seed: seed, replication: 0, sink: progress ?? details)
            try runs.writeLine(RunsTable.header(parameters: []))
            try runs.writeLine(RunsTable.row(sweepPoint: 0, replication: 0, seed: result.seed, parameterValues: [],
                                             metrics: result.metrics))
            try pnl.writeLine(PnLTable.header)
            for line in PnLTable.rows(sweepPoint: 0, replication: 0, seed: result.seed, pnl: result.pnl) { try pnl.writeLine(line) }
            try details.finish()
            try runs.finish()
            try pnl.finish()
            manifest.finishedAt = Manifest.timestamp()
            manifest.status = "complete"
            try manifest.write(to: outputDirectory)
            return result
        } catch {
            details.abandon()
            runs.abandon()
            pnl.abandon()
            manifest.finishedAt = Manifest.timestamp()
            try? manifest.write(to: outputDirectory)
            throw error
        }
    }

    func makeManifest() throws -> Manifest {
        Manifest.started(scenario: scenario, path: scenario.sourcePath, scenarioSeed: scenarioSeed, seedSource: seedSource,
                         version: version, command: commandLine)
    }

}
