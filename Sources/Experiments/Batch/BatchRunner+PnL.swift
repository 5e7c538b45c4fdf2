import Foundation

/// pnl.csv in a batch: each replication's party rows, written (and flushed) before its runs.csv
/// row, so every replication runs.csv counts as done has all its rows on disk; on `--resume` the
/// rows of replications runs.csv does not hold are cut (BatchRunner+Resume.swift).
extension BatchRunner {
    var pnlPath: String { directory + "/pnl.csv" }

    /// Appends `result`'s rows to `file` and writes them through.
    func appendPnL(_ result: ReplicationResult, to file: AppendFile) throws {
        let rows = PnLTable.rows(sweepPoint: result.sweepPoint, replication: result.replication, seed: result.seed, pnl: result.pnl)
        guard !rows.isEmpty else { return }
        try file.append(CSVFormat.joined(rows, separator: UInt8(ascii: "\n")))
        try file.flush()
    }

    /// Creates pnl.csv with its header.
    func createPnL() throws {
        try OutputFile.create(pnlPath, contents: RowLayout.pnl.header + "\n")
    }
}
