import Agents
import GSL
import ProtocolModel

/// What the builder makes of `option_vaults:` and `agents.option_traders`, handed to the world.
struct OptionAgents {
    /// Core vault index per scenario vault id.
    var vaultIndices: [String: Int] = [:]
    var keepers: [OptionVaultKeeper] = []
    var traders: [OptionTrader] = []
    /// The vaults' LP and keeper accounts (party `option_vaults`).
    var vaultAccounts: [AccountID] = []
    var traderAccounts: [AccountID] = []
    /// Per vault and series, whether its settlement has been folded into the metrics.
    var settled: [[Bool]] = []
    /// Largest |settlement price − reference price| / reference price so far (nil: none settled).
    var maxSettlementDeviation: Double?
}

extension WorldBuilder {
    /// Builds each option vault after the oracles it reads (issue 7): its keeper
    /// (`option-keeper:ID`, endowed with its gas money), the vault itself, and its LPs
    /// (`vault-lp:ID:NAME`), each endowed with its deposit and depositing it at genesis through
    /// an ordinary `option_vault_deposit` step.
    mutating func buildOptionVaults() throws {
        let native = assetIDs[scenario.chain.nativeAsset]!
        for spec in scenario.optionVaults {
            let keeper = state.addAccount(named: "option-keeper:\(spec.id)")
            try endow(keeper, native, TokenUnits.fromDecimal(spec.keeper.balance, decimals: scenario.assets[native.index].decimals))
            let lps = spec.deposits.map { state.addAccount(named: "vault-lp:\(spec.id):\($0.name)") }
            let collateral = assetIDs[spec.collateral]!
            let index: Int
            do {
                index = try state.addOptionVault(
                    name: spec.id, underlying: assetIDs[spec.underlying]!, collateral: collateral,
                    priceOracle: oracleIndices[spec.priceOracle]!, settlementOracle: oracleIndices[spec.settlementOracle]!,
                    series: spec.series.listed.map { OptionSeries(underlying: 0, kind: $0.kind, strike: $0.strike, expiry: $0.expiry) },
                    volatility: Self.volatilityModel(spec.volatility),
                    spread: SpreadRule(base: spec.spread.base, perDelta: spec.spread.perDelta, perVega: spec.spread.perVega, max: spec.spread.max),
                    margin: Self.marginRule(spec.margin), keeper: keeper, liquidity: 0, provider: nil, shareholder: lps[0], timestamp: 0)
            } catch {
                throw WorldBuildError("option vault \(spec.id): \(text(of: error))")
            }
            for (lp, deposit) in zip(lps, spec.deposits) {
                let amount = try raw(deposit.amount, collateral)
                try endow(lp, collateral, amount)
                try genesis(lp, [.depositVault(vault: index, amount: .exact(amount))], what: "\(spec.id) deposit of \(deposit.name)")
            }
            optionAgents.vaultIndices[spec.id] = index
            optionAgents.vaultAccounts += [keeper] + lps
            optionAgents.keepers.append(OptionVaultKeeper(
                name: "option-keeper:\(spec.id)", account: keeper, vault: index,
                hedge: spec.hedge.map { (pool: poolIndices[$0.pool]!, every: $0.every) },
                priorityFee: GasPriceProcess.wei(gwei: spec.keeper.priorityFee)))
        }
    }

    /// The option traders, endowed from the stream `population:option_traders`; each posts its
    /// `margin` at genesis through an ordinary `deposit_margin` step.
    mutating func buildOptionTraders() throws {
        guard let spec = scenario.optionTraders else { return }
        let stream = RandomStream(replicationSeed: seed, name: "population:option_traders")
        let vault = optionAgents.vaultIndices[spec.vault]!
        let collateral = state.optionVaults[vault].collateral
        let margin = TokenUnits.fromDecimal(spec.margin, decimals: scenario.assets[collateral.index].decimals)
        for index in 0..<spec.count {
            let name = "option-trader-\(index)"
            let account = state.addAccount(named: name)
            try endow(account, spec.capital, stream)
            if margin > 0 {
                guard state.ledger.balance(collateral, of: account) >= margin else {
                    throw WorldBuildError("\(name): its capital holds less \(spec.vault) collateral than the margin it posts (\(spec.margin))")
                }
                try genesis(account, [.depositOptionMargin(vault: vault, amount: .exact(margin))], what: "\(name) option margin")
            }
            optionAgents.traderAccounts.append(account)
            optionAgents.traders.append(OptionTrader(
                name: name, account: account, vault: vault, rate: spec.rate / 3_600, size: spec.size, volatilityView: spec.volView,
                directionView: spec.directionView, slippageTolerance: spec.slippage, priorityFee: GasPriceProcess.wei(gwei: spec.priorityFee),
                minimumLife: 2 * Double(scenario.chain.blockTime), replicationSeed: seed))
        }
    }

    static func volatilityModel(_ spec: VolatilitySpec) -> VolatilityModel {
        switch spec {
        case .implied(let atm, let skew): return .implied(atm: atm, skew: skew)
        case .ewma(let lambda, let initial): return .ewma(lambda: lambda, initial: initial)
        }
    }

    static func marginRule(_ spec: OptionMarginSpec) -> OptionMarginRule {
        OptionMarginRule(riskArray: .uniform(spotRange: spec.spotShock, spotSteps: spec.spotSteps, volatilityMultipliers: spec.volShocks),
                         addOn: GreeksAddOn(volatilityBuffer: spec.volBuffer, spotGap: spec.spotGap),
                         maintenance: spec.maintenance, liquidationPenalty: spec.liquidationPenalty)
    }
}
