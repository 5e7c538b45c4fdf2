import Foundation
import GSL

/// Reads the complete rows of a batch's runs.csv, failures.csv or pnl.csv one at a time (for
/// `--resume` and `merge`), checking each against its ``RowLayout``, its seed and its `param_`
/// cells against the batch's, and cuts a torn last row (a write interrupted by a kill: a last
/// line without its newline is not an error). Reading changes nothing; only
/// ``truncate(atOffset:)`` and ``truncateTornRow()`` do.
final class CompletedRows {
    let path: String
    private let reader: CSVLineReader
    private let layout: RowLayout
    /// The batch's replications per sweep point.
    let replications: Int
    /// The batch's scenario seed: a row's seed must be the one it derives for the row's replication.
    private let scenarioSeed: UInt64
    /// The batch's sweep: a row's `param_` cells must be its point's values.
    private let plan: SweepPlan
    /// The 1-based line on which the last row returned starts.
    private(set) var line = 1
    /// The sweep point and replication of the last row returned.
    private(set) var item = (point: 0, replication: 0)
    /// The fields of the last row returned.
    private(set) var record: [String] = []
    /// The 1-based line after the last row returned, where the next row starts.
    private(set) var nextLine = 2

    /// File offset just after the last row returned.
    var consumedBytes: Int { reader.consumedBytes }

    /// Opens `path` and checks its header.
    ///
    /// - Throws: ``ResumeError`` when the file cannot be read or its header is not `layout`'s.
    init(path: String, layout: RowLayout, replications: Int, scenarioSeed: UInt64, plan: SweepPlan) throws {
        self.path = path
        self.layout = layout
        self.replications = replications
        self.scenarioSeed = scenarioSeed
        self.plan = plan
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue {
            throw ResumeError("a folder, not the batch's file", file: path)
        }
        do {
            reader = try CSVLineReader(path: path)
        } catch {
            throw ResumeError("the file cannot be read", file: path)
        }
        guard let first = try reader.next() else {
            throw ResumeError("no header line (the file is empty or cut off)", file: path)
        }
        try layout.checkHeader(first, file: path)
    }

    /// The canonical index (point × replications + replication) of the next complete row.
    ///
    /// - Throws: ``ResumeError`` for a row that breaks the layout, names a replication beyond the
    ///   batch's, has another seed than the batch derives for its replication, or `param_` cells
    ///   other than its sweep point's values.
    func next() throws -> Int? {
        guard let record = try reader.next() else { return nil }
        line = nextLine
        item = try layout.check(record, file: path, line: line)
        self.record = record
        nextLine += layout.lineCount(record)
        guard item.replication < replications else {
            throw ResumeError("replication \(item.replication) is beyond this batch's \(replications) replications",
                              file: path, line: line, column: RowLayout.column(ofField: 1, in: record))
        }
        // Compared as written: merge copies the cell, so only advsim's own spelling may pass.
        let seed = SeedDerivation.replicationSeed(scenarioSeed: scenarioSeed, replication: item.replication)
        guard record[2] == String(seed) else {
            throw ResumeError("seed \(RowLayout.shortened(record[2])) is not the seed of replication \(item.replication) in this batch: "
                              + "scenario seed \(scenarioSeed) derives \(seed) for it (a folder from a run with another seed)",
                              file: path, line: line, column: RowLayout.column(ofField: 2, in: record))
        }
        try checkParameters()
        return item.point * replications + item.replication
    }

    /// Checks the last row's `param_` cells against its sweep point's values. The writer writes
    /// each value's text as it is (``RunsTable/row(sweepPoint:replication:seed:parameterValues:metrics:)``),
    /// so the cell must be that text. A point beyond the batch's is left to ``ShardRows``, which names it.
    private func checkParameters() throws {
        guard layout.parameterCount > 0, item.point < plan.count else { return }
        for offset in plan.keyPaths.indices {
            let value = plan.value(ofPoint: item.point, axis: offset)
            guard record[3 + offset] != value else { continue }
            throw ResumeError("\(layout.names[3 + offset]) '\(RowLayout.shortened(record[3 + offset]))' is not the value of sweep point "
                              + "\(item.point) in this batch: its sweep gives '\(RowLayout.shortened(value))' (a folder from a run with "
                              + "another sweep)", file: path, line: line, column: RowLayout.column(ofField: 3 + offset, in: record))
        }
    }

    /// Checks what follows the last complete row: a row cut off by a kill is the start of a row
    /// of the layout; anything else is damage. Call after reading every row.
    ///
    /// - Throws: ``ResumeError`` at the cut-off row's line.
    func checkTornRow() throws {
        let handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
        defer { try? handle.close() }
        try handle.seek(toOffset: UInt64(reader.consumedBytes))
        guard let tail = try handle.readToEnd(), !tail.isEmpty else { return }
        // Close an open quote so the cut-off row parses as one record.
        let quotes = tail.reduce(0) { $0 + ($1 == UInt8(ascii: "\"") ? 1 : 0) }
        let text = String(decoding: tail, as: UTF8.self) + (quotes % 2 == 1 ? "\"\n" : "\n")
        try layout.checkCutRow(CSVReader.records(text).records.first ?? [], file: path, line: nextLine)
    }

    /// Checks that nothing follows the last complete row, as in the files of a finished batch
    /// (`merge`: a complete shard has no cut-off row). Call after reading every row.
    ///
    /// - Throws: ``ResumeError`` at the line after the last row.
    func checkEnded() throws {
        guard try fileSize() > reader.consumedBytes else { return }
        throw ResumeError("a last line without its newline (a cut-off row) in a shard whose manifest.json says complete", file: path,
                          line: nextLine)
    }

    /// Cuts whatever follows the last complete row. Call after reading every row.
    func truncateTornRow() throws {
        guard try fileSize() > reader.consumedBytes else { return }
        try truncate(atOffset: reader.consumedBytes)
    }

    private func fileSize() throws -> Int {
        (try FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.intValue ?? 0
    }

    /// Cuts the file at byte `offset` (a row boundary).
    func truncate(atOffset offset: Int) throws {
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try handle.truncate(atOffset: UInt64(offset))
        try handle.close()
    }
}
