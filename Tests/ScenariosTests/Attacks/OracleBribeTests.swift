import Testing
import ProtocolModel
@testable import Scenarios

@Suite("Oracle-bribe attack")
struct OracleBribeTests {
    static let path = TestScenarios.repositoryRoot + "/scenarios/oracle-bribe.yaml"

    /// Runs the shipped scenario with `overrides` under invariant checks.
    static func run(_ overrides: [String]) throws -> (RunMetrics, World) {
        let scenario = try Scenario.load(path: path, overrides: overrides)
        let world = try World(scenario: scenario, seed: 7, options: WorldOptions(checkInvariants: true))
        return (try world.run(), world)
    }

    /// The attacker's one transaction's gas at 20 gwei, in USD at 2,000 USD/ETH: 21,000 + k signed
    /// rounds at 60,000 + deposit 100,000 + borrow 150,000 (+ check 5,000).
    static func gasUSD(sources k: Int, check: Bool = true) -> Double {
        Double(271_000 + 60_000 * k + (check ? 5_000 : 0)) * 20e-9 * 2_000
    }

    /// The attacker's P&L row of `symbol`, raw units.
    static func attackerRow(_ world: World, _ symbol: String) -> Int128 {
        let asset = world.state.ledger.assets.firstIndex { $0.symbol == symbol }!
        return world.pnl.first { $0.party == .attacker && $0.asset.index == asset }?.amount ?? 0
    }

    /// The USDC the oracle keepers (the bribed operators) gained, raw units.
    static func keepersUSDC(_ world: World) -> Int128 {
        let asset = world.state.ledger.assets.firstIndex { $0.symbol == "USDC" }!
        return world.pnl.first { $0.party == .oracleKeepers && $0.asset.index == asset }?.amount ?? 0
    }

    @Test("Bribing k of the 3 sources: a minority leaves the median honest and reverts at the cost of gas, a majority pays exactly the borrow power at the false price less collateral, bribes and gas",
          arguments: [1, 2, 3], [2_600, 3_000, 4_000])
    func closedForm(sources k: Int, answer: Int) throws {
        let (metrics, world) = try Self.run(["agents.attacker.sources=\(k)", "agents.attacker.answer=\(answer)"])
        // With a majority the median is the false answer A; the market lends 100 ETH · A · 0.8 USDC.
        // The transaction goes through when that, less the USDC bribes, reaches the 200,000 USD the ETH is worth.
        let borrowed = k >= 2 ? 80 * answer : 160_000
        let pays = borrowed - 10_000 * k >= 200_000
        let gas = Self.gasUSD(sources: k)
        let net = try #require(metrics.attackNetProfit)
        #expect(metrics.attackExecuted == (pays ? 1 : 0) && metrics.attackReverted == (pays ? 0 : 1))
        #expect(abs((metrics.attackGasCost ?? .nan) - gas) < 1e-9)
        if pays {
            #expect(abs(net - Double(borrowed - 200_000 - 10_000 * k) + gas) < 1e-6)
            #expect(metrics.bribes == Double(10_000 * k))
            // Exact token units: the position is walked away from, the ETH and the bribes are gone.
            #expect(Self.attackerRow(world, "USDC") == Int128(borrowed - 10_000 * k) * 1_000_000)
            #expect(Self.keepersUSDC(world) == Int128(10_000 * k) * 1_000_000)
        } else {
            #expect(abs(net + gas) < 1e-9)
            #expect(metrics.bribes == 0 && Self.keepersUSDC(world) == 0 && Self.attackerRow(world, "USDC") == 0)
        }
        for asset in world.state.ledger.assets.indices {
            #expect(world.pnl.filter { $0.asset.index == asset }.reduce(Int128(0)) { $0 + $1.amount } == 0)
        }
    }

    @Test("The shipped attack nets 100,000 USD less 15.84 USD of gas, its cost breakdown sums to its cost, and its capital is the 100 ETH it left in the market")
    func shippedPays() throws {
        let (metrics, _) = try Self.run([])
        let net = try #require(metrics.attackNetProfit), cost = try #require(metrics.attackCost)
        #expect(abs(net - (100_000 - 15.84)) < 1e-6)
        let parts = [metrics.flashLoanFees, metrics.attackSwapFees, metrics.attackGasCost, metrics.bribes, metrics.priceImpactLoss]
        #expect(cost == parts.reduce(0.0) { $0 + ($1 ?? .nan) })
        #expect(metrics.attackGrossProfit == net + cost)
        #expect(abs(cost - (20_000 + 15.84)) < 1e-6)
        // The collateral stays behind in a position under water: 100 ETH at 2,000 USD, plus the gas paid in ETH.
        #expect(abs((metrics.attackCapital ?? 0) - (200_000 + 15.84)) < 1e-6)
    }

    @Test("Without the check a minority bribe executes: the bribe is paid, the median does not move, and the loss is the bribe and gas")
    func minorityWithoutCheck() throws {
        let (metrics, world) = try Self.run(["agents.attacker.sources=1", "agents.attacker.revert_if_unprofitable=false"])
        #expect(metrics.attackExecuted == 1 && metrics.bribes == 10_000)
        // It borrowed 160,000 USDC against ETH worth 200,000 USD: the position is sound and stays its own.
        let net = try #require(metrics.attackNetProfit)
        #expect(abs(net - (-10_000 - Self.gasUSD(sources: 1, check: false))) < 1e-6)
        #expect(Self.keepersUSDC(world) == 10_000 * 1_000_000)
    }

    @Test("The honest keepers post the true price again after the attack: the false rounds last one block")
    func honestRoundsReturn() throws {
        let (_, world) = try Self.run([])
        let median = try #require(world.state.oracles.firstIndex { $0.name == "eth_median" })
        // The keepers' observation is the reference price through a double: within 10⁻¹² of 2,000.
        let reading = TokenUnits.toDouble(try world.state.readOracle(median, at: 60).value, decimals: 18)
        #expect(abs(reading - 2_000) < 2e-9)
    }
}
