import Foundation
import ProtocolModel
import Testing
@testable import Scenarios

/// Push, LP and keeper-updated TWAP oracles, per-asset guards and `max_oracle_deviation` in
/// scenario-built worlds.
@Suite("Oracles in scenario worlds")
struct OracleWorldTests {
    static let wad: UInt128 = 1_000_000_000_000_000_000

    /// ETH/USDC pool of 100 ETH and 300,000 USDC (reference 3,000, no volatility), one lending
    /// market, one borrower (10 ETH, health 2 → 12,000 USDC debt); `ethKeys` are the ETH
    /// asset's extra keys; `extraOracles` are appended to `oracles:`.
    static func scenario(ethKeys: String = "", extraOracles: String = "", shock: String = "", duration: String = "2m") -> String {
        header(shock: shock, duration: duration) + """

        oracles:
          eth: {type: spot, pool: p}
          eth_fixed: {type: constant, value: 3000}
          one: {type: constant, value: 1}
        \(extraOracles)
        lending_markets:
          m:
            assets:
              ETH: {oracle: eth, collateral_factor: 0.75, liquidation_threshold: 0.8, bonus: 0.1, borrowable: false\(ethKeys)}
              USDC: {oracle: one, supply: 1000000}
        agents:
          borrowers: {count: 1, market: m, collateral: ETH, amount: 10, debt: USDC, health: 2}
        """
    }

    /// The chain, ETH at 3,000 and USDC at 1, `shock`, and pool `p` of 100 ETH and 300,000 USDC.
    static func header(shock: String, duration: String = "2m") -> String {
        """
        duration: \(duration)
        chain: {native_asset: ETH, gas_price: 1}
        assets:
          ETH: {price: 3000}
          USDC: {decimals: 6, price: 1}
        \(shock)
        pools:
          p: {token0: ETH, token1: USDC, reserve0: 100}
        """
    }

    /// Swaps `amount` raw of the pool's token1 (USDC) in from a fresh, funded account at t = 12.
    static func buyEth(_ world: World, usdc amount: UInt128) throws {
        let trader = world.state.addAccount(named: "whale")
        try world.state.endow(AssetID(1), amount: amount, to: trader)
        var log: [StepRecord] = []
        let outcome = world.state.runSteps(
            of: Transaction(sender: trader, agent: "whale", steps: [.swap(pool: 0, zeroForOne: false, amountIn: .exact(amount), minAmountOut: 0)],
                            submittedAt: 0),
            context: ExecutionContext(block: 1, timestamp: 12, recordSteps: false), log: &log)
        world.state.commit()
        #expect(outcome == .executed)
    }

    /// Runs a borrow of `usdc` raw by the borrower at t = 12; returns whether it executed.
    static func borrow(_ world: World, usdc amount: UInt128) -> Bool {
        var log: [StepRecord] = []
        let outcome = world.state.runSteps(
            of: Transaction(sender: world.borrowerAccounts[0], agent: "borrower",
                            steps: [.borrow(market: 0, asset: AssetID(1), amount: .exact(amount))], submittedAt: 0),
            context: ExecutionContext(block: 1, timestamp: 12, recordSteps: false), log: &log)
        world.state.commit()
        return outcome == .executed
    }

    @Test("Naive LP pricing doubles under a 300,000 USDC swap; fair pricing moves only by the fee added to k (+0.075 %)")
    func lpPricing() throws {
        let text = Self.scenario(extraOracles: """
              lp_naive: {type: lp, pool: p, pricing: naive, token1_oracle: one}
              lp_fair: {type: lp, pool: p, pricing: fair, token0_oracle: eth_fixed, token1_oracle: one}
            """)
        let world = try World(scenario: Scenario.parse(text: text, file: "s.yaml"), seed: 1)
        let naive = 3, fair = 4
        // Shares √(100·10^18 · 300,000·10^6) = 5,477,225,575,051,661 (Python isqrt).
        let shares: UInt128 = 5_477_225_575_051_661
        #expect(world.state.pools[0].pool.totalShares == shares)
        // Before: both value the pool at 600,000 USD: ⌊2 · 300,000 · 10^36 / shares⌋ (Python integers).
        let before: UInt128 = 109_544_511_501_033_225_382_787_913
        #expect(try world.state.readOracle(naive, at: 12).value == before)
        let fairBefore = try world.state.readOracle(fair, at: 12).value
        #expect(abs(Double(fairBefore) / Double(before) - 1) < 1e-15)
        try Self.buyEth(world, usdc: 300_000_000_000)
        // After: reserve1 = 600,000 USDC, so naive = 2 · 600,000 / shares: exactly double.
        #expect(world.state.pools[0].pool.reserve1 == 600_000_000_000)
        #expect(try world.state.readOracle(naive, at: 12).value == 219_089_023_002_066_450_765_575_826)
        // Fair: reserve0 = 100 − 100·299,100/599,100 = 50.0751…, k' / k = 1.0015025…, √ = 1.000751.
        let fairAfter = try world.state.readOracle(fair, at: 12).value
        let reserve0 = TokenUnits.toDouble(world.state.pools[0].pool.reserve0, decimals: 18)
        #expect(abs(reserve0 - (100 - 100 * 299_100 / 599_100)) < 1e-12)
        #expect(abs(Double(fairAfter) / Double(fairBefore) - (reserve0 * 600_000 / 30_000_000).squareRoot()) < 1e-12)
        #expect(abs(Double(fairAfter) / Double(fairBefore) - 1.000751) < 1e-6)
    }

    @Test("A deviation guard against a fixed fallback stops a pumped spot price from lending more; pause refuses even small borrows")
    func deviationGuard() throws {
        // Borrowing power at 3,000: 10 · 3,000 · 0.75 − 12,000 = 10,500 USDC. 2,700,000 USDC in
        // pumps the pool to 100² · 3,000 / (100 − out)² ≈ 9.97× — far beyond a 10 % deviation.
        for (keys, bigBorrow, smallBorrow) in [("", true, true), (", fallback: eth_fixed, max_deviation: 0.1", false, true),
                                               (", fallback: eth_fixed, max_deviation: 0.1, on_deviation: pause", false, false)] {
            let world = try World(scenario: Scenario.parse(text: Self.scenario(ethKeys: keys), file: "s.yaml"), seed: 1)
            #expect(world.state.debt(market: 0, slot: 1, account: world.borrowerAccounts[0]) == 12_000_000_000)
            try Self.buyEth(world, usdc: 2_700_000_000_000)
            #expect(Self.borrow(world, usdc: 30_000_000_000) == bigBorrow, "keys: \(keys)")
            #expect(Self.borrow(world, usdc: 1_000_000_000) == smallBorrow, "keys: \(keys)")
            if !keys.isEmpty, smallBorrow {
                // With the fallback the power is exactly what is left at 3,000: 9,500 USDC after the 1,000.
                #expect(try world.state.maxBorrow(market: 0, asset: AssetID(1), account: world.borrowerAccounts[0], at: 12) == 9_500_000_000)
            }
        }
    }

    @Test("A stale push answer gives way to the fallback (max_age), and a fresh one is used")
    func stalenessGuard() throws {
        // The feed's keeper only posts on a 50 % move or after a 1-day heartbeat, so its
        // genesis answer (3,000 at t = 0) is 12 s old at t = 12; the fallback answers 2,900.
        let text = Self.scenario(ethKeys: ", fallback: eth_low, max_age: 10s", extraOracles: """
              eth_low: {type: constant, value: 2900}
              eth_feed: {type: push, source: ETH, deviation: 0.5, heartbeat: 1d}
            """).replacingOccurrences(of: "ETH: {oracle: eth,", with: "ETH: {oracle: eth_feed,")
        let world = try World(scenario: Scenario.parse(text: text, file: "s.yaml"), seed: 1)
        let source = world.state.markets[0].assets[0].price
        let genesis = world.state.pushOracles[0]
        #expect(genesis.updatedAt == 0 && abs(TokenUnits.toDouble(genesis.answer, decimals: 18) / 3_000 - 1) < 1e-12)
        #expect(try world.state.price(source, at: 10) == genesis.answer)
        #expect(try world.state.price(source, at: 12) == 2_900 * Self.wad)  // the fallback
    }

    @Test("Push keepers post rounds after a shock; TWAP updaters call the public update every interval; both pay gas")
    func keepersRun() throws {
        let text = Self.scenario(extraOracles: """
              eth_feed: {type: push, source: ETH, deviation: 0.01, heartbeat: 1h}
              eth_ktwap: {type: twap, update: keeper, pool: p, window: 30s, interval: 24s}
            """, shock: "shocks: [{at: 30s, asset: ETH, move: -0.5}]")
        let world = try World(scenario: Scenario.parse(text: text, file: "s.yaml"), seed: 1)
        let feedKeeper = world.state.pushOracles[0].keeper
        let nativeBefore = world.state.ledger.balance(AssetID(0), of: feedKeeper)
        let metrics = try world.run()
        // The shock lands at t = 36 (first block after 30 s); the node sees 1,500 at that seal and
        // its round lands in the block at t = 48.
        #expect(world.state.pushOracles[0].round == 1)
        // The shocked reference is 1,500 up to the last bits of exp/log: 1,499.999999999998863….
        #expect(abs(TokenUnits.toDouble(world.state.pushOracles[0].answer, decimals: 18) / 1_500 - 1) < 1e-12)
        #expect(world.state.pushOracles[0].updatedAt == 48)
        #expect(world.state.ledger.balance(AssetID(0), of: feedKeeper) < nativeBefore)
        // Updates due at 24, 48, 72, 96 are sent at those seals and land 12 s later; the one due
        // at 120 is sent after the last block.
        #expect(world.state.twapOracles[0].latestObservation?.timestamp == 108)
        #expect(metrics.transactions == 5)
    }

    @Test("max_oracle_deviation: a spot oracle on a pool nobody arbitrages deviates by exactly 1 after a −50 % shock; empty without markets")
    func maxOracleDeviation() throws {
        let text = Self.scenario(shock: "shocks: [{at: 30s, asset: ETH, move: -0.5}]")
        let metrics = try World(scenario: Scenario.parse(text: text, file: "s.yaml"), seed: 1).run()
        // Spot stays 3,000 (no trades); the reference falls to 1,500: |3,000 / 1,500 − 1| = 1.
        #expect(abs(try #require(metrics.maxOracleDeviation) - 1) < 1e-12)
        let calm = try World(scenario: Scenario.parse(text: Self.scenario(), file: "s.yaml"), seed: 1).run()
        #expect(try #require(calm.maxOracleDeviation) < 1e-12)
        let plain = try World(scenario: Scenario.parse(text: BadInputTests.valid.replacingOccurrences(of: "duration: 1h", with: "duration: 1m"),
                                                       file: "s.yaml"), seed: 1).run()
        #expect(plain.maxOracleDeviation == nil)
    }

    @Test("max_oracle_deviation compares a naive LP oracle with the share's fair price: √2 − 1 once ETH halves on a pool nobody trades")
    func lpShareOracleDeviation() throws {
        func text(shock: String) -> String {
            Self.header(shock: shock) + """

            oracles:
              one: {type: constant, value: 1}
              lp_naive: {type: lp, pool: p, pricing: naive, token1_oracle: one}
            lending_markets:
              m:
                assets:
                  LP-p: {oracle: lp_naive, collateral_factor: 0.5}
                  USDC: {oracle: one, supply: 1000000}
            """
        }
        // The naive oracle: 2 · 300,000 USDC / supply (spot 3,000 from the untouched reserves);
        // fair at ETH 1,500: 2 · √(100 · 1,500 · 300,000) / supply; their ratio is √2.
        let shocked = try World(scenario: Scenario.parse(text: text(shock: "shocks: [{at: 30s, asset: ETH, move: -0.5}]"), file: "s.yaml"),
                                seed: 1).run()
        #expect(abs(try #require(shocked.maxOracleDeviation) - (2.0.squareRoot() - 1)) < 1e-12)
        let calm = try World(scenario: Scenario.parse(text: text(shock: ""), file: "s.yaml"), seed: 1).run()
        #expect(try #require(calm.maxOracleDeviation) < 1e-12)
    }

    @Test("max_oracle_deviation on the shipped cascade equals the pool's deviation: its spot oracle reads the only pool, USDC is a constant 1")
    func cascadeOracleDeviation() throws {
        let path = TestScenarios.repositoryRoot + "/scenarios/liquidation-cascade.yaml"
        let metrics = try World(scenario: Scenario.load(path: path), seed: 20261125).run()
        // Two computations of the same quantity: the oracle's wad answer and the pool's Double
        // spot price, both against ETH's reference (USDC's is constant 1 and so is its oracle).
        let oracle = try #require(metrics.maxOracleDeviation), pool = try #require(metrics.maxPoolDeviation)
        #expect(abs(oracle - pool) < 1e-9 * pool)
        // The pool lags a 50 % fall and liquidators' sales overshoot it: far more than 10 %.
        #expect(oracle > 0.1)
    }
}
