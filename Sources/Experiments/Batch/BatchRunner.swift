import Foundation
import GSL
import Scenarios

/// What a batch did.
public struct BatchReport: Sendable {
    /// Replications written by this process.
    public var completed: Int
    public var failed: Int
    /// Replications found on disk when resuming.
    public var resumed: Int
    /// True when a SIGINT stopped the batch before the end.
    public var interrupted: Bool
    public var directory: String
    /// Σ of the wall time spent inside replications (all threads), seconds: the batch's own
    /// cost is the rest (`advsim bench batch`).
    public var replicationSeconds: Double = 0
}

/// Runs a batch: replications in parallel on `threads` threads, runs.csv (and pnl.csv) streamed in
/// canonical order (sweep point, then replication) through a bounded reorder buffer,
/// failures.csv, progress, resume, then summary.csv and manifest.json.
public final class BatchRunner {
    public let spec: BatchSpec
    let scenarios: PointScenarios
    public let directory: String
    let threads: Int
    let resume: Bool
    let showProgress: Bool
    let commandLine: [String]
    let version: String

    public init(spec: BatchSpec, scenarios: PointScenarios, directory: String, threads: Int, resume: Bool,
                showProgress: Bool, commandLine: [String], version: String) {
        self.spec = spec
        self.scenarios = scenarios
        self.directory = directory
        self.threads = max(1, threads)
        self.resume = resume
        self.showProgress = showProgress
        self.commandLine = commandLine
        self.version = version
    }

    var runsPath: String { directory + "/runs.csv" }
    var failuresPath: String { directory + "/failures.csv" }

    /// Runs what remains of the batch.
    ///
    /// - Throws: ``SweepPointRefusal`` when a point's scenario is refused (the batch stops there,
    ///   as on Ctrl-C); ``BatchArgumentError`` when resuming a folder of another batch, or when the
    ///   folder already holds a batch and `resume` is false; ``ResumeError`` when resuming a
    ///   folder with a damaged file (nothing in it changed); ``OutputError`` on I/O failure.
    public func run() throws -> BatchReport {
        if showProgress {
            var lines = startLine + "\n"
            if spec.plan.count > PointScenarios.everyPointLimit { lines += "batch: hashing the sweep's points for manifest.json\n" }
            FileHandle.standardError.write(Data(lines.utf8))
        }
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        var manifest = try makeManifest()
        let done = try prepareFiles(manifest: &manifest)
        try manifest.write(to: directory)

        let itemCount = spec.shard.itemCount(total: spec.totalItems)
        let remaining = max(0, itemCount - done)
        let pnl = try AppendFile(path: pnlPath)
        let runs = try AppendFile(path: runsPath, flushingFirst: pnl)
        let failures = try AppendFile(path: failuresPath)
        let queue = WorkQueue(first: spec.shard.index + done * spec.shard.count, stride: spec.shard.count, count: remaining,
                              window: 64 * threads)
        let progress = showProgress ? Progress(total: remaining, alreadyDone: done) : nil
        let workers = (0..<min(threads, max(remaining, 1))).map { _ in startWorker(queue) }

        var report = BatchReport(completed: 0, failed: 0, resumed: done, interrupted: false, directory: directory)
        // The replications whose world came with notes (World.notes), and the first of them.
        var noted = 0, firstNote: (point: Int, replication: Int, text: String)?
        var refusal: SweepPointRefusal?
        writing: while let outcome = queue.nextInOrder() {
            switch outcome {
            case .finished(let result, let seconds):
                report.replicationSeconds += seconds
                if let note = result.notes.first {
                    noted += 1
                    if firstNote == nil { firstNote = (result.sweepPoint, result.replication, note) }
                }
                try appendPnL(result, to: pnl)
                try runs.append(RunsTable.row(sweepPoint: result.sweepPoint, replication: result.replication, seed: result.seed,
                                              parameterValues: spec.plan.values(ofPoint: result.sweepPoint), metrics: result.metrics))
                report.completed += 1
            case .failed(let point, let replication, let seed, let message):
                // On disk after every runs.csv row before it and before any after it, so a kill
                // leaves the two files holding the first items together, as --resume requires.
                try runs.flush()
                try failures.append(CSVFormat.line(["\(point)", "\(replication)", "\(seed)", CSVFormat.text(message)]))
                try failures.flush()
                report.failed += 1
            case .refused(let point, let message):
                // Every item before it is written; none after it will be.
                refusal = SweepPointRefusal(point: point, overrides: spec.plan.overrides(ofPoint: point), message: message)
                queue.stop()
                break writing
            }
            progress?.advance(failed: { if case .failed = outcome { return true } else { return false } }())
        }
        for worker in workers { worker.wait() }
        try runs.close()
        try failures.close()
        try pnl.close()
        progress?.finish()
        if showProgress, let firstNote {
            let first = "sweep point \(firstNote.point), replication \(firstNote.replication)"
            FileHandle.standardError.write(Data("batch: note (\(noted) of \(report.completed) replications; first at \(first)): \(firstNote.text)\n".utf8))
        }

        report.interrupted = done + report.completed + report.failed < itemCount
        manifest.finishedAt = Manifest.timestamp()
        if !report.interrupted {
            if showProgress { FileHandle.standardError.write(Data("batch: writing summary.csv\n".utf8)) }
            try SummaryTable.write(runsPath: runsPath, summaryPath: directory + "/summary.csv",
                                   parameterCount: spec.plan.keyPaths.count)
            manifest.status = "complete"
        }
        try manifest.write(to: directory)
        if let refusal { throw refusal }
        return report
    }

    /// What the batch runs: `batch: P sweep points × R replications = N replications`, and the
    /// shard's part of them.
    var startLine: String {
        func count(_ number: Int, _ noun: String) -> String { "\(number) \(noun)\(number == 1 ? "" : "s")" }
        var line = "batch: \(count(spec.plan.count, "sweep point")) × \(count(spec.replications, "replication"))"
            + " = \(count(spec.totalItems, "replication"))"
        if spec.shard != .whole { line += "; shard \(spec.shard) runs \(spec.shard.itemCount(total: spec.totalItems)) of them" }
        return line
    }

    /// Starts a worker thread that runs items until the queue is exhausted or a stop is asked.
    private func startWorker(_ queue: WorkQueue) -> WorkerHandle {
        let handle = WorkerHandle()
        let spec = self.spec, scenarios = self.scenarios
        let thread = Thread {
            // The scenario of the point last run: a point's replications are consecutive items.
            var current: (point: Int, scenario: Scenario)?
            while !BatchInterrupt.isRequested, let (position, item) = queue.take() {
                let (point, replication) = spec.item(item)
                let scenario: Scenario
                if let current, current.point == point {
                    scenario = current.scenario
                } else {
                    do {
                        scenario = try scenarios.scenario(ofPoint: point)
                    } catch {
                        queue.deposit(.refused(point: point, message: "\(error)"), position: position)
                        continue
                    }
                    current = (point, scenario)
                }
                do {
                    let start = DispatchTime.now().uptimeNanoseconds
                    let result = try ReplicationRunner.run(scenario: scenario, scenarioSeed: spec.scenarioSeed,
                                                           sweepPoint: point, replication: replication, options: spec.options)
                    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
                    queue.deposit(.finished(result, seconds: seconds), position: position)
                } catch {
                    let seed = SeedDerivation.replicationSeed(scenarioSeed: spec.scenarioSeed, replication: replication)
                    queue.deposit(.failed(point: point, replication: replication, seed: seed, message: "\(error)"), position: position)
                }
            }
            if BatchInterrupt.isRequested { queue.stop() }
            handle.signal()
        }
        thread.stackSize = 8 << 20
        thread.start()
        return handle
    }

    /// Creates runs.csv, failures.csv and pnl.csv with their headers, or — resuming — checks the
    /// folder and returns how many items are done (``resumeFiles(manifest:)``).
    private func prepareFiles(manifest: inout Manifest) throws -> Int {
        guard FileManager.default.fileExists(atPath: runsPath) else {
            try OutputFile.create(runsPath, contents: RowLayout.runs(parameters: spec.plan.keyPaths).header + "\n")
            try createFailures()
            try createPnL()
            return 0
        }
        guard resume else {
            throw BatchArgumentError("'\(directory)' already holds a batch: pass --resume to continue it, or choose another --out")
        }
        return try resumeFiles(manifest: &manifest)
    }

    func makeManifest() throws -> Manifest {
        let scenario = try scenarios.scenario(ofPoint: 0)
        var manifest = Manifest.started(scenario: scenario, path: spec.scenarioPath, scenarioSeed: spec.scenarioSeed,
                                        seedSource: spec.seedSource, version: version, command: commandLine)
        manifest.replications = spec.replications
        manifest.sweep = spec.plan.keyPaths
        manifest.sweepPoints = spec.plan.count
        manifest.sweepAxes = spec.plan.axisArguments
        manifest.sweepDesign = spec.plan.design.description
        manifest.planSHA256 = spec.planSHA256
        manifest.shard = spec.shard.description
        return manifest
    }

}

/// Lets the writer wait for a worker thread to finish.
final class WorkerHandle: @unchecked Sendable {
    private let semaphore = DispatchSemaphore(value: 0)
    func signal() { semaphore.signal() }
    func wait() { semaphore.wait() }
}
