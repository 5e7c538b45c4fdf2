import Foundation
import Testing
@testable import Scenarios

/// `oracles:`, `lending_markets:`, `agents.borrowers` and `agents.liquidators`: decoded into the
/// typed model, rendered so that they reload, and rejected with located messages.
@Suite("Lending scenario input")
struct LendingInputTests {
    static let valid = """
    duration: 1h
    chain: {native_asset: ETH}
    assets:
      ETH: {price: 3000}
      USDC: {decimals: 6, price: 1}
    pools:
      p: {token0: ETH, token1: USDC, reserve0: 300}
    oracles:
      eth: {type: spot, pool: p}
      eth_twap: {type: twap, pool: p, base: ETH, window: 10m, geometric: true}
      eth_median: {type: median, members: [eth, eth_twap]}
      one: {type: constant, value: 1}
    lending_markets:
      m:
        close_factor: 0.5
        insurance_fund: {USDC: 1000}
        assets:
          ETH: {oracle: eth_median, collateral_factor: 0.75, liquidation_threshold: 0.8, bonus: 0.1, borrowable: false}
          USDC: {oracle: one, supply: 1000000, borrow_cap: 500000}
    agents:
      borrowers: {count: 2, market: m, collateral: ETH, amount: 10, debt: USDC, health: 1.25}
      liquidators: {count: 1, market: m, capital: {USDC: 10000}, gas_price_cap: 50}
    """

    @Test("Oracles, markets, borrowers and liquidators decode with their defaults")
    func decodes() throws {
        let scenario = try Scenario.parse(text: Self.valid, file: "s.yaml")
        #expect(scenario.oracles.map(\.id) == ["eth", "eth_twap", "eth_median", "one"])
        guard case .spot(let pool, let base) = scenario.oracles[0].kind else { Issue.record("not spot"); return }
        #expect(pool == "p" && base == "ETH")
        guard case .twap(_, _, let window, let geometric) = scenario.oracles[1].kind else { Issue.record("not twap"); return }
        #expect(window == 600 && geometric)
        let market = try #require(scenario.lendingMarkets.first)
        #expect(market.unit == "USD" && !market.isolated && market.closeFactor == 0.5)
        #expect(market.assets[0].liquidationThreshold == 0.8 && !market.assets[0].borrowable)
        #expect(market.assets[1].collateralFactor == 0 && market.assets[1].liquidationThreshold == 0 && market.assets[1].borrowCap == 500_000)
        #expect(scenario.borrowers?.count == 2 && scenario.liquidators?.gasPriceCap == 50)
        #expect(scenario.liquidators?.priorityFee == 1)
    }

    @Test("The resolved form reloads to itself")
    func roundTrips() throws {
        let resolved = try Scenario.parse(text: Self.valid, file: "s.yaml").resolvedYAML()
        #expect(resolved.contains("eth_median: {type: median, members: [eth, eth_twap], unit: \"USD\"}"))
        #expect(try Scenario.parse(text: resolved, file: "r.yaml").resolvedYAML() == resolved)
    }

    static let catalogue: [(String, String, String)] = [
        (valid.replacingOccurrences(of: "type: spot", with: "type: sopt"), "s.yaml:9:", "did you mean 'spot'?"),
        (valid.replacingOccurrences(of: "members: [eth, eth_twap]", with: "members: [eth, later]"), "s.yaml:11:", "declared before"),
        (valid.replacingOccurrences(of: "{type: spot, pool: p}", with: "{type: spot, pool: p, base: BTC}"), "s.yaml:9:", "unknown asset 'BTC'"),
        (valid.replacingOccurrences(of: "pool: p}", with: "pool: p, window: 1h}"), "s.yaml:9:", "not a parameter of oracle type 'spot'"),
        (valid.replacingOccurrences(of: "oracle: eth_median", with: "oracle: eth_medain"), "s.yaml:18:", "did you mean 'eth_median'?"),
        (valid.replacingOccurrences(of: "one: {type: constant, value: 1}", with: "one: {type: constant, value: 1, unit: EUR}"),
         "s.yaml:19:", "answers in EUR"),
        (valid.replacingOccurrences(of: "liquidation_threshold: 0.8", with: "liquidation_threshold: 0.7"), "s.yaml:18:", "at least the collateral factor"),
        (valid.replacingOccurrences(of: "close_factor: 0.5", with: "close_factor: 0"), "s.yaml:15:", "close factor must be in (0, 1]"),
        // Below one unit of the market's 18-decimal fixed point it would be 0 there.
        (valid.replacingOccurrences(of: "close_factor: 0.5", with: "close_factor: 1e-300"), "s.yaml:15:", "at least 1e-18"),
        (valid.replacingOccurrences(of: "debt: USDC", with: "debt: ETH"), "s.yaml:21:", "must differ"),
        (valid.replacingOccurrences(of: "count: 2, market: m", with: "count: 2, market: n"), "s.yaml:21:", "unknown lending market 'n'"),
        (valid.replacingOccurrences(of: "health: 1.25", with: "health: -1"), "s.yaml:21:", "positive"),
        (valid.replacingOccurrences(of: "count: 2, market: m", with: "count: 1000001, market: m"), "s.yaml:21:",
         "expected an integer in [0, 1000000], got 1000001"),
    ]

    @Test("A drawn population of up to a million borrowers is accepted")
    func millionBorrowers() throws {
        let scenario = try Scenario.parse(text: Self.valid.replacingOccurrences(of: "count: 2, market: m", with: "count: 1000000, market: m"),
                                          file: "s.yaml")
        #expect(scenario.borrowers?.count == 1_000_000)
    }

    @Test("Each bad lending input gives a located message", arguments: catalogue)
    func catalogueCase(text: String, location: String, phrase: String) throws {
        try expectLocatedInputError(text, at: location, saying: phrase)
    }
}
