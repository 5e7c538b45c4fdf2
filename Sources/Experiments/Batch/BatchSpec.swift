import Scenarios

/// Everything that defines a batch's results: the same spec gives byte-identical runs.csv and
/// summary.csv, whatever the thread count or shard split.
public struct BatchSpec: Sendable {
    public var scenarioPath: String
    /// `--set` overrides applied to every sweep point.
    public var overrides: [String]
    public var plan: SweepPlan
    public var replications: Int
    public var scenarioSeed: UInt64
    /// Where the seed came from: `command-line`, `scenario` or `default`.
    public var seedSource: String
    public var shard: Shard
    public var options: WorldOptions

    public init(scenarioPath: String, overrides: [String], plan: SweepPlan, replications: Int, scenarioSeed: UInt64,
                seedSource: String = "command-line", shard: Shard, options: WorldOptions) {
        self.seedSource = seedSource
        self.scenarioPath = scenarioPath
        self.overrides = overrides
        self.plan = plan
        self.replications = replications
        self.scenarioSeed = scenarioSeed
        self.shard = shard
        self.options = options
    }

    /// Sweep points × replications.
    public var totalItems: Int { plan.points.count * replications }

    /// (sweep point, replication) of canonical item `g`.
    public func item(_ g: Int) -> (point: Int, replication: Int) {
        (g / replications, g % replications)
    }

    /// Loads the scenario of every sweep point (base overrides, then the point's values).
    ///
    /// - Throws: ``InputError`` (bad input: exit code 2); one caused by a key the scenario's own
    ///   `sweep:` section sweeps is located at that key.
    public func loadScenarios() throws -> [Scenario] {
        try plan.points.indices.map { point in
            do {
                return try Scenario.load(path: scenarioPath, overrides: overrides + plan.overrides(ofPoint: point))
            } catch let error as InputError {
                guard let index = error.overrideIndex.map({ $0 - overrides.count }), plan.axisSources.indices.contains(index),
                      case .scenario(let key, _) = plan.axisSources[index] else { throw error }
                let keyPath = plan.keyPaths[index]
                // The decoder's message usually starts with the key path itself: name it once.
                let message = error.message.hasPrefix(keyPath + ": ") ? String(error.message.dropFirst(keyPath.count + 2)) : error.message
                throw InputError("sweep.parameters.\(keyPath): \(message)", at: key)
            }
        }
    }
}
