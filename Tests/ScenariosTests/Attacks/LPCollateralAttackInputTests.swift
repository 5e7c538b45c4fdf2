import Testing
@testable import Scenarios

/// `strategy: spot-oracle-borrow` with an LP share as collateral (Cheese Bank, Warp Finance): the
/// `liquidity` and `pump` keys.
@Suite("Spot-oracle borrow against LP-share collateral: input")
struct LPCollateralAttackInputTests {
    /// A TOK/ETH pool whose LP shares a market lends ETH against, priced naively; `attacker` is
    /// the attacker's flow mapping.
    static func scenario(_ attacker: String) -> String {
        """
        name: s
        duration: 1m
        chain: {native_asset: ETH, block_time: 12s, gas_price: 0}
        assets:
          ETH: {decimals: 18, price: 3000, process: {model: constant}}
          TOK: {decimals: 18, price: 30, process: {model: constant}}
        pools:
          tok_eth: {token0: TOK, token1: ETH, reserve0: 40000, fee: 0}
        flash_loans:
          dydx: {ETH: {liquidity: 1000}}
        oracles:
          eth_one: {type: constant, value: 1, unit: ETH}
          tok_spot: {type: spot, pool: tok_eth, base: TOK, unit: ETH}
          lp: {type: lp, pool: tok_eth, pricing: naive, token1_oracle: eth_one, unit: ETH}
        lending_markets:
          lender:
            unit: ETH
            assets:
              LP-tok_eth: {oracle: lp, collateral_factor: 0.5}
              TOK: {oracle: tok_spot, collateral_factor: 0.5, borrowable: false}
              ETH: {oracle: eth_one, supply: 100000}
        agents:
          attacker: \(attacker)
        """
    }

    static let valid = "{strategy: spot-oracle-borrow, market: lender, collateral: LP-tok_eth, borrow: ETH, flash_loan: dydx, buy: {tok_eth: 10}, liquidity: 12.5, pump: 500}"

    static let catalogue: [(String, String, String)] = [
        ("{strategy: spot-oracle-borrow, market: lender, collateral: LP-tok_eth, borrow: ETH, buy: {tok_eth: 10}, pump: 500}", "s.yaml:23:", "needs liquidity"),
        ("{strategy: spot-oracle-borrow, market: lender, collateral: LP-tok_eth, borrow: ETH, buy: {tok_eth: 10}, liquidity: 1}", "s.yaml:23:", "needs pump"),
        ("{strategy: spot-oracle-borrow, market: lender, collateral: TOK, borrow: ETH, buy: {tok_eth: 10}, pump: 500}", "s.yaml:23:", "only for LP-share collateral"),
        ("{strategy: spot-oracle-borrow, market: lender, collateral: LP-tok_eth, borrow: ETH, buy: {tok_eth: 10}, liquidity: 1, pump: -5}", "s.yaml:23:", "must not be negative"),
        ("{strategy: spot-oracle-borrow, market: lender, collateral: LP-tok_eth, borrow: ETH, buy: {tok_eth: 10}, liquidity: .inf, pump: 5}", "s.yaml:23:", "finite"),
        ("{strategy: spot-oracle-borrow, market: lender, collateral: LP-tok_eth, borrow: ETH, buy: {tok_eth: 10}, liquidity: 1, pum: 5}", "s.yaml:23:", "did you mean 'pump'"),
    ]

    @Test("Each bad LP-form input gives a located message", arguments: catalogue)
    func catalogueCase(text: String, location: String, phrase: String) throws {
        try expectLocatedInputError(Self.scenario(text), at: location, saying: phrase)
    }

    @Test("The LP form decodes its pairing and pump, renders them, and the resolved form reloads to itself")
    func roundTrips() throws {
        let scenario = try Scenario.parse(text: Self.scenario(Self.valid), file: "s.yaml")
        guard case .spotOracleBorrow(let plan) = try #require(scenario.attacker).strategy else { Issue.record("strategy"); return }
        #expect(plan.liquidity == "12.5" && plan.pump == "500" && plan.collateral == "LP-tok_eth")
        let rendered = scenario.resolvedYAML()
        #expect(rendered.contains("    liquidity: 12.5\n") && rendered.contains("    pump: 500\n"))
        #expect(try Scenario.parse(text: rendered, file: "r.yaml").resolvedYAML() == rendered)
    }
}
