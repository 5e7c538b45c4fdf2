import GSL
import Scenarios

/// One replication's result: its identity and metrics.
public struct ReplicationResult: Sendable {
    public var sweepPoint: Int
    public var replication: Int
    /// The replication seed.
    public var seed: UInt64
    public var metrics: RunMetrics
    /// The P&L rows per party and asset (pnl.csv).
    public var pnl: [PartyPnL] = []
    /// The world's notes on how it was built (``World/notes``).
    public var notes: [String] = []
}

/// Runs replications: `World(scenario:seed:)` → run → one metrics row. The one path that
/// `run` uses now and `batch`/`optimize` use too.
public enum ReplicationRunner {
    /// Runs replication `replication` of `scenario` under `scenarioSeed` (the replication seed is
    /// `mix(scenarioSeed, replication)`, independent of the sweep point: common random numbers).
    public static func run(
        scenario: Scenario, scenarioSeed: UInt64, sweepPoint: Int = 0, replication: Int,
        options: WorldOptions = WorldOptions(), sink: (any WorldSink)? = nil
    ) throws -> ReplicationResult {
        let seed = SeedDerivation.replicationSeed(scenarioSeed: scenarioSeed, replication: replication)
        let world = try World(scenario: scenario, seed: seed, options: options)
        return try run(world, seed: seed, sweepPoint: sweepPoint, replication: replication, sink: sink)
    }

    /// Runs an already built world (replication `replication`, replication seed `seed`).
    public static func run(_ world: World, seed: UInt64, sweepPoint: Int = 0, replication: Int,
                           sink: (any WorldSink)? = nil) throws -> ReplicationResult {
        let metrics = try world.run(sink: sink)
        return ReplicationResult(sweepPoint: sweepPoint, replication: replication, seed: seed, metrics: metrics, pnl: world.pnl,
                                 notes: world.notes)
    }
}
