import ProtocolModel
import Testing
@testable import Scenarios

/// `perp_markets:` input and the `oracle-pump-pnl` strategy on a miniature Mango: one spot pool
/// (10,000 USDC / 250,000 MNGO, price 0.04) read by the perp's mark, wallets funded with 10,000
/// USDC each, a 1,000,000 MNGO fill at 0.04 (40,000 USDC of notional, 8,000 of initial margin)
/// and a 10,000 USDC pump that takes the mark to ≈0.16: the long's PnL (≈120,000) allows far more
/// than the 50,000 USDC the lenders hold.
@Suite("Oracle pump against PnL collateral (oracle-pump-pnl)")
struct OraclePumpPnLTests {
    static func scenario(perp: String = valid, attacker: String = attack) -> String {
        """
        name: s
        duration: 5m
        chain: {native_asset: SOL, block_time: 1m, gas_price: 0.000000001}
        assets:
          SOL: {decimals: 9, price: 30, process: {model: constant}}
          USDC: {decimals: 6, price: 1, process: {model: constant}}
          MNGO: {decimals: 6, price: 0.04, process: {model: constant}}
        pools:
          spot: {token0: USDC, token1: MNGO, reserve0: 10000, reserve1: 250000, fee: 0.003}
          sol_usdc: {token0: SOL, token1: USDC, reserve0: 1000, reserve1: 30000, fee: 0.003}
        oracles:
          mngo_spot: {type: spot, pool: spot, base: MNGO, unit: USDC}
          usd: {type: constant, value: 1}
        perp_markets:
          perp: \(perp)
        agents:
          attacker: \(attacker)
        """
    }

    static let valid = "{base: MNGO, quote: USDC, oracle: mngo_spot, liquidity: 50000}"
    static let attack = "{strategy: oracle-pump-pnl, at: 1m, capital: {SOL: 1, USDC: 30000}, perp_market: perp, size: 1000000, "
        + "deposit: 10000, buy: {spot: 10000}, pump_blocks: 2, revert_if_unprofitable: false}"

    static let perpCatalogue: [(String, String)] = [
        ("{base: MNGO, quote: USDC, oracle: mngo_spot, liquidity: 1, pnl_as_colateral: true}", "did you mean 'pnl_as_collateral'"),
        ("{base: MNG, quote: USDC, oracle: mngo_spot, liquidity: 1}", "did you mean 'MNGO'"),
        ("{base: USDC, quote: USDC, oracle: mngo_spot, liquidity: 1}", "two different assets"),
        ("{base: MNGO, quote: USDC, oracle: mngo_spt, liquidity: 1}", "did you mean 'mngo_spot'"),
        ("{base: MNGO, quote: USDC, oracle: usd, liquidity: 1}", "answers in USD"),
        ("{base: MNGO, quote: USDC, oracle: mngo_spot, liquidity: 1, initial_margin: 1}", "expected a number in [0, 1)"),
        ("{base: MNGO, quote: USDC, oracle: mngo_spot, liquidity: 1, initial_margin: 0.1, maintenance_margin: 0.2}", "must not exceed initial_margin"),
        ("{base: MNGO, quote: USDC, oracle: mngo_spot, liquidity: 1, liquidation_fee: .inf}", "finite"),
        ("{base: MNGO, quote: USDC, oracle: mngo_spot, liquidity: -1}", "must not be negative"),
        ("{base: MNGO, quote: USDC, oracle: mngo_spot, liquidity: 1, pnl_as_collateral: 3}", "expected true or false"),
        ("{base: MNGO, quote: USDC, oracle: mngo_spot, liquidity: 1, pnl_haircut: 2}", "expected a number in [0, 1]"),
    ]

    @Test("Each bad perp_markets input gives a located message", arguments: perpCatalogue)
    func perpInput(text: String, phrase: String) throws {
        try expectLocatedInputError(Self.scenario(perp: text), at: "s.yaml:15:", saying: phrase)
    }

    static let attackCatalogue: [(String, String)] = [
        ("{strategy: oracle-pump-pnl, perp_market: perpp, size: 1, deposit: 1, buy: {spot: 1}}", "did you mean 'perp'"),
        ("{strategy: oracle-pump-pnl, perp_market: perp, size: 0, deposit: 1, buy: {spot: 1}}", "expected a positive size"),
        ("{strategy: oracle-pump-pnl, perp_market: perp, size: 1, price: 0, deposit: 1, buy: {spot: 1}}", "expected a positive number"),
        ("{strategy: oracle-pump-pnl, perp_market: perp, size: 1, deposit: .nan, buy: {spot: 1}}", "finite"),
        ("{strategy: oracle-pump-pnl, perp_market: perp, size: 1, deposit: 1, buy: {spt: 1}}", "did you mean 'spot'"),
        ("{strategy: oracle-pump-pnl, perp_market: perp, size: 1, deposit: 1, buy: {sol_usdc: 1}}", "does not sell MNGO for USDC"),
        ("{strategy: oracle-pump-pnl, perp_market: perp, size: 1, deposit: 1, buy: {spot: 1}, pump_blocks: 0}", "expected an integer in [1, 10000]"),
        ("{strategy: oracle-pump-pnl, perp_market: perp, size: 1, deposit: 1, buy: {spot: 1}, market: perp}", "not a key of strategy oracle-pump-pnl"),
        ("{strategy: oracle-pump-pnl, size: 1, deposit: 1, buy: {spot: 1}}", "perp_market"),
    ]

    @Test("Each bad oracle-pump-pnl input gives a located message", arguments: attackCatalogue)
    func attackInput(text: String, phrase: String) throws {
        try expectLocatedInputError(Self.scenario(attacker: text), at: "s.yaml:17:", saying: phrase)
    }

    @Test("Both sections decode with their defaults, and the resolved form reloads to itself")
    func roundTrips() throws {
        let scenario = try Scenario.parse(text: Self.scenario(), file: "s.yaml")
        let perp = try #require(scenario.perpMarkets.first)
        #expect(perp.initialMargin == 0.2 && perp.maintenanceMargin == 0.1 && perp.liquidationFee == 0.025)
        #expect(perp.pnlAsCollateral && perp.pnlHaircut == 0 && perp.liquidity == "50000")
        guard case .oraclePumpPnL(let plan) = try #require(scenario.attacker).strategy else { Issue.record("strategy"); return }
        #expect(plan.perpMarket == "perp" && plan.size == "1000000" && plan.price == nil && plan.pumpBlocks == 2)
        let rendered = scenario.resolvedYAML()
        #expect(try Scenario.parse(text: rendered, file: "r.yaml").resolvedYAML() == rendered)
    }

    static func run(_ overrides: [String] = []) throws -> (world: World, metrics: RunMetrics) {
        let scenario = try Scenario.parse(text: Self.scenario(), file: "s.yaml", overrides: overrides)
        let world = try World(scenario: scenario, seed: 1, options: WorldOptions(checkInvariants: true))
        return (world, try world.run())
    }

    static func borrowed(_ world: World) -> UInt128 {
        world.state.perpMarkets[0].book.borrowed
    }

    @Test("Undefended, the pump lets the long borrow all 50,000 USDC and the attack pays; the P&L rows sum to zero per asset")
    func pays() throws {
        let (world, metrics) = try Self.run()
        #expect(Self.borrowed(world) == 50_000_000_000)
        #expect(metrics.attackExecuted == 4 && metrics.attackReverted == 0)  // fill, two pump blocks, the loan
        // Net ≈ 50,000 − 10,000 (B's deposit walked away from) − 10,000 (pump) + the MNGO bought at 0.04 (≈5,000): ≈ +35,000.
        let net = try #require(metrics.attackNetProfit)
        #expect(net > 30_000 && net < 40_000, "\(net)")
        #expect(world.pnl.filter { $0.party == .venues }.reduce(0.0) { $0 + $1.value } < -30_000)
    }

    @Test("Without PnL as collateral the loan reverts and the attack loses its pump")
    func defended() throws {
        let (world, metrics) = try Self.run(["perp_markets.perp.pnl_as_collateral=false"])
        #expect(Self.borrowed(world) == 0 && metrics.attackReverted == 1)
        let net = try #require(metrics.attackNetProfit)
        #expect(net < -1_000, "\(net)")
    }

    @Test("With revert_if_unprofitable a loan smaller than the 30,000 USDC put in reverts; without it the attacker takes it")
    func revertIfUnprofitable() throws {
        let (guarded, _) = try Self.run(["perp_markets.perp.liquidity=25000", "agents.attacker.revert_if_unprofitable=true"])
        #expect(Self.borrowed(guarded) == 0)
        let (open, _) = try Self.run(["perp_markets.perp.liquidity=25000"])
        #expect(Self.borrowed(open) == 25_000_000_000)
    }

    @Test("A fill the wallets cannot margin reverts, and then nothing is bought")
    func failedFill() throws {
        // 10,000,000 MNGO at 0.04 = 400,000 USDC of notional: 80,000 of initial margin against 10,000.
        let (world, metrics) = try Self.run(["agents.attacker.size=10000000"])
        #expect(metrics.attackReverted == 1 && metrics.attackExecuted == 0)
        #expect(world.state.pools[0].pool.reserve0 == 10_000_000_000)
    }
}
