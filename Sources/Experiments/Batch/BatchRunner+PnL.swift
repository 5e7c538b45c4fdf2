import Foundation

/// pnl.csv in a batch: each replication's party rows, written (and flushed) before its runs.csv
/// row, so every replication runs.csv counts as done has all its rows on disk; on `--resume` the
/// rows of replications runs.csv does not hold are cut.
extension BatchRunner {
    var pnlPath: String { directory + "/pnl.csv" }

    /// Appends `result`'s rows to `file` and writes them through.
    func appendPnL(_ result: ReplicationResult, to file: AppendFile) throws {
        let rows = PnLTable.rows(sweepPoint: result.sweepPoint, replication: result.replication, seed: result.seed, pnl: result.pnl)
        guard !rows.isEmpty else { return }
        try file.append(rows.joined(separator: "\n"))
        try file.flush()
    }

    /// Creates pnl.csv with its header; resuming, keeps the rows of items up to canonical index
    /// `lastDone` (nil: none) and cuts the rest.
    func preparePnL(resuming: Bool, lastDone: Int?) throws {
        guard resuming, FileManager.default.fileExists(atPath: pnlPath) else {
            try (PnLTable.header + "\n").write(toFile: pnlPath, atomically: true, encoding: .utf8)
            return
        }
        let reader = try CSVLineReader(path: pnlPath)
        guard let header = try reader.next(), CSVFormat.line(header) == PnLTable.header else {
            throw OutputError("'\(pnlPath)': unexpected header; cannot resume")
        }
        var keep = reader.consumedBytes
        while let record = try reader.next() {
            guard record.count >= 2, let point = Int(record[0]), let replication = Int(record[1]) else {
                throw OutputError("'\(pnlPath)': malformed row; cannot resume")
            }
            guard let lastDone, point * spec.replications + replication <= lastDone else { break }
            keep = reader.consumedBytes
        }
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: pnlPath))
        try handle.truncate(atOffset: UInt64(keep))
        try handle.close()
    }
}
