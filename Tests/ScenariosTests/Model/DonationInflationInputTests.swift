import Testing
import ProtocolModel
@testable import Agents
@testable import Scenarios

/// The `donation-inflation` strategy: decoded with its defaults, rendered so that it reloads,
/// built with an owned wallet, rejected with located messages.
@Suite("Donation-inflation scenario input")
struct DonationInflationInputTests {
    static let valid = """
    duration: 1m
    chain: {native_asset: ETH}
    assets:
      ETH: {price: 4000}
      DAI: {price: 1}
    stable_pools:
      curve: {coins: [DAI, ETH], balances: [1000000, 250], amplification: 100}
    vaults:
      yUSD: {underlying: DAI, pool: curve, idle: 1000, invested: 0}
    flash_loans:
      maker: {DAI: {liquidity: 1000000}}
      aave: {ETH: {liquidity: 1000}}
    oracles:
      dai_usd: {type: constant, value: 1}
      eth_usd: {type: constant, value: 4000}
      share: {type: vault_share, vault: yUSD, underlying_oracle: dai_usd}
    lending_markets:
      cream:
        assets:
          V-yUSD: {oracle: share, collateral_factor: 0.75}
          ETH: {oracle: eth_usd, collateral_factor: 0.75, supply: 10}
          DAI: {oracle: dai_usd, supply: 1000}
    agents:
      attacker: {strategy: donation-inflation, vault: yUSD, market: cream, collateral_asset: ETH, collateral: 100, deposit: 1000, donation: 500, borrow: [ETH, DAI]}
    """

    @Test("The strategy decodes with its defaults (no loop, no flash loans) and its resolved form reloads to itself")
    func decodesAndRoundTrips() throws {
        let scenario = try Scenario.parse(text: Self.valid, file: "s.yaml")
        guard case .donationInflation(let plan) = scenario.attacker?.strategy else { Issue.record("not donation-inflation"); return }
        #expect(plan.loops == 0 && plan.flashLoans.isEmpty && plan.borrow == ["ETH", "DAI"] && plan.collateral == "100")
        let text = Self.valid.replacingOccurrences(of: "borrow: [ETH, DAI]}", with: "borrow: [ETH, DAI], loops: 2, flash_loans: {DAI: maker, ETH: aave}}")
        let resolved = try Scenario.parse(text: text, file: "s.yaml").resolvedYAML()
        #expect(resolved.contains("    loops: 2\n    donation: 500\n    borrow: [ETH, DAI]\n    flash_loans: {DAI: maker, ETH: aave}"))
        #expect(try Scenario.parse(text: resolved, file: "r.yaml").resolvedYAML() == resolved)
    }

    @Test("The world gives the attacker a wallet it owns, and the plan sends the wallet's steps as wallet calls")
    func buildsWallet() throws {
        let world = try World(scenario: Scenario.parse(text: Self.valid, file: "s.yaml"), seed: 1)
        let attacker = try #require(world.attacker), wallet = try #require(attacker.wallets.first)
        #expect(world.state.ledger.accountNames[wallet.index] == "attacker:wallet")
        #expect(world.state.walletOwners[wallet] == attacker.account)
        guard case .donationInflation(let plan, let account) = attacker.plan else { Issue.record("not donation-inflation"); return }
        let steps = plan.steps(account: account)
        // No flash loans: deposit, post, send and post the collateral, the final borrow, redeem,
        // hand back, donate, two borrows, a gain check per asset touched (DAI, ETH).
        #expect(steps.map(\.kind) == [.vaultDeposit, .deposit, .transfer, .deposit, .borrow, .vaultWithdraw, .transfer, .transfer,
                                      .borrow, .borrow, .check, .check])
        let walletSteps = steps.filter { if case .walletCall(let owner, _) = $0 { return owner == wallet } else { return false } }
        #expect(walletSteps.count == 4)
    }

    static let catalogue: [(String, String, String)] = [
        (valid.replacingOccurrences(of: "vault: yUSD, market", with: "vault: yUDS, market"), "s.yaml:24:", "did you mean 'yUSD'?"),
        (valid.replacingOccurrences(of: "market: cream,", with: "market: crem,"), "s.yaml:24:", "did you mean 'cream'?"),
        (valid.replacingOccurrences(of: "V-yUSD: {oracle: share, collateral_factor: 0.75}", with: "V-yUSD: {oracle: share, collateral_factor: 0.75, borrowable: false}"),
         "s.yaml:24:", "must list V-yUSD as collateral"),
        (valid.replacingOccurrences(of: "collateral_asset: ETH", with: "collateral_asset: DAI"), "s.yaml:24:", "must be collateral in cream"),
        (valid.replacingOccurrences(of: "collateral_asset: ETH", with: "collateral_asset: USDC"), "s.yaml:24:", "not listed in market cream"),
        (valid.replacingOccurrences(of: "collateral: 100,", with: "collateral: 0,"), "s.yaml:24:", "positive token amount"),
        (valid.replacingOccurrences(of: "deposit: 1000,", with: "deposit: -1,"), "s.yaml:24:", "deposit"),
        (valid.replacingOccurrences(of: "borrow: [ETH, DAI]", with: "borrow: [ETH, V-yUSD]"), "s.yaml:24:", "V-yUSD is the collateral the attack builds"),
        (valid.replacingOccurrences(of: "borrow: [ETH, DAI]", with: "borrow: [ETH, DIA]"), "s.yaml:24:", "did you mean 'DAI'?"),
        (valid.replacingOccurrences(of: "borrow: [ETH, DAI]", with: "borrow: []"), "s.yaml:24:", "at least one asset to borrow"),
        (valid.replacingOccurrences(of: "borrow: [ETH, DAI]}", with: "borrow: [ETH, DAI], loops: 101}"), "s.yaml:24:", "an integer in [0, 100], got 101"),
        (valid.replacingOccurrences(of: "borrow: [ETH, DAI]}", with: "borrow: [ETH, DAI], flash_loans: {DAI: aave}}"), "s.yaml:24:", "aave does not lend DAI"),
        (valid.replacingOccurrences(of: "borrow: [ETH, DAI]}", with: "borrow: [ETH, DAI], flash_loans: {DAI: maher}}"), "s.yaml:24:", "did you mean 'maker'?"),
        (valid.replacingOccurrences(of: "borrow: [ETH, DAI]}", with: "borrow: [ETH, DAI], flash_loans: {USDC: maker}}"), "s.yaml:24:", "only the vault's underlying DAI"),
        (valid.replacingOccurrences(of: "borrow: [ETH, DAI]}", with: "borrow: [ETH, DAI], push: 1}"), "s.yaml:24:", "not a key of strategy donation-inflation"),
    ]

    @Test("Each bad donation-inflation input gives a located message", arguments: catalogue)
    func catalogueCase(text: String, location: String, phrase: String) throws {
        try expectLocatedInputError(text, at: location, saying: phrase)
    }
}
