import Foundation

/// `advsim merge`: joins the folders of a sharded batch into runs.csv, failures.csv, pnl.csv and
/// summary.csv identical to those of an unsharded run.
public enum ShardMerge {
    /// Checks that `directories` are the complete shards 0..<N of one batch (same scenario
    /// file hash, seed, replications, sweep and N; each complete; none missing or twice) and
    /// writes the merged files into `output`.
    ///
    /// - Throws: ``BatchArgumentError`` naming the problem.
    public static func merge(_ directories: [String], into output: String, commandLine: [String]) throws {
        let manifests = try directories.map { directory -> Manifest in
            do { return try Manifest.read(from: directory) } catch { throw BatchArgumentError("\(error)") }
        }
        guard let first = manifests.first else { throw BatchArgumentError("merge: no shard folders given") }
        var shards: [Int: String] = [:]
        var count: Int?
        for (directory, manifest) in zip(directories, manifests) {
            guard manifest.scenario.sha256 == first.scenario.sha256, manifest.seeds.scenario == first.seeds.scenario,
                  manifest.replications == first.replications, manifest.planSHA256 == first.planSHA256 else {
                throw BatchArgumentError("merge: '\(directory)' belongs to a different batch than '\(directories[0])' (scenario, seed, replications or sweep differ)")
            }
            guard manifest.status == "complete" else {
                throw BatchArgumentError("merge: '\(directory)' is not complete (status \(manifest.status)); run it again with --resume")
            }
            guard let text = manifest.shard, let shard = try? Shard.parse(text) else {
                throw BatchArgumentError("merge: '\(directory)' has no shard in its manifest")
            }
            if let count, count != shard.count {
                throw BatchArgumentError("merge: '\(directory)' is shard \(text) but others are of \(count)")
            }
            count = shard.count
            if let other = shards[shard.index] {
                throw BatchArgumentError("merge: shard \(shard.index) given twice ('\(other)' and '\(directory)')")
            }
            shards[shard.index] = directory
        }
        let total = count ?? 1
        let missing = (0..<total).filter { shards[$0] == nil }
        guard missing.isEmpty else {
            throw BatchArgumentError("merge: missing shard(s) \(missing.map { "\($0)/\(total)" }.joined(separator: ", "))")
        }
        let outputExisted = FileManager.default.fileExists(atPath: output)
        try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
        let ordered = (0..<total).map { shards[$0]! }
        // The three tables are all written (under temporary names) before any is put in place:
        // a damaged shard file found in the last of them leaves no merged file behind.
        var tables: [OutputFile] = []
        do {
            tables.append(try interleave(ordered.map { $0 + "/runs.csv" }, into: output + "/runs.csv",
                                         layout: .runs(parameters: first.sweep), replications: first.replications))
            tables.append(try interleave(ordered.map { $0 + "/failures.csv" }, into: output + "/failures.csv", layout: .failures,
                                         replications: first.replications))
            tables.append(try interleave(ordered.map { $0 + "/pnl.csv" }, into: output + "/pnl.csv", layout: .pnl,
                                         replications: first.replications))
            for table in tables { try table.finish() }
        } catch {
            for table in tables { table.abandon() }
            if !outputExisted { rmdir(output) }  // only when this merge created it and left it empty
            throw error
        }
        try SummaryTable.write(runsPath: output + "/runs.csv", summaryPath: output + "/summary.csv",
                               parameterCount: first.sweep.count)
        var manifest = first
        manifest.shard = nil
        manifest.command = commandLine
        manifest.finishedAt = Manifest.timestamp()
        manifest.status = "complete"
        try manifest.write(to: output)
    }

    /// Merges per-shard files whose rows are each in canonical order into one file in canonical
    /// order (a k-way merge on the canonical index; memory: one row per shard), written under
    /// its temporary name and returned unfinished: the caller puts it in place (``OutputFile/finish()``)
    /// or drops it. Every header and row is checked against `layout`: a damaged row stops the
    /// merge, located, instead of ending its shard's rows early (nothing is left behind then).
    static func interleave(_ paths: [String], into path: String, layout: RowLayout, replications: Int) throws -> OutputFile {
        let readers = try located { try paths.map { try CompletedRows(path: $0, layout: layout, replications: replications) } }
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

    /// Runs `body`, turning a damaged shard file into a located ``BatchArgumentError``.
    private static func located<Value>(_ body: () throws -> Value) throws -> Value {
        do {
            return try body()
        } catch let error as ResumeError {
            throw BatchArgumentError("\(error.file):\(error.line):\(error.column): \(error.problem); cannot merge: run that shard again")
        }
    }
}
