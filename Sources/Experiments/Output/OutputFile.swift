import Foundation

/// A failure writing output: a runtime failure (exit code 1), never bad input.
public struct OutputError: Error, Sendable, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

/// A text file written under a temporary name and renamed into place when complete, so a
/// reader never sees a half-written file (DESIGN.md §5). Buffered; `finish()` flushes and
/// renames, `abandon()` deletes the temporary file.
public final class OutputFile {
    /// The final path.
    public let path: String
    let temporaryPath: String
    private let handle: FileHandle
    private var buffer = ""
    private static let flushThreshold = 1 << 16

    /// Creates `path + ".partial"` for writing (replacing any earlier one).
    public init(path: String) throws {
        self.path = path
        self.temporaryPath = path + ".partial"
        _ = FileManager.default.createFile(atPath: temporaryPath, contents: nil)
        guard let handle = FileHandle(forWritingAtPath: temporaryPath) else {
            throw OutputError("cannot create '\(temporaryPath)'")
        }
        self.handle = handle
    }

    /// Appends text (buffered).
    public func write(_ text: String) throws {
        buffer += text
        if buffer.utf8.count >= Self.flushThreshold { try flush() }
    }

    /// Appends one line and a newline.
    public func writeLine(_ line: String) throws {
        try write(line)
        try write("\n")
    }

    /// Writes the buffer to the file.
    public func flush() throws {
        guard !buffer.isEmpty else { return }
        do {
            try handle.write(contentsOf: Data(buffer.utf8))
        } catch {
            throw OutputError("cannot write '\(temporaryPath)': \(error.localizedDescription)")
        }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Flushes, closes and renames the file into place.
    public func finish() throws {
        try flush()
        try? handle.close()
        if FileManager.default.fileExists(atPath: path) { try? FileManager.default.removeItem(atPath: path) }
        do {
            try FileManager.default.moveItem(atPath: temporaryPath, toPath: path)
        } catch {
            throw OutputError("cannot rename '\(temporaryPath)' to '\(path)': \(error.localizedDescription)")
        }
    }

    /// Closes and deletes the temporary file.
    public func abandon() {
        try? handle.close()
        try? FileManager.default.removeItem(atPath: temporaryPath)
    }
}
