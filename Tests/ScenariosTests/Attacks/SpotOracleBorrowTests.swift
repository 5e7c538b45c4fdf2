import Testing
import ProtocolModel
@testable import Scenarios

@Suite("Spot-oracle borrowing attack")
struct SpotOracleBorrowTests {
    static let path = TestScenarios.repositoryRoot + "/scenarios/spot-oracle-borrow.yaml"

    /// Runs the shipped scenario with `overrides` under invariant checks; returns the world too.
    static func run(_ overrides: [String]) throws -> (RunMetrics, World) {
        let scenario = try Scenario.load(path: path, overrides: overrides)
        let world = try World(scenario: scenario, seed: 7, options: WorldOptions(checkInvariants: true))
        return (try world.run(), world)
    }

    /// The closed form. Buying with `a` in a fee-less pool of `x` ETH and `y` TOK brings c = y·a/(x+a)
    /// TOK and moves the spot price to (x+a)/(y−c) = (x+a)²/(x·y) ETH per TOK; the market lends
    /// cf·c·price = cf·a·(x+a)/x ETH against it, and the flash loan takes back a: the profit is
    /// a·(cf·(x+a)/x − 1), when positive (otherwise the transaction reverts and, without gas, nets 0).
    static func closedForm(depth x: Double, collateralFactor cf: Double, purchase a: Double) -> Double {
        max(0, a * (cf * (x + a) / x - 1))
    }

    @Test("Net profit equals the closed form to integer rounding over a grid of pool depths and collateral factors",
          arguments: [100.0, 400, 900, 2_000, 5_000], [0.3, 0.5, 0.75])
    func closedFormGrid(depth: Double, collateralFactor: Double) throws {
        let purchase = 1_000.0
        let (metrics, _) = try Self.run(["pools.tok_eth.reserve0=\(Int(depth * 100))",
                                         "lending_markets.lender.assets.TOK.collateral_factor=\(collateralFactor)"])
        let expected = Self.closedForm(depth: depth, collateralFactor: collateralFactor, purchase: purchase)
        let net = try #require(metrics.attackNetProfit)
        #expect(abs(net - expected) <= 1e-12 * purchase, "depth \(depth), cf \(collateralFactor): \(net) vs \(expected)")
        let pays = collateralFactor * (depth + purchase) / depth > 1
        #expect(metrics.attackExecuted == (pays ? 1 : 0))
        #expect(metrics.attackReverted == (pays ? 0 : 1))
    }

    @Test("An attack that does not pay reverts: the attacker loses exactly its gas and nobody else's holdings move")
    func unprofitableRevertsCostingGas() throws {
        let (metrics, world) = try Self.run(["pools.tok_eth.reserve0=500000", "chain.gas_price=20", "agents.attacker.capital={ETH: 1}"])
        #expect(metrics.attackReverted == 1 && metrics.attackExecuted == 0)
        let gas = try #require(metrics.attackGasCost)
        // Gas: 21,000 + flash borrow 50k + swap 100k + deposit 100k + borrow 150k + flash repay 30k + check 5k, at 20 gwei.
        #expect(abs(gas - 456_000 * 20e-9) < 1e-15)
        #expect(metrics.attackNetProfit == -gas)
        for row in world.pnl where row.party != .attacker && row.party != .gasRecipient {
            #expect(row.amount == 0, "\(row.party) \(row.symbol) moved by \(row.amount)")
        }
    }

    @Test("The cost breakdown sums to the cost, gross = net + cost, and the P&L rows sum to zero per asset with the attacker's rows giving its net profit")
    func breakdownAndPnL() throws {
        let (metrics, world) = try Self.run(["chain.gas_price=5", "agents.attacker.capital={ETH: 1}",
                                             "flash_loans.dydx.ETH.fee=0.0009", "pools.tok_eth.fee=0.003"])
        #expect(metrics.attackExecuted == 1)
        let cost = try #require(metrics.attackCost), net = try #require(metrics.attackNetProfit)
        let parts = [metrics.flashLoanFees, metrics.attackSwapFees, metrics.attackGasCost, metrics.bribes, metrics.priceImpactLoss]
        #expect(cost == parts.reduce(0.0) { $0 + ($1 ?? .nan) })
        #expect(metrics.attackGrossProfit == net + cost)
        // 1,000 ETH borrowed at 0.09 %: 0.9 ETH of fee; 0.3 % of the 1,000 ETH swapped: 3 ETH.
        #expect(abs((metrics.flashLoanFees ?? 0) - 0.9) < 1e-12)
        #expect(abs((metrics.attackSwapFees ?? 0) - 3) < 1e-12)
        for asset in world.state.ledger.assets.indices {
            #expect(world.pnl.filter { $0.asset.index == asset }.reduce(Int128(0)) { $0 + $1.amount } == 0)
        }
        let attackerValue = world.pnl.filter { $0.party == .attacker }.reduce(0.0) { $0 + $1.value }
        #expect(attackerValue == net)
        // What the attacker gained (gross) the lenders lost, less what the LPs kept of the price impact.
        let suppliers = world.pnl.filter { $0.party == .suppliers }.reduce(0.0) { $0 + $1.value }
        let lps = world.pnl.filter { $0.party == .liquidityProviders }.reduce(0.0) { $0 + $1.value }
        #expect(abs(net + suppliers + lps + (metrics.flashLoanFees ?? 0) + (metrics.attackGasCost ?? 0)) < 1e-9)
    }

    @Test("With revert_if_unprofitable off, a losing attack paid for with own funds executes; the loss and the capital are booked")
    func losingAttackWithoutCheck() throws {
        let (metrics, _) = try Self.run(["pools.tok_eth.reserve0=500000", "agents.attacker.revert_if_unprofitable=false",
                                         "agents.attacker.capital={ETH: 1000}"])
        #expect(metrics.attackExecuted == 1)
        // x = 5,000 ETH: the 1,000 ETH buy 83,333.3… TOK and the market lends 600 ETH against them (−400 ETH
        // in hand). The position — 83,333.3… TOK worth 833.3… ETH at the reference price, against 600 ETH of
        // debt — is above water, so the attacker keeps it: net = −400 + 233.3… ETH.
        let expected: Double = -400 + (1_000.0 * 5_000 / 6_000 - 600)
        #expect(abs((metrics.attackNetProfit ?? 0) - expected) < 1e-9)
        // The flash loan is repaid with 400 ETH of the attacker's own: that is the capital it committed.
        #expect(abs((metrics.attackCapital ?? 0) - 400) < 1e-9)
    }
}
