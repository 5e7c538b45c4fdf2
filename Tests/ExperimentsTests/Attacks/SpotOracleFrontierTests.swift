import Foundation
import Scenarios
import Testing
@testable import Experiments

@Suite("Frontier of the spot-oracle borrowing attack")
struct SpotOracleFrontierTests {
    static let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().path + "/scenarios/spot-oracle-borrow.yaml"

    @Test("The frontier over pool depth finds the closed-form break-even: the attack pays a·(cf·(x+a)/x − 1) > 0 while x < cf·a/(1 − cf) = 1,000 ETH (100,000 TOK)")
    func breakEvenDepth() throws {
        let search = try #require(try Scenario.load(path: Self.path).search)
        var frontier = Frontier(scenarioPath: Self.path, overrides: [],
                                defence: try FrontierDefence.parse("pools.tok_eth.reserve0=lin:20000:200000:4"), search: search,
                                replications: 2, threads: 2, scenarioSeed: 1, options: WorldOptions(checkInvariants: true))
        frontier.bisectionSteps = 8
        let report = try frontier.run { _ in }
        guard case .thresholds(let brackets) = report.verdict, brackets.count == 1, let bracket = brackets.first else {
            Issue.record("expected one threshold, got \(report.verdict)")
            return
        }
        // 60,000 TOK between the grid's 80,000 (unsafe) and 140,000 (safe), halved 8 times: 234.4 TOK.
        #expect(bracket.unsafe < 100_000 && 100_000 <= bracket.safe, "\(bracket)")
        #expect(bracket.safe - bracket.unsafe < 235)
        // Where it is unsafe, the best attack buys with the whole flash loan and earns the closed form.
        let shallow = try #require(report.points.first { $0.number == 20_000 })
        let closedForm: Double = 1_000 * (0.5 * 1_200 / 200 - 1)
        let mean = try #require(shallow.best.summary.mean)
        #expect(abs(mean - closedForm) < 1e-6)
        #expect(shallow.best.parameters == [1_000])
        // The profit's sign is the closed form's in every replication: a point buying a ETH at a depth of x ETH profits
        // exactly when a > x. So each point's share of profitable replications is 1 or 0, and max_p_profit is 1 exactly
        // where some a ≤ 1,000 ETH exceeds the depth (x < 1,000 ETH: the values not safe), whatever the best point is.
        for point in report.points {
            let depth = try #require(point.number) / 100  // ETH, at 0.01 ETH per TOK
            for evaluated in point.points where abs(evaluated.parameters[0] - depth) > 1e-6 * depth {
                #expect(Frontier.Point.profitShare(evaluated) == (evaluated.parameters[0] > depth ? 1 : 0), "\(depth): \(evaluated)")
            }
            #expect(point.maxProfitShare == (depth < 1_000 ? 1 : 0), "\(point.value)")
            #expect(point.safe == (depth >= 1_000), "\(point.value)")
        }
    }
}
