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
    }
}
