/// A scenario file read and parsed once (YAML, `extends:`), from which variants are decoded by
/// overrides — what `optimize` and `frontier` do hundreds of times, where parsing the file again
/// for each point would cost twenty times the simulation.
public struct ScenarioTemplate: Sendable {
    /// The file, as given.
    public let path: String
    /// The merged tree before overrides, with its paths.
    let root: InputNode

    /// Reads and parses `path` and resolves its `extends:`.
    /// - Throws: ``InputError`` for every kind of bad input, as ``Scenario/load(path:overrides:)``.
    public init(path: String) throws {
        self.path = path
        root = try ScenarioSource.loadResolvingExtends(path: path, chain: [], at: nil).withPaths("")
    }

    /// The scenario with `overrides` applied: equal to `Scenario.load(path:overrides:)`.
    public func scenario(overrides: [String]) throws -> Scenario {
        try Scenario.decode(root, path: path, overrides: ScenarioOverride.set(overrides), valuesApart: false)
    }

    /// The scenario with `overrides` applied: equal to `Scenario.load(path:with:)`.
    public func scenario(with overrides: [ScenarioOverride]) throws -> Scenario {
        try Scenario.decode(root, path: path, overrides: overrides)
    }
}
