import Agents
import GSL
import ProtocolModel

/// A scenario that cannot be instantiated with this seed.
public struct WorldBuildError: Error, Sendable, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

/// Builds a world's state and agents from a scenario and a replication seed.
///
/// Order matters for reproducibility and is fixed: market assets (in scenario order, so
/// `AssetID(i)` is market asset i), the fee recipient, the genesis liquidity provider and its
/// pools, the populations — arbitrageurs, liquidity providers, noise traders — each drawing its
/// endowments from its own stream `population:<kind>`, then oracles, lending markets (with their
/// insurance funds and genesis suppliers), borrowers and liquidators. Flash-loan providers,
/// reserves and depots come just before the oracles (a reserve oracle reads its reserve), margin
/// venues just after them. Option vaults and option traders come after the liquidators, just
/// before the attacker.
struct WorldBuilder {
    let scenario: Scenario
    let seed: UInt64
    var state = ProtocolState()
    var market: ReferenceMarket
    var numeraire = Numeraire.usd
    var chainConfig: ChainConfig!
    var arbitrageurs: [Arbitrageur] = []
    var liquidityProviders: [LiquidityProvider] = []
    var noiseTraders: [NoiseTrader] = []
    var assetIDs: [String: AssetID] = [:]
    var poolIndices: [String: Int] = [:]
    var oracleIndices: [String: Int] = [:]
    var oracleKeepers = OracleKeepers()
    var marketIndices: [String: Int] = [:]
    /// Core flash-loan provider index per scenario provider id and lent asset.
    var flashLoanIndices: [String: [AssetID: Int]] = [:]
    /// Core reserve and depot index per scenario id.
    var reserveIndices: [String: Int] = [:]
    var depotIndices: [String: Int] = [:]
    var marginVenueIndices: [String: Int] = [:]
    /// Core stable-pool and vault index per scenario id.
    var stablePoolIndices: [String: Int] = [:]
    var vaultIndices: [String: Int] = [:]
    var liquidators: [Liquidator] = []
    var perpLiquidators: [PerpLiquidator] = []
    var attacker: Attacker?
    /// Option vaults' indices, keepers and traders (WorldBuilder+Options.swift).
    var optionAgents = OptionAgents()
    /// Borrower accounts, in creation order.
    var borrowerAccounts: [AccountID] = []
    /// What a researcher should know about how the world was built (``World/notes``).
    var notes: [String] = []
    /// The reacting borrowers, when the scenario gives them a behaviour.
    var borrowerReactions: BorrowerReactions?
    /// The accounts sending push-oracle rounds (their P&L is the oracle keepers').
    var oracleKeeperAccounts: [AccountID] = []
    /// The accounts that seed pools and stable pools at genesis (their P&L is the liquidity
    /// providers').
    var genesisLiquidityAccounts: [AccountID] = []

    init(scenario: Scenario, seed: UInt64) throws {
        self.scenario = scenario
        self.seed = seed
        let spec = ReferenceMarketSpec(
            assets: scenario.assets.map { ReferenceAsset(symbol: $0.symbol, initialPrice: $0.price, process: $0.process) },
            correlation: scenario.correlation,
            shocks: scenario.shocks.map { shock in
                PriceShock(at: shock.at, asset: scenario.assetIndex(shock.asset)!, move: shock.move, over: shock.over)
            },
            blockTime: Double(scenario.chain.blockTime),
            blockCount: scenario.blockCount + 1)
        do {
            market = try ReferenceMarket(spec: spec, replicationSeed: seed)
        } catch {
            throw WorldBuildError("reference market: \(error)")
        }
    }

    mutating func build() throws {
        for asset in scenario.assets {
            assetIDs[asset.symbol] = state.addAsset(Asset(symbol: asset.symbol, decimals: asset.decimals))
        }
        if scenario.numeraire != "USD", let id = assetIDs[scenario.numeraire] { numeraire = .asset(id) }
        let feeRecipient = state.addAccount(named: "block-builder")
        chainConfig = ChainConfig(blockTime: scenario.chain.blockTime, blockGasLimit: scenario.chain.blockGasLimit,
                                  gas: scenario.chain.gasUnits, nativeAsset: assetIDs[scenario.chain.nativeAsset]!,
                                  feeRecipient: feeRecipient)
        try buildPools()
        try buildArbitrageurs()
        try buildLiquidityProviders()
        try buildNoiseTraders()
        try buildFlashLoans()
        try buildVenues()
        try buildStableSwap()
        try buildOracles()
        try buildMarginVenues()
        try buildPerpMarkets()
        try buildLendingMarkets()
        try buildBorrowers()
        try buildLiquidators()
        try buildOptionVaults()
        try buildOptionTraders()
        try buildPerpLiquidators()
        try buildAttacker()
    }

    private mutating func buildPools() throws {
        guard !scenario.pools.isEmpty else { return }
        let genesis = state.addAccount(named: "genesis-lp")
        genesisLiquidityAccounts.append(genesis)
        poolIndices.reserveCapacity(scenario.pools.count)
        assetIDs.reserveCapacity(assetIDs.count + scenario.pools.count)
        for spec in scenario.pools {
            let token0 = assetIDs[spec.token0]!, token1 = assetIDs[spec.token1]!
            let reserve0 = try raw(spec.reserve0, token0), reserve1 = try raw(spec.reserve1, token1)
            try endow(genesis, token0, reserve0)
            try endow(genesis, token1, reserve1)
            let feePips = UInt128((spec.fee * 1_000_000).rounded())
            do {
                let index = try state.addPool(name: spec.id, token0: token0, token1: token1, reserve0: reserve0,
                                              reserve1: reserve1, feePips: feePips, provider: genesis, timestamp: 0)
                poolIndices[spec.id] = index
                assetIDs[PoolSpec.shareSymbol(spec.id)] = state.pools[index].shareAsset
            } catch {
                throw WorldBuildError("pool \(spec.id): \(text(of: error))")
            }
        }
    }

    private mutating func buildArbitrageurs() throws {
        guard let spec = scenario.arbitrageurs else { return }
        let stream = RandomStream(replicationSeed: seed, name: "population:arbitrageurs")
        for index in 0..<spec.count {
            let name = "arbitrageur-\(index)"
            let account = state.addAccount(named: name)
            try endow(account, spec.capital, stream)
            arbitrageurs.append(Arbitrageur(name: name, account: account, latency: spec.latency, minProfit: spec.minProfit,
                                            priorityFee: GasPriceProcess.wei(gwei: spec.priorityFee),
                                            slippageTolerance: spec.slippage, sizing: ArbitrageSizing(rawValue: spec.sizing)!,
                                            participation: spec.participation,
                                            replicationSeed: seed))
        }
    }

    private mutating func buildLiquidityProviders() throws {
        guard let spec = scenario.liquidityProviders else { return }
        let stream = RandomStream(replicationSeed: seed, name: "population:liquidity_providers")
        let window = Int((spec.volatilityWindow / Double(scenario.chain.blockTime)).rounded(.up))
        for index in 0..<spec.count {
            let name = "lp-\(index)"
            let account = state.addAccount(named: name)
            try endow(account, spec.capital, stream)
            liquidityProviders.append(LiquidityProvider(
                name: name, account: account, pool: poolIndices[spec.pool]!, window: window,
                threshold: spec.volatilityThreshold, cooldown: spec.cooldown,
                priorityFee: GasPriceProcess.wei(gwei: spec.priorityFee), blockTime: Double(scenario.chain.blockTime)))
        }
    }

    private mutating func buildNoiseTraders() throws {
        guard let spec = scenario.noiseTraders else { return }
        let stream = RandomStream(replicationSeed: seed, name: "population:noise_traders")
        for index in 0..<spec.count {
            let name = "noise-\(index)"
            let account = state.addAccount(named: name)
            try endow(account, spec.capital, stream)
            noiseTraders.append(NoiseTrader(name: name, account: account, pools: spec.pools.map { poolIndices[$0]! },
                                            rate: spec.rate / 3_600, size: spec.size, sizeAsset: spec.sizeAsset.map { assetIDs[$0]! },
                                            slippageTolerance: spec.slippage, priorityFee: GasPriceProcess.wei(gwei: spec.priorityFee),
                                            gasPriceCap: spec.gasPriceCap.map { GasPriceProcess.wei(gwei: $0) }, replicationSeed: seed))
        }
    }

    /// Draws each asset's whole-token amount for one agent and mints it.
    mutating func endow(_ account: AccountID, _ capital: CapitalSpec, _ stream: RandomStream) throws {
        for (symbol, distribution) in capital {
            let asset = assetIDs[symbol]!
            let amount = max(0, distribution.sample(stream))
            let decimals = scenario.assets[asset.index].decimals
            guard amount.isFinite, amount * pow10(decimals) < 0x1p112 else {
                throw WorldBuildError("\(state.ledger.accountNames[account.index]): \(symbol) endowment \(amount) exceeds the 2^112 raw-unit load limit")
            }
            // A written amount is the decimal written (2817.77); a drawn one, the double drawn.
            let raw = if case .constant = distribution { TokenUnits.fromDecimal(amount, decimals: decimals) }
                      else { TokenUnits.fromDouble(amount, decimals: decimals) }
            try endow(account, asset, raw)
        }
    }

    mutating func endow(_ account: AccountID, _ asset: AssetID, _ amount: UInt128) throws {
        do {
            try state.endow(asset, amount: amount, to: account)
        } catch {
            throw WorldBuildError("endowment: \(text(of: error))")
        }
    }

    /// An error's text for a build message: one naming amounts of the ledger's assets
    /// (``AssetAmountText``) reads them in their units and symbols.
    func text(of error: any Error) -> String {
        (error as? any AssetAmountText)?.text(assets: state.ledger.assets) ?? "\(error)"
    }

    func raw(_ text: String, _ asset: AssetID) throws -> UInt128 {
        do {
            return try TokenUnits.parse(text, decimals: state.ledger.assets[asset.index].decimals)
        } catch {
            throw WorldBuildError("amount \(text): \(error)")
        }
    }

    private func pow10(_ exponent: Int) -> Double {
        (0..<exponent).reduce(1.0) { value, _ in value * 10 }
    }
}
