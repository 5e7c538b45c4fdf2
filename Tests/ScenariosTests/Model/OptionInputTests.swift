import Testing
import Pricing
@testable import Scenarios

/// `option_vaults:`, `agents.option_traders` and `strategy: settlement-manipulation`: decoded with
/// their defaults, rendered so that they reload, rejected with located messages.
@Suite("Option scenario input")
struct OptionInputTests {
    /// Line numbers below are counted in this text (line 1 is `duration`).
    static let valid = """
    duration: 2h
    chain: {native_asset: ETH}
    assets:
      ETH: {price: 3000}
      USDC: {decimals: 6, price: 1}
    pools:
      eth_usdc: {token0: ETH, token1: USDC, reserve0: 100}
    oracles:
      eth_spot: {type: spot, pool: eth_usdc, base: ETH, unit: USDC}
      eth_usd: {type: spot, pool: eth_usdc, base: ETH}
    option_vaults:
      vault:
        underlying: ETH
        collateral: USDC
        price_oracle: eth_spot
        volatility: {model: implied, atm: 0.6}
        series: {strikes: {from: 2800, to: 3200, step: 200}, expiries: [30m, 1h]}
        deposits: {alice: 100000, bob: 2.5}
    agents:
      option_traders:
        count: 3
        rate: 2
        size: {dist: uniform, min: 0.1, max: 1}
        vol_view: {dist: normal, mean: 0.7, sd: 0.1}
        capital: {ETH: 1, USDC: 10000}
        margin: 5000
      attacker:
        strategy: settlement-manipulation
        capital: {ETH: 1, USDC: 1000}
        vault: vault
        series: {kind: call, strike: 3200, expiry: 1h}
        contracts: 2
        pool: eth_usdc
        amount: 500
    """

    @Test("A vault decodes with its defaults, its grid lists expiry-major, and the traders and the attack name it")
    func decodes() throws {
        let scenario = try Scenario.parse(text: Self.valid, file: "s.yaml")
        let vault = try #require(scenario.optionVaults.first)
        #expect(vault.id == "vault" && vault.underlying == "ETH" && vault.collateral == "USDC")
        #expect(vault.priceOracle == "eth_spot" && vault.settlementOracle == "eth_spot")
        #expect(vault.volatility == .implied(atm: 0.6, skew: 0))
        #expect(vault.spread == SpreadSpec(base: 0.02, perDelta: 0, perVega: 0, max: 0.5))
        #expect(vault.margin == OptionMarginSpec())
        #expect(vault.margin.volShocks == [0.7, 1, 1.3] && vault.margin.spotSteps == 7 && vault.margin.liquidationPenalty == 0.1)
        #expect(vault.hedge == nil && vault.keeper.balance == 10)
        #expect(vault.deposits.map(\.name) == ["alice", "bob"] && vault.deposits.map(\.amount) == ["100000", "2.5"])
        let listed = vault.series.listed
        #expect(listed.count == 12)
        #expect(listed.prefix(3).map(\.kind) == [.call, .put, .call] && listed.prefix(3).map(\.strike) == [2800, 2800, 3000])
        #expect(listed[6].expiry == 3_600 && listed[6].strike == 2_800)
        let traders = try #require(scenario.optionTraders)
        #expect(traders.vault == "vault" && traders.count == 3 && traders.margin == 5_000 && traders.slippage == 0.01)
        #expect(traders.directionView == nil)
        guard case .settlementManipulation(let plan) = scenario.attacker?.strategy else {
            Issue.record("not a settlement-manipulation attack")
            return
        }
        // 1h call at 3200: expiry-major index 6 + strike 3200 (third) × 2 kinds = 10.
        #expect(plan.series == 10 && plan.kind == .call && plan.holdBlocks == 0 && plan.flashLoan == nil && plan.maxPremium == nil && plan.targetPrice == nil)
    }

    @Test("The resolved form writes every option key and reloads to itself")
    func roundTrips() throws {
        let resolved = try Scenario.parse(text: Self.valid, file: "s.yaml").resolvedYAML()
        #expect(resolved.contains("    series: {strikes: {from: 2800, to: 3200, step: 200}, expiries: [1800s, 3600s], kinds: [call, put]}"))
        #expect(resolved.contains("    deposits: {\"alice\": 100000, \"bob\": 2.5}"))
        #expect(resolved.contains("  option_traders:"))
        #expect(resolved.contains("    series: {kind: call, strike: 3200, expiry: 3600s}"))
        let reloaded = try Scenario.parse(text: resolved, file: "r.yaml")
        #expect(reloaded.resolvedYAML() == resolved)
        let original = try Scenario.parse(text: Self.valid, file: "s.yaml")
        #expect(reloaded.optionVaults[0].series == original.optionVaults[0].series)
    }

    /// `valid` with `old` replaced by `new` (which must occur).
    static func with(_ old: String, _ new: String) -> String {
        precondition(valid.contains(old), old)
        return valid.replacingOccurrences(of: old, with: new)
    }

    @Test("Every option key is checked where it is written")
    func locatedErrors() throws {
        try expectLocatedInputError(Self.with("    underlying: ETH", "    underlyng: ETH"), at: "s.yaml:13:5:", saying: "did you mean 'underlying'")
        try expectLocatedInputError(Self.with("    collateral: USDC", "    collateral: ETH"), at: "s.yaml:14:17:", saying: "must differ")
        try expectLocatedInputError(Self.with("    price_oracle: eth_spot", "    price_oracle: eth_sport"), at: "s.yaml:15:19:",
                                    saying: "did you mean 'eth_spot'")
        try expectLocatedInputError(Self.with("    price_oracle: eth_spot", "    price_oracle: eth_usd"), at: "s.yaml:15:19:",
                                    saying: "answers in USD")
        try expectLocatedInputError(Self.with("{model: implied, atm: 0.6}", "{model: implyed, atm: 0.6}"), at: "s.yaml:16:25:",
                                    saying: "did you mean 'implied'")
        try expectLocatedInputError(Self.with("{model: implied, atm: 0.6}", "{model: implied, atm: 0}"), at: "s.yaml:16:39:",
                                    saying: "expected a number in [0.01, 10]")
        try expectLocatedInputError(Self.with("{model: implied, atm: 0.6}", "{model: implied, atm: 0.6, lambda: 0.9}"), at: "s.yaml:16:",
                                    saying: "not a parameter of volatility model 'implied'")
        try expectLocatedInputError(Self.with("{model: implied, atm: 0.6}", "{model: ewma, initial: .nan}"), at: "s.yaml:16:",
                                    saying: "not a finite number")
        try expectLocatedInputError(Self.with("step: 200}", "step: 0}"), at: "s.yaml:17:", saying: "expected a positive number")
        try expectLocatedInputError(Self.with("strikes: {from: 2800, to: 3200, step: 200}", "strikes: [3000, 2900]"), at: "s.yaml:17:",
                                    saying: "strikes must increase")
        try expectLocatedInputError(Self.with("expiries: [30m, 1h]", "expiries: [1h, 30m]"), at: "s.yaml:17:",
                                    saying: "expiries must increase")
        try expectLocatedInputError(Self.with("expiries: [30m, 1h]}", "expiries: [30m, 1h], kinds: [cal]}"), at: "s.yaml:17:",
                                    saying: "did you mean 'call'")
        try expectLocatedInputError(Self.with("deposits: {alice: 100000, bob: 2.5}", "deposits: {alice: 0}"), at: "s.yaml:18:",
                                    saying: "a deposit must be positive")
        try expectLocatedInputError(Self.with("deposits: {alice: 100000, bob: 2.5}", "deposits: {alice: 1}\n    spread: {base: 1}"),
                                    at: "s.yaml:19:", saying: "expected a number in [0, 1)")
        try expectLocatedInputError(Self.with("deposits: {alice: 100000, bob: 2.5}", "deposits: {alice: 1}\n    margin: {spot_steps: 1}"),
                                    at: "s.yaml:19:", saying: "expected an integer in [2, 101]")
        try expectLocatedInputError(Self.with("deposits: {alice: 100000, bob: 2.5}", "deposits: {alice: 1}\n    margin: {maintenace: 1}"),
                                    at: "s.yaml:19:", saying: "did you mean 'maintenance'")
        try expectLocatedInputError(Self.with("deposits: {alice: 100000, bob: 2.5}", "deposits: {alice: 1}\n    hedge: {pool: eth_usdc, every: 1s}"),
                                    at: "s.yaml:19:", saying: "more often than once a block")
        try expectLocatedInputError(Self.with("deposits: {alice: 100000, bob: 2.5}", "deposits: {alice: 1}\n    hedge: {pool: eth_usd}"),
                                    at: "s.yaml:19:", saying: "unknown pool 'eth_usd'")
        try expectLocatedInputError(Self.with("    price_oracle: eth_spot", "    price_oracle: eth_spot\n    settlement_oracle: twap"),
                                    at: "s.yaml:16:24:", saying: "unknown oracle 'twap'")
        try expectLocatedInputError(Self.with("deposits: {alice: 100000, bob: 2.5}", "deposits: {alice: 1}\n    keeper: {balance: -1}"),
                                    at: "s.yaml:19:", saying: "expected a number in [0, 1000000000000]")
        try expectLocatedInputError(Self.with("deposits: {alice: 100000, bob: 2.5}", "deposits: {alice: 1}\n    margin: {vol_shocks: []}"),
                                    at: "s.yaml:19:", saying: "expected 1 to 21 volatility multipliers")
        try expectLocatedInputError(Self.with("deposits: {alice: 100000, bob: 2.5}", "deposits: {alice: 1}\n    margin: {liquidation_penalty: 1}"),
                                    at: "s.yaml:19:", saying: "expected a number in [0, 1)")
        try expectLocatedInputError(Self.with("deposits: {alice: 100000, bob: 2.5}", "deposits: {alice: 1}\n    spread: {per_vega: -1}"),
                                    at: "s.yaml:19:", saying: "expected a number in [0, 1000000]")
    }

    @Test("Option traders' and the settlement attack's keys are checked where they are written")
    func agentErrors() throws {
        try expectLocatedInputError(Self.with("    rate: 2", "    rate: -2"), at: "s.yaml:22:11:", saying: "expected a number in")
        try expectLocatedInputError(Self.with("    count: 3", "    count: 3\n    vault: vult"), at: "s.yaml:22:12:", saying: "did you mean 'vault'")
        try expectLocatedInputError(Self.with("    margin: 5000", "    margin: 5000\n    slipage: 0.1"), at: "s.yaml:27:5:",
                                    saying: "did you mean 'slippage'")
        try expectLocatedInputError(Self.with("{ETH: 1, USDC: 10000}\n    margin", "{ETH: 1}\n    margin"), at: "s.yaml:26:13:",
                                    saying: "which the traders' capital does not hold")
        // A constant capital short of the margin stopped every world build with exit 1.
        try expectLocatedInputError(Self.with("{ETH: 1, USDC: 10000}\n    margin", "{ETH: 1, USDC: 4999.5}\n    margin"), at: "s.yaml:26:13:",
                                    saying: "each trader posts 5000 USDC but its capital holds only 4999.5")
        try expectLocatedInputError(Self.with("{kind: call, strike: 3200, expiry: 1h}", "{kind: call, strike: 3300, expiry: 1h}"),
                                    at: "s.yaml:31:13:", saying: "lists no call at strike 3300")
        try expectLocatedInputError(Self.with("    contracts: 2", "    contracts: 0"), at: "s.yaml:32:16:", saying: "positive number of contracts")
        try expectLocatedInputError(Self.with("    amount: 500", "    amount: 0"), at: "s.yaml:34:13:", saying: "swap a positive amount of USDC")
        try expectLocatedInputError(Self.with("    pool: eth_usdc", "    pool: eth_usdt"), at: "s.yaml:33:11:", saying: "did you mean 'eth_usdc'")
        try expectLocatedInputError(Self.with("    vault: vault\n", "    vault: vaults\n"), at: "s.yaml:30:12:", saying: "unknown option vault 'vaults'")
        try expectLocatedInputError(Self.with("{dist: uniform, min: 0.1, max: 1}", "{dist: uniform, min: 1, max: 0.1}"), at: "s.yaml:23:40:",
                                    saying: "max must be greater than min")
        try expectLocatedInputError(Self.with("    vol_view: {dist: normal, mean: 0.7, sd: 0.1}", "    direction_view: {dist: normal, mean: 0, sd: -1}"),
                                    at: "s.yaml:24:49:", saying: "expected a positive number")
        try expectLocatedInputError(Self.with("    amount: 500", "    amount: 500\n    hold_blocks: 400\n    target_price: 4000"),
                                    at: "s.yaml:35:18:", saying: "start before the attack does")
        try expectLocatedInputError(Self.with("    amount: 500", "    amount: 500\n    hold_blocks: 4"), at: "s.yaml:35:18:",
                                    saying: "needs target_price")
        try expectLocatedInputError(Self.with("    amount: 500", "    amount: 500\n    target_price: -1"), at: "s.yaml:35:19:",
                                    saying: "expected a number in")
        try expectLocatedInputError(Self.with("    amount: 500", "    amount: 500\n    max_premium: lots"), at: "s.yaml:35:18:",
                                    saying: "expected a decimal number")
        try expectLocatedInputError(Self.with("    amount: 500", "    amount: 500\n    flash_loan: aave"), at: "s.yaml:35:17:",
                                    saying: "unknown flash-loan provider")
        try expectLocatedInputError(Self.with("    amount: 500", "    amount: 500\n    market: m"), at: "s.yaml:35:13:",
                                    saying: "not a key of strategy settlement-manipulation")
    }
}
