import Foundation
import ProtocolModel
import Scenarios
import Testing
@testable import Experiments

/// bZx #2 against Qin et al. (FC 2021) and against the paper's closed-form model evaluated here
/// independently of the simulator's integer arithmetic (../shared/research/incidents.md §1.3–1.4).
@Suite("bZx #2 re-enactment (scenarios/bzx-oracle-2020.yaml)")
struct BzxOracleValidationTests {
    static let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().path + "/scenarios/bzx-oracle-2020.yaml"
    /// The paper's model assumptions: no pool fee, no gas.
    static let paperModel = ["pools.uniswap.fee=0", "chain.gas_price=0"]

    /// The paper's model (App. C) with the scenario's parameters, in doubles: Uniswap, the Kyber
    /// reserve, the depot (filled up to its inventory), and a borrow of cf × collateral × the lower
    /// of the Uniswap and Kyber prices, capped by the market's cash. Returns the net profit in ETH.
    static func model(uniswap p1: Double, kyber p2: Double, depot p3: Double, fee: Double, gas: Double, cap: Double) -> Double {
        let (uX, uY) = (879.757, 243_441.12)
        let (minP, rate, kX, depotPrice, depotInventory, cf) = (0.0037, 0.00252, 0.90658, 268.30, 943_837.59, 0.667)
        let o1 = uY * p1 * (1 - fee) / (uX + p1 * (1 - fee))
        let uniswapPrice = (uX + p1) / (uY - o1)
        let p0 = minP * exp(rate * kX)
        let o2 = (1 - exp(-rate * p2)) / (rate * p0)
        let kyberPrice = p0 * exp(rate * p2)
        let o3 = min(p3 * depotPrice, depotInventory)
        let borrow = min((o1 + o2 + o3) * cf * min(uniswapPrice, kyberPrice), cap)
        return borrow - p1 - p2 - o3 / depotPrice - gas
    }

    static func run(_ overrides: [String]) throws -> RunMetrics {
        let scenario = try Scenario.load(path: path, overrides: overrides)
        return try World(scenario: scenario, seed: 1, options: WorldOptions(checkInvariants: true)).run()
    }

    @Test("The historical attack (540 / 360 / 3,517.86 ETH) pays within 5 % of the on-chain 2,381.41 ETH, equals the paper's model, and the lenders lose about the 2,700 ETH reported")
    func historical() throws {
        let scenario = try Scenario.load(path: Self.path)
        let world = try World(scenario: scenario, seed: 1, options: WorldOptions(checkInvariants: true))
        let metrics = try world.run()
        let net = try #require(metrics.attackNetProfit)
        // 706,000 gas units at 10 gwei.
        let expected = Self.model(uniswap: 540, kyber: 360, depot: 3_517.86, fee: 0.003, gas: 0.00706, cap: 11_086.29)
        #expect(abs(net - expected) < 1e-6 * expected, "\(net) vs model \(expected)")
        #expect(abs(net / 2_381.41 - 1) < 0.05, "\(net)")
        let lenders = world.pnl.filter { $0.party == .suppliers }.reduce(0.0) { $0 + $1.value }
        #expect(abs(-lenders / 2_699.97 - 1) < 0.05, "\(lenders)")
    }

    @Test("The Uniswap leg reproduces the paper's 171.15 sUSD/ETH to 0.1 %, the Kyber leg its 176.62 to 0.5 %")
    func legs() throws {
        let scenario = try Scenario.load(path: Self.path)
        final class Events: WorldSink {
            var records: [StepRecord] = []
            func record(_ row: BlockRow) throws {}
            func record(_ steps: [StepRecord]) throws { records += steps }
            func record(_ liquidations: [LiquidationRow]) throws {}
        }
        let events = Events()
        _ = try World(scenario: scenario, seed: 1).run(sink: events)
        let uniswap = try #require(events.records.first { $0.kind == .swap })
        let kyber = try #require(events.records.first { $0.kind == .reserveSwap })
        func rate(_ record: StepRecord) -> Double {
            Double(record.amountOut) / Double(record.amountIn)
        }
        #expect(abs(rate(uniswap) / 171.15 - 1) < 0.001, "\(rate(uniswap))")
        #expect(abs(rate(kyber) / 176.62 - 1) < 0.005, "\(rate(kyber))")
    }

    /// `advsim optimize` over the paper's decision variables under its model assumptions.
    func optimum(_ overrides: [String]) throws -> Optimizer.Point {
        let search = try #require(try Scenario.load(path: Self.path).search)
        let optimizer = Optimizer(scenarioPath: Self.path, overrides: ScenarioOverride.set(Self.paperModel + overrides), search: search, replications: 1,
                                  threads: 2, scenarioSeed: 1, options: WorldOptions())
        return try optimizer.run { _ in }.best
    }

    @Test("Without the borrow cap the optimiser finds the model's optimum (6,356.81 ETH by SciPy SLSQP on the closed form) within 0.5 %, and the paper's 6,323.93 within 1 %")
    func optimumWithoutCap() throws {
        let best = try optimum(["lending_markets.bzx.assets.ETH.supply=100000"])
        let mean = try #require(best.summary.mean)
        #expect(abs(mean / 6_356.81 - 1) < 0.005, "\(mean) at \(best.parameters)")
        #expect(abs(mean / 6_323.93 - 1) < 0.01)
        let p = best.parameters
        #expect(abs(mean - Self.model(uniswap: p[0], kyber: p[1], depot: p[2], fee: 0, gas: 0, cap: 100_000)) < 1e-6 * mean)
    }

    @Test("With bZx's 11,086.29 ETH enforced the optimiser finds the constrained optimum (6,208.55 ETH by SLSQP) within 0.5 %, above the 6,123 ETH of capping the paper's point")
    func optimumWithCap() throws {
        let best = try optimum([])
        let mean = try #require(best.summary.mean)
        #expect(abs(mean / 6_208.55 - 1) < 0.005, "\(mean) at \(best.parameters)")
        #expect(mean > 6_123)
        let p = best.parameters
        #expect(abs(mean - Self.model(uniswap: p[0], kyber: p[1], depot: p[2], fee: 0, gas: 0, cap: 11_086.29)) < 1e-6 * mean)
    }
}
