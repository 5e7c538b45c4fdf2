import Testing
import ProtocolModel
@testable import Scenarios

/// The `stable_lp` oracle in a scenario: decoded, rendered so that it reloads, built into a world
/// whose lending market lists the stable pool's LP share as collateral, rejected with located
/// messages, and warned about when a coin's oracle prices another asset.
@Suite("Stable LP oracle scenario input")
struct StableLPOracleInputTests {
    static let valid = """
    duration: 1m
    chain: {native_asset: ETH}
    assets:
      ETH: {price: 400}
      USDC: {decimals: 6, price: 1}
      USDT: {decimals: 6, price: 1}
    stable_pools:
      curve: {coins: [USDC, USDT], balances: [1000000, 1000000], amplification: 100}
    oracles:
      usdc_one: {type: constant, value: 1}
      usdt_feed: {type: constant, value: 0.99}
      lp_naive: {type: stable_lp, pool: curve, pricing: naive, coin_oracles: {USDC: usdc_one, USDT: usdt_feed}}
      lp_virtual: {type: stable_lp, pool: curve, pricing: virtual_price, coin_oracles: {USDT: usdt_feed, USDC: usdc_one}}
    lending_markets:
      mkt:
        assets:
          LP-curve: {oracle: lp_virtual, collateral_factor: 0.8, liquidation_threshold: 0.85, bonus: 0.05}
          USDC: {oracle: usdc_one, supply: 100000}
    """

    @Test("It decodes with the coins' oracles in the pool's coin order, and the resolved form reloads to itself")
    func decodesAndRoundTrips() throws {
        let scenario = try Scenario.parse(text: Self.valid, file: "s.yaml")
        guard case .stableLP(let virtual) = scenario.oracles[3].kind else { Issue.record("not stable_lp"); return }
        #expect(virtual.pool == "curve" && virtual.virtualPrice && scenario.oracles[3].unit == "USD")
        #expect(virtual.coinOracles.map(\.coin) == ["USDC", "USDT"] && virtual.coinOracles.map(\.oracle) == ["usdc_one", "usdt_feed"])
        #expect(scenario.warnings.isEmpty)
        let resolved = scenario.resolvedYAML()
        #expect(resolved.contains("lp_virtual: {type: stable_lp, pool: curve, pricing: virtual_price, coin_oracles: {USDC: usdc_one, USDT: usdt_feed}, unit: \"USD\"}"))
        #expect(try Scenario.parse(text: resolved, file: "r.yaml").resolvedYAML() == resolved)
    }

    @Test("At genesis the balanced pool's share is worth (1 + 0.99) / 2 naively and 0.99 by the virtual price; the market prices its collateral by it")
    func buildsWorld() throws {
        let world = try World(scenario: Scenario.parse(text: Self.valid, file: "s.yaml"), seed: 1)
        let state = world.state
        #expect(try state.readOracle(2, at: 0).value == 995_000_000_000_000_000)
        #expect(try state.readOracle(3, at: 0).value == 990_000_000_000_000_000)
        let collateral = try #require(state.markets[0].assets.first { state.ledger.assets[$0.asset.index].symbol == "LP-curve" })
        #expect(try state.price(collateral.price, at: 0) == 990_000_000_000_000_000)
        try state.checkAllInvariants()
    }

    @Test("A coin's oracle that prices another asset warns at that coin")
    func warnsOnAnotherAssetsOracle() throws {
        let slip = try Scenario.parse(text: Self.valid.replacingOccurrences(
            of: "  usdc_one: {type: constant, value: 1}\n",
            with: "  usdc_one: {type: constant, value: 1}\n  eth_feed: {type: push, source: ETH}\n").replacingOccurrences(
            of: "coin_oracles: {USDC: usdc_one, USDT: usdt_feed}}\n  lp_virtual", with: "coin_oracles: {USDC: usdc_one, USDT: eth_feed}}\n  lp_virtual"),
            file: "s.yaml")
        #expect(slip.warnings.map(\.message) == [
            "oracles.lp_naive.coin_oracles.USDT: oracle eth_feed prices ETH, not USDT: lp_naive values USDT at ETH's price (intended when "
            + "USDT tracks ETH; otherwise name an oracle of USDT)"])
    }

    static let catalogue: [(String, String, String)] = [
        (valid.replacingOccurrences(of: "type: stable_lp, pool: curve, pricing: naive", with: "type: stable_lp, pool: cruve, pricing: naive"),
         "s.yaml:12:", "did you mean 'curve'?"),
        (valid.replacingOccurrences(of: "pricing: naive", with: "pricing: fair"), "s.yaml:12:", "expected naive or virtual_price, got 'fair'"),
        (valid.replacingOccurrences(of: "coin_oracles: {USDC: usdc_one, USDT: usdt_feed}}", with: "coin_oracles: {USDC: usdc_one}}"),
         "s.yaml:12:", "missing an oracle for USDT (stable pool curve holds USDC, USDT)"),
        (valid.replacingOccurrences(of: "coin_oracles: {USDC: usdc_one, USDT: usdt_feed}}", with: "coin_oracles: {USDC: usdc_one, USDT: usdt_feed, DAI: usdc_one}}"),
         "s.yaml:12:", "DAI"),
        (valid.replacingOccurrences(of: "USDC: usdc_one, USDT: usdt_feed}}\n  lp_virtual", with: "USDC: usdc_one, USDT: lp_virtual}}\n  lp_virtual"),
         "s.yaml:12:", "not an oracle declared before lp_naive"),
        (valid.replacingOccurrences(of: "usdt_feed: {type: constant, value: 0.99}", with: "usdt_feed: {type: constant, value: 0.99, unit: EUR}"),
         "s.yaml:12:", "answers in EUR"),
        (valid.replacingOccurrences(of: "pricing: naive, coin_oracles", with: "pricing: naive, token1_oracle: usdc_one, coin_oracles"),
         "s.yaml:12:", "not a parameter of oracle type 'stable_lp'"),
        (valid.replacingOccurrences(of: "type: stable_lp, pool: curve, pricing: naive", with: "type: stable_lpp, pool: curve, pricing: naive"),
         "s.yaml:12:", "did you mean 'stable_lp'?"),
    ]

    @Test("Each bad stable_lp input gives a located message", arguments: catalogue)
    func catalogueCase(text: String, location: String, phrase: String) throws {
        try expectLocatedInputError(text, at: location, saying: phrase)
    }
}
