import Testing
@testable import Scenarios

@Suite("Cascade-trigger input")
struct CascadeTriggerInputTests {
    /// A minimal scenario whose attacker has the valid keys, with `change` replacing (or, for a new
    /// key, adding) one line; the strategy's keys start at line 30 in the order of ``validKeys``, an added key
    /// goes on line 35.
    static func scenario(_ change: (key: String, line: String)? = nil) -> String {
        scenario(changes: change.map { [$0] } ?? [])
    }

    /// The scenario with several changes, each replacing a valid key's line or appended in order.
    static func scenario(changes: [(key: String, line: String)]) -> String {
        var lines = validKeys.map { "    \($0.key): \($0.value)" }
        for change in changes {
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
          margin:
            assets:
              USDC: {oracle: one, collateral_factor: 0.8, borrowable: false}
              ETH: {oracle: eth_spot, supply: 100}
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
        ("market", "market: lendr", "s.yaml:30:13:", "did you mean 'lender'"),
        ("pool", "pool: eth_usd", "s.yaml:31:11:", "did you mean 'eth_usdc'"),
        ("pool", "pool: dai_usdc", "s.yaml:31:11:", "does not trade ETH"),
        ("pool", "pool: eth_dai", "s.yaml:31:11:", "pays DAI, which market lender does not list"),
        ("collateral", "collateral: DAI", "s.yaml:32:17:", "not listed in market lender"),
        ("sell", "sell: -1", "s.yaml:33:11:", "must not be negative"),
        ("sell", "sell: .nan", "s.yaml:33:11:", "finite"),
        ("sell", "sel: 100", "s.yaml:33:5:", "did you mean 'sell'"),
        ("flash_loan", "flash_loan: aav", "s.yaml:34:17:", "did you mean 'aave'"),
        ("flash_loan", "flash_loan: maker", "s.yaml:34:17:", "does not lend ETH"),
        ("max_liquidations", "max_liquidations: 1.5", "s.yaml:35:23:", "expected an integer in [0, 1000]"),
        ("max_liquidations", "max_liquidations: 1001", "s.yaml:35:23:", "expected an integer in [0, 1000]"),
        ("buy_back", "buy_back: 3", "s.yaml:35:15:", "expected true or false"),
        ("buy_back", "buy_back: false", "s.yaml:35:15:", "set revert_if_unprofitable: false"),
        ("buy", "buy: {eth_usdc: 1}", "s.yaml:35:10:", "not a key of strategy cascade-trigger"),
    ]

    @Test("Each bad cascade-trigger key gives a located message", arguments: catalogue)
    func catalogueCase(key: String, line: String, location: String, phrase: String) throws {
        try expectLocatedInputError(Self.scenario((key, line)), at: location, saying: phrase)
    }

    /// Combinations for a later buy-back and a short: (changes, expected location prefix, phrase).
    /// Replacing `flash_loan` (line 34) drops the flash loan; added keys follow on lines 35, 36.
    static let laterCatalogue: [([String], String, String)] = [
        (["flash_loan=buy_back_after: 30s"], "s.yaml:34:21:", "set revert_if_unprofitable: false"),
        (["buy_back_after=buy_back_after: 30s"], "s.yaml:35:21:", "cannot finance a later buy-back"),
        (["flash_loan=buy_back_after: 2m", "revert_if_unprofitable=revert_if_unprofitable: false"], "s.yaml:34:21:",
         "before the scenario ends"),
        (["flash_loan=buy_back_after: 0s", "revert_if_unprofitable=revert_if_unprofitable: false"], "s.yaml:34:21:",
         "after the attack"),
        (["flash_loan=revert_if_unprofitable: false", "buy_back=buy_back: false", "buy_back_after=buy_back_after: 30s"],
         "s.yaml:36:21:", "never buys back"),
        (["flash_loan=revert_if_unprofitable: false", "short=short: {market: lender, deposit: 1000}"], "s.yaml:35:12:",
         "set buy_back_after"),
        (["flash_loan=revert_if_unprofitable: false", "buy_back_after=buy_back_after: 30s", "short=short: {market: lendr, deposit: 1000}"],
         "s.yaml:36:21:", "did you mean 'lender'"),
        (["flash_loan=revert_if_unprofitable: false", "buy_back_after=buy_back_after: 30s", "short=short: {market: lender, deposit: 1000}"],
         "s.yaml:36:21:", "must lend ETH (borrowable) against USDC"),
        (["flash_loan=revert_if_unprofitable: false", "buy_back_after=buy_back_after: 30s", "short=short: {market: margin, deposit: -5}"],
         "s.yaml:36:38:", "must not be negative"),
        (["flash_loan=revert_if_unprofitable: false", "buy_back_after=buy_back_after: 30s", "short=short: {market: margin, deposit: 5, depsit: 1}"],
         "s.yaml:36:", "did you mean 'deposit'"),
        (["flash_loan=revert_if_unprofitable: false", "buy_back_after=buy_back_after: 30s", "short=short: {market: margin}"],
         "s.yaml:36:", "missing required key 'deposit'"),
    ]

    @Test("Each bad later buy-back or short gives a located message", arguments: laterCatalogue)
    func laterCase(changes: [String], location: String, phrase: String) throws {
        let pairs = changes.map { change in
            let parts = change.split(separator: "=", maxSplits: 1).map(String.init)
            return (key: parts[0], line: parts[1])
        }
        try expectLocatedInputError(Self.scenario(changes: pairs), at: location, saying: phrase)
    }

    @Test("A short with a later buy-back decodes, renders and reloads to itself")
    func shortRoundTrips() throws {
        let text = Self.scenario(changes: [("flash_loan", "revert_if_unprofitable: false"), ("buy_back_after", "buy_back_after: 30s"),
                                           ("short", "short: {market: margin, deposit: 1000.5}")])
        let scenario = try Scenario.parse(text: text, file: "s.yaml")
        guard case .cascadeTrigger(let plan) = try #require(scenario.attacker).strategy else { Issue.record("strategy"); return }
        #expect(plan.flashLoan == nil && plan.buyBackAfter == 30 && plan.short?.market == "margin" && plan.short?.deposit == "1000.5")
        let resolved = scenario.resolvedYAML()
        #expect(resolved.contains("buy_back_after: 30") && resolved.contains("short: {market: margin, deposit: 1000.5}"))
        #expect(try Scenario.parse(text: resolved, file: "s.yaml").resolvedYAML() == resolved)
    }

    @Test("A missing sell amount is reported at the attacker")
    func missingSell() throws {
        let text = Self.scenario().replacingOccurrences(of: "    sell: 100\n", with: "")
        try expectLocatedInputError(text, at: "s.yaml:29:5:", saying: "missing required key 'sell'")
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
