import Foundation
import Scenarios
import Testing
@testable import Experiments

@Suite("Frontier re-check on bZx #2: a grid value searched before the attack was found")
struct BzxOracleFrontierRecheckTests {
    static let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().path + "/scenarios/bzx-oracle-2020.yaml"

    /// Grid values are searched in increasing order. At collateral factor 0.3 the search from
    /// scratch finds only the "no attack" corner (mean −0.00276, safe); at 0.3835, searched after
    /// it, the pump pays about +1,542 ETH — and its purchases pay about +124 ETH at 0.3 too. The
    /// re-check evaluates them at 0.3, so 0.3 is not safe and neither value is.
    @Test("A safe grid value is re-checked with a later value's attack: 0.3 is not safe")
    func earlierValueTriesTheLaterAttack() throws {
        let search = try #require(try Scenario.load(path: Self.path).search)
        var frontier = Frontier(scenarioPath: Self.path, overrides: [],
                                defence: try FrontierDefence.parse("lending_markets.bzx.assets.sUSD.collateral_factor=0.3,0.3835"),
                                search: search, replications: 2, threads: 2, scenarioSeed: 20200218, options: WorldOptions())
        frontier.bisectionSteps = 2
        var events: [String] = []
        let report = try frontier.run { event in
            switch event {
            case .rechecking(let value, let candidates): events.append("rechecking \(value) with \(candidates)")
            case .rechecked(let point): events.append("rechecked \(point.value)")
            default: break
            }
        }
        #expect(report.points.map(\.value) == ["0.3", "0.3835"])
        let (low, high) = (report.points[0], report.points[1])
        // The search at 0.3 alone called it safe: every point it evaluated has an upper bound ≤ 0.
        let searched = low.points.filter { $0.stage != .recheck }
        #expect(searched.count == low.evaluations - 1 && searched.allSatisfy { Frontier.isSafe($0.summary) })
        let highMean = try #require(high.best.summary.mean)
        #expect(!high.safe && highMean > 1_500 && high.points.allSatisfy { $0.stage != .recheck })
        // The re-check tried 0.3835's best point at 0.3; it pays there and is now 0.3's best.
        #expect(events == ["rechecking 0.3 with 1", "rechecked 0.3"])
        #expect(low.points.last?.stage == .recheck && low.best.stage == .recheck)
        #expect(low.best.parameters == high.best.parameters)
        let lowMean = try #require(low.best.summary.mean)
        #expect(!low.safe && lowMean > 100 && lowMean < highMean)
        #expect(low.profitShare == 1 && low.maxProfitShare == 1)
        // No value is safe, so there is nothing to bisect.
        #expect(report.verdict == .unsafeEverywhere)
    }
}
