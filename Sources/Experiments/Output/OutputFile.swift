import Foundation

/// A failure writing output: a runtime failure (exit code 1), never bad input.
public struct OutputError: Error, Sendable, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }

    /// `cannot write 'path': <reason>`, the reason the system's (`No space left on device`)
    /// rather than Foundation's wrapping of it.
    static func cannotWrite(_ path: String, _ error: any Error) -> OutputError {
        OutputError("cannot write '\(path)': \(reason(error))")
    }

    /// The POSIX reason behind a Foundation file error (`strerror` of its errno, itself or
    /// underlying), else the error's description.
    public static func reason(_ error: any Error) -> String {
        let nsError = error as NSError
        if nsError.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(nsError.code))) }
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(underlying.code)))
        }
        if nsError.domain == NSCocoaErrorDomain, nsError.code == CocoaError.fileWriteOutOfSpace.rawValue {
            return String(cString: strerror(ENOSPC))
        }
        return nsError.localizedDescription
    }
}

/// A text file written under a temporary name and renamed into place when complete, so a
/// reader never sees a half-written file (DESIGN.md §5). Buffered; `finish()` flushes and
/// renames, `abandon()` deletes the temporary file.
///
/// A path that exists and is not a regular file (`/dev/null`, a FIFO, `/dev/stdout`) is written
/// in place instead: renaming over it would replace the device (as root) with a plain file.
public final class OutputFile {
    /// True when `path` exists and is not a regular file or a directory — a device, FIFO or
    /// socket — so output must be written into it rather than renamed over it.
    public static func isSpecial(_ path: String) -> Bool {
        var status = stat()
        guard stat(path, &status) == 0 else { return false }  // follows symbolic links
        let type = status.st_mode & S_IFMT
        return type != S_IFREG && type != S_IFDIR
    }

    /// The final path.
    public let path: String
    let temporaryPath: String
    private let handle: FileHandle
    private var buffer = ""
    private static let flushThreshold = 1 << 16

    /// Creates `path + ".partial"` for writing (replacing any earlier one).
    public init(path: String) throws {
        self.path = path
        self.temporaryPath = Self.isSpecial(path) ? path : path + ".partial"
        if temporaryPath != path { _ = FileManager.default.createFile(atPath: temporaryPath, contents: nil) }
        guard let handle = FileHandle(forWritingAtPath: temporaryPath) else {
            throw OutputError("cannot create '\(temporaryPath)'")
        }
        self.handle = handle
    }

    /// Writes `text` to `path` atomically (a complete file or none), as ``finish()`` does:
    /// written beside it, then renamed over it.
    // NOTE: not `String.write(toFile:atomically:)`, whose fsync took 0.25–3.7 ms a file: the
    // three headers a batch creates were ≈ 1 ms of a 200-replication batch's 6 ms of fixed cost
    // (`advsim bench batch amm-arbitrage -n 1`, strace -T).
    public static func create(_ path: String, contents text: String) throws {
        let file = try OutputFile(path: path)
        do {
            try file.write(text)
            try file.finish()
        } catch {
            file.abandon()
            throw error
        }
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
            throw OutputError.cannotWrite(temporaryPath, error)
        }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Flushes, closes and renames the file into place.
    public func finish() throws {
        try flush()
        try? handle.close()
        guard temporaryPath != path else { return }
        if FileManager.default.fileExists(atPath: path) { try? FileManager.default.removeItem(atPath: path) }
        do {
            try FileManager.default.moveItem(atPath: temporaryPath, toPath: path)
        } catch {
            throw OutputError("cannot rename '\(temporaryPath)' to '\(path)': \(OutputError.reason(error))")
        }
    }

    /// Closes and deletes the temporary file.
    public func abandon() {
        try? handle.close()
        guard temporaryPath != path else { return }
        try? FileManager.default.removeItem(atPath: temporaryPath)
    }
}
