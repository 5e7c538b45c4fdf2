import Yams

/// Converts a Yams node tree into ``InputNode``s, resolving scalar types with the YAML 1.2 core
/// schema and bounding nesting depth and alias expansion.
///
/// Yams expands an alias by reusing the anchored node, so a node with an anchor that was already
/// visited (anchors are identified by their definition's position) is an alias expansion; the
/// nodes it adds are counted, which stops the "billion laughs" input after a few thousand nodes.
struct NodeConverter {
    let file: String
    /// The file's lines, for ``textLocation(of:style:at:)``: arrays, so that a column is found
    /// in O(1) on a line of thousands of list items.
    private let lines: [[Unicode.Scalar]]
    private var seenAnchors: Set<SourceLocation> = []
    private var aliasNodes = 0
    private var aliasDepth = 0
    /// Where the outermost alias being expanded is used (its parent node).
    private var aliasUse = SourceLocation(file: "", line: 1, column: 1)

    /// A converter for the nodes of `text`, read from `file`.
    init(file: String, text: String) {
        self.file = file
        lines = text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).map(Array.init)
    }

    /// The input node for `node`, `depth` levels below the top (1 at the root).
    mutating func convert(_ node: Node, depth: Int, parent: SourceLocation) throws -> InputNode {
        let location = node.mark.map { SourceLocation(file: file, line: max($0.line, 1), column: max($0.column, 1)) } ?? parent
        let isAlias = node.anchor != nil && !seenAnchors.insert(location).inserted
        if isAlias {
            if aliasDepth == 0 { aliasUse = parent }
            aliasDepth += 1
            guard aliasDepth <= ScenarioSource.maximumAliasDepth else {
                throw InputError("aliases nested more than \(ScenarioSource.maximumAliasDepth) deep", at: aliasUse)
            }
        }
        defer { if isAlias { aliasDepth -= 1 } }
        if aliasDepth > 0 {
            aliasNodes += 1
            guard aliasNodes <= ScenarioSource.maximumAliasNodes else {
                throw InputError("alias expansion adds more than \(ScenarioSource.maximumAliasNodes) nodes", at: aliasUse)
            }
        }
        guard depth <= ScenarioSource.maximumDepth else {
            throw InputError("nesting deeper than \(ScenarioSource.maximumDepth) levels", at: location)
        }
        switch node {
        case .scalar(let scalar):
            return try convertScalar(scalar, at: location)
        case .sequence(let sequence):
            var items: [InputNode] = []
            for item in sequence { items.append(try convert(item, depth: depth + 1, parent: location)) }
            return InputNode(.sequence(items), at: location)
        case .mapping(let mapping):
            var entries: [InputNode.Entry] = []
            for (key, value) in mapping {
                let keyNode = try convert(key, depth: depth + 1, parent: location)
                guard case .scalar(let text, .string) = keyNode.content else {
                    throw InputError("mapping keys must be strings, got \(keyNode.shortDescription); quote it if it is meant as a name",
                                     at: keyNode.location)
                }
                entries.append(.init(key: text, keyLocation: keyNode.location,
                                     value: try convert(value, depth: depth + 1, parent: keyNode.location)))
            }
            return InputNode(.mapping(entries), at: location)
        case .alias:
            throw InputError("unresolved alias", at: location)
        }
    }

    /// A scalar with its type: quoted and block scalars are strings, plain ones follow the core
    /// schema, and explicit `!!str`, `!!int`, `!!float`, `!!bool`, `!!null` tags are checked.
    private func convertScalar(_ scalar: Node.Scalar, at location: SourceLocation) throws -> InputNode {
        let text = scalar.string
        let plainType: InputNode.ScalarType?? = scalar.style == .plain || scalar.style == .any
            ? CoreSchema.resolve(plain: text) : .some(.string)
        let tagName = Tag.Name(rawValue: scalar.tag.rawValue)
        let type: InputNode.ScalarType?
        switch tagName {
        case .implicit, .nonSpecific: type = tagName == .nonSpecific ? .string : plainType ?? nil
        case .str: type = .string
        case .null:
            guard plainType == .some(nil) else { throw InputError("!!null with a value '\(text)'", at: location) }
            type = nil
        case .bool, .int, .float:
            let wanted: InputNode.ScalarType = tagName == .bool ? .bool : tagName == .int ? .int : .float
            let resolved = CoreSchema.resolve(plain: text)
            guard resolved == wanted || (wanted == .float && resolved == .int) else {
                throw InputError("'\(text)' is not a valid \(tagName.rawValue.split(separator: ":").last ?? "")", at: location)
            }
            type = wanted
        default:
            throw InputError("unsupported tag '\(tagName.rawValue)'", at: location)
        }
        guard let type else { return InputNode(.null, at: location) }
        var node = InputNode(.scalar(text: text, type: type), at: location)
        node.textLocation = textLocation(of: text, style: scalar.style, at: location)
        return node
    }

    /// Where `text`, a scalar of `style` starting at `location`, has its first character, if
    /// the file's line spells it there character for character (after the opening quote of a
    /// quoted scalar, and followed by the closing one); nil for a block scalar, and for one the
    /// line does not spell verbatim (folded over lines, escaped, tagged, anchored).
    private func textLocation(of text: String, style: Node.Scalar.Style, at location: SourceLocation) -> SourceLocation? {
        let quote: Unicode.Scalar?
        switch style {
        case .plain, .any: quote = nil
        case .singleQuoted: quote = "'"
        case .doubleQuoted: quote = "\""
        case .literal, .folded: return nil
        }
        guard lines.indices.contains(location.line - 1) else { return nil }
        let line = lines[location.line - 1], mark = location.column - 1
        let start = mark + (quote == nil ? 0 : 1), end = start + text.unicodeScalars.count
        guard mark < line.count, end <= line.count, line[start..<end].elementsEqual(text.unicodeScalars) else { return nil }
        if let quote, line[mark] != quote || end == line.count || line[end] != quote { return nil }
        return SourceLocation(file: location.file, line: location.line, column: start + 1)
    }
}
