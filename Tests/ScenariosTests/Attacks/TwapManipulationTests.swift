import Foundation
import GSL
import Testing
import Agents
import ProtocolModel
@testable import Scenarios

@Suite("TWAP manipulation attack")
struct TwapManipulationTests {
    static let path = TestScenarios.repositoryRoot + "/scenarios/twap-manipulation.yaml"

    /// Runs the shipped scenario with `overrides` under invariant checks.
    static func run(_ overrides: [String], seed: UInt64 = 7) throws -> (RunMetrics, World) {
        let scenario = try Scenario.load(path: path, overrides: overrides)
        let world = try World(scenario: scenario, seed: seed, options: WorldOptions(checkInvariants: true))
        return (try world.run(), world)
    }

    /// The shipped pool: x = 400 ETH against y = 40,000 TOK (P₀ = 0.01 ETH/TOK), a 10-block window,
    /// collateral factor 0.75.
    static let x = 400.0, y = 40_000.0, windowBlocks = 10.0, collateralFactor = 0.75

    /// The closed form without fees, gas or arbitrage. Pushing the price by p costs S = x·(√(1+p) − 1)
    /// ETH for c = y·(1 − 1/√(1+p)) TOK; holding it over m blocks of the n-block window lifts the TWAP
    /// to P₀·(1 + p·min(m, n)/n), so the market lends B = cf·c·TWAP. The borrow goes through when B is
    /// at least what the collateral is worth, c·P₀ (walking away beats keeping it): net B − S;
    /// otherwise it reverts and the attacker sells the c TOK back into the pool, still at the target,
    /// for the S it paid: net 0 (less the pool's rounding, a few raw units).
    static func closedForm(push p: Double, blocks m: Double) -> (net: Double, borrows: Bool) {
        let root = (1 + p).squareRoot(), price = x / y
        let spent = x * (root - 1), bought = y * (1 - 1 / root)
        let borrowed = collateralFactor * bought * price * (1 + p * min(m, windowBlocks) / windowBlocks)
        let borrows = borrowed >= bought * price
        return (borrows ? borrowed - spent : 0, borrows)
    }

    @Test("Without arbitrage the net profit equals the closed form over holds shorter and longer than the window",
          arguments: [5, 8, 9, 10, 12], [0.5, 1, 2])
    func closedFormGrid(blocks: Int, push: Double) throws {
        let (metrics, _) = try Self.run(["agents.attacker.blocks=\(blocks)", "agents.attacker.push=\(push)"])
        let expected = Self.closedForm(push: push, blocks: Double(blocks))
        let net = try #require(metrics.attackNetProfit)
        #expect(abs(net - expected.net) < 1e-6, "m \(blocks), p \(push): \(net) vs \(expected.net)")
        // One push (the price then stays at the target), then the borrow — or its revert and the sale.
        #expect(metrics.attackExecuted == 2)
        #expect(metrics.attackReverted == (expected.borrows ? 0 : 1))
        // The capital is the ETH the push spent: its own funds, no flash loan spans blocks.
        let spent = Self.x * ((1 + push).squareRoot() - 1)
        #expect(abs((metrics.attackCapital ?? 0) - spent) < 1e-6)
        #expect(metrics.flashLoanVolume == 0)
    }

    @Test("The shipped attack pays: a 10-block hold of a doubled price over a 10-block window nets 10.05 ETH")
    func shippedPays() throws {
        let (metrics, _) = try Self.run([])
        let net = try #require(metrics.attackNetProfit)
        #expect(net > 10 && abs(net - Self.closedForm(push: 1, blocks: 10).net) < 1e-6)
    }

    @Test("A window five times the hold makes it stop paying: the borrow reverts, and the unwind sells the TOK back for what it cost, so only gas is lost")
    func longWindowDoesNotPay() throws {
        let (metrics, world) = try Self.run(["oracles.tok_twap.window=600", "chain.gas_price=20"])
        #expect(metrics.attackExecuted == 2 && metrics.attackReverted == 1)
        let gas = try #require(metrics.attackGasCost)
        // Gas: the push and the sale 21,000 + 100,000 each; the reverted borrow 21,000 + deposit 100k + borrow
        // 150k + check 5k; at 20 gwei.
        #expect(abs(gas - (2 * 121_000 + 276_000) * 20e-9) < 1e-15)
        #expect(abs((metrics.attackNetProfit ?? .nan) + gas) < 1e-15)
        // Exactly: the attacker is out its gas and the one wei the pool's rounding kept of the round trip.
        let tok = try #require(world.state.ledger.assets.firstIndex { $0.symbol == "TOK" })
        let eth = try #require(world.state.ledger.assets.firstIndex { $0.symbol == "ETH" })
        #expect(world.pnl.first { $0.party == .attacker && $0.asset.index == tok }?.amount == 0)
        #expect(world.pnl.first { $0.party == .attacker && $0.asset.index == eth }?.amount == Int128(-518_000) * 20_000_000_000 - 1)
    }

    @Test("Without the unwind the failed attack keeps the TOK it bought dear: the push's price impact and the gas are lost")
    func longWindowWithoutUnwind() throws {
        let (metrics, world) = try Self.run(["oracles.tok_twap.window=600", "chain.gas_price=20", "agents.attacker.unwind=false"])
        #expect(metrics.attackExecuted == 1 && metrics.attackReverted == 1)
        let gas = try #require(metrics.attackGasCost)
        #expect(abs(gas - (121_000 + 276_000) * 20e-9) < 1e-15)
        let root = 2.0.squareRoot(), spent = Self.x * (root - 1), bought = Self.y * (1 - 1 / root)
        let net = try #require(metrics.attackNetProfit)
        #expect(abs(net - (bought * Self.x / Self.y - spent - gas)) < 1e-6)
        #expect(abs((metrics.priceImpactLoss ?? 0) - (spent - bought * Self.x / Self.y)) < 1e-6)
        // It keeps the TOK it bought: exactly what the pool's LPs gave up.
        let tok = try #require(world.state.ledger.assets.firstIndex { $0.symbol == "TOK" })
        let attackerTOK = world.pnl.first { $0.party == .attacker && $0.asset.index == tok }?.amount ?? 0
        let lpTOK = world.pnl.first { $0.party == .liquidityProviders && $0.asset.index == tok }?.amount ?? 0
        #expect(attackerTOK > 0 && attackerTOK == -lpTOK)
    }

    @Test("A pool a hundred times deeper than the attacker's capital does not pay: it spends all 1,000 ETH, the TWAP barely moves, the borrow reverts")
    func deepPoolDoesNotPay() throws {
        let (metrics, _) = try Self.run(["pools.tok_eth.reserve0=4000000", "agents.attacker.unwind=false"])
        // x = 40,000 ETH: 1,000 ETH buy c = y·1,000/41,000 TOK worth 1,000·40,000/41,000 ETH; the market would
        // lend 0.75 · c · (41,000/40,000)² · 0.01 ETH, less than that, so the borrow reverts.
        #expect(metrics.attackExecuted == 1 && metrics.attackReverted == 1)
        let net = try #require(metrics.attackNetProfit)
        #expect(abs(net - (1_000 * 40_000 / 41_000 - 1_000)) < 1e-6)
        #expect(abs((metrics.attackCapital ?? 0) - 1_000) < 1e-9)
    }

    @Test("In the public mempool arbitrageurs sell every push back in the next block: the attacker re-pushes every other block, holds half the window and loses")
    func arbitrageursPushBack() throws {
        let (metrics, world) = try Self.run(["agents.arbitrageurs={count: 1, capital: {ETH: 10000, TOK: 1000000}}",
                                             "agents.attacker.capital={ETH: 2000}", "agents.attacker.bundle_share=0"])
        // Pushes land in blocks 2, 4, …, 10; the arbitrageur's sales in 3, 5, …, 11; the borrow in block 12.
        #expect(metrics.attackExecuted == 6 && metrics.attackReverted == 0)
        let root = 2.0.squareRoot(), spent = Self.x * (root - 1), bought = Self.y * (1 - 1 / root), price = Self.x / Self.y
        let borrowed = Self.collateralFactor * 5 * bought * price * 1.5
        let net = try #require(metrics.attackNetProfit)
        #expect(abs(net - (borrowed - 5 * spent)) < 1e-6)
        #expect(abs((metrics.attackCapital ?? 0) - 5 * spent) < 1e-6)
        // The arbitrageur earns each round trip's price impact less its five swaps' priority fees (1 gwei
        // × 121,000 gas; the base fee is 0); all rows sum to zero per asset.
        let arbitrage = world.pnl.filter { $0.party == .arbitrageurs }.reduce(0.0) { $0 + $1.value }
        #expect(abs(arbitrage - (5 * (spent - bought * price) - 5 * 121_000e-9)) < 1e-6)
        for asset in world.state.ledger.assets.indices {
            #expect(world.pnl.filter { $0.asset.index == asset }.reduce(Int128(0)) { $0 + $1.amount } == 0)
        }
        let cost = try #require(metrics.attackCost)
        let parts = [metrics.flashLoanFees, metrics.attackSwapFees, metrics.attackGasCost, metrics.bribes, metrics.priceImpactLoss]
        #expect(cost == parts.reduce(0.0) { $0 + ($1 ?? .nan) })
        #expect(metrics.attackGrossProfit == net + cost)
    }

    @Test("In blocks it buys, its push closes the block: every block of the hold closes at the target although the arbitrageur sells in each, and the attack beats the public one")
    func boughtBlocksCloseAtTarget() throws {
        final class Closes: WorldSink {
            var prices: [Int: Double] = [:]
            func record(_ row: BlockRow) throws { prices[row.block] = row.pools[0].price }
            func record(_ steps: [StepRecord]) throws {}
            func record(_ liquidations: [LiquidationRow]) throws {}
        }
        let overrides = ["agents.arbitrageurs={count: 1, capital: {ETH: 10000, TOK: 1000000}}", "agents.attacker.capital={ETH: 2000}"]
        let scenario = try Scenario.load(path: Self.path, overrides: overrides)
        let world = try World(scenario: scenario, seed: 7, options: WorldOptions(checkInvariants: true))
        let closes = Closes()
        let metrics = try world.run(sink: closes)
        // Pushes close blocks 2–11 (the attack starts at 12 s); the target is twice the pool's 0.01 ETH/TOK.
        for block in 2...11 {
            let price = try #require(closes.prices[block])
            #expect(abs(price / 0.02 - 1) < 1e-9, "block \(block) closes at \(price)")
        }
        let arbitrage = world.pnl.filter { $0.party == .arbitrageurs }.reduce(0.0) { $0 + $1.value }
        #expect(arbitrage > 0)
        for asset in world.state.ledger.assets.indices {
            #expect(world.pnl.filter { $0.asset.index == asset }.reduce(Int128(0)) { $0 + $1.amount } == 0)
        }
        let (publicMetrics, _) = try Self.run(overrides + ["agents.attacker.bundle_share=0"])
        #expect(try #require(metrics.attackNetProfit) > (try #require(publicMetrics.attackNetProfit)))
    }

    @Test("Each wake-up is a private bundle with probability bundle_share, drawn from the attacker:bundles stream, and its transactions carry it")
    func bundleDraws() throws {
        let share = 0.3
        let scenario = try Scenario.load(path: Self.path, overrides: ["agents.attacker.bundle_share=\(share)"])
        var bundles = 0, draws = 0
        for seed in UInt64(0)..<150 {
            let world = try World(scenario: scenario, seed: seed)
            guard var attacker = world.attacker, case .twapManipulation(let plan) = attacker.plan else {
                Issue.record("no twap plan"); return
            }
            let stream = RandomStream(replicationSeed: seed, name: "attacker:bundles")
            #expect(plan.bundles == (0...11).map { _ in stream.uniform() < share })
            bundles += plan.bundles.filter { $0 }.count
            draws += plan.bundles.count
            if seed < 5 {
                // The sealed state does not change between these calls, so each wake-up sends a push.
                for wake in 0..<3 {
                    var proposals: [Transaction] = []
                    _ = attacker.decide(world.view(at: 12), into: &proposals)
                    #expect(proposals.map(\.isPrivate) == [plan.bundles[wake]])
                }
            }
        }
        // 1,800 Bernoulli(0.3) draws: standard error 0.0108; four of them either side.
        let fraction = Double(bundles) / Double(draws)
        #expect(abs(fraction - share) < 4 * (share * (1 - share) / Double(draws)).squareRoot())
    }

    @Test("A replication is deterministic: the same seed gives the same metrics and P&L, another seed other bundle draws")
    func determinism() throws {
        let overrides = ["agents.attacker.bundle_share=0.5", "agents.arbitrageurs={count: 1, capital: {ETH: 10000, TOK: 1000000}}",
                         "agents.attacker.capital={ETH: 2000}"]
        let (first, firstWorld) = try Self.run(overrides, seed: 11)
        let (second, secondWorld) = try Self.run(overrides, seed: 11)
        #expect(first.attackNetProfit == second.attackNetProfit && first.attackExecuted == second.attackExecuted)
        #expect(firstWorld.pnl == secondWorld.pnl)
        let bundleSets = try (UInt64(0)..<8).map { seed -> [Bool] in
            let world = try World(scenario: try Scenario.load(path: Self.path, overrides: overrides), seed: seed)
            guard case .twapManipulation(let plan) = world.attacker?.plan else { return [] }
            return plan.bundles
        }
        #expect(Set(bundleSets.map { $0.map { $0 ? "1" : "0" }.joined() }).count > 1)
    }

    @Test("An attack that takes nothing has a gross profit of exactly 0, not the rounding of its two sums: its loss is all cost")
    func grossWithoutGainIsZero() throws {
        // A 5 % push that an arbitrageur sells back down: the borrow reverts, the unwind sells at a
        // loss. The net (end prices) and the price impact (each block's) are sums of ≈ 14 ETH that
        // differed by ±1e-14 in their last bits.
        let (metrics, _) = try Self.run(["agents.arbitrageurs={count: 1, capital: {ETH: 10000, TOK: 1000000}}",
                                         "agents.attacker.capital={ETH: 3000}", "agents.attacker.bundle_share=0.8",
                                         "agents.attacker.push=0.05"])
        let net = try #require(metrics.attackNetProfit), cost = try #require(metrics.attackCost)
        #expect(net < -1 && cost > 1)
        #expect(metrics.attackGrossProfit == 0)
        #expect(metrics.attackProfitToCost == 0)
        #expect(abs(net + cost) < 1e-12)
    }
}
