/// An entry that an override added to a mapping which did not have it: a new pool given by
/// `--set pools.new={…}` or by several `--set pools.new.KEY=…`, or a misspelt one. When the new
/// entry then lacks a required key, the error names the mapping's entries instead of the key
/// (``ScenarioOverride/explained(_:by:in:)``).
struct OverrideCreation: Sendable {
    /// The override's place in the list given to ``ScenarioSource/applyOverrides(_:to:valuesApart:creations:)`` (0-based).
    var index: Int
    /// The key added.
    var key: String
    /// The added entry's key path, e.g. `pools.nopool`.
    var path: String
    /// The key path of the mapping it was added to; empty for the top level.
    var parentPath: String
    /// The keys the mapping had (with a value other than null), in file order.
    var siblings: [String]
}

/// One override being written into a tree: its keys, and the entries it creates on the way.
struct OverrideTarget {
    /// The `key.path=value` text, for messages.
    let assignment: String
    /// All its keys.
    let keys: [String]
    /// Its place in the list of overrides (0-based).
    let index: Int
    /// Where the nodes it writes are located.
    let location: SourceLocation
    /// The entries it added, outermost first.
    private(set) var creations: [OverrideCreation] = []

    init(assignment: String, keys: [String], index: Int, location: SourceLocation) {
        self.assignment = assignment
        self.keys = keys
        self.index = index
        self.location = location
    }

    /// `node` (at key path `path`) with `value` stored at `remaining` keys, creating missing
    /// mappings on the way; the nodes it writes get their paths, so a tree with paths keeps them
    /// right. A null `value` for a key that is there removes it, as a null in an extending file
    /// does (``ScenarioSource/merge(_:over:)``); one for a key that is not there is stored, so
    /// that an unknown key is still refused.
    /// - Throws: ``InputError`` when a key on the way is not a mapping, or when the keys go
    ///   below a section keyed by whole key paths (``Scenario/sectionsKeyedByKeyPaths``) without
    ///   naming an entry of it: the key path meant has to be quoted.
    mutating func set(_ value: InputNode, at remaining: ArraySlice<String>, in node: InputNode, path: String) throws -> InputNode {
        guard let key = remaining.first else { return value.withPaths(path) }
        var entries: [InputNode.Entry]
        switch node.content {
        case .mapping(let existing): entries = existing
        case .null: entries = []
        case .scalar, .sequence:
            throw InputError("cannot apply override '\(assignment)': \(OverrideKeyPath.text(keys.dropLast(remaining.count))) is \(node.shortDescription), not a mapping",
                             at: location)
        }
        let childPath = InputNode.childPath(path, key: key)
        if let index = entries.firstIndex(where: { $0.key == key }) {
            if remaining.count == 1, value.kind == .null {
                entries.remove(at: index)
            } else {
                entries[index].value = try set(value, at: remaining.dropFirst(), in: entries[index].value, path: childPath)
            }
        } else {
            if remaining.count > 1, Scenario.sectionsKeyedByKeyPaths.contains(path) {
                throw unquotedKeyPath(remaining, below: path, entries: entries)
            }
            if value.kind != .null || remaining.count > 1 {
                creations.append(OverrideCreation(index: self.index, key: key, path: childPath, parentPath: path,
                                                  siblings: entries.filter { $0.value.kind != .null }.map(\.key)))
            }
            let child = try set(value, at: remaining.dropFirst(), in: InputNode(.null, at: location), path: childPath)
            entries.append(.init(key: key, keyLocation: location, value: child))
        }
        var copy = node
        copy.path = path
        copy.content = .mapping(entries)
        return copy
    }

    /// The error for keys split at the dots of a key path that keys `section`: the override as it
    /// should be written, the longest run of `remaining` keys that names an entry quoted (all of
    /// them when none does).
    private func unquotedKeyPath(_ remaining: ArraySlice<String>, below section: String, entries: [InputNode.Entry]) -> InputError {
        let named = stride(from: remaining.count, to: 1, by: -1).first { count in
            entries.contains { $0.key == remaining.prefix(count).joined(separator: ".") }
        } ?? remaining.count
        let quoted = "\"" + remaining.prefix(named).joined(separator: ".") + "\""
        let suggestion = ([OverrideKeyPath.text(keys.dropLast(remaining.count)), quoted]
                          + remaining.dropFirst(named).map { OverrideKeyPath.text([$0]) }).joined(separator: ".")
        let value = OverrideKeyPath.split(assignment)?.value ?? ""
        return InputError("cannot apply override '\(assignment)': \(section) is keyed by whole key paths, so the one meant "
                          + "must be quoted: \(suggestion)=\(value)", at: location)
    }
}
