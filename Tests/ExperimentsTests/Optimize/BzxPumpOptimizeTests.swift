import Scenarios
import Testing
@testable import Experiments

/// `advsim optimize` on the shipped bZx #1 scenario under Qin et al.'s model assumptions (FC
/// 2021, §4.2 and App. D: pool fee 0, no gas, the WBTC debt valued at 39.08 ETH/WBTC).
@Suite("advsim optimize reproduces the boosted bZx #1 attack")
struct BzxPumpOptimizeTests {
    static let path = BzxPumpOptimizeTests.repositoryRoot + "/scenarios/bzx-pump-2020.yaml"

    static var repositoryRoot: String {
        var parts = #filePath.split(separator: "/", omittingEmptySubsequences: false)
        parts.removeLast(4)
        return parts.joined(separator: "/")
    }

    @Test("The search over (collateral, margin) finds the paper's 2,778.94 ETH to 0.5 % at about (2,470; 1,456), on bZx's liquidity bound")
    func findsTheOptimum() throws {
        let search = try #require(try Scenario.load(path: Self.path).search)
        // The bounds hold the optimum, and the margin's upper bound lies in the region bZx refuses.
        #expect(search.parameters.map(\.keyPath) == ["agents.attacker.collateral_amount", "agents.attacker.margin"])
        #expect(search.parameters[0].min < 2_470 && 2_470 < search.parameters[0].max)
        #expect(search.parameters[1].min < 1_456.2 && 1_456.2 < search.parameters[1].max)
        let optimizer = Optimizer(scenarioPath: Self.path, overrides: ScenarioOverride.set(["pools.uniswap.fee=0", "chain.gas_price=0"]), search: search,
                                  replications: 1, threads: 2, scenarioSeed: 1, options: WorldOptions())
        let report = try optimizer.run { _ in }
        let best = try #require(report.best.summary.mean)
        #expect(abs(best / 2_778.94 - 1) < 0.005, "\(best)")
        let (collateral, margin) = (report.best.parameters[0], report.best.parameters[1])
        #expect(abs(collateral - 2_470.08) < 50, "\(collateral)")
        // Binding: within 1 ETH below the margin bZx's 4,858.74 ETH can lever, 4,858.74 / (5/1.153 − 1) = 1,456.23.
        #expect(margin <= 1_456.24 && margin > 1_455.2, "\(margin)")
        // Beyond the bound the attack reverts (net 0 without gas): evaluated, not a crash.
        #expect(report.points.contains { $0.parameters[1] > 1_456.3 && $0.summary.mean == 0 })
    }
}
