import Foundation

/// Reads the canonical indices of the complete rows of a batch's runs.csv or failures.csv, one
/// at a time (for `--resume`), and cuts a torn last row (a write interrupted by a kill).
final class CompletedRows {
    private let path: String
    private let reader: CSVLineReader
    private let replications: Int

    /// Opens `path` and checks its header.
    init(path: String, header: String, replications: Int) throws {
        self.path = path
        self.replications = replications
        reader = try CSVLineReader(path: path)
        guard let first = try reader.next(), CSVFormat.line(first) == header else {
            throw OutputError("'\(path)': unexpected header; cannot resume")
        }
    }

    /// The canonical index (point × replications + replication) of the next complete row.
    func next() throws -> Int? {
        guard let record = try reader.next() else { return nil }
        guard record.count >= 2, let point = Int(record[0]), let replication = Int(record[1]) else {
            throw OutputError("'\(path)': malformed row; cannot resume")
        }
        return point * replications + replication
    }

    /// Cuts whatever follows the last complete row. Call after reading every row.
    func truncateTornRow() throws {
        let size = (try FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.intValue ?? 0
        guard size > reader.consumedBytes else { return }
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try handle.truncate(atOffset: UInt64(reader.consumedBytes))
        try handle.close()
    }
}
