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

    /// Loads the scenario of every sweep point (base overrides, then the point's values), the
    /// file read and parsed once.
    ///
    /// - Throws: ``InputError`` (bad input: exit code 2); one caused by a swept key is located
    ///   at the scenario's `sweep:` entry or names the `--sweep` flag that sweeps it.
    public func loadScenarios() throws -> [Scenario] {
        let template = try ScenarioTemplate(path: scenarioPath)
        let origins = plan.axisOrigins
        return try plan.points.indices.map { point in
            let swept = zip(plan.overrides(ofPoint: point), origins).map { ScenarioOverride($0, origin: $1) }
            return try template.scenario(with: ScenarioOverride.set(overrides) + swept)
        }
    }
}
