import Foundation
import ProtocolModel
import Scenarios
import Testing
@testable import Experiments

/// Inverse Finance, 2 Apr 2022 (scenarios/inverse-2022.yaml; ../shared/research/incidents.md
/// §2.9): a keeper-updated TWAP read just after an update, on a 46 ETH / 432 INV SushiSwap pool.
@Suite("Inverse Finance re-enactment and its defended twin")
struct InverseFinanceTests {
    static let ethUSD = 3_450.0

    @Test("The historical attack: 300 ETH buys 374.2 INV (374.39 on chain), the oracle reads INV ×45 (×≈50 reported), Anchor lends 5,041 ETH = $17.4M (reported $15.6M, within a factor of 2) and keeps $644k of INV (reported $644k)")
    func historical() throws {
        let log = IncidentSearch.StepLog()
        let scenario = try Scenario.load(path: IncidentSearch.path("inverse-2022"))
        let world = try World(scenario: scenario, seed: 1, options: WorldOptions(checkInvariants: true))
        let metrics = try world.run(sink: log)
        let push = try #require(log.records.first { $0.agent == "attacker" && $0.kind == .swap })
        // Inspex: 300 WETH → 374.385 INV; the push is sized to ×56 and spends 298.6 ETH.
        #expect(abs(TokenUnits.toDouble(push.amountIn, decimals: 18) / 300 - 1) < 0.01)
        #expect(abs(TokenUnits.toDouble(push.amountOut, decimals: 18) / 374.385 - 1) < 0.001)
        let deposit = try #require(log.records.first { $0.agent == "attacker" && $0.kind == .deposit })
        let borrow = try #require(log.records.first { $0.agent == "attacker" && $0.kind == .borrow && $0.executed })
        let collateral = TokenUnits.toDouble(deposit.amountIn, decimals: 18)
        let borrowed = TokenUnits.toDouble(borrow.amountOut, decimals: 18)
        // The oracle's answer at the borrow, from the borrow itself: cf × collateral × price.
        let oracleMultiple = borrowed / (0.6 * collateral) / (46.0 / 432.0)
        #expect(oracleMultiple > 25 && oracleMultiple < 100, "INV ×\(oracleMultiple) on the oracle")
        let borrowedUSD = borrowed * Self.ethUSD
        #expect(borrowedUSD / 15.6e6 > 0.5 && borrowedUSD / 15.6e6 < 2, "\(borrowedUSD)")
        #expect(abs(borrowedUSD / 17.39e6 - 1) < 0.01, "\(borrowedUSD)")
        let keptINV = world.pnl.filter { $0.party == .suppliers && $0.value > 0 }.reduce(0.0) { $0 + $1.value }
        #expect(abs(keptINV / 644_000 - 1) < 0.01, "\(keptINV)")
        let net = try #require(metrics.attackNetProfit)
        #expect(net > 0.5 * 15.6e6 && net < 2 * 15.6e6, "\(net)")
    }

    @Test("The defended twin lends 0.6 × the collateral at INV's market price (112.07 ETH): the cross-check replaces the TWAP")
    func defendedReadsTheFeed() throws {
        let log = IncidentSearch.StepLog()
        let scenario = try Scenario.load(path: IncidentSearch.path("inverse-2022-defended"),
                                         overrides: ["agents.attacker.revert_if_unprofitable=false"])
        _ = try World(scenario: scenario, seed: 1, options: WorldOptions(checkInvariants: true)).run(sink: log)
        let deposit = try #require(log.records.first { $0.agent == "attacker" && $0.kind == .deposit })
        let borrow = try #require(log.records.first { $0.agent == "attacker" && $0.kind == .borrow })
        // The feed reports INV's reference price, $367.36 / $3,450 in ETH.
        let expected = 0.6 * TokenUnits.toDouble(deposit.amountIn, decimals: 18) * 367.36 / Self.ethUSD
        #expect(abs(TokenUnits.toDouble(borrow.amountOut, decimals: 18) / expected - 1) < 1e-6)
        #expect(abs(expected - 112.07) < 0.01)
    }

    @Test("Sign change: the best push against the keeper TWAP nets about $29.6M (not safe); the defended twin is safe, also against an attacker holding the price for 40 blocks")
    func signChange() throws {
        let unsafe = try IncidentSearch.bestAttack("inverse-2022")
        #expect(try #require(unsafe.summary.mean) > 15.6e6)
        #expect(!Frontier.isSafe(unsafe.summary))
        for blocks in [4, 40] {
            let safe = try IncidentSearch.bestAttack("inverse-2022-defended", overrides: ["agents.attacker.blocks=\(blocks)", "duration=60m"])
            #expect(Frontier.isSafe(safe.summary), "\(blocks) blocks: \(safe.summary) at \(safe.parameters)")
        }
    }

    @Test("The 30-minute window alone is safe against the re-enactment's 4 blocks of holding but not against 20: the cross-check is what makes it robust")
    func windowAlone() throws {
        let windowOnly = ["oracles.inv_keep3r.window=1800", "duration=60m"]
        let four = try IncidentSearch.bestAttack("inverse-2022", overrides: windowOnly + ["agents.attacker.blocks=4"])
        #expect(Frontier.isSafe(four.summary), "\(four.summary)")
        let twenty = try IncidentSearch.bestAttack("inverse-2022", overrides: windowOnly + ["agents.attacker.blocks=20"])
        #expect(!Frontier.isSafe(twenty.summary), "\(twenty.summary)")
    }
}
