import ProtocolModel
import Testing
@testable import Scenarios

/// `agents.perp_liquidators`: decoded with its defaults, rendered so that it reloads, built into
/// funded accounts with their genesis deposits, rejected with located messages.
@Suite("Perp liquidator input")
struct PerpLiquidatorInputTests {
    static func scenario(_ liquidators: String, perp: String = "perp: {base: MNGO, quote: USDC, oracle: mngo_spot, liquidity: 50000}") -> String {
        """
        name: s
        duration: 5m
        chain: {native_asset: SOL, block_time: 1m, gas_price: 0.000000001}
        assets:
          SOL: {decimals: 9, price: 30, process: {model: constant}}
          USDC: {decimals: 6, price: 1, process: {model: constant}}
          MNGO: {decimals: 6, price: 0.04, process: {model: constant}}
        pools:
          spot: {token0: USDC, token1: MNGO, reserve0: 10000, reserve1: 250000, fee: 0.003}
        oracles:
          mngo_spot: {type: spot, pool: spot, base: MNGO, unit: USDC}
        perp_markets:
          \(perp)
        agents:
          perp_liquidators: \(liquidators)
        """
    }

    static let valid = "{count: 2, capital: {USDC: 20000, SOL: 1}, deposit: 15000.5}"

    @Test("It decodes with its defaults and the resolved form reloads to itself")
    func decodes() throws {
        let scenario = try Scenario.parse(text: Self.scenario(Self.valid), file: "s.yaml")
        let spec = try #require(scenario.perpLiquidators)
        #expect(spec.count == 2 && spec.market == "perp" && spec.deposit == "15000.5" && spec.priorityFee == 1 && spec.minProfit == 0)
        #expect(spec.latency == .constant(0) && spec.gasPriceCap == nil)
        let resolved = scenario.resolvedYAML()
        #expect(resolved.contains("  perp_liquidators:\n    count: 2\n    market: perp\n"), "\(resolved)")
        #expect(try Scenario.parse(text: resolved, file: "r.yaml").resolvedYAML() == resolved)
    }

    @Test("Each liquidator is funded and deposits its collateral at genesis")
    func buildsAccounts() throws {
        let world = try World(scenario: Scenario.parse(text: Self.scenario(Self.valid), file: "s.yaml"), seed: 1)
        #expect(world.perpLiquidators.map(\.name) == ["perp-liquidator-0", "perp-liquidator-1"])
        let usdc = AssetID(try #require(world.state.ledger.assets.firstIndex { $0.symbol == "USDC" }))
        for liquidator in world.perpLiquidators {
            #expect(world.state.perpAccount(market: 0, account: liquidator.account).collateral == 15_000_500_000)
            #expect(world.state.ledger.balance(usdc, of: liquidator.account) == 4_999_500_000)
        }
        #expect(world.state.perpMarkets[0].book.collateral == 30_001_000_000)
        try world.state.checkAllInvariants()
    }

    static let catalogue: [(String, String, String)] = [
        (scenario("{count: 1, capital: {USDC: 10}, deposit: 20}"), "s.yaml:15:", "deposits 20 USDC but its capital holds only 10"),
        (scenario("{count: 1, capital: {SOL: 10}, deposit: 20}"), "s.yaml:15:", "which the liquidators' capital does not hold"),
        (scenario("{count: 1, market: perpp, capital: {USDC: 10}, deposit: 1}"), "s.yaml:15:", "did you mean 'perp'?"),
        (scenario("{count: -1, capital: {USDC: 10}, deposit: 1}"), "s.yaml:15:", "an integer in [0, 1000]"),
        (scenario("{count: 1, capital: {USDC: 10}, deposit: -1}"), "s.yaml:15:", "must not be negative"),
        (scenario("{count: 1, capital: {USDC: 10}, deposit: 1, latency: -2}"), "s.yaml:15:", "negative"),
        (scenario("{count: 1, capital: {USDC: 10}, deposit: 1, latency: {dist: normal, mean: 2, sd: 1}}"), "s.yaml:15:", "can draw below 0"),
        (scenario("{count: 1, capital: {USDC: 10}, deposit: 1, gas_price_cap: -1}"), "s.yaml:15:", "[0, 1000000]"),
        (scenario("{count: 1, capital: {USDC: 10}, deposit: 1, unwind: true}"), "s.yaml:15:", "unknown key 'unwind'"),
        (scenario("{count: 1, capital: {USDC: 10}, deposit: 1}", perp: "{}").replacingOccurrences(of: "perp_markets:\n  {}\n", with: ""),
         "s.yaml:", "need a perp market"),
    ]

    @Test("Each bad perp_liquidators input gives a located message", arguments: catalogue)
    func catalogueCase(text: String, location: String, phrase: String) throws {
        try expectLocatedInputError(text, at: location, saying: phrase)
    }
}
