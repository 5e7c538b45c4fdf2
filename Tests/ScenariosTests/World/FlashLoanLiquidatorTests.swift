import Agents
import Testing
@testable import ProtocolModel
@testable import Scenarios

/// `flash_loans:` and `agents.liquidators.funding: flash-loan`: decoded, rendered, rejected with
/// located messages, and a liquidator without capital of the debt asset liquidating in one
/// flash-funded transaction with hand-computed amounts.
@Suite("Flash-loan liquidators")
struct FlashLoanLiquidatorTests {
    /// One borrower (10 ETH, 19,200 USDC of debt at 3,000, LT 0.8), a pool at 2,000 USDC/ETH, a
    /// liquidator holding 1 ETH for gas and no USDC, Aave-like flash loans at 0.09 %.
    static let scenario = """
    duration: 24s
    chain: {native_asset: ETH, gas_price: 10}
    assets:
      ETH: {price: 3000}
      USDC: {decimals: 6, price: 1}
    pools:
      p: {token0: ETH, token1: USDC, reserve0: 1000, reserve1: 2000000}
    flash_loans:
      aave: {USDC: {liquidity: 1000000, fee: 0.0009}, ETH: {liquidity: 50}}
    oracles:
      eth: {type: constant, value: 3000}
      one: {type: constant, value: 1}
    lending_markets:
      m:
        close_factor: 0.5
        assets:
          ETH: {oracle: eth, collateral_factor: 0.8, liquidation_threshold: 0.8, bonus: 0.1, borrowable: false}
          USDC: {oracle: one, supply: 1000000}
    agents:
      borrowers: {count: 1, market: m, collateral: ETH, amount: 10, debt: USDC, health: 1.25}
      liquidators: {count: 1, market: m, capital: {ETH: 1}, priority_fee: 0, funding: flash-loan, provider: aave}
    """

    @Test("flash_loans and a flash-funded liquidator decode, and the resolved form reloads to itself")
    func decodesAndRoundTrips() throws {
        let scenario = try Scenario.parse(text: Self.scenario, file: "s.yaml")
        #expect(scenario.flashLoans.map(\.id) == ["aave"])
        #expect(scenario.flashLoans[0].tokens.map(\.symbol) == ["USDC", "ETH"])
        #expect(scenario.flashLoan(provider: "aave", token: "USDC")?.fee == 0.0009)
        #expect(scenario.flashLoan(provider: "aave", token: "ETH")?.fee == 0)
        #expect(scenario.liquidators?.flashLoanProvider == "aave")
        let resolved = scenario.resolvedYAML()
        #expect(resolved.contains("  aave: {USDC: {liquidity: 1000000, fee: 0.0009}, ETH: {liquidity: 50, fee: 0}}"))
        #expect(resolved.contains("    funding: flash-loan\n    provider: aave"))
        #expect(try Scenario.parse(text: resolved, file: "r.yaml").resolvedYAML() == resolved)
    }

    static let catalogue: [(String, String, String)] = [
        (scenario.replacingOccurrences(of: "fee: 0.0009", with: "fee: 1"), "s.yaml:9:42:", "expected a number in [0, 1)"),
        (scenario.replacingOccurrences(of: "liquidity: 1000000", with: "liquidity: -5"), "s.yaml:9:28:", "must not be negative"),
        (scenario.replacingOccurrences(of: "{USDC: {liquidity", with: "{USDT: {liquidity"), "s.yaml:9:", "unknown asset 'USDT'"),
        (scenario.replacingOccurrences(of: "fee: 0.0009}", with: "fees: 0.0009}"), "s.yaml:9:", "did you mean 'fee'?"),
        (scenario.replacingOccurrences(of: "provider: aave", with: "provider: avae"), "s.yaml:21:105:", "unknown flash-loan provider 'avae'; did you mean 'aave'?"),
        (scenario.replacingOccurrences(of: "funding: flash-loan", with: "funding: flashloan"), "s.yaml:21:83:", "expected capital or flash-loan"),
        (scenario.replacingOccurrences(of: ", provider: aave", with: ""), "s.yaml:21:16:", "missing required key 'provider'"),
        (scenario.replacingOccurrences(of: "funding: flash-loan", with: "funding: capital"), "s.yaml:21:102:", "only used with funding: flash-loan"),
    ]

    @Test("Bad flash-loan input is rejected at its line with an actionable message", arguments: catalogue.indices)
    func rejects(_ index: Int) {
        let (text, location, fragment) = Self.catalogue[index]
        do {
            _ = try Scenario.parse(text: text, file: "s.yaml")
            Issue.record("case \(index) was accepted")
        } catch {
            let message = String(describing: error)
            #expect(message.hasPrefix(location), "case \(index): \(message)")
            #expect(message.contains(fragment), "case \(index): \(message)")
        }
    }

    /// The world of ``scenario`` (with `overrides`) with the ETH oracle moved to 2,000 after
    /// genesis: the borrower's health falls to 10 × 2,000 × 0.8 / 19,200 = 0.833.
    static func crashedWorld(_ overrides: [String] = []) throws -> World {
        let world = try World(scenario: Scenario.parse(text: scenario, file: "s.yaml", overrides: overrides), seed: 1)
        let oracle = try #require(world.state.oracles.firstIndex { $0.name == "eth" })
        world.state.oracles[oracle].kind = .constant(2_000 * FixedPoint.wad)
        return world
    }

    @Test("With no capital of the debt asset, a flash-funded liquidator ends with exactly out − repay − fee, gas paid from its own ETH")
    func flashFundedLiquidation() throws {
        let world = try Self.crashedWorld()
        let metrics = try world.run()
        #expect(metrics.liquidations == 1)
        let liquidator = world.liquidators[0].account
        let usdc = AssetID(1), eth = AssetID(0)
        // Repay ⌊0.5 × 19,200⌋ = 9,600 USDC; seize 9,600 × 1.1 / 2,000 = 5.28 ETH, all of which the
        // swap sells (`received`). Gas, paid in ETH outside the steps, is 21,000 + 250,000 + 100,000
        // + 50,000 + 30,000 = 451,000 units at 10 gwei = 0.00451 ETH of its own 1 ETH. In the
        // 1,000 ETH / 2,000,000 USDC pool at 0.3 % the sale returns
        // ⌊5.28e18·997·2e12 / (1e21·1000 + 5.28e18·997)⌋ = 10,473.187465 USDC; the flash-loan fee
        // is ⌈9,600 × 0.0009⌉ = 8.64 USDC.
        #expect(world.state.ledger.balance(usdc, of: liquidator) == 10_473_187_465 - 9_600_000_000 - 8_640_000)
        #expect(world.state.ledger.balance(eth, of: liquidator) == 1_000_000_000_000_000_000 - 4_510_000_000_000_000)
        // The provider holds its liquidity plus the fee; no flash loan is left open.
        let lender = world.state.flashLoanProviders[0].account
        #expect(world.state.ledger.balance(usdc, of: lender) == 1_000_000_000_000 + 8_640_000)
        #expect(world.state.flashDebts.isEmpty)
        #expect(world.state.debt(market: 0, slot: 1, account: world.borrowerAccounts[0]) == 9_600_000_000)
        try world.state.checkAllInvariants()
    }

    @Test("The same liquidator funded by its own capital, holding no USDC, liquidates nothing")
    func capitalFundedWithoutCapital() throws {
        let world = try Self.crashedWorld(["agents.liquidators.funding=capital", "agents.liquidators.provider=null"])
        #expect(try world.run().liquidations == 0)
    }

    @Test("A flash-loan fee that eats the whole margin stops the liquidation: the profit check includes the fee")
    func feeInProfitCheck() throws {
        // At a 9.5 % fee the fee (912 USDC) exceeds the sale's margin over the repayment (873.19 USDC).
        let world = try Self.crashedWorld(["flash_loans.aave.USDC.fee=0.095"])
        #expect(try world.run().liquidations == 0)
        #expect(world.state.ledger.balance(AssetID(1), of: world.liquidators[0].account) == 0)
    }
}
