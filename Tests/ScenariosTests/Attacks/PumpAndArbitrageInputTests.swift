import Testing
@testable import Scenarios

@Suite("Pump-and-arbitrage input")
struct PumpAndArbitrageInputTests {
    /// A minimal bZx #1 world with `attacker` as the attacker's flow mapping (on line 24).
    static func scenario(_ attacker: String) -> String {
        """
        name: s
        duration: 1m
        chain: {native_asset: ETH, block_time: 12s, gas_price: 0}
        assets:
          ETH: {decimals: 18, price: 264.71}
          WBTC: {decimals: 8, price: 10344.8668}
          DAI: {decimals: 18, price: 1}
        pools:
          uniswap: {token0: ETH, token1: WBTC, reserve0: 2817.77, reserve1: 77.08}
          eth_dai: {token0: ETH, token1: DAI, reserve0: 100}
        flash_loans:
          dydx: {ETH: {liquidity: 10000}}
          maker: {DAI: {liquidity: 10000}}
        oracles:
          eth_one: {type: constant, value: 1, unit: ETH}
          wbtc_fixed: {type: constant, value: 36.48, unit: ETH}
          dai_fixed: {type: constant, value: 0.004, unit: ETH}
        lending_markets:
          compound: {unit: ETH, assets: {ETH: {oracle: eth_one, collateral_factor: 0.75}, WBTC: {oracle: wbtc_fixed, supply: 155.7}, DAI: {oracle: dai_fixed}}}
        margin_venues:
          bzx: {pool: uniswap, loan_asset: ETH, liquidity: 4858.74, leverage: 5, ocr: 1.153, oracle: wbtc_fixed, check_equity: false}
          fulcrum_dai: {pool: eth_dai, loan_asset: ETH, liquidity: 100, leverage: 2, ocr: 1.5, oracle: dai_fixed}
        agents:
          attacker: \(attacker)
        """
    }

    static let base = "strategy: pump-and-arbitrage, market: compound, collateral: ETH, borrow: WBTC, margin_venue: bzx"
    static let valid = "{\(base), collateral_amount: 5500, margin: 1300, flash_loan: dydx}"

    static func with(_ extra: String) -> String { "{\(base), \(extra)}" }

    static let catalogue: [(String, String, String)] = [
        ("{strategy: pump-and-arbitrag}", "s.yaml:24:", "did you mean 'pump-and-arbitrage'"),
        (with("collateral_amount: 1, margin: 1, market: compund").replacingOccurrences(of: "market: compound, ", with: ""),
         "s.yaml:24:", "did you mean 'compound'"),
        ("{strategy: pump-and-arbitrage, market: compound, collateral: USDC, borrow: WBTC, margin_venue: bzx, collateral_amount: 1, margin: 1}",
         "s.yaml:24:", "not listed"),
        ("{strategy: pump-and-arbitrage, market: compound, collateral: ETH, borrow: ETH, margin_venue: bzx, collateral_amount: 1, margin: 1}",
         "s.yaml:24:", "must differ"),
        (with("collateral_amount: 1, margin: 1").replacingOccurrences(of: "bzx", with: "bzxx"), "s.yaml:24:", "did you mean 'bzx'"),
        ("{strategy: pump-and-arbitrage, market: compound, collateral: ETH, borrow: DAI, margin_venue: bzx, collateral_amount: 1, margin: 1}",
         "s.yaml:24:", "its short must pump the borrowed asset"),
        ("{strategy: pump-and-arbitrage, market: compound, collateral: DAI, borrow: WBTC, margin_venue: bzx, collateral_amount: 1, margin: 1}",
         "s.yaml:24:", "lends ETH"),
        (with("collateral_amount: 1, margin: 1, pool: uniswop"), "s.yaml:24:", "did you mean 'uniswap'"),
        (with("collateral_amount: 1, margin: 1, pool: eth_dai"), "s.yaml:24:", "does not trade WBTC for ETH"),
        (with("margin: 1"), "s.yaml:24:", "missing required key 'collateral_amount'"),
        (with("collateral_amount: -5, margin: 1"), "s.yaml:24:", "negative"),
        (with("collateral_amount: 0, margin: 1"), "s.yaml:24:", "positive token amount"),
        (with("collateral_amount: 1, margin: .nan"), "s.yaml:24:", "finite"),
        (with("collateral_amount: 1, margin: lots"), "s.yaml:24:", "expected a decimal number"),
        (with("collateral_amount: 1, margin: 1, borrow_amount: 0.000000001"), "s.yaml:24:", "positive token amount"),
        (with("collateral_amount: 1, margin: 1, flash_loan: aave"), "s.yaml:24:", "unknown flash-loan provider"),
        (with("collateral_amount: 1, margin: 1, flash_loan: maker"), "s.yaml:24:", "does not lend ETH"),
        (with("collateral_amount: 1, margin: 1, unwind_after: -1h"), "s.yaml:24:", "must not be negative"),
        (with("collateral_amount: 1, margin: 1, unwind_after: 0s"), "s.yaml:24:", "positive duration"),
        (with("collateral_amount: 1, margin: 1, unwind_after: 6s"), "s.yaml:24:", "at least the block time (12 s)"),
        (with("collateral_amount: 1, margin: 1, unwind_after: 1h, unwind_slippage: 11"), "s.yaml:24:", "11"),
        (with("collateral_amount: 1, margin: 1, unwind_slippage: 0.01"), "s.yaml:24:", "only with unwind_after"),
        (with("collateral_amount: 1, margin: 1, unwind_afer: 1h"), "s.yaml:24:", "did you mean 'unwind_after'"),
        (with("collateral_amount: 1, margin: 1, buy: {uniswap: 1}"), "s.yaml:24:150:", "not a key of strategy pump-and-arbitrage"),
    ]

    @Test("Each bad pump-and-arbitrage input gives a located message", arguments: catalogue)
    func catalogueCase(text: String, location: String, phrase: String) throws {
        try expectLocatedInputError(Self.scenario(text), at: location, saying: phrase)
    }

    @Test("The strategy decodes with its defaults (the venue's pool, the most it can borrow, no unwinding) and the resolved form reloads to itself")
    func roundTrips() throws {
        for text in [Self.valid, Self.with("collateral_amount: 2470.08, margin: 1456.23, borrow_amount: 112, unwind_after: 30m, unwind_slippage: 0.01")] {
            let scenario = try Scenario.parse(text: Self.scenario(text), file: "s.yaml")
            guard case .pumpAndArbitrage(let plan) = try #require(scenario.attacker).strategy else { Issue.record("strategy"); return }
            #expect(plan.pool == "uniswap" && plan.marginVenue == "bzx" && plan.collateral == "ETH" && plan.borrow == "WBTC")
            let rendered = scenario.resolvedYAML()
            let reloaded = try Scenario.parse(text: rendered, file: "r.yaml")
            #expect(reloaded.resolvedYAML() == rendered)
        }
        let defaults = try Scenario.parse(text: Self.scenario(Self.valid), file: "s.yaml")
        guard case .pumpAndArbitrage(let plan) = try #require(defaults.attacker).strategy else { return }
        #expect(plan.borrowAmount == nil && plan.unwindAfter == nil && plan.flashLoan == "dydx")
        #expect(plan.collateralAmount == "5500" && plan.margin == "1300")
        let unwinding = try Scenario.parse(text: Self.scenario(Self.with("collateral_amount: 1, margin: 1, unwind_after: 30m")), file: "s.yaml")
        guard case .pumpAndArbitrage(let unwind) = try #require(unwinding.attacker).strategy else { return }
        #expect(unwind.unwindAfter == 1_800 && unwind.unwindSlippage == 0.05)
    }
}
