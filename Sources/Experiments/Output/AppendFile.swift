import Foundation

/// A CSV file that grows by whole rows (batches): rows are buffered and written with their
/// newline in one write, at most every 64 rows or 1 second, so a killed batch leaves only
/// complete rows plus at most one torn row, which `--resume` cuts off.
final class AppendFile {
    private let path: String
    private let handle: FileHandle
    private let first: AppendFile?
    private var buffer = ""
    private var pendingRows = 0
    private var lastFlush = Date()

    /// Opens `path` for appending. `first` is a file whose rows must reach the disk before this
    /// one's (pnl.csv before runs.csv): it is flushed at every flush of this one.
    init(path: String, flushingFirst first: AppendFile? = nil) throws {
        guard let handle = FileHandle(forWritingAtPath: path) else { throw OutputError("cannot open '\(path)' for appending") }
        do {
            try handle.seekToEnd()
        } catch {
            throw OutputError.cannotWrite(path, error)
        }
        self.path = path
        self.handle = handle
        self.first = first
    }

    func append(_ line: String) throws {
        buffer += line
        buffer += "\n"
        pendingRows += 1
        if pendingRows >= 64 || Date().timeIntervalSince(lastFlush) >= 1 { try flush() }
    }

    /// Writes the buffered rows; a failed write (a full disk) is an ``OutputError`` naming the
    /// file and the system's reason, the rows before it kept whole on disk.
    func flush() throws {
        try first?.flush()
        guard !buffer.isEmpty else { return }
        do {
            try handle.write(contentsOf: Data(buffer.utf8))
        } catch {
            throw OutputError.cannotWrite(path, error)
        }
        buffer.removeAll(keepingCapacity: true)
        pendingRows = 0
        lastFlush = Date()
    }

    func close() throws {
        try flush()
        do {
            try handle.close()
        } catch {
            throw OutputError.cannotWrite(path, error)
        }
    }
}
