import Foundation
import Testing
@testable import Scenarios

/// `type: push`, `type: lp`, `twap` with `update: keeper`, and the per-asset guard keys:
/// decoded with their defaults, rendered so that they reload, rejected with located messages.
@Suite("Oracle scenario input")
struct OracleInputTests {
    static let valid = """
    duration: 1h
    chain: {native_asset: ETH}
    assets:
      ETH: {price: 3000}
      USDC: {decimals: 6, price: 1}
    pools:
      p: {token0: ETH, token1: USDC, reserve0: 300}
    oracles:
      one: {type: constant, value: 1}
      eth: {type: spot, pool: p}
      feed: {type: push, source: ETH, deviation: 0.01, heartbeat: 1h, latency: 2s, noise: 0.001}
      ktwap: {type: twap, update: keeper, pool: p, window: 30m, interval: 10m}
      lp_naive: {type: lp, pool: p, pricing: naive, token1_oracle: one}
      lp_fair: {type: lp, pool: p, pricing: fair, token0_oracle: feed, token1_oracle: one}
    lending_markets:
      m:
        assets:
          ETH: {oracle: eth, collateral_factor: 0.75, max_age: 1h, fallback: feed, max_deviation: 0.05, on_deviation: pause}
          USDC: {oracle: one, supply: 1000000}
    """

    @Test("Push, LP and keeper TWAP oracles and the guards decode with their defaults")
    func decodes() throws {
        let scenario = try Scenario.parse(text: Self.valid, file: "s.yaml")
        guard case .push(let push) = scenario.oracles[2].kind else { Issue.record("not push"); return }
        #expect(push.source == "ETH" && push.deviation == 0.01 && push.heartbeat == 3600 && push.latency == 2 && push.noise == 0.001)
        #expect(push.keeper == OracleKeeperSpec(priorityFee: 1, balance: 10))
        guard case .keeperTwap(let twap) = scenario.oracles[3].kind else { Issue.record("not a keeper TWAP"); return }
        #expect(twap.pool == "p" && twap.base == "ETH" && twap.window == 1800 && twap.interval == 600)
        guard case .lp(let naive) = scenario.oracles[4].kind, case .lp(let fair) = scenario.oracles[5].kind else { Issue.record("not lp"); return }
        #expect(!naive.fair && naive.token0Oracle == nil && naive.token1Oracle == "one")
        #expect(fair.fair && fair.token0Oracle == "feed")
        let guards = scenario.lendingMarkets[0].assets[0].guards
        #expect(guards == PriceGuardSpec(maxAge: 3600, fallback: "feed", maxDeviation: 0.05, pauseOnDeviation: true))
        #expect(scenario.lendingMarkets[0].assets[1].guards == PriceGuardSpec(maxAge: nil, fallback: nil, maxDeviation: nil, pauseOnDeviation: false))
    }

    @Test("The resolved form writes every default and reloads to itself")
    func roundTrips() throws {
        let resolved = try Scenario.parse(text: Self.valid, file: "s.yaml").resolvedYAML()
        #expect(resolved.contains("feed: {type: push, source: ETH, deviation: 0.01, heartbeat: 3600s, latency: 2s, noise: 0.001, priority_fee: 1, keeper_balance: 10, unit: \"USD\"}"))
        #expect(resolved.contains("max_age: 3600s, fallback: feed, max_deviation: 0.05, on_deviation: pause}"))
        #expect(try Scenario.parse(text: resolved, file: "r.yaml").resolvedYAML() == resolved)
    }

    static let catalogue: [(String, String, String)] = [
        (valid.replacingOccurrences(of: "type: push", with: "type: psuh"), "s.yaml:11:", "did you mean 'push'?"),
        (valid.replacingOccurrences(of: "source: ETH", with: "source: BTC"), "s.yaml:11:", "unknown asset 'BTC'"),
        (valid.replacingOccurrences(of: "deviation: 0.01", with: "deviation: 2"), "s.yaml:11:", "in [0, 1]"),
        (valid.replacingOccurrences(of: "heartbeat: 1h", with: "heartbeat: 0s"), "s.yaml:11:", "positive duration"),
        (valid.replacingOccurrences(of: "noise: 0.001}", with: "noise: 0.001, unit: EUR}"), "s.yaml:11:", "USD or a declared asset"),
        (valid.replacingOccurrences(of: "update: keeper", with: "update: kepeer"), "s.yaml:12:", "expected block or keeper"),
        (valid.replacingOccurrences(of: "window: 30m, interval", with: "window: 30m, geometric: true, interval"), "s.yaml:12:",
         "ktwap.geometric: `geometric` applies only with `update: block`"),
        (valid.replacingOccurrences(of: "update: keeper, pool: p", with: "pool: p"), "s.yaml:12:",
         "ktwap.interval: `interval` applies only with `update: keeper`"),
        (valid.replacingOccurrences(of: "update: keeper, pool: p, window: 30m, interval: 10m", with: "pool: p, window: 30m, keeper_balance: 1"),
         "s.yaml:12:", "ktwap.keeper_balance: `keeper_balance` applies only with `update: keeper`"),
        (valid.replacingOccurrences(of: "window: 30m, interval", with: "window: 30m, pricing: fair, interval"), "s.yaml:12:",
         "not a parameter of oracle type 'twap'"),
        (valid.replacingOccurrences(of: "pricing: naive", with: "pricing: fancy"), "s.yaml:13:", "expected naive or fair"),
        (valid.replacingOccurrences(of: "pricing: naive", with: "pricing: naive, token0_oracle: one"), "s.yaml:13:",
         "lp_naive.token0_oracle: `token0_oracle` applies only with `pricing: fair`"),
        (valid.replacingOccurrences(of: "token0_oracle: feed", with: "token0_oracle: lp_fair"), "s.yaml:14:", "declared before lp_fair"),
        (valid.replacingOccurrences(of: "token0_oracle: feed, ", with: ""), "s.yaml:14:", "token0_oracle"),
        (valid.replacingOccurrences(of: "fallback: feed", with: "fallback: fed"), "s.yaml:18:", "did you mean 'feed'?"),
        (valid.replacingOccurrences(of: "fallback: feed", with: "fallback: eth"), "s.yaml:18:", "must differ"),
        (valid.replacingOccurrences(of: "fallback: feed, ", with: ""), "s.yaml:18:", "needs a fallback"),
        (valid.replacingOccurrences(of: "max_deviation: 0.05, ", with: ""), "s.yaml:18:", "needs max_deviation"),
        (valid.replacingOccurrences(of: "on_deviation: pause", with: "on_deviation: halt"), "s.yaml:18:", "expected fallback or pause"),
        (valid.replacingOccurrences(of: "max_age: 1h", with: "max_age: -1h"), "s.yaml:18:", "negative"),
        (valid.replacingOccurrences(of: "max_age: 1h", with: "max_aeg: 1h"), "s.yaml:18:", "did you mean 'max_age'?"),
    ]

    @Test("Each bad oracle or guard input gives a located message", arguments: catalogue)
    func catalogueCase(text: String, location: String, phrase: String) throws {
        try expectLocatedInputError(text, at: location, saying: phrase)
    }
}
