import Testing
import ProtocolModel
@testable import Scenarios

/// `stable_pools:`, `vaults:`, the `stable_spot` and `vault_share` oracles and the
/// `share-price-cycle` strategy: decoded, rendered so that they reload, built into the world at
/// genesis, rejected with located messages.
@Suite("Stable pool and vault scenario input")
struct StableSwapInputTests {
    static let valid = """
    duration: 1m
    chain: {native_asset: ETH}
    assets:
      ETH: {price: 400}
      USDC: {decimals: 6, price: 1}
      USDT: {decimals: 6, price: 1}
    stable_pools:
      curve: {coins: [USDC, USDT], balances: [1000000, 1000000], amplification: 100}
    vaults:
      fUSDC: {underlying: USDC, pool: curve, idle: 100000, invested: 900000, max_deviation: 0.03}
    flash_loans:
      uni: {USDC: {liquidity: 1000000}, USDT: {liquidity: 1000000}}
    oracles:
      usdc_curve: {type: stable_spot, pool: curve, base: USDC}
      usdc_one: {type: constant, value: 1}
      fusdc: {type: vault_share, vault: fUSDC, underlying_oracle: usdc_one}
    agents:
      attacker: {strategy: share-price-cycle, vault: fUSDC, push: 100000, deposit: 500000, flash_loan: uni}
    """

    @Test("Stable pools, vaults, their oracles and the strategy decode with their defaults")
    func decodes() throws {
        let scenario = try Scenario.parse(text: Self.valid, file: "s.yaml")
        let pool = scenario.stablePools[0], vault = scenario.vaults[0]
        #expect(pool.coins == ["USDC", "USDT"] && pool.balances == ["1000000", "1000000"] && pool.amplification == 100)
        #expect(pool.fee == 0.0004 && pool.feeUnits == 4_000_000)
        #expect(vault.valuation == "spot" && vault.accounting == "balance" && vault.maxDeviation == 0.03)
        guard case .stableSpot(let id, let base, let quote) = scenario.oracles[0].kind else { Issue.record("not stable_spot"); return }
        #expect(id == "curve" && base == "USDC" && quote == "USDT" && scenario.oracles[0].unit == "USDT")
        #expect(scenario.oracles[2].unit == "USD")
        guard case .sharePriceCycle(let plan) = scenario.attacker?.strategy else { Issue.record("not share-price-cycle"); return }
        #expect(plan.pushAsset == "USDT" && plan.cycles == 1 && plan.transactions == 1 && plan.flashLoan == "uni")
    }

    @Test("The resolved form writes every key and reloads to itself")
    func roundTrips() throws {
        let resolved = try Scenario.parse(text: Self.valid, file: "s.yaml").resolvedYAML()
        #expect(resolved.contains("  curve: {coins: [USDC, USDT], balances: [1000000, 1000000], amplification: 100, fee: 0.0004}"))
        #expect(resolved.contains("  fUSDC: {underlying: USDC, pool: curve, idle: 100000, invested: 900000, valuation: spot, accounting: balance, max_deviation: 0.03}"))
        #expect(try Scenario.parse(text: resolved, file: "r.yaml").resolvedYAML() == resolved)
    }

    @Test("The world funds the pool and the vault at genesis: 1.1M vault shares at a price of 1, oracles at par")
    func buildsWorld() throws {
        let world = try World(scenario: Scenario.parse(text: Self.valid, file: "s.yaml"), seed: 1)
        let state = world.state
        let pool = state.stablePools[0], vault = state.vaults[0]
        #expect(pool.pool.balances == [1_000_000_000_000, 1_000_000_000_000])
        #expect(state.ledger.balance(pool.shareAsset, of: vault.account) == UInt128(900_000) * 1_000_000_000_000_000_000)
        #expect(state.ledger.supply[vault.shareAsset.index] == 1_000_000_000_000)
        #expect(try state.vaultPricePerShare(0) == FixedPoint.wad)
        #expect(try state.readOracle(0, at: 0).value == FixedPoint.wad)
        #expect(try state.readOracle(2, at: 0).value == FixedPoint.wad)
        #expect(state.ledger.assets[vault.shareAsset.index].symbol == "V-fUSDC")
        try state.checkAllInvariants()
    }

    static let catalogue: [(String, String, String)] = [
        (valid.replacingOccurrences(of: "{coins: [USDC, USDT]", with: "{coin: [USDC, USDT]"), "s.yaml:8:", "did you mean 'coins'?"),
        (valid.replacingOccurrences(of: "coins: [USDC, USDT]", with: "coins: [USDC, USDC]"), "s.yaml:8:", "2 to 8 different coins"),
        (valid.replacingOccurrences(of: "coins: [USDC, USDT]", with: "coins: [USDC, DAI]"), "s.yaml:8:", "unknown asset 'DAI'"),
        (valid.replacingOccurrences(of: "balances: [1000000, 1000000]", with: "balances: [1000000]"), "s.yaml:8:", "expected 2 balances"),
        (valid.replacingOccurrences(of: "balances: [1000000, 1000000]", with: "balances: [0, 1000000]"), "s.yaml:8:", "must be positive"),
        // A trillion tokens against one: Curve's invariant overflows (the build failed with exit 1).
        (valid.replacingOccurrences(of: "balances: [1000000, 1000000]", with: "balances: [1000000000000, 1]"), "s.yaml:8:",
         "no StableSwap invariant"),
        (valid.replacingOccurrences(of: "amplification: 100}", with: "amplification: 0}"), "s.yaml:8:77:", "an integer in [1, 1000000], got 0"),
        (valid.replacingOccurrences(of: "amplification: 100}", with: "amplification: 100, fee: 0.7}"), "s.yaml:8:", "fee"),
        (valid.replacingOccurrences(of: "pool: curve, idle", with: "pool: curv, idle"), "s.yaml:10:", "did you mean 'curve'?"),
        (valid.replacingOccurrences(of: "{underlying: USDC", with: "{underlying: ETH"), "s.yaml:10:", "not a coin of stable pool curve"),
        (valid.replacingOccurrences(of: "max_deviation: 0.03", with: "valuation: sport"), "s.yaml:10:", "did you mean 'spot'?"),
        (valid.replacingOccurrences(of: "max_deviation: 0.03", with: "accounting: tracker"), "s.yaml:10:", "did you mean 'tracked'?"),
        (valid.replacingOccurrences(of: "max_deviation: 0.03", with: "max_deviation: 2"), "s.yaml:10:89:", "a number in [0, 1], got 2"),
        (valid.replacingOccurrences(of: "idle: 100000, invested: 900000", with: "idle: 0, invested: 0"), "s.yaml:10:", "some idle or invested"),
        // Genesis funds the vaults from the pool's D = 2,000,000 LP shares (the build failed with exit 1).
        (valid.replacingOccurrences(of: "invested: 900000", with: "invested: 2000000.000001"), "s.yaml:10:",
         "more than stable pool curve's invariant D leaves for this vault (2000000 USDC)"),
        (valid.replacingOccurrences(of: "max_deviation: 0.03}", with: "max_deviation: 0.03}\n  fUSDT: {underlying: USDT, pool: curve, idle: 0, invested: 1100001}"),
         "s.yaml:11:", "more than stable pool curve's invariant D leaves for this vault (1100000 USDT)"),
        (valid.replacingOccurrences(of: "type: stable_spot, pool: curve", with: "type: stable_spot, pool: cruve"), "s.yaml:14:", "did you mean 'curve'?"),
        (valid.replacingOccurrences(of: "pool: curve, base: USDC}", with: "pool: curve, base: ETH}"), "s.yaml:14:", "not a coin of stable pool"),
        (valid.replacingOccurrences(of: "pool: curve, base: USDC}", with: "pool: curve, base: USDC, unit: USD}"), "s.yaml:14:", "answers in its quote coin"),
        (valid.replacingOccurrences(of: "vault: fUSDC, underlying", with: "vault: fUSD, underlying"), "s.yaml:16:", "did you mean 'fUSDC'?"),
        (valid.replacingOccurrences(of: "underlying_oracle: usdc_one", with: "underlying_oracle: fusdc"), "s.yaml:16:", "not an oracle declared before"),
        (valid.replacingOccurrences(of: "strategy: share-price-cycle, vault: fUSDC", with: "strategy: share-price-cycle, vault: fUSDT"),
         "s.yaml:18:", "unknown vault 'fUSDT'"),
        (valid.replacingOccurrences(of: "push: 100000,", with: "push: 100000, push_asset: USDC,"), "s.yaml:18:", "push asset must be a coin"),
        (valid.replacingOccurrences(of: "push: 100000,", with: "push: 0,"), "s.yaml:18:", "positive token amount"),
        (valid.replacingOccurrences(of: "push: 100000,", with: "push: 100000, cycles: 0,"), "s.yaml:18:79:", "an integer in [1, 1000], got 0"),
        (valid.replacingOccurrences(of: "USDT: {liquidity: 1000000}}", with: "ETH: {liquidity: 1}}"), "s.yaml:18:", "does not lend USDT"),
        (valid.replacingOccurrences(of: "push: 100000,", with: "push: 100000, market: m,"), "s.yaml:18:", "not a key of strategy share-price-cycle"),
        (valid.replacingOccurrences(of: "vaults:", with: "vault:"), "s.yaml:9:", "did you mean 'vaults'?"),
    ]

    @Test("Each bad stable-pool, vault, oracle or strategy input gives a located message", arguments: catalogue)
    func catalogueCase(text: String, location: String, phrase: String) throws {
        try expectLocatedInputError(text, at: location, saying: phrase)
    }
}
