import Foundation

extension ScenarioSource {
    /// The line of `<command line>` locations at which ``applyOverrides(_:to:valuesApart:)``
    /// places the values it sets, when asked to (their keys stay on line 1).
    static let overrideValueLine = 2

    /// `root` with each `"key.path=value"` override applied in order; the nodes it writes for
    /// the `index`-th are located at `<command line>:1:(index + 1)`, or, with `valuesApart`, the
    /// value's at `<command line>:2:(index + 1)` (so that an error can be told to be about the
    /// value: ``ScenarioOverride/located(_:in:)``). A key holding dots is quoted
    /// (``OverrideKeyPath``).
    static func applyOverrides(_ overrides: [String], to root: InputNode, valuesApart: Bool = false) throws -> InputNode {
        var creations: [OverrideCreation] = []
        return try applyOverrides(overrides, to: root, valuesApart: valuesApart, creations: &creations)
    }

    /// ``applyOverrides(_:to:valuesApart:)``, appending to `creations` each entry an override
    /// added to a mapping that did not have it.
    static func applyOverrides(_ overrides: [String], to root: InputNode, valuesApart: Bool,
                               creations: inout [OverrideCreation]) throws -> InputNode {
        var root = root
        for (index, override) in overrides.enumerated() {
            let location = SourceLocation(file: SourceLocation.commandLine, line: 1, column: index + 1)
            let valueLocation = valuesApart ? SourceLocation(file: SourceLocation.commandLine, line: overrideValueLine, column: index + 1)
                : location
            guard let (keyPath, valueText) = OverrideKeyPath.split(override) else {
                throw InputError("malformed override '\(override)': expected key.path=value", at: location)
            }
            let keys: [String]
            switch OverrideKeyPath.keys(keyPath) {
            case .success(let parsed): keys = parsed
            case .failure(let malformed): throw InputError("malformed override '\(override)': \(malformed.reason)", at: location)
            }
            let value = try overrideValue(String(valueText), of: OverrideKeyPath.text(keys), at: valueLocation)
            var target = OverrideTarget(assignment: override, keys: keys, index: index, location: location)
            root = try target.set(value, at: keys[...], in: root, path: "")
            creations += target.creations
        }
        return root
    }

    /// The override's value parsed as a YAML scalar or flow value, every node located at `location`.
    /// An empty value is refused: it would reset `keyPath` to its default, which no one asks for
    /// by leaving the value out. Only a `--set` can be empty (sweep, search and defence values are
    /// checked before they become overrides).
    static func overrideValue(_ text: String, of keyPath: String, at location: SourceLocation) throws -> InputNode {
        guard text.contains(where: { !$0.isWhitespace }) else { throw InputError("--set \(keyPath): empty value", at: location) }
        // A bare number or word (what optimize and frontier set hundreds of times) is a plain
        // scalar: resolve it as the YAML reader would, without starting a parser.
        if text.utf8.allSatisfy({ Self.plainScalarBytes.contains($0) }), let first = text.utf8.first, first != UInt8(ascii: "-") || text.utf8.count > 1 {
            guard let type = CoreSchema.resolve(plain: text) else { return InputNode(.null, at: location) }
            return InputNode(.scalar(text: text, type: type), at: location)
        }
        do {
            return relocated(try YAMLReader.read(text: text, file: SourceLocation.commandLine), to: location)
        } catch let error as InputError {
            throw InputError("invalid override value '\(text)': \(error.message)", at: location)
        }
    }

    /// Bytes that never start YAML syntax inside a plain scalar: letters, digits, `.`, `_`, `+`, `-`.
    static let plainScalarBytes: Set<UInt8> = Set(Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._+-".utf8))

    /// `node` and its descendants all moved to `location` (no text located inside a scalar).
    static func relocated(_ node: InputNode, to location: SourceLocation) -> InputNode {
        var copy = node
        copy.location = location
        copy.textLocation = nil
        switch node.content {
        case .mapping(let entries):
            copy.content = .mapping(entries.map {
                InputNode.Entry(key: $0.key, keyLocation: location, value: relocated($0.value, to: location))
            })
        case .sequence(let items):
            copy.content = .sequence(items.map { relocated($0, to: location) })
        case .scalar, .null:
            break
        }
        return copy
    }
}
