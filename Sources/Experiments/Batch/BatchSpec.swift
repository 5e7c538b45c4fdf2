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

    /// Sweep points × replications: at most ``BatchLimits/maximumItems`` in a batch the commands
    /// run (``BatchLimits/checkItems(points:replications:)``), so the product does not overflow.
    public var totalItems: Int { plan.count * replications }

    /// (sweep point, replication) of canonical item `g`.
    public func item(_ g: Int) -> (point: Int, replication: Int) {
        (g / replications, g % replications)
    }

    /// manifest.json's `plan_sha256`: the SHA-256 of the swept key paths, then each point's values
    /// (a unit separator between values, a newline before each point), then `|` and the `--set`
    /// overrides. Streamed point by point, so its memory does not grow with the points.
    ///
    /// - Complexity: O(points × axes).
    public var planSHA256: String { Self.planSHA256(plan: plan, overrides: overrides) }

    /// ``planSHA256`` of `plan` with the `--set` `overrides`.
    ///
    /// - Complexity: O(points × axes).
    static func planSHA256(plan: SweepPlan, overrides: [String]) -> String {
        var hasher = SHA256.Hasher()
        plan.forEachTextPiece { hasher.update($0) }
        hasher.update(Array(("|" + overrides.joined(separator: "\u{1F}")).utf8))
        return hasher.hexDigest
    }
}
