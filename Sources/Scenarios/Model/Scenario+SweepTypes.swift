/// A scenario's own sweep (`sweep:`) for `advsim batch`: the same syntax as `--sweep` and
/// `--design`, each text kept with where it was read, so a bad one is reported at its line.
public struct ScenarioSweep: Sendable {
    /// One swept key (`sweep.parameters.KEY: SPEC`).
    public struct Parameter: Sendable, Equatable {
        /// The scenario key path swept, as for `--set`.
        public var keyPath: String
        /// The values: `a,b,c` (a YAML list is joined with commas), `lin:…`, `log:…`, `range:…`, `logrange:…`.
        public var spec: String
        /// Where the key is in the scenario file.
        public var keyLocation: SourceLocation
        /// Where the value is in the scenario file.
        public var location: SourceLocation
        /// Where each value of a YAML list is in the scenario file, in order (empty for a spec
        /// written as one scalar): an error a value causes is located at its item.
        public var itemLocations: [SourceLocation] = []
        /// Where the spec's first character is, for a spec written as one scalar that the file
        /// spells character for character on one line (``InputNode/textLocation``); else nil.
        public var textLocation: SourceLocation?

        /// `key.path=SPEC`, as `--sweep` takes it.
        public var argument: String { "\(keyPath)=\(spec)" }

        /// Where the spec's character at an offset (in Unicode scalars) is in the file: inside a
        /// scalar with a ``textLocation``, or at the start of the YAML list item holding it (a
        /// list's spec is its items joined by commas). Nil when it cannot be told — a scalar
        /// spelt otherwise (block, multi-line, escaped, tagged), an item holding a comma — and
        /// the value's start is then the nearest place.
        ///
        /// - Complexity: O(spec length) to make the function, O(1) each answer.
        public func specLocator() -> (_ offset: Int) -> SourceLocation? {
            if let textLocation {
                return { SourceLocation(file: textLocation.file, line: textLocation.line, column: textLocation.column + $0) }
            }
            // The item each character of the spec belongs to.
            var items: [Int] = [], item = 0
            for character in spec.unicodeScalars {
                items.append(item)
                if character == "," { item += 1 }
            }
            guard item + 1 == itemLocations.count else { return { _ in nil } }
            return { [itemLocations] offset in itemLocations[offset < items.count ? items[offset] : item] }
        }
    }

    /// The swept keys, in file order.
    public var parameters: [Parameter]
    /// The design text (`grid`, `lhs:COUNT`, `sobol:COUNT`), if the scenario sets one.
    public var design: String?
    /// Where `design` is in the scenario file (the `sweep:` section when it sets none).
    public var designLocation: SourceLocation

    /// Decodes a `sweep:` section.
    init(node: InputNode) throws {
        let section = try node.mapping(allowedKeys: ["design", "parameters"])
        let designNode = section.optional("design")
        design = try designNode?.string()
        designLocation = designNode?.location ?? node.location
        parameters = try section.required("parameters").mappingEntries().map { entry in
            let items = entry.value.kind == .sequence ? try entry.value.sequence() : []
            let spec = entry.value.kind == .sequence
                ? try items.map { try $0.string() }.joined(separator: ",")
                : try entry.value.string()
            guard !spec.isEmpty, !spec.contains("\n") else {
                throw InputError("\(entry.value.path): expected a list of values or a spec like lin:0:1:5", at: entry.value.location)
            }
            return Parameter(keyPath: entry.key, spec: spec, keyLocation: entry.keyLocation, location: entry.value.location,
                             itemLocations: items.map(\.location), textLocation: entry.value.textLocation)
        }
    }
}
