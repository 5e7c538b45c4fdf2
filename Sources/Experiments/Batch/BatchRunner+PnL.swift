import Foundation

/// pnl.csv in a batch: each replication's party rows, appended before its runs.csv row and
/// written before it (runs.csv flushes pnl.csv first), so every replication runs.csv counts as
/// done has all its rows on disk; on `--resume` the rows of replications runs.csv does not hold
/// are cut (BatchRunner+Resume.swift).
// NOTE: the rows were written through at every replication, a write call each (a batch of 200
// replications made 211 write calls, now 15; strace); buffered, they go out with runs.csv's.
extension BatchRunner {
    var pnlPath: String { directory + "/pnl.csv" }

    /// Appends `result`'s rows to `file`.
    func appendPnL(_ result: ReplicationResult, to file: AppendFile) throws {
        let rows = PnLTable.rows(sweepPoint: result.sweepPoint, replication: result.replication, seed: result.seed, pnl: result.pnl)
        guard !rows.isEmpty else { return }
        try file.append(CSVFormat.joined(rows, separator: UInt8(ascii: "\n")))
    }

    /// Creates pnl.csv with its header.
    func createPnL() throws {
        try OutputFile.create(pnlPath, contents: RowLayout.pnl.header + "\n")
    }
}
