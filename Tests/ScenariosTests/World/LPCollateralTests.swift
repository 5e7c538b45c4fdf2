import Foundation
import ProtocolModel
import Testing
@testable import Scenarios

/// A pool's LP share token listed as lending collateral (`LP-<pool>`), priced naively from the
/// pool's reserves (the Cheese Bank / Warp Finance flaw) or fairly from oracle prices.
@Suite("LP-token collateral in scenarios")
struct LPCollateralTests {
    /// The pool of ``OracleWorldTests`` (100 ETH / 300,000 USDC) and a market that lends USDC
    /// against its LP shares at a collateral factor of 0.5, priced by `oracle`.
    static func scenario(oracle: String, lpKeys: String = "") -> String {
        OracleWorldTests.scenario(extraOracles: """
              lp_naive: {type: lp, pool: p, pricing: naive, token1_oracle: one}
              lp_fair: {type: lp, pool: p, pricing: fair, token0_oracle: eth_fixed, token1_oracle: one}
            """)
            .replacingOccurrences(of: "      USDC: {oracle: one, supply: 1000000}",
                                  with: "      USDC: {oracle: one, supply: 1000000}\n      LP-p: {oracle: \(oracle), collateral_factor: 0.5, liquidation_threshold: 0.6\(lpKeys)}")
    }

    /// A farmer adds 10 ETH + 30,000 USDC to the pool and deposits all its shares; returns the
    /// world, the farmer and the market slot of the LP token.
    static func farmer(oracle: String) throws -> (World, AccountID, Int) {
        let world = try World(scenario: Scenario.parse(text: scenario(oracle: oracle), file: "s.yaml"), seed: 1)
        let farmer = world.state.addAccount(named: "farmer")
        try world.state.endow(AssetID(0), amount: 10 * OracleWorldTests.wad, to: farmer)
        try world.state.endow(AssetID(1), amount: 30_000_000_000, to: farmer)
        let share = world.state.pools[0].shareAsset
        var log: [StepRecord] = []
        let outcome = world.state.runSteps(
            of: Transaction(sender: farmer, agent: "farmer",
                            steps: [.addLiquidity(pool: 0, amount0: .balance(AssetID(0)), amount1: .balance(AssetID(1))),
                                    .deposit(market: 0, asset: share, amount: .balance(share))], submittedAt: 0),
            context: ExecutionContext(block: 1, timestamp: 12, recordSteps: false), log: &log)
        world.state.commit()
        #expect(outcome == .executed)
        return (world, farmer, try #require(world.state.markets[0].slot(of: share)))
    }

    @Test("Naive pricing lets the same LP collateral borrow 1.91× more after a 300,000 USDC swap; fair pricing, 0.08 % more")
    func naiveVersusFair() throws {
        for (oracle, expectedRatio, tolerance) in [("lp_naive", 630_000.0 / 330_000.0, 1e-9), ("lp_fair", 1.00075, 1e-4)] {
            let (world, farmer, _) = try Self.farmer(oracle: oracle)
            let before = try world.state.maxBorrow(market: 0, asset: AssetID(1), account: farmer, at: 12)
            // Its 10 of the pool's 110 ETH are 1/11 of 2 × 330,000 = 60,000 USD at 3,000; half may be borrowed.
            #expect(abs(TokenUnits.toDouble(before, decimals: 6) / 30_000 - 1) < 1e-6, "\(oracle): \(before)")
            try OracleWorldTests.buyEth(world, usdc: 300_000_000_000)
            let after = try world.state.maxBorrow(market: 0, asset: AssetID(1), account: farmer, at: 12)
            let ratio = Double(after) / Double(before)
            #expect(abs(ratio - expectedRatio) < tolerance, "\(oracle): ratio \(ratio)")
            try world.state.checkAllInvariants()
        }
    }

    @Test("LP share tokens may only be collateral: no supply, not borrowable, no insurance fund, an existing pool")
    func inputRules() throws {
        let scenario = try Scenario.parse(text: Self.scenario(oracle: "lp_naive"), file: "s.yaml")
        let listed = try #require(scenario.lendingMarkets[0].assets.first { $0.symbol == "LP-p" })
        #expect(!listed.borrowable)
        #expect(try Scenario.parse(text: scenario.resolvedYAML(), file: "r.yaml").lendingMarkets[0].assets.map(\.symbol)
                == scenario.lendingMarkets[0].assets.map(\.symbol))
        for (bad, phrase) in [(", supply: 5", "only be collateral"), (", borrowable: true", "only be collateral")] {
            #expect { try Scenario.parse(text: Self.scenario(oracle: "lp_naive", lpKeys: bad), file: "s.yaml") } throws: { error in
                "\(error)".contains(phrase) && "\(error)".hasPrefix("s.yaml:")
            }
        }
        let unknownPool = Self.scenario(oracle: "lp_naive").replacingOccurrences(of: "LP-p:", with: "LP-q:")
        #expect { try Scenario.parse(text: unknownPool, file: "s.yaml") } throws: { "\($0)".contains("unknown asset 'LP-q'") }
        let fund = Self.scenario(oracle: "lp_naive").replacingOccurrences(of: "  m:\n", with: "  m:\n    insurance_fund: {LP-p: 1}\n")
        #expect { try Scenario.parse(text: fund, file: "s.yaml") } throws: { "\($0)".contains("insurance fund cannot hold them") }
    }
}
