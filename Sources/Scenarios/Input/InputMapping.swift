/// A mapping whose keys were checked against the allowed set; look values up by key.
public struct InputMapping: Sendable {
    /// The mapping node itself.
    public let node: InputNode
    private let values: [String: InputNode]
    /// The keys in file order whose values are not null: a null is as if the key were absent
    /// (``optional(_:)``), which is how an extending file or `--set key=null` removes an
    /// inherited value, e.g. a drawn population's `count` when switching to a `snapshot`.
    public let keys: [String]

    init(node: InputNode, entries: [InputNode.Entry]) {
        self.node = node
        self.keys = entries.filter { $0.value.kind != .null }.map(\.key)
        self.values = Dictionary(entries.map { ($0.key, $0.value) }, uniquingKeysWith: { _, last in last })
    }

    /// The value at `key`, or nil when the key is absent or its value is an explicit null.
    public func optional(_ key: String) -> InputNode? {
        guard let value = values[key], value.kind != .null else { return nil }
        return value
    }

    /// The value at `key`.
    /// - Throws: ``InputError`` at the mapping's location when the key is absent or null.
    public func required(_ key: String) throws -> InputNode {
        guard let value = optional(key) else {
            let place = node.path.isEmpty ? "at the top level" : "in \(node.path)"
            var error = InputError("missing required key '\(key)' \(place)", at: node.location)
            error.missingKey = (node.path, key)
            throw error
        }
        return value
    }
}

extension InputNode {
    /// The node as a mapping whose keys must all be in `allowedKeys`.
    /// - Throws: ``InputError`` when the node is not a mapping, or at an unknown key's own
    ///   location: `"unknown key 'fe'; did you mean 'fee'?"`.
    public func mapping(allowedKeys: Set<String>) throws -> InputMapping {
        guard case .mapping(let entries) = content else {
            throw error("expected a mapping, got \(shortDescription)")
        }
        for entry in entries where !allowedKeys.contains(entry.key) {
            throw InputError(KeySuggestion.unknownKeyMessage(entry.key, allowed: allowedKeys), at: entry.keyLocation)
        }
        return InputMapping(node: self, entries: entries)
    }
}

/// "Did you mean" suggestions for misspelt keys and names.
enum KeySuggestion {
    /// `"unknown key 'x'; did you mean 'y'?"`, or the list of valid keys when nothing is close.
    static func unknownKeyMessage(_ key: String, allowed: Set<String>) -> String {
        "unknown key '\(key)'; " + hint(for: key, among: allowed)
    }

    /// `"did you mean 'y'?"` for the closest candidate (edit distance ≤ 2, or a prefix match),
    /// else `"valid keys are: a, b, c"` (or "no keys are allowed here").
    static func hint(for word: String, among candidates: Set<String>, noun: String = "keys") -> String {
        if let best = closest(to: word, among: candidates) { return "did you mean '\(best)'?" }
        if candidates.isEmpty { return "no \(noun) are allowed here" }
        return "valid \(noun) are: " + candidates.sorted().joined(separator: ", ")
    }

    /// The closest candidate within edit distance 2 (ties broken alphabetically), else one that
    /// starts with `word` or that `word` starts with.
    static func closest(to word: String, among candidates: Set<String>) -> String? {
        let lowered = word.lowercased()
        let scored = candidates.sorted().map { ($0, levenshtein(lowered, $0.lowercased())) }
        if let best = scored.filter({ $0.1 <= 2 }).min(by: { $0.1 < $1.1 }) { return best.0 }
        guard !lowered.isEmpty else { return nil }
        return candidates.sorted().first { $0.lowercased().hasPrefix(lowered) || lowered.hasPrefix($0.lowercased()) }
    }

    /// The edit distance between two strings (insertions, deletions, substitutions).
    /// - Complexity: O(m·n) in the lengths, which are short keys here.
    static func levenshtein(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
