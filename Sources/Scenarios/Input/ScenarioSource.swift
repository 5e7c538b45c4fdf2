import Foundation

/// Reads scenario files into located ``InputNode`` trees: YAML parsing with bounded alias
/// expansion and nesting, `extends:` deep merges, and `--set key.path=value` overrides.
public enum ScenarioSource {
    /// The deepest nesting of mappings and lists accepted in a file.
    static let maximumDepth = 64
    /// The most nodes alias expansion may add to one file.
    static let maximumAliasNodes = 10_000
    /// The deepest chain of aliases inside aliases.
    static let maximumAliasDepth = 20

    /// Reads and parses `path`, resolves `extends:`, applies `overrides`, and returns the merged root.
    ///
    /// The file must be UTF-8 and not empty; its top level must be a mapping. `extends:` is a path
    /// relative to the extending file, or a list of them (later bases override earlier ones, the
    /// file overrides its bases): mappings merge key by key, anything else is replaced. Each
    /// override is `"key.path=value"` with the value parsed as YAML; its location is
    /// `<command line>:1:N` for the N-th override. Nodes keep the location of their own file.
    /// - Throws: ``InputError`` for every kind of bad input.
    public static func load(path: String, overrides: [String] = []) throws -> InputNode {
        try applyOverrides(overrides, to: try loadResolvingExtends(path: path, chain: [], at: nil).withPaths(""))
    }

    /// ``load(path:overrides:)`` from text; `file` is the name used in locations, and `extends:`
    /// paths are relative to its directory.
    public static func parse(text: String, file: String, overrides: [String] = []) throws -> InputNode {
        let root = try resolveExtends(of: try parseDocument(text: text, file: file), file: file, chain: [canonical(file)])
        return try applyOverrides(overrides, to: root.withPaths(""))
    }

    /// The largest scenario file read: 64 MiB.
    static let maximumBytes = 64 << 20

    /// Reads `path` as UTF-8 text; a missing file is reported at `reference` when given.
    static func readText(path: String, reference: SourceLocation?) throws -> String {
        // Through a file handle, which reads a device (/dev/null, a pipe) as Data(contentsOf:) does
        // not, at most `maximumBytes` (/dev/zero never ends).
        var isFolder: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isFolder)
        func failure(_ reason: String) -> InputError {
            let message = "cannot read '\(path)': \(reason)"
            return reference.map { InputError(message, at: $0) } ?? InputError(message, file: path)
        }
        guard exists, !isFolder.boolValue, let handle = FileHandle(forReadingAtPath: path) else {
            throw failure(!exists ? "No such file" : isFolder.boolValue ? "it is a folder, not a scenario file"
                : access(path, R_OK) != 0 ? String(cString: strerror(errno)) : "cannot be read")
        }
        var data = Data()
        while true {
            let chunk: Data?
            do { chunk = try handle.read(upToCount: 1 << 20) } catch { throw failure("cannot be read") }
            guard let chunk, !chunk.isEmpty else { break }  // nil or empty at the end
            data.append(chunk)
            guard data.count <= maximumBytes else { throw failure("larger than \(maximumBytes >> 20) MiB: not a scenario file") }
        }
        return try UTF8Check.decode(data, file: path)
    }

    /// A file's root mapping, before `extends:` is resolved.
    static func parseDocument(text: String, file: String) throws -> InputNode {
        guard text.contains(where: { !$0.isWhitespace }) else {
            throw InputError("file is empty", at: SourceLocation(file: file, line: 1, column: 1))
        }
        let root = try YAMLReader.read(text: text, file: file)
        guard root.kind == .mapping else {
            throw InputError("the top level must be a mapping of keys to values, got \(root.shortDescription)", at: root.location)
        }
        return root
    }

    /// A standardized absolute path, for cycle detection.
    static func canonical(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.path
    }
}
