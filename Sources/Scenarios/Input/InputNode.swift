/// A parsed YAML value with its location: aliases already expanded (bounded), tags resolved
/// with the YAML 1.2 core schema.
///
/// Scenario sections read their values through the typed readers (``double()``,
/// ``duration()``, ``mapping(allowedKeys:)``, …), which throw an ``InputError`` located at the
/// node and naming its ``path``.
public struct InputNode: Sendable {
    /// The shape of a node.
    public enum Kind: Sendable { case scalar, mapping, sequence, null }

    /// The resolved type of a scalar (YAML 1.2 core schema, or an explicit `!!` tag).
    enum ScalarType: Sendable, Equatable { case string, int, float, bool }

    /// One key of a mapping, in file order.
    struct Entry: Sendable {
        var key: String
        var keyLocation: SourceLocation
        var value: InputNode
    }

    /// What the node holds.
    enum Content: Sendable {
        case scalar(text: String, type: ScalarType)
        case mapping([Entry])
        case sequence([InputNode])
        case null
    }

    var content: Content
    /// Where the node starts in its file.
    public internal(set) var location: SourceLocation
    /// The dotted key path from the root, e.g. `"agents.arbitrageurs[0].capital"`; empty at the root.
    public internal(set) var path: String
    /// Where a scalar's first character is when its file spells the text character for character
    /// on one line (a plain scalar, or a quoted one without escapes): one column after
    /// ``location`` for a quoted scalar. Nil otherwise (a block, multi-line, tagged or escaped
    /// scalar, an override's value): the scalar can then be located only by its start.
    public internal(set) var textLocation: SourceLocation?

    init(_ content: Content, at location: SourceLocation, path: String = "") {
        self.content = content
        self.location = location
        self.path = path
    }

    /// The shape of the node.
    public var kind: Kind {
        switch content {
        case .scalar: return .scalar
        case .mapping: return .mapping
        case .sequence: return .sequence
        case .null: return .null
        }
    }

    /// The path for messages: `"top level"` at the root.
    var displayPath: String { path.isEmpty ? "top level" : path }

    /// An error located at this node, its message prefixed with the node's path.
    func error(_ message: String) -> InputError {
        InputError("\(displayPath): \(message)", at: location)
    }

    /// A short description of the node's value for "got …" in messages.
    var shortDescription: String {
        switch content {
        case .scalar(let text, let type):
            let clipped = text.count > 40 ? String(text.prefix(40)) + "…" : text
            return type == .string ? "'\(clipped)'" : clipped
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .null: return "null"
        }
    }

    /// The child path of a mapping key below `prefix`.
    static func childPath(_ prefix: String, key: String) -> String {
        prefix.isEmpty ? key : prefix + "." + key
    }

    /// The same tree with every path recomputed from `path` downwards (after merges).
    /// - Complexity: O(n) in the number of nodes.
    func withPaths(_ path: String) -> InputNode {
        var copy = self
        copy.path = path
        switch content {
        case .mapping(let entries):
            copy.content = .mapping(entries.map { entry in
                var entry = entry
                entry.value = entry.value.withPaths(InputNode.childPath(path, key: entry.key))
                return entry
            })
        case .sequence(let items):
            copy.content = .sequence(items.enumerated().map { index, item in
                item.withPaths("\(path)[\(index)]")
            })
        case .scalar, .null:
            break
        }
        return copy
    }
}
