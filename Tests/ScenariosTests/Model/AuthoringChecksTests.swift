import Foundation
import Testing
@testable import Scenarios

/// Mistakes a researcher makes writing a scenario, that used to pass `validate` and then stop the
/// run (a correlation matrix, a supply above its cap), answer nonsense (oracles in other units
/// aggregated), be silently clamped (a negative latency), or go unnoticed (an oracle of another
/// asset, a replay that does not start at the asset's price).
@Suite("Scenario authoring checks")
struct AuthoringChecksTests {
    static let twoAssets = """
    duration: 1h
    chain: {native_asset: ETH}
    assets:
      ETH: {price: 3000, process: {model: gbm, volatility: 0.8}}
      WBTC: {decimals: 8, price: 60000, process: {model: gbm, volatility: 0.6}}
      USDC: {decimals: 6, price: 1}
    pools:
      eth_usdc: {token0: ETH, token1: USDC, reserve0: 100}
      btc_usdc: {token0: WBTC, token1: USDC, reserve0: 10}
    """

    static func error(_ text: String, overrides: [String] = []) -> String? {
        do {
            _ = try Scenario.parse(text: text, file: "s.yaml", overrides: overrides)
            return nil
        } catch {
            return "\(error)"
        }
    }

    @Test("A correlation matrix that is not symmetric, has a diagonal entry other than 1, or is not positive definite is refused where it fails",
          arguments: [
            ("[[1, 0.9, 0], [0.1, 1, 0], [0, 0, 1]]", "s.yaml:10:29: correlation[1][0]: 0.1 differs from correlation[0][1] (0.9): a correlation matrix is symmetric"),
            ("[[1, 0, 0], [0, 0.5, 0], [0, 0, 1]]", "s.yaml:10:30: correlation[1][1]: a diagonal entry must be 1"),
            ("[[1, 0.9, -0.9], [0.9, 1, 0.9], [-0.9, 0.9, 1]]", "s.yaml:10:46: correlation[2]: the correlation matrix is not positive definite"),
          ])
    func correlation(matrix: String, expected: String) throws {
        let message = try #require(Self.error(Self.twoAssets + "\ncorrelation: \(matrix)"))
        #expect(message.hasPrefix(expected), "\(message)")
        #expect(Self.error(Self.twoAssets + "\ncorrelation: [[1, 0.5, 0], [0.5, 1, 0], [0, 0, 1]]") == nil)
    }

    static let market = twoAssets + """

    oracles:
      eth_spot: {type: spot, pool: eth_usdc}
      btc_spot: {type: spot, pool: btc_usdc}
      btc_in_eth: {type: push, source: WBTC, unit: ETH}
      usd: {type: constant, value: 1}
    lending_markets:
      mkt:
        unit: USD
        assets:
          ETH: {oracle: eth_spot, collateral_factor: 0.8}
          WBTC: {oracle: btc_spot, collateral_factor: 0.7}
          USDC: {oracle: usd, supply: 1000000, supply_cap: 2000000}
    """

    @Test("A genesis supply above the asset's supply cap is refused at `supply`; at the cap it is fine")
    func supplyAboveCap() throws {
        let message = try #require(Self.error(Self.market, overrides: ["lending_markets.mkt.assets.USDC.supply_cap=999999"]))
        #expect(message == "s.yaml:21:35: lending_markets.mkt.assets.USDC.supply: the genesis supply 1000000 USDC is above supply_cap 999999",
                "\(message)")
        #expect(Self.error(Self.market, overrides: ["lending_markets.mkt.assets.USDC.supply_cap=1000000"]) == nil)
    }

    @Test("A median, a lowest or an LP oracle refuses a member in another unit, at the member")
    func aggregateUnits() throws {
        for type in ["median", "lowest"] {
            let oracles = Self.market.replacingOccurrences(of: "  usd: {type: constant, value: 1}\n",
                                                    with: "  usd: {type: constant, value: 1}\n  agg: {type: \(type), members: [eth_spot, btc_in_eth]}\n")
            let message = try #require(Self.error(oracles), "\(type)")
            #expect(message.hasPrefix("s.yaml:15:43: oracles.agg.members[1]: oracle btc_in_eth answers in ETH, but agg answers in USD"), "\(message)")
        }
        let lp = Self.market.replacingOccurrences(of: "  usd: {type: constant, value: 1}\n", with: """
              usd: {type: constant, value: 1}
              lpo: {type: lp, pool: btc_usdc, pricing: fair, token0_oracle: btc_in_eth, token1_oracle: usd}

            """)
        let message = try #require(Self.error(lp))
        #expect(message.hasPrefix("s.yaml:15:65: oracles.lpo.token0_oracle: oracle btc_in_eth answers in ETH, but lpo answers in USD"), "\(message)")
    }

    @Test("A market asset priced by the oracle of another asset the market lists warns at its `oracle`; a proxy feed of an unlisted asset does not")
    func oracleOfAnotherAsset() throws {
        let slip = try Scenario.parse(text: Self.market.replacingOccurrences(of: "WBTC: {oracle: btc_spot", with: "WBTC: {oracle: eth_spot"),
                                      file: "s.yaml")
        #expect(slip.warnings.map(\.description) == [
            "s.yaml:20:22: warning: lending_markets.mkt.assets.WBTC.oracle: oracle eth_spot prices ETH, not WBTC: market mkt values WBTC at "
            + "ETH's price (intended when WBTC tracks ETH; otherwise name an oracle of WBTC)"])
        #expect(try Scenario.parse(text: Self.market, file: "s.yaml").warnings.isEmpty)
        let lp = try Scenario.parse(text: Self.market.replacingOccurrences(of: "  usd: {type: constant, value: 1}\n", with: """
              usd: {type: constant, value: 1}
              lpo: {type: lp, pool: eth_usdc, pricing: fair, token0_oracle: btc_spot, token1_oracle: usd}

            """), file: "s.yaml")
        #expect(lp.warnings.map(\.message) == [
            "oracles.lpo.token0_oracle: oracle btc_spot prices WBTC, not ETH: lpo values ETH at WBTC's price (intended when ETH tracks "
            + "WBTC; otherwise name an oracle of ETH)"])
        let compound = try Scenario.load(path: TestScenarios.repositoryRoot + "/scenarios/compound-dai-2020.yaml")
        #expect(compound.warnings.isEmpty, "a proxy feed (DAI priced by DAI_CB) is intended")
    }

    @Test("A latency is a duration or a distribution that cannot draw below 0")
    func latency() throws {
        let text = Self.twoAssets + "\nagents:\n  arbitrageurs: {count: 1, capital: {ETH: 10, USDC: 30000}, latency: 2s}"
        #expect(try Scenario.parse(text: text, file: "s.yaml").arbitrageurs?.latency == .constant(2))
        let negative = try #require(Self.error(text, overrides: ["agents.arbitrageurs.latency=-3"]))
        #expect(negative.hasSuffix("agents.arbitrageurs.latency: a duration must not be negative, got -3"), "\(negative)")
        let normal = try #require(Self.error(text, overrides: ["agents.arbitrageurs.latency={dist: normal, mean: 3, sd: 1}"]))
        #expect(normal.contains("agents.arbitrageurs.latency: a delay cannot be negative, but this distribution can draw below 0"), "\(normal)")
        #expect(Self.error(text, overrides: ["agents.arbitrageurs.latency={dist: uniform, min: 0, max: 6}"]) == nil)
    }

    @Test("A replayed asset whose price is not the replay's first warns at `price`; a matching one does not")
    func replayStart() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("replay-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try "time,price\n0,1000\n600,1100\n".write(toFile: folder + "/path.csv", atomically: true, encoding: .utf8)
        let text = """
        duration: 10m
        chain: {native_asset: ETH}
        assets:
          ETH: {price: 3000, process: {model: replay, file: path.csv}}
          USDC: {decimals: 6, price: 1}
        """
        let scenario = try Scenario.parse(text: text, file: folder + "/s.yaml")
        #expect(scenario.warnings.map(\.description) == [
            "\(folder)/s.yaml:4:16: warning: assets.ETH.price: 3000 is not the replay's price at time 0 (1000): pools, positions "
            + "and capital are set up at 3000, the reference price starts at 1000"])
        #expect(try Scenario.parse(text: text, file: folder + "/s.yaml", overrides: ["assets.ETH.price=1000"]).warnings.isEmpty)
    }
}
