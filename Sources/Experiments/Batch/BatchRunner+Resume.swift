import Foundation

/// `--resume`: checks that the folder holds an earlier run of this batch whose files are
/// undamaged and together hold the first items of this shard, and only then cuts torn rows and
/// the pnl.csv rows of unfinished items — a refused resume leaves every byte of the folder as
/// it was.
extension BatchRunner {
    /// Checks the folder of an earlier run of this batch and prepares its files for appending;
    /// returns how many items are done. Streamed, so resuming a batch of 10^6 replications
    /// costs constant memory.
    ///
    /// When the folder was written by another build of advsim, warns and clears `manifest`'s
    /// build ID: the folder's rows then come from two builds.
    ///
    /// - Throws: ``ResumeError`` for a damaged file, ``BatchArgumentError`` for a folder of
    ///   another batch; either before anything in the folder changes.
    func resumeFiles(manifest: inout Manifest) throws -> Int {
        let previous = try Manifest.read(from: directory) { ResumeError($0, file: $1) }
        var differences: [String] = []
        var plural = false  // "the --set overrides … differ", where one other difference "differs"
        if previous.scenario.sha256 != manifest.scenario.sha256 {
            differences.append("the scenario (its file's hash)")
        }
        if !previous.setsAlike(manifest) {
            differences.append("the --set overrides (\(Manifest.describe(overrides: previous.setOverrides)) there, "
                               + "\(Manifest.describe(overrides: manifest.setOverrides)) now)")
            plural = true
        } else if previous.scenario.sha256 == manifest.scenario.sha256, !previous.scenario.resolvesAlike(manifest.scenario) {
            differences.append("the scenario as resolved (a file it extends or reads changed)")
        }
        if previous.seeds.scenario != manifest.seeds.scenario {
            differences.append("the seed (\(previous.seeds.scenario) there, \(manifest.seeds.scenario) now)")
        }
        if previous.replications != manifest.replications {
            differences.append("the replications (\(previous.replications) there, \(manifest.replications) now)")
        }
        if !previous.sameSweep(as: manifest, plan: { spec.plan }) { differences.append("the sweep") }
        if previous.shard != manifest.shard {
            differences.append("the shard (\(previous.shard ?? "none") there, \(manifest.shard ?? "none") now)")
        }
        guard differences.isEmpty else {
            throw BatchArgumentError("'\(directory)' holds a different batch: \(differences.joined(separator: ", ")) "
                                     + (differences.count == 1 && !plural ? "differs" : "differ") + "; cannot resume")
        }
        // Both files are in canonical order; together they must hold exactly the first items of
        // this shard (a missing failures.csv holds none).
        let runs = try rows(runsPath, .runs(parameters: spec.plan.keyPaths))
        let failed = FileManager.default.fileExists(atPath: failuresPath) ? try rows(failuresPath, .failures) : nil
        let (done, lastDone) = try ShardRows.firstItems(of: spec.shard, total: spec.totalItems, runs: runs, failures: failed)
        try runs.checkTornRow()
        try failed?.checkTornRow()
        let pnl = try checkedPnL(lastDone: lastDone)
        // A pnl.csv is created with the other files, before any replication runs: without it the
        // party rows of the replications done are gone, and a new one would silently lack them.
        if pnl == nil, done > 0 {
            throw ResumeError("the file is missing, but \(done) replications are done and their party rows would be lost", file: pnlPath)
        }

        try runs.truncateTornRow()
        if let failed { try failed.truncateTornRow() } else { try createFailures() }
        if let pnl { try pnl.rows.truncate(atOffset: pnl.keep) } else { try createPnL() }
        if previous.buildID != manifest.buildID {
            // Not refused: a rebuild of the same code has another build ID.
            FileHandle.standardError.write(Data(("batch: warning: '\(directory)' was written by another build of advsim "
                + "(build_id \(previous.buildID ?? "none recorded") there, \(manifest.buildID ?? "none") now): the replications "
                + "resumed may compute differently from those done if the code changed; manifest.json records no build_id\n").utf8))
            manifest.buildID = nil
        }
        return done
    }

    /// Creates failures.csv with its header.
    func createFailures() throws {
        try OutputFile.create(failuresPath, contents: RowLayout.failures.header + "\n")
    }

    /// Checks pnl.csv's rows up to the first one of an item after `lastDone` (nil: none done);
    /// returns them with the offset to cut at, or nil when there is no pnl.csv (only a folder
    /// with nothing done may lack it).
    private func checkedPnL(lastDone: Int?) throws -> (rows: CompletedRows, keep: Int)? {
        guard FileManager.default.fileExists(atPath: pnlPath) else { return nil }
        let rows = try rows(pnlPath, .pnl)
        var keep = rows.consumedBytes
        while let item = try rows.next() {
            guard let lastDone, item <= lastDone else { break }
            keep = rows.consumedBytes
        }
        return (rows, keep)
    }

    /// The rows of `path`, checked against `layout` and this batch's replications, seed and sweep points.
    private func rows(_ path: String, _ layout: RowLayout) throws -> CompletedRows {
        try CompletedRows(path: path, layout: layout, replications: spec.replications, scenarioSeed: spec.scenarioSeed,
                          plan: spec.plan)
    }
}
