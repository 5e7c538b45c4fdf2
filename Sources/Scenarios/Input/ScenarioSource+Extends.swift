import Foundation

extension ScenarioSource {
    /// Reads `path` and resolves its `extends:` chain; `chain` holds the canonical paths of the
    /// files that extend it (for cycle detection), `reference` the `extends` value naming it.
    static func loadResolvingExtends(path: String, chain: [String], at reference: SourceLocation?) throws -> InputNode {
        let text = try readText(path: path, reference: reference)
        let root = try parseDocument(text: text, file: path)
        return try resolveExtends(of: root, file: path, chain: chain + [canonical(path)])
    }

    /// `root` merged over its bases, without its `extends` key.
    static func resolveExtends(of root: InputNode, file: String, chain: [String]) throws -> InputNode {
        guard case .mapping(let entries) = root.content,
              let extendsEntry = entries.first(where: { $0.key == "extends" })
        else { return root }
        let value = extendsEntry.value
        let references: [InputNode]
        switch value.content {
        case .sequence(let items): references = items
        case .scalar: references = [value]
        case .mapping, .null:
            throw InputError("extends: expected a file path or a list of file paths, got \(value.shortDescription)", at: value.location)
        }
        var merged: InputNode? = nil
        let directory = (file as NSString).deletingLastPathComponent
        for reference in references {
            guard case .scalar(let relative, _) = reference.content, !relative.isEmpty else {
                throw InputError("extends: expected a file path, got \(reference.shortDescription)", at: reference.location)
            }
            let path = relative.hasPrefix("/") || directory.isEmpty ? relative : (directory as NSString).appendingPathComponent(relative)
            if let start = chain.firstIndex(of: canonical(path)) {
                let cycle = (chain[start...] + [canonical(path)]).map { ($0 as NSString).lastPathComponent }
                throw InputError("extends cycle: " + cycle.joined(separator: " → "), at: reference.location)
            }
            let base = try loadResolvingExtends(path: path, chain: chain, at: reference.location)
            merged = merged.map { merge(base, over: $0) } ?? base
        }
        var own = root
        own.content = .mapping(entries.filter { $0.key != "extends" })
        guard let merged else { return own }
        return merge(own, over: merged)
    }

    /// Deep merge: mappings merge key by key recursively (the base's key order first, new keys
    /// appended); a null in `overriding` removes the base's key (how an extending file drops an
    /// inherited value, e.g. a drawn population's `count` when it switches to a `snapshot`, or a
    /// distribution's parameters when it changes `dist`); anything else in `overriding` replaces
    /// the base value. A null for a key the base lacks is kept, so an unknown key is still refused.
    static func merge(_ overriding: InputNode, over base: InputNode) -> InputNode {
        guard case .mapping(let top) = overriding.content, case .mapping(var result) = base.content else {
            return overriding
        }
        for entry in top {
            if let index = result.firstIndex(where: { $0.key == entry.key }) {
                if entry.value.kind == .null {
                    result.remove(at: index)
                } else {
                    result[index].value = merge(entry.value, over: result[index].value)
                    result[index].keyLocation = entry.keyLocation
                }
            } else {
                result.append(entry)
            }
        }
        var merged = overriding
        merged.content = .mapping(result)
        return merged
    }
}
