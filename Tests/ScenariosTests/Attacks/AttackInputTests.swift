import Testing
@testable import Scenarios

@Suite("Attacker input")
struct AttackInputTests {
    /// A minimal valid attack scenario with `attacker` as the attacker's flow mapping.
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
          tok_spot: {type: spot, pool: tok_eth, base: TOK, unit: ETH}
          eth_one: {type: constant, value: 1, unit: ETH}
        lending_markets:
          lender:
            unit: ETH
            assets:
              TOK: {oracle: tok_spot, collateral_factor: 0.5, borrowable: false}
              ETH: {oracle: eth_one, supply: 100000}
        agents:
          attacker: \(attacker)
        """
    }

    static let valid = "{strategy: spot-oracle-borrow, market: lender, collateral: TOK, borrow: ETH, flash_loan: dydx, buy: {tok_eth: 10}}"

    static let catalogue: [(String, String, String)] = [
        ("{strategy: oracle-borow, market: lender}", "s.yaml:21:", "unknown strategy 'oracle-borow'"),
        ("{strategy: spot-oracle-borrow, market: lendr, collateral: TOK, borrow: ETH, buy: {tok_eth: 1}}", "s.yaml:21:", "did you mean 'lender'"),
        ("{strategy: spot-oracle-borrow, market: lender, collateral: USDC, borrow: ETH, buy: {tok_eth: 1}}", "s.yaml:21:", "not listed"),
        ("{strategy: spot-oracle-borrow, market: lender, collateral: TOK, borrow: ETH, buy: {tok_et: 1}}", "s.yaml:21:", "did you mean 'tok_eth'"),
        ("{strategy: spot-oracle-borrow, market: lender, collateral: TOK, borrow: ETH, buy: {tok_eth: -1}}", "s.yaml:21:", "must not be negative"),
        ("{strategy: spot-oracle-borrow, market: lender, collateral: TOK, borrow: ETH, buy: {tok_eth: .nan}}", "s.yaml:21:", "finite"),
        ("{strategy: spot-oracle-borrow, market: lender, collateral: TOK, borrow: ETH, buy: {}}", "s.yaml:21:", "at least one"),
        ("{strategy: spot-oracle-borrow, market: lender, collateral: TOK, borrow: ETH, flash_loan: aave, buy: {tok_eth: 1}}", "s.yaml:21:", "unknown flash-loan provider"),
        ("{strategy: spot-oracle-borrow, market: lender, collateral: TOK, borrow: ETH, buy: {tok_eth: 1}, at: 2m}", "s.yaml:21:", "before the scenario ends"),
        ("{strategy: spot-oracle-borrow, market: lender, collateral: TOK, borrow: ETH, buy: {tok_eth: 1}, priority: 1}", "s.yaml:21:", "unknown key 'priority'"),
        ("{strategy: spot-oracle-borrow, market: lender, collateral: TOK, borrow: ETH, buy: {tok_eth: 1}, private: 3}", "s.yaml:21:", "expected true or false"),
    ]

    @Test("Each bad attacker input gives a located message", arguments: catalogue)
    func catalogueCase(text: String, location: String, phrase: String) throws {
        try expectLocatedInputError(Self.scenario(text), at: location, saying: phrase)
    }

    @Test("The attacker decodes with its defaults and the resolved form reloads to itself")
    func roundTrips() throws {
        let scenario = try Scenario.parse(text: Self.scenario(Self.valid), file: "s.yaml")
        let attacker = try #require(scenario.attacker)
        #expect(attacker.start == 0 && attacker.isPrivate && attacker.revertIfUnprofitable && attacker.priorityFee == 0)
        guard case .spotOracleBorrow(let plan) = attacker.strategy else { Issue.record("strategy"); return }
        #expect(plan.funding == "ETH" && plan.flashLoan == "dydx" && plan.buy.map(\.venue) == ["tok_eth"])
        let rendered = scenario.resolvedYAML()
        let reloaded = try Scenario.parse(text: rendered, file: "r.yaml")
        #expect(reloaded.resolvedYAML() == rendered)
    }
}
