import ProtocolModel
import Testing
@testable import Scenarios

/// runs.csv `underwater_debt` and `underwater_shortfall`, and the `cascade_window` key.
@Suite("Underwater debt and the cascade window")
struct UnderwaterDebtTests {
    /// Two borrowers, 10 ETH each, 19,200 USDC debt (health 1.25 at 3,000, LT 0.8). The market
    /// prices ETH through a constant oracle at 3,000, so nothing is liquidated while the reference
    /// price falls by `move` over the second minute.
    static func scenario(move: Double, window: String = "") -> String {
        """
        duration: 3m
        chain: {native_asset: ETH}
        assets:
          ETH: {price: 3000, process: {model: constant}}
          USDC: {decimals: 6, price: 1, process: {model: constant}}
        shocks:
          - {at: 1m, asset: ETH, move: \(move), over: 1m}
        oracles:
          eth: {type: constant, value: 3000}
          one: {type: constant, value: 1}
        lending_markets:
          m:
            \(window)assets:
              ETH: {oracle: eth, collateral_factor: 0.75, liquidation_threshold: 0.8, bonus: 0.1, borrowable: false}
              USDC: {oracle: one, supply: 1000000}
        agents:
          borrowers: {count: 2, market: m, collateral: ETH, amount: 10, debt: USDC, health: 1.25}
        """
    }

    @Test("ETH −40 %: 10 ETH at 1,800 = 18,000 < 19,200 debt, so both debts (38,400) are underwater, short by 2 × 1,200; at −30 % (21,000) none")
    func underwater() throws {
        let fallen = try World(scenario: Scenario.parse(text: Self.scenario(move: -0.4), file: "s.yaml"), seed: 1).run()
        #expect(try abs(#require(fallen.underwaterDebt) - 38_400) < 1e-9)
        #expect(try abs(#require(fallen.underwaterShortfall) - 2_400) < 1e-9)
        #expect(fallen.liquidations == 0 && fallen.cascadeDepth == 0)
        let held = try World(scenario: Scenario.parse(text: Self.scenario(move: -0.3), file: "s.yaml"), seed: 1).run()
        #expect(held.underwaterDebt == 0 && held.underwaterShortfall == 0)
    }

    @Test("The lenders' loss to defaults, bad_debt + underwater_shortfall, is what the suppliers and the insurance fund lose in pnl.csv (no interest), in the cascade and its defended twin at 3 seeds")
    func lendersLossAgreesWithPnL() throws {
        let root = TestScenarios.repositoryRoot + "/scenarios/"
        for name in ["liquidation-cascade", "liquidation-cascade-defended"] {
            for seed: UInt64 in [1, 2, 3] {
                let world = try World(scenario: Scenario.load(path: root + name + ".yaml"), seed: seed)
                let metrics = try world.run()
                let lenders = -world.pnl.filter { $0.party == .suppliers || $0.party == .insuranceFund }.map(\.value).reduce(0, +)
                let loss = try #require(metrics.badDebt) + #require(metrics.underwaterShortfall)
                #expect(abs(loss - lenders) <= 1e-6 * max(1, lenders), "\(name) seed \(seed): \(loss) vs pnl \(lenders)")
                #expect(try #require(metrics.underwaterShortfall) <= #require(metrics.underwaterDebt))
            }
        }
    }

    @Test("cascade_window defaults to 5 blocks, decodes, renders back, and rejects 0 with its location")
    func cascadeWindowKey() throws {
        #expect(try Scenario.parse(text: Self.scenario(move: 0), file: "s.yaml").lendingMarkets[0].cascadeWindow == 5)
        let given = try Scenario.parse(text: Self.scenario(move: 0, window: "cascade_window: 12\n    "), file: "s.yaml")
        #expect(given.lendingMarkets[0].cascadeWindow == 12)
        let resolved = given.resolvedYAML()
        #expect(resolved.contains("cascade_window: 12"))
        #expect(try Scenario.parse(text: resolved, file: "r.yaml").lendingMarkets[0].cascadeWindow == 12)
        do {
            _ = try Scenario.parse(text: Self.scenario(move: 0, window: "cascade_window: 0\n    "), file: "s.yaml")
            Issue.record("cascade_window: 0 was accepted")
        } catch {
            #expect("\(error)".hasPrefix("s.yaml:13:21:"), "\(error)")
            #expect("\(error)".contains("[1, 1000000]"), "\(error)")
        }
    }
}
