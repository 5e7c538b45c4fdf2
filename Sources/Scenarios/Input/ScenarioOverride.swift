/// A `key.path=value` override of a scenario, and where an error it causes is reported: the
/// flag or the scenario line the user wrote, not the override text a command made from it.
public struct ScenarioOverride: Sendable, Equatable {
    /// Where an override came from.
    public enum Origin: Sendable, Equatable {
        /// A `--set` flag: its errors are at `<command line>:1:N`, N its place in the list
        /// given to ``Scenario/load(path:with:)``, and their messages stand alone.
        case set
        /// The `position`-th (1-based) occurrence of a command-line flag (`--sweep`, `--search`,
        /// `--defence`): its errors are at `<command line>:1:position`, their messages starting
        /// with `label` (e.g. `--sweep pools.p.fee`).
        case flag(label: String, position: Int)
        /// An entry of the scenario's own sections (`sweep.parameters`, `search.parameters`): its
        /// errors are at `location` in the file, their messages starting with `label` (e.g.
        /// `sweep.parameters.pools.p.fee`); an error about the value it sets (its type, its range)
        /// at `valueLocation` when given (a swept value's item in the file).
        case scenario(label: String, location: SourceLocation, valueLocation: SourceLocation? = nil)
    }

    /// The `key.path=value` text.
    public var assignment: String
    public var origin: Origin

    /// The key path the override sets: `assignment` up to its first `=` outside quotes
    /// (``OverrideKeyPath``).
    public var keyPath: Substring { OverrideKeyPath.split(assignment)?.keyPath ?? assignment[...] }

    /// The keys of a key path as an override reads them (a quoted key unquoted, spaces around a
    /// key dropped), so that `pools."p".fee` and `pools.p.fee` compare equal; nil for a malformed
    /// key path, whose error comes when the override is applied.
    public static func keys(of keyPath: some StringProtocol) -> [String]? {
        try? OverrideKeyPath.keys(Substring(keyPath)).get()
    }

    public init(_ assignment: String, origin: Origin) {
        self.assignment = assignment
        self.origin = origin
    }

    /// `--set` overrides, in order.
    public static func set(_ assignments: [String]) -> [ScenarioOverride] {
        assignments.map { ScenarioOverride($0, origin: .set) }
    }

    /// `error` as the user should read it: an error at the `index`-th override's nodes — located
    /// at `<command line>:1:(index + 1)` while the overrides are applied and decoded, or at
    /// `<command line>:2:(index + 1)` for the value it sets (``Scenario/decode(_:path:overrides:)``)
    /// — is moved to that override's origin, its message led by the origin's label (said once
    /// when the decoder's message already starts with the key path).
    static func located(_ error: InputError, in overrides: [ScenarioOverride]) -> InputError {
        guard let location = error.location, location.file == SourceLocation.commandLine,
              location.line == 1 || location.line == ScenarioSource.overrideValueLine,
              overrides.indices.contains(location.column - 1) else { return error }
        let aboutValue = location.line == ScenarioSource.overrideValueLine
        let override = overrides[location.column - 1]
        let keyPath = override.keyPath
        let message = error.message.hasPrefix(keyPath + ": ") ? String(error.message.dropFirst(keyPath.count + 2)) : error.message
        switch override.origin {
        case .set:
            return InputError(error.message, at: SourceLocation(file: SourceLocation.commandLine, line: 1, column: location.column))
        case .flag(let label, let position):
            return InputError("\(label): \(message)", at: SourceLocation(file: SourceLocation.commandLine, line: 1, column: position))
        case .scenario(let label, let key, let value):
            return InputError("\(label): \(message)", at: aboutValue ? value ?? key : key)
        }
    }
}
