import Testing
import ProtocolModel
@testable import Scenarios

@Suite("Cascade-trigger attack")
struct CascadeTriggerTests {
    static let path = TestScenarios.repositoryRoot + "/scenarios/cascade-trigger.yaml"

    /// The shipped scenario with `overrides`, built (not yet run) under invariant checks.
    static func world(_ overrides: [String]) throws -> World {
        let scenario = try Scenario.load(path: path, overrides: overrides)
        return try World(scenario: scenario, seed: 7, options: WorldOptions(checkInvariants: true))
    }

    /// Gas units of the attack transaction: 21,000 + flash borrow 50k + sale 100k + 250k per
    /// liquidation (+ buy-back 100k) + flash repay 30k + check 5k.
    static func gasUnits(liquidations: Int, buyBack: Bool) -> Double {
        Double(21_000 + 50_000 + 100_000 + 250_000 * liquidations + (buyBack ? 100_000 : 0) + 30_000 + 5_000)
    }

    /// An independent model of the attack on the genesis state, in doubles: the Uniswap v2 sale of
    /// `sell` ETH (fee 0.3 %) into 500 ETH / 1,500,000 USDC, the spot price it leaves, the borrowers
    /// below health 1 at that price (LT 0.8) worst first, each repaid up to half its debt from the
    /// proceeds and seized at repay × 1.1 / price, the buy-back of what is left, the flash loan's
    /// 0.09 % fee and gas at 20 gwei. Returns the attacker's ETH gain and the number liquidated.
    static func reference(_ world: World, sell: Double, maxLiquidations: Int) -> (gain: Double, liquidated: Int, buyBack: Bool) {
        let state = world.state
        let eth = AssetID(state.ledger.assets.firstIndex { $0.symbol == "ETH" }!)
        let usdc = AssetID(state.ledger.assets.firstIndex { $0.symbol == "USDC" }!)
        let book = state.markets[0]
        let ethSlot = book.slot(of: eth)!, usdcSlot = book.slot(of: usdc)!
        let (x, y) = (500.0, 1_500_000.0)
        let proceeds = sell * 0.997 * y / (x + sell * 0.997)
        let price = (y - proceeds) / (x + sell)
        let positions = book.positions.accounts.map { account in
            (collateral: TokenUnits.toDouble(state.supplied(market: 0, slot: ethSlot, account: account), decimals: 18),
             debt: TokenUnits.toDouble(state.debt(market: 0, slot: usdcSlot, account: account), decimals: 6))
        }
        let unhealthy = positions.filter { $0.debt > 0 }
            .map { (health: $0.collateral * price * 0.8 / $0.debt, debt: $0.debt) }
            .filter { $0.health < 1 }.sorted { $0.health < $1.health }
        var left = proceeds, seized = 0.0, liquidated = 0
        for position in unhealthy.prefix(maxLiquidations) where left > 0 {
            let repay = min(left, position.debt / 2)
            seized += repay * 1.1 / price
            left -= repay
            liquidated += 1
        }
        let boughtBack = left > 0 ? left * 0.997 * (x + sell) / (y - proceeds + left * 0.997) : 0
        let gas = gasUnits(liquidations: liquidated, buyBack: left > 0) * 20e-9
        return (seized + boughtBack - sell * 1.0009 - gas, liquidated, left > 0)
    }

    @Test("Over a thin pool and borrowers near the threshold the attack pays exactly what an independent model of sale, liquidations and buy-back gives",
          arguments: [(100.0, 3), (100.0, 10), (60.0, 10), (200.0, 40)])
    func paysAsModelled(sell: Double, maxLiquidations: Int) throws {
        let world = try Self.world(["agents.attacker.sell=\(sell)", "agents.attacker.max_liquidations=\(maxLiquidations)"])
        let expected = Self.reference(world, sell: sell, maxLiquidations: maxLiquidations)
        let metrics = try world.run()
        #expect(metrics.attackExecuted == 1 && metrics.attackReverted == 0)
        #expect(expected.liquidated > 0 && expected.liquidated <= maxLiquidations)
        let attackerETH = world.pnl.filter { $0.party == .attacker && $0.symbol == "ETH" }.reduce(0.0) { $0 + Double($1.amount) / 1e18 }
        #expect(abs(attackerETH - expected.gain) < 1e-9 * sell, "sell \(sell), N \(maxLiquidations): \(attackerETH) vs \(expected.gain)")
        #expect(expected.gain > 0)
        let net = try #require(metrics.attackNetProfit)
        #expect(abs(net - expected.gain * 3_000) < 1e-6 * sell * 3_000)
    }

    @Test("Over a deep pool, or borrowers far from the threshold, it liquidates nobody, reverts, and loses exactly its gas",
          arguments: ["pools.eth_usdc.reserve0=50000", "agents.borrowers.health={dist: uniform, min: 2, max: 3}"])
    func doesNotPay(override: String) throws {
        let world = try Self.world([override, "agents.arbitrageurs.count=0", "agents.liquidators.count=0"])
        let metrics = try world.run()
        #expect(metrics.attackReverted == 1 && metrics.attackExecuted == 0)
        let gas = Self.gasUnits(liquidations: 0, buyBack: true) * 20e-9 * 3_000
        #expect(abs((metrics.attackGasCost ?? 0) - gas) < 1e-9)
        #expect(metrics.attackNetProfit == -(metrics.attackGasCost ?? .nan))
        for row in world.pnl where row.party != .attacker && row.party != .gasRecipient {
            #expect(row.amount == 0, "\(row.party) \(row.symbol) moved by \(row.amount)")
        }
    }

    @Test("The cost breakdown sums to the cost, the P&L rows sum to zero per asset, and the liquidated borrowers pay the attacker's gain")
    func breakdownAndWhoPaid() throws {
        let world = try Self.world(["agents.arbitrageurs.count=0", "agents.liquidators.count=0", "agents.attacker.max_liquidations=3"])
        let metrics = try world.run()
        #expect(metrics.attackExecuted == 1)
        let cost = try #require(metrics.attackCost), net = try #require(metrics.attackNetProfit)
        let parts = [metrics.flashLoanFees, metrics.attackSwapFees, metrics.attackGasCost, metrics.bribes, metrics.priceImpactLoss]
        #expect(cost == parts.reduce(0.0) { $0 + ($1 ?? .nan) })
        #expect(metrics.attackGrossProfit == net + cost)
        // 100 ETH flash-borrowed at 0.09 %: 0.09 ETH, $270.
        #expect(abs((metrics.flashLoanFees ?? 0) - 270) < 1e-9)
        for asset in world.state.ledger.assets.indices {
            #expect(world.pnl.filter { $0.asset.index == asset }.reduce(Int128(0)) { $0 + $1.amount } == 0)
        }
        func value(_ party: Party) -> Double { world.pnl.filter { $0.party == party }.reduce(0.0) { $0 + $1.value } }
        #expect(value(.attacker) == net && net > 0)
        // Nobody else trades: the borrowers' bonus pays the attacker, the LPs' fees and the pool's
        // price impact, the flash lender's fee and the gas; the suppliers are made whole.
        #expect(value(.borrowers) < -net)
        #expect(value(.suppliers) == 0 && value(.liquidators) == 0)
        #expect(abs(value(.borrowers) + value(.attacker) + value(.liquidityProviders) + value(.flashLenders) + value(.gasRecipient)) < 1e-6)
    }

    @Test("Without a buy-back it keeps the sale's proceeds in USDC, repays the flash loan from its own ETH, and the loss at reference prices is booked")
    func withoutBuyBack() throws {
        let world = try Self.world(["agents.attacker.buy_back=false", "agents.attacker.revert_if_unprofitable=false",
                                    "agents.attacker.capital={ETH: 101}", "agents.attacker.max_liquidations=0",
                                    "agents.arbitrageurs.count=0", "agents.liquidators.count=0"])
        let metrics = try world.run()
        #expect(metrics.attackExecuted == 1)
        // 100 ETH sold for 249,374.687343 USDC (Uniswap v2 at 0.3 %); 100.09 ETH repaid; gas 21,000 +
        // flash borrow 50,000 + sale 100,000 + flash repay 30,000 at 20 gwei.
        let proceeds = 100 * 0.997 * 1_500_000 / (500 + 100 * 0.997)
        let spent = 100.09 + 201_000 * 20e-9
        #expect(abs((metrics.attackNetProfit ?? 0) - (proceeds - spent * 3_000)) < 1e-5)
        #expect(abs((metrics.attackCapital ?? 0) - spent * 3_000) < 1e-6)
    }

    @Test("The shipped scenario at its replication-0 seed (as `advsim run` runs it): the attack pays, and the borrowers and suppliers, not the liquidators, carry it")
    func shippedScenario() throws {
        let scenario = try Scenario.load(path: Self.path)
        // SeedDerivation.replicationSeed(scenarioSeed: 20261126, replication: 0).
        let world = try World(scenario: scenario, seed: 17_647_644_663_019_538_422, options: WorldOptions(checkInvariants: true))
        let metrics = try world.run()
        #expect(metrics.attackExecuted == 1 && metrics.attackReverted == 0)
        // Seven liquidations spend the 249,374.69 USDC the 100 ETH fetched and seize 131.60 ETH: 31.47488 ETH
        // are kept after the 100.09 ETH repayment and 0.03912 ETH of gas (1,956,000 at 20 gwei); golden value
        // of this seed's borrowers.
        let net = try #require(metrics.attackNetProfit)
        #expect(abs(net - 94_424.64) < 0.01)
        func value(_ party: Party) -> Double { world.pnl.filter { $0.party == party }.reduce(0.0) { $0 + $1.value } }
        #expect(value(.attacker) == net)
        #expect(value(.borrowers) < -net && value(.suppliers) < 0 && value(.liquidators) > 0)
        for asset in world.state.ledger.assets.indices {
            #expect(world.pnl.filter { $0.asset.index == asset }.reduce(Int128(0)) { $0 + $1.amount } == 0)
        }
    }

    @Test("Held as a short: the borrow finances the sale, the cascade of others' liquidations lowers the price, and the later buy-back repays the borrow at a profit booked exactly")
    func heldAsShort() throws {
        let scenario = try Scenario.load(path: TestScenarios.repositoryRoot + "/scenarios/cascade-trigger-short.yaml")
        let world = try World(scenario: scenario, seed: 7, options: WorldOptions(checkInvariants: true))
        let recorder = AttackerStepRecorder()
        let metrics = try world.run(sink: recorder)
        // The short's opening, the attack, the buy-back.
        #expect(metrics.attackExecuted == 3 && metrics.attackReverted == 0)
        let eth = AssetID(world.state.ledger.assets.firstIndex { $0.symbol == "ETH" }!)
        let usdc = AssetID(world.state.ledger.assets.firstIndex { $0.symbol == "USDC" }!)
        let steps = recorder.steps.filter(\.executed)
        #expect(steps.map(\.kind) == [.deposit, .borrow, .swap, .liquidate, .liquidate, .liquidate, .swap, .repay])
        let seized = steps.filter { $0.kind == .liquidate }.reduce(UInt128(0)) { $0 + $1.amountOut }
        let (sale, buyBack) = (steps[2], steps[6])
        // The cascade: the buy-back gets more ETH per USDC than the sale gave.
        #expect(Double(buyBack.amountOut) / Double(buyBack.amountIn) > Double(sale.amountIn) / Double(sale.amountOut))
        // Gas at 20 gwei: 21,000 + deposit 100k + borrow 150k; 21,000 + swap 100k + 3 × 250k; 21,000 + swap 100k + repay 100k.
        let gas = UInt128(271_000 + 871_000 + 221_000) * 20_000_000_000
        let attacker = world.pnl.filter { $0.party == .attacker }
        let ethGain = attacker.first { $0.asset == eth }!.amount, usdcGain = attacker.first { $0.asset == usdc }!.amount
        #expect(ethGain == Int128(seized + buyBack.amountOut) - Int128(steps[7].amountIn) - Int128(gas))
        // Every USDC above the deposit went into liquidations or the buy-back; the deposit stays supplied.
        #expect(usdcGain == 0)
        #expect(world.state.debt(market: 1, slot: world.state.markets[1].slot(of: eth)!, account: AccountID(world.state.ledger.accountNames.firstIndex(of: "attacker")!)) == 0)
        #expect(ethGain > 0 && metrics.attackNetProfit == attacker.reduce(0.0) { $0 + $1.value })
        for asset in world.state.ledger.assets.indices {
            #expect(world.pnl.filter { $0.asset.index == asset }.reduce(Int128(0)) { $0 + $1.amount } == 0)
        }
    }
}

/// Keeps the attacker's step records.
private final class AttackerStepRecorder: WorldSink {
    var steps: [StepRecord] = []
    func record(_ row: BlockRow) throws {}
    func record(_ steps: [StepRecord]) throws { self.steps += steps.filter { $0.agent == "attacker" } }
}
