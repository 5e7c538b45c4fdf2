import Testing
@testable import Scenarios

@Suite("twap-manipulation and oracle-bribe input")
struct MarketAttackInputTests {
    static let twapKeys: [(String, String)] = [
        ("strategy", "twap-manipulation"), ("at", "12s"), ("capital", "{ETH: 1000}"), ("pool", "tok_eth"), ("push", "1"),
        ("blocks", "3"), ("market", "lender"), ("collateral", "TOK"), ("borrow", "ETH"), ("bundle_share", "0.5"),
    ]
    static let bribeKeys: [(String, String)] = [
        ("strategy", "oracle-bribe"), ("capital", "{ETH: 101, USDC: 30000}"), ("oracle", "eth_median"), ("sources", "2"),
        ("answer", "4000"), ("bribe", "10000"), ("bribe_asset", "USDC"), ("market", "usd_lender"), ("collateral", "ETH"),
        ("deposit", "100"), ("borrow", "USDC"),
    ]

    /// A scenario with a TWAP-priced market and a median-priced one; the attacker's keys in block
    /// style, one a line, `keys` with `changes` applied (an empty value drops the key, a new key is
    /// appended).
    static func scenario(_ keys: [(String, String)], _ changes: [String: String] = [:]) -> String {
        var lines = keys.compactMap { key, value -> String? in
            let text = changes[key] ?? value
            return text.isEmpty ? nil : "    \(key): \(text)"
        }
        for (key, value) in changes.sorted(by: { $0.key < $1.key }) where !keys.contains(where: { $0.0 == key }) {
            lines.append("    \(key): \(value)")
        }
        return """
        name: s
        duration: 1m
        chain: {native_asset: ETH, block_time: 12s, gas_price: 0}
        assets:
          ETH: {decimals: 18, price: 3000, process: {model: constant}}
          TOK: {decimals: 18, price: 30, process: {model: constant}}
          USDC: {decimals: 6, price: 1, process: {model: constant}}
        pools:
          tok_eth: {token0: TOK, token1: ETH, reserve0: 40000, fee: 0}
          eth_usdc: {token0: ETH, token1: USDC, reserve0: 100, fee: 0}
        oracles:
          tok_twap: {type: twap, pool: tok_eth, base: TOK, window: 36, unit: ETH}
          eth_one: {type: constant, value: 1, unit: ETH}
          feed_a: {type: push, source: ETH}
          feed_b: {type: push, source: ETH}
          usd_fixed: {type: constant, value: 3000}
          eth_median: {type: median, members: [feed_a, feed_b, usd_fixed]}
          usd_one: {type: constant, value: 1}
        lending_markets:
          lender:
            unit: ETH
            assets:
              TOK: {oracle: tok_twap, collateral_factor: 0.5, borrowable: false}
              ETH: {oracle: eth_one, supply: 100000}
          usd_lender:
            assets:
              ETH: {oracle: eth_median, collateral_factor: 0.8, borrowable: false}
              USDC: {oracle: usd_one, supply: 1000000}
        agents:
          attacker:
        \(lines.joined(separator: "\n"))
        """
    }

    /// "s.yaml:LINE:COLUMN:" of `key`'s value in `text`.
    static func location(of key: String, in text: String) -> String {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let index = lines.firstIndex { $0.hasPrefix("    \(key): ") }!
        return "s.yaml:\(index + 1):\(4 + key.count + 2 + 1):"
    }

    static let catalogue: [(twap: Bool, key: String, value: String, phrase: String)] = [
        (true, "pool", "tok_et", "did you mean 'tok_eth'"),
        (true, "pool", "eth_usdc", "must trade the collateral TOK for the borrowed ETH"),
        (true, "push", "-0.5", "expected a positive number"),
        (true, "push", ".nan", "finite"),
        (true, "blocks", "4", "leave no block for the borrow"),
        (true, "blocks", "0", "expected an integer in"),
        (true, "collateral", "ETH", "must not be the native asset"),
        (true, "unwind", "3", "expected true or false"),
        (true, "bundle_share", "1.5", "expected a number in [0, 1]"),
        (true, "buy", "{tok_eth: 1}", "not a key of strategy twap-manipulation"),
        (false, "oracle", "feed_a", "not a median oracle"),
        (false, "oracle", "eth_medain", "did you mean 'eth_median'"),
        (false, "sources", "3", "usd_fixed of eth_median is not a push oracle"),
        (false, "sources", "4", "expected an integer in"),
        (false, "answer", "0", "expected a positive number"),
        (false, "bribe", "-1", "must not be negative"),
        (false, "bribe_asset", "USD", "unknown asset 'USD'"),
        (false, "deposit", ".inf", "finite"),
        (false, "collateral", "TOK", "not listed in market usd_lender"),
        (false, "push", "1", "not a key of strategy oracle-bribe"),
    ]

    @Test("Each bad key of the two strategies gives a message at its value's line and column", arguments: catalogue)
    func catalogueCase(twap: Bool, key: String, value: String, phrase: String) throws {
        let text = Self.scenario(twap ? Self.twapKeys : Self.bribeKeys, [key: value])
        try expectLocatedInputError(text, at: Self.location(of: key, in: text), saying: phrase)
    }

    @Test("A spot-oracle-borrow attacker given another strategy's key is refused at it")
    func foreignKeyOnSpotOracleBorrow() throws {
        let text = AttackInputTests.scenario(
            "{strategy: spot-oracle-borrow, market: lender, collateral: TOK, borrow: ETH, buy: {tok_eth: 1}, bundle_share: 0.5}")
        try expectLocatedInputError(text, at: "s.yaml:21:", saying: "agents.attacker.bundle_share: not a key of strategy spot-oracle-borrow")
    }

    @Test("Both strategies decode with their defaults and their resolved forms reload to themselves")
    func roundTrips() throws {
        for (keys, changes) in [(Self.twapKeys, ["bundle_share": "", "private": "false"]), (Self.bribeKeys, ["bribe_asset": ""])] {
            let scenario = try Scenario.parse(text: Self.scenario(keys, changes), file: "s.yaml")
            let rendered = scenario.resolvedYAML()
            let reloaded = try Scenario.parse(text: rendered, file: "r.yaml")
            #expect(reloaded.resolvedYAML() == rendered)
            switch try #require(scenario.attacker).strategy {
            case .twapManipulation(let plan):
                // `private: false` makes the default bundle share 0.
                #expect(plan.bundleShare == 0 && plan.blocks == 3 && plan.push == 1 && plan.pool == "tok_eth" && plan.unwind)
            case .oracleBribe(let plan):
                #expect(plan.bribeAsset == "USDC" && plan.sources == 2 && plan.bribe == "10000" && plan.deposit == "100")
            default:
                Issue.record("wrong strategy")
            }
        }
    }
}
