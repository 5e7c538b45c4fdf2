extension InputNode {
    /// YAML text of the (merged) tree in block style, for debugging and `validate`; strings are
    /// quoted whenever their plain form would read back as another type.
    /// - Complexity: O(n) in the size of the tree.
    public func render() -> String {
        var lines: [String] = []
        renderBlock(indent: 0, into: &lines)
        return lines.joined(separator: "\n") + "\n"
    }

    /// Appends this node's lines (a mapping or list) or a single scalar line.
    private func renderBlock(indent: Int, into lines: inout [String]) {
        let pad = String(repeating: " ", count: indent)
        switch content {
        case .mapping(let entries) where !entries.isEmpty:
            for entry in entries {
                let key = Self.renderScalar(entry.key, type: .string)
                if entry.value.isInline {
                    lines.append(pad + key + ": " + entry.value.inlineText)
                } else {
                    lines.append(pad + key + ":")
                    entry.value.renderBlock(indent: indent + 2, into: &lines)
                }
            }
        case .sequence(let items) where !items.isEmpty:
            for item in items {
                if item.isInline {
                    lines.append(pad + "- " + item.inlineText)
                } else {
                    var nested: [String] = []
                    item.renderBlock(indent: indent + 2, into: &nested)
                    if let first = nested.first {
                        lines.append(pad + "- " + first.dropFirst(indent + 2))
                        lines.append(contentsOf: nested.dropFirst())
                    }
                }
            }
        default:
            lines.append(pad + inlineText)
        }
    }

    /// Whether the node is written on its key's line: scalars, null and empty collections.
    private var isInline: Bool {
        switch content {
        case .mapping(let entries): return entries.isEmpty
        case .sequence(let items): return items.isEmpty
        case .scalar, .null: return true
        }
    }

    /// The one-line text of an inline node.
    private var inlineText: String {
        switch content {
        case .scalar(let text, let type): return Self.renderScalar(text, type: type)
        case .null: return "null"
        case .mapping: return "{}"
        case .sequence: return "[]"
        }
    }

    /// Plain text when it reads back as the same type and has no special characters, else a
    /// double-quoted string with escapes.
    static func renderScalar(_ text: String, type: ScalarType) -> String {
        if type != .string { return text }
        let safe = !text.isEmpty && CoreSchema.resolve(plain: text) == .string
            && text.unicodeScalars.allSatisfy { $0.properties.isAlphabetic || $0.properties.numericType != nil || "_-./ ".unicodeScalars.contains($0) }
            && text.first != " " && text.last != " " && text.first != "-"
        if safe { return text }
        var quoted = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": quoted += "\\\""
            case "\\": quoted += "\\\\"
            case "\n": quoted += "\\n"
            case "\t": quoted += "\\t"
            case "\r": quoted += "\\r"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    quoted += "\\x" + (scalar.value < 0x10 ? "0" : "") + String(scalar.value, radix: 16)
                } else {
                    quoted.unicodeScalars.append(scalar)
                }
            }
        }
        return quoted + "\""
    }
}
