import Foundation

/// `advsim merge`: joins the folders of a sharded batch into runs.csv, failures.csv, pnl.csv and
/// summary.csv identical to those of an unsharded run.
public enum ShardMerge {
    /// Checks that `directories` are the complete shards 0..<N of one batch (same scenario
    /// file hash, scenario as resolved, seed, replications, sweep and N — `--set`s that differ
    /// only in order or spelling, with the same scenario as resolved, are the same; each complete; none
    /// missing or twice; each holding exactly the rows of the shard its manifest names, with the
    /// seeds the batch derives and the values of its sweep points) and writes the merged files
    /// into `output`.
    ///
    /// - Returns: warnings for the user: shards written by different builds of advsim (merged
    ///   all the same: the code may not have changed, and a rebuild changes the build ID).
    /// - Throws: ``BatchArgumentError`` naming the problem.
    @discardableResult
    public static func merge(_ directories: [String], into output: String, commandLine: [String]) throws -> [String] {
        let manifests = try directories.map { directory -> Manifest in
            do { return try Manifest.read(from: directory) } catch { throw BatchArgumentError("\(error)") }
        }
        guard let first = manifests.first else { throw BatchArgumentError("merge: no shard folders given") }
        var shards: [Int: String] = [:]
        var count: Int?
        // The first shard's sweep, laid out once, when first needed.
        var laidOut: SweepPlan?
        func firstPlan() throws -> SweepPlan {
            if let laidOut { return laidOut }
            let plan = try sweepPlan(first, directory: directories[0])
            laidOut = plan
            return plan
        }
        for (directory, manifest) in zip(directories, manifests) {
            let differing = [(manifest.scenario.sha256 == first.scenario.sha256, "scenario"),
                             (manifest.seeds.scenario == first.seeds.scenario, "seeds"),
                             (manifest.replications == first.replications, "replications"),
                             (manifest.sweepAxes == first.sweepAxes, "sweep_axes"),
                             (manifest.sweepDesign == first.sweepDesign, "sweep_design")].first { !$0.0 }
            if let (_, key) = differing {
                throw refusal(directory, key, "'\(directory)' belongs to a different batch than '\(directories[0])' "
                              + "(scenario, seed, replications or sweep differ)")
            }
            guard manifest.setsAlike(first) else {
                throw refusal(directory, "command", "'\(directory)' was run with other --set overrides than '\(directories[0])' "
                              + "(\(Manifest.describe(overrides: manifest.setOverrides)) there, "
                              + "\(Manifest.describe(overrides: first.setOverrides)) in '\(directories[0])')")
            }
            // plan_sha256 hashes the --set texts too: --sets spelt otherwise, with the same
            // scenario as run, still sweep the same points.
            guard try manifest.sameSweep(as: first, plan: firstPlan) else {
                throw refusal(directory, "plan_sha256", "'\(directory)' belongs to a different batch than '\(directories[0])' "
                              + "(scenario, seed, replications or sweep differ)")
            }
            guard manifest.scenario.resolvesAlike(first.scenario) else {
                throw refusal(directory, "scenario", "the scenario as resolved in '\(directory)' differs from the one in "
                              + "'\(directories[0])': a file it extends or reads changed between the shards; run that shard again")
            }
            guard manifest.status == "complete" else {
                throw refusal(directory, "status", "'\(directory)' is not complete (status \(manifest.status)); run it again with --resume")
            }
            guard let text = manifest.shard, let shard = try? Shard.parse(text) else {
                throw refusal(directory, "shard", "'\(directory)' names no shard I/N: not a shard folder of a batch")
            }
            if let count, count != shard.count {
                throw refusal(directory, "shard", "'\(directory)' is shard \(text), but '\(directories[0])' is of \(count) shards")
            }
            count = shard.count
            if let other = shards[shard.index] {
                throw refusal(directory, "shard", "'\(directory)' is shard \(text), as '\(other)' is: a shard given twice "
                              + "(a shard folder copied?)")
            }
            shards[shard.index] = directory
        }
        let total = count ?? 1
        let missing = (0..<total).filter { shards[$0] == nil }
        guard missing.isEmpty else {
            throw BatchArgumentError("merge: missing shard(s) \(missing.map { "\($0)/\(total)" }.joined(separator: ", ")): "
                                     + "give all \(total) shard folders of the batch")
        }
        let ordered = (0..<total).map { shards[$0]! }
        let items = try itemCount(first, directory: directories[0])
        let plan = try firstPlan()
        for (index, directory) in ordered.enumerated() {
            try located {
                try checkRows(of: directory, shard: Shard(index: index, count: total), items: items, manifest: first, plan: plan)
            }
        }
        let outputExisted = FileManager.default.fileExists(atPath: output)
        try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
        // The three tables are all written (under temporary names) before any is put in place:
        // a damaged shard file found in the last of them leaves no merged file behind.
        var tables: [OutputFile] = []
        do {
            for (file, layout) in [("runs.csv", RowLayout.runs(parameters: first.sweep)), ("failures.csv", .failures), ("pnl.csv", .pnl)] {
                tables.append(try interleave(ordered.map { $0 + "/" + file }, into: output + "/" + file, layout: layout, batch: first,
                                             plan: plan))
            }
            for table in tables { try table.finish() }
        } catch {
            for table in tables { table.abandon() }
            if !outputExisted { rmdir(output) }  // only when this merge created it and left it empty
            throw error
        }
        try SummaryTable.write(runsPath: output + "/runs.csv", summaryPath: output + "/summary.csv",
                               parameterCount: first.sweep.count)
        let mixedBuilds = Self.mixedBuildsWarning(manifests, in: directories)
        var manifest = first
        manifest.shard = nil
        manifest.command = commandLine
        manifest.finishedAt = Manifest.timestamp()
        manifest.status = "complete"
        manifest.buildID = mixedBuilds == nil ? first.buildID : nil
        try manifest.write(to: output)
        return mixedBuilds.map { [$0] } ?? []
    }

    /// A warning when the shards' manifests name more than one build of advsim (a manifest
    /// without a build ID counts as one more build: an older advsim's).
    static func mixedBuildsWarning(_ manifests: [Manifest], in directories: [String]) -> String? {
        var ids: [String?] = []
        for manifest in manifests where !ids.contains(manifest.buildID) { ids.append(manifest.buildID) }
        guard ids.count > 1 else { return nil }
        let listed = ids.map { id in
            let folder = directories[manifests.firstIndex { $0.buildID == id }!]
            return "'\(folder)': \(id ?? "none recorded")"
        }
        return "the shards were written by \(ids.count) different builds of advsim (\(listed.joined(separator: "; "))): "
                + "their rows are merged, but they may compute differently if the code changed between them; "
                + "the merged manifest records no build_id"
    }

    /// Merges per-shard files whose rows are each in canonical order into one file in canonical
    /// order (a k-way merge on the canonical index; memory: one row per shard), written under
    /// its temporary name and returned unfinished: the caller puts it in place (``OutputFile/finish()``)
    /// or drops it. Every header and row is checked against `layout`: a damaged row stops the
    /// merge, located, instead of ending its shard's rows early (nothing is left behind then);
    /// so is a row whose seed is not the one `batch` (the shards' manifest) derives, or whose
    /// `param_` cells are not the values of its sweep point in `plan`.
    static func interleave(_ paths: [String], into path: String, layout: RowLayout, batch: Manifest,
                           plan: SweepPlan) throws -> OutputFile {
        let readers = try located {
            try paths.map {
                try CompletedRows(path: $0, layout: layout, replications: batch.replications, scenarioSeed: batch.seeds.scenario,
                                  plan: plan)
            }
        }
        let output = try OutputFile(path: path)
        do {
            try output.writeLine(layout.header)
            var heads = try located { try readers.map { try $0.next() } }
            while let next = heads.indices.compactMap({ index in heads[index].map { (index, $0) } }).min(by: { $0.1 < $1.1 }) {
                try output.writeLine(CSVFormat.line(readers[next.0].record.map(CSVFormat.text)))
                heads[next.0] = try located { try readers[next.0].next() }
            }
            try output.flush()
            return output
        } catch {
            output.abandon()
            throw error
        }
    }

    /// The number of (sweep point, replication) items of the batch `manifest` (read from
    /// `directory`) describes.
    private static func itemCount(_ manifest: Manifest, directory: String) throws -> Int {
        guard let points = manifest.sweepPoints, points > 0, manifest.replications > 0,
              case let (items, overflow) = points.multipliedReportingOverflow(by: manifest.replications), !overflow else {
            throw BatchArgumentError("\(directory)/manifest.json:1:1: not a batch's manifest: 'sweep_points' and 'replications' "
                                     + "must be positive")
        }
        return items
    }

    /// The sweep of the batch `manifest` (read from `directory`) describes, laid out again from its `sweep_axes` and `sweep_design` as the batch laid them
    /// out (a Latin hypercube from the scenario seed).
    ///
    /// - Throws: ``BatchArgumentError`` at the manifest's key when they do not lay out its
    ///   `sweep` and `sweep_points`, or are missing from a manifest with a sweep.
    private static func sweepPlan(_ manifest: Manifest, directory: String) throws -> SweepPlan {
        guard let arguments = manifest.sweepAxes, let design = manifest.sweepDesign else {
            guard manifest.sweep.isEmpty else {
                throw refusal(directory, "sweep", "'\(directory)' has no 'sweep_axes' and 'sweep_design' (written by an older advsim), "
                              + "so its rows' param_ cells cannot be checked: run the batch again with this advsim")
            }
            return .single
        }
        let plan: SweepPlan
        do {
            plan = try SweepPlan(axes: arguments.map(SweepAxis.parse), design: SweepDesign.parse(design), seed: manifest.seeds.scenario)
        } catch {
            // The message alone: the axes come from the manifest, not from a command line.
            throw refusal(directory, "sweep_axes", "'\(directory)' records a sweep advsim cannot lay out (\(error.message))")
        }
        guard plan.keyPaths == manifest.sweep, plan.count == manifest.sweepPoints else {
            throw refusal(directory, "sweep_axes", "'\(directory)': 'sweep_axes' and 'sweep_design' lay out \(plan.count) sweep "
                          + "points of \(plan.keyPaths), but 'sweep' and 'sweep_points' say \(manifest.sweepPoints ?? 0) of \(manifest.sweep)")
        }
        return plan
    }

    /// Checks that the rows of `directory` are those of `shard` among `items`: runs.csv and
    /// failures.csv hold each of its items once, pnl.csv party rows of runs.csv's only
    /// (``ShardRows``), and no file ends with a cut-off row.
    private static func checkRows(of directory: String, shard: Shard, items: Int, manifest: Manifest, plan: SweepPlan) throws {
        let runsLayout = RowLayout.runs(parameters: manifest.sweep)
        func rows(_ file: String, _ layout: RowLayout) throws -> CompletedRows {
            try CompletedRows(path: directory + "/" + file, layout: layout, replications: manifest.replications,
                              scenarioSeed: manifest.seeds.scenario, plan: plan)
        }
        let runs = try rows("runs.csv", runsLayout), failures = try rows("failures.csv", .failures), pnl = try rows("pnl.csv", .pnl)
        try ShardRows.checkAllItems(of: shard, total: items, runs: runs, failures: failures)
        try ShardRows.checkPartyRows(pnl, of: rows("runs.csv", runsLayout), shard: shard, total: items)
        for file in [runs, failures, pnl] { try file.checkEnded() }
    }

    /// A refused shard folder: `problem`, located at the value of top-level key `key` of its
    /// manifest.json as advsim writes it (one key a line; 1:1 when the key is not found).
    private static func refusal(_ directory: String, _ key: String, _ problem: String) -> BatchArgumentError {
        let path = directory + "/manifest.json"
        let marker = "  \"\(key)\" : "
        let lines = ((try? String(contentsOfFile: path, encoding: .utf8)) ?? "").split(separator: "\n", omittingEmptySubsequences: false)
        let location = lines.firstIndex { $0.hasPrefix(marker) }.map { "\($0 + 1):\(marker.count + 1)" } ?? "1:1"
        return BatchArgumentError("\(path):\(location): \(problem); cannot merge")
    }

    /// Runs `body`, turning a damaged shard file into a located ``BatchArgumentError``.
    private static func located<Value>(_ body: () throws -> Value) throws -> Value {
        do {
            return try body()
        } catch let error as ResumeError {
            throw BatchArgumentError("\(error.file):\(error.line):\(error.column): \(error.problem); cannot merge: run that shard again")
        }
    }
}
