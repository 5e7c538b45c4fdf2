import Foundation
import Scenarios
import Testing
@testable import Experiments

@Suite("Frontier warm starts on bZx #2 (a narrow profitable region)")
struct BzxOracleFrontierWarmStartTests {
    static let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().path + "/scenarios/bzx-oracle-2020.yaml"

    /// At collateral factor 0.3835 the search finds the pump (about +1,542 ETH); at the bisection
    /// probe 0.3126 a search from scratch finds only the "no attack" corner (all purchases 0,
    /// mean −0.00276: called safe before warm starts), yet the 0.3835 purchases still pay there
    /// (about +338 ETH). Warm-started from the bracket's ends, the probe tries them and is not safe.
    @Test("A bisection probe tries its bracket's best attack: 0.3126 is not safe, the threshold is below it")
    func probeTriesTheBracketsAttack() throws {
        let search = try #require(try Scenario.load(path: Self.path).search)
        var frontier = Frontier(scenarioPath: Self.path, overrides: [],
                                defence: try FrontierDefence.parse("lending_markets.bzx.assets.sUSD.collateral_factor=0.2417,0.3835"),
                                search: search, replications: 2, threads: 2, scenarioSeed: 20200218, options: WorldOptions())
        frontier.bisectionSteps = 1
        let report = try frontier.run { _ in }
        #expect(report.points.map(\.value) == ["0.2417", "0.3126", "0.3835"])
        let (low, probe, high) = (report.points[0], report.points[1], report.points[2])
        // The cold search at 0.2417 finds nothing: its best is the no-attack corner.
        #expect(low.safe && low.best.parameters == [0, 0, 0])
        let highMean = try #require(high.best.summary.mean)
        #expect(!high.safe && highMean > 1_500)
        // The probe's best is the attack found at 0.3835, and it pays there.
        #expect(probe.stage == .bisect && !probe.safe)
        #expect(probe.best.parameters == high.best.parameters)
        let probeMean = try #require(probe.best.summary.mean)
        #expect(probeMean > 300)
        guard case .thresholds(let brackets) = report.verdict else {
            Issue.record("expected a threshold, got \(report.verdict)")
            return
        }
        #expect(brackets == [FrontierBisection.Bracket(unsafe: 0.3126, safe: 0.2417)])
    }
}
