import Foundation
import ProtocolModel
import Testing
@testable import Experiments
@testable import Scenarios

/// Mango Markets, 11 Oct 2022 (research/incidents.md §2.11; Solidus Labs, CertiK, Cointelegraph):
/// 483M MNGO-PERP at $0.0382 between two own wallets, ≈$4M of spot buys, MNGO $0.038 → $0.91,
/// unrealised PnL ≈$423M, ≈$116M borrowed — all the available liquidity.
@Suite("Mango Markets re-enactment (scenarios/mango-2022.yaml and its defended twin)")
struct MangoTests {
    static let scenarios = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().path + "/scenarios/"
    static let path = scenarios + "mango-2022.yaml"
    static let defended = scenarios + "mango-2022-defended.yaml"

    static func world(_ path: String) throws -> (world: World, metrics: RunMetrics) {
        let world = try World(scenario: try Scenario.load(path: path), seed: 1, options: WorldOptions(checkInvariants: true))
        let metrics = try world.run()
        return (world, metrics)
    }

    static func partyValue(_ world: World, _ party: Party) -> Double {
        world.pnl.filter { $0.party == party }.reduce(0.0) { $0 + $1.value }
    }

    @Test("The re-enactment pumps the mark to the reported $0.91, puts the long's PnL at the reported ≈$423M and borrows all $116M of liquidity, as reported")
    func historical() throws {
        let (world, metrics) = try Self.world(Self.path)
        let state = world.state, market = state.perpMarkets[0]
        let attacker = try #require(world.attacker?.account)
        let mark = try state.perpMark(0, at: Int64(world.scenario.duration))
        // Calibrated: each pool's depth is chosen so its recorded purchase reaches ≈0.91 (the v2 fee makes it a little less).
        #expect(abs(TokenUnits.toDouble(mark, decimals: 18) / 0.91 - 1) < 0.05, "\(mark)")
        let long = state.perpAccount(market: 0, account: attacker)
        #expect(long.base == 483_000_000_000_000)
        // Unrealised PnL at the pumped mark: 483M × (mark − 0.0382); reported ≈$423M (factor 2).
        let rawPnL = try market.unrealisedPnL(long, mark: mark)
        try #require(rawPnL > 0, "the long's PnL at the pumped mark is \(rawPnL)")
        let pnl = TokenUnits.toDouble(UInt128(rawPnL), decimals: 6)
        #expect(pnl > 423e6 / 2 && pnl < 423e6 * 2, "\(pnl)")
        // Borrowed: everything the lenders had, $116M, far below what the PnL allowed.
        #expect(long.borrowed == 116_000_000_000_000 && market.book.lendable == 0)
        #expect(try state.perpHealth(market: 0, account: attacker, at: Int64(world.scenario.duration)) > 200_000_000_000_000)
        // The lenders (venues party) lose the loan less B's 5M deposit and A's position, ≈$111M (within a factor 2 of $116M).
        let lenders = Self.partyValue(world, .venues)
        #expect(-lenders > 116e6 / 2 && -lenders < 116e6 * 2, "\(lenders)")
        let net = try #require(metrics.attackNetProfit)
        #expect(net > 100e6 && net < 116e6, "\(net)")
    }

    @Test("With no borrowing against unrealised PnL the same pump lends nothing: the loan reverts, the lenders lose nothing, the attacker loses its pump")
    func defendedTwin() throws {
        let (world, metrics) = try Self.world(Self.defended)
        let attacker = try #require(world.attacker?.account)
        #expect(world.state.perpAccount(market: 0, account: attacker).borrowed == 0)
        #expect(world.state.perpMarkets[0].book.lendable == 116_000_000_000_000)
        #expect(metrics.attackReverted == 1)
        #expect(Self.partyValue(world, .venues) >= 0)
        let net = try #require(metrics.attackNetProfit)
        #expect(net < -1e6, "\(net)")
    }

    static func best(_ path: String) throws -> MetricSummary {
        let search = try #require(try Scenario.load(path: path).search)
        var optimizer = Optimizer(scenarioPath: path, overrides: [], search: search, replications: 2, threads: 2, scenarioSeed: 1,
                                  options: WorldOptions())
        optimizer.maxIterations = 20
        return try optimizer.run { _ in }.best.summary
    }

    @Test("DESIGN.md §4: the undefended market is not safe against the optimiser's best attack, the defended one is (95 % upper bound ≤ 0)")
    func signChange() throws {
        let open = try Self.best(Self.path)
        #expect(!Frontier.isSafe(open) && (open.mean ?? 0) > 100e6, "\(open)")
        let defended = try Self.best(Self.defended)
        #expect(Frontier.isSafe(defended), "\(defended)")
    }
}

extension MangoTests {
    @Test("The other defence, a TWAP mark: over 1 h the recorded pump lends $26.09M instead of $116M, over 4 h $7.51M and the attack stops paying")
    func twapMark() throws {
        func run(window: String) throws -> (borrowed: Double, net: Double) {
            let overrides = [("mngo_mango", "mango_spot"), ("mngo_ascendex", "ascendex"), ("mngo_ftx", "ftx")].map { oracle, pool in
                "oracles.\(oracle)={type: twap, pool: \(pool), base: MNGO, unit: USDC, window: \(window)}"
            }
            let world = try World(scenario: try Scenario.load(path: Self.path, overrides: overrides), seed: 1,
                                  options: WorldOptions(checkInvariants: true))
            let metrics = try world.run()
            return (TokenUnits.toDouble(world.state.perpMarkets[0].book.borrowed, decimals: 6), try #require(metrics.attackNetProfit))
        }
        let hour = try run(window: "1h")
        #expect(abs(hour.borrowed / 26.09e6 - 1) < 0.001 && hour.net > 0, "\(hour)")
        let four = try run(window: "4h")
        #expect(abs(four.borrowed / 7.51e6 - 1) < 0.001 && four.net < 0, "\(four)")
    }
}
