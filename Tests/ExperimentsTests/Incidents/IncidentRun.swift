import Foundation
import GSL
import ProtocolModel
import Scenarios

/// One run of a shipped incident scenario with its liquidations, step log and gas prices kept.
struct IncidentRun: Sendable {
    let metrics: RunMetrics
    let liquidations: [LiquidationRow]
    /// Executed and reverted steps by kind and outcome.
    let steps: [StepKind: (executed: Int, reverted: Int)]
    /// Base gas price of each sealed block, gwei.
    let gasPrices: [Double]
    /// Ledger decimals by asset index.
    let decimals: [Int]

    static func path(_ name: String) -> String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().path + "/scenarios/\(name).yaml"
    }

    /// Runs scenario `name` under its own seed, with the per-transaction invariant checks on
    /// unless `checkInvariants` is false.
    init(_ name: String, checkInvariants: Bool = true) throws {
        final class Log: WorldSink {
            var liquidations: [LiquidationRow] = []
            var steps: [StepKind: (executed: Int, reverted: Int)] = [:]
            var gasPrices: [Double] = []
            func record(_ row: BlockRow) throws { if row.block > 0 { gasPrices.append(row.gasPrice) } }
            func record(_ records: [StepRecord]) throws {
                for record in records {
                    var count = steps[record.kind] ?? (0, 0)
                    if record.executed { count.executed += 1 } else { count.reverted += 1 }
                    steps[record.kind] = count
                }
            }
            func record(_ rows: [LiquidationRow]) throws { liquidations += rows }
        }
        let scenario = try Scenario.load(path: Self.path(name))
        let world = try World(scenario: scenario, seed: SeedDerivation.replicationSeed(scenarioSeed: scenario.seed ?? 0, replication: 0), options: WorldOptions(checkInvariants: checkInvariants))
        let log = Log()
        metrics = try world.run(sink: log)
        liquidations = log.liquidations
        steps = log.steps
        gasPrices = log.gasPrices
        decimals = world.state.ledger.assets.map(\.decimals)
    }

    /// Whole tokens of a raw amount of `asset`.
    func tokens(_ raw: UInt128, _ asset: AssetID) -> Double { TokenUnits.toDouble(raw, decimals: decimals[asset.index]) }
}
