import Testing
@testable import Scenarios

@Suite("Cascade-trigger input")
struct CascadeTriggerInputTests {
    /// A minimal scenario whose attacker has the valid keys, with `change` replacing (or, for a new
    /// key, adding) one line; the strategy's keys start at line 26 in the order of ``validKeys``, an added key
    /// goes on line 31.
    static func scenario(_ change: (key: String, line: String)? = nil) -> String {
        var lines = validKeys.map { "    \($0.key): \($0.value)" }
        if let change {
            if let index = validKeys.firstIndex(where: { $0.key == change.key }) {
                lines[index] = "    \(change.line)"
            } else {
                lines.append("    \(change.line)")
            }
        }
        return """
        name: s
        duration: 1m
        chain: {native_asset: ETH, block_time: 12s, gas_price: 0}
        assets:
          ETH: {decimals: 18, price: 3000, process: {model: constant}}
          USDC: {decimals: 6, price: 1, process: {model: constant}}
          DAI: {decimals: 18, price: 1, process: {model: constant}}
        pools:
          eth_usdc: {token0: ETH, token1: USDC, reserve0: 500, fee: 0.003}
          dai_usdc: {token0: DAI, token1: USDC, reserve0: 1000000, fee: 0.003}
          eth_dai: {token0: ETH, token1: DAI, reserve0: 500, fee: 0.003}
        flash_loans:
          aave: {ETH: {liquidity: 1000}}
          maker: {DAI: {liquidity: 1000}}
        oracles:
          eth_spot: {type: spot, pool: eth_usdc, base: ETH}
          one: {type: constant, value: 1}
        lending_markets:
          lender:
            assets:
              ETH: {oracle: eth_spot, collateral_factor: 0.8, borrowable: false}
              USDC: {oracle: one, supply: 1000000}
        agents:
          attacker:
            strategy: cascade-trigger
        \(lines.joined(separator: "\n"))
        """
    }

    static let validKeys: [(key: String, value: String)] = [
        ("market", "lender"), ("pool", "eth_usdc"), ("collateral", "ETH"), ("sell", "100"), ("flash_loan", "aave"),
    ]

    /// (key, replacement line, expected location prefix, phrase).
    static let catalogue: [(String, String, String, String)] = [
        ("market", "market: lendr", "s.yaml:26:13:", "did you mean 'lender'"),
        ("pool", "pool: eth_usd", "s.yaml:27:11:", "did you mean 'eth_usdc'"),
        ("pool", "pool: dai_usdc", "s.yaml:27:11:", "does not trade ETH"),
        ("pool", "pool: eth_dai", "s.yaml:27:11:", "pays DAI, which market lender does not list"),
        ("collateral", "collateral: DAI", "s.yaml:28:17:", "not listed in market lender"),
        ("sell", "sell: -1", "s.yaml:29:11:", "must not be negative"),
        ("sell", "sell: .nan", "s.yaml:29:11:", "finite"),
        ("sell", "sel: 100", "s.yaml:29:5:", "did you mean 'sell'"),
        ("flash_loan", "flash_loan: aav", "s.yaml:30:17:", "did you mean 'aave'"),
        ("flash_loan", "flash_loan: maker", "s.yaml:30:17:", "does not lend ETH"),
        ("max_liquidations", "max_liquidations: 1.5", "s.yaml:31:23:", "expected an integer in [0, 1000]"),
        ("max_liquidations", "max_liquidations: 1001", "s.yaml:31:23:", "expected an integer in [0, 1000]"),
        ("buy_back", "buy_back: 3", "s.yaml:31:15:", "expected true or false"),
        ("buy_back", "buy_back: false", "s.yaml:31:15:", "set revert_if_unprofitable: false"),
        ("buy", "buy: {eth_usdc: 1}", "s.yaml:31:5:", "not a key of strategy cascade-trigger"),
    ]

    @Test("Each bad cascade-trigger key gives a located message", arguments: catalogue)
    func catalogueCase(key: String, line: String, location: String, phrase: String) throws {
        try expectLocatedInputError(Self.scenario((key, line)), at: location, saying: phrase)
    }

    @Test("A missing sell amount is reported at the attacker")
    func missingSell() throws {
        let text = Self.scenario().replacingOccurrences(of: "    sell: 100\n", with: "")
        try expectLocatedInputError(text, at: "s.yaml:25:5:", saying: "missing required key 'sell'")
    }

    @Test("The strategy decodes with its defaults and the resolved form reloads to itself")
    func roundTrips() throws {
        let scenario = try Scenario.parse(text: Self.scenario(), file: "s.yaml")
        let attacker = try #require(scenario.attacker)
        guard case .cascadeTrigger(let plan) = attacker.strategy else { Issue.record("strategy"); return }
        #expect(plan.market == "lender" && plan.pool == "eth_usdc" && plan.collateral == "ETH" && plan.debt == "USDC")
        #expect(plan.sell == "100" && plan.maxLiquidations == 10 && plan.flashLoan == "aave" && plan.buyBack)
        let resolved = scenario.resolvedYAML()
        #expect(resolved.contains("strategy: cascade-trigger") && resolved.contains("max_liquidations: 10"))
        #expect(try Scenario.parse(text: resolved, file: "s.yaml").resolvedYAML() == resolved)
    }
}
