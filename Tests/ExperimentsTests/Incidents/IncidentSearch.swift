import Foundation
import ProtocolModel
import Scenarios
@testable import Experiments

/// Shared plumbing of the incident re-enactment tests: the shipped scenarios' paths, one run,
/// and the best attack `advsim optimize` finds on a scenario (DESIGN.md §4's safety rule).
enum IncidentSearch {
    /// The repository's root, four levels above this file.
    static var repositoryRoot: String {
        var parts = #filePath.split(separator: "/", omittingEmptySubsequences: false)
        parts.removeLast(4)
        return parts.joined(separator: "/")
    }

    /// The path of `scenarios/<name>.yaml`.
    static func path(_ name: String) -> String {
        repositoryRoot + "/scenarios/\(name).yaml"
    }

    /// One replication of the shipped scenario `name` (seed 1, invariants checked), with its world.
    static func run(_ name: String, _ overrides: [String] = []) throws -> (World, RunMetrics) {
        let scenario = try Scenario.load(path: path(name), overrides: overrides)
        let world = try World(scenario: scenario, seed: 1, options: WorldOptions(checkInvariants: true))
        return (world, try world.run())
    }

    /// The best point of the scenario's own `search:` section over `replications` replications
    /// (two threads), optionally with a coarser grid or fewer simplex starts than the scenario's.
    /// Safe by DESIGN.md §4 when ``Frontier/isSafe(_:)`` holds for its summary.
    static func bestAttack(_ name: String, overrides: [String] = [], replications: Int = 2, grid: Int? = nil,
                           starts: Int? = nil) throws -> Optimizer.Point {
        guard var search = try Scenario.load(path: path(name)).search else {
            throw BatchArgumentError("\(name) has no search section")
        }
        search.grid = grid ?? search.grid
        search.starts = starts ?? search.starts
        let optimizer = Optimizer(scenarioPath: path(name), overrides: ScenarioOverride.set(overrides), search: search, replications: replications,
                                  threads: 2, scenarioSeed: 1, options: WorldOptions())
        return try optimizer.run { _ in }.best
    }

    /// A sink keeping every step record of a run (events.csv's rows).
    final class StepLog: WorldSink {
        var records: [StepRecord] = []
        func record(_ row: BlockRow) throws {}
        func record(_ steps: [StepRecord]) throws { records += steps }
        func record(_ liquidations: [LiquidationRow]) throws {}
    }
}
