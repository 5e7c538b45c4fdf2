import GSL
import ProtocolModel

/// A scenario file, decoded and validated: the typed value a ``World`` is built from
/// (with a seed). Every key, unit and default is documented in docs/scenario-format.md.
public struct Scenario: Sendable {
    /// The scenario's name (default: the file name without extension).
    public var name: String
    /// A one-line description, shown by `advsim scenarios`.
    public var description: String
    /// The default scenario seed, used when the command line gives none.
    public var seed: UInt64?
    /// `USD` or an asset symbol: the unit of money columns.
    public var numeraire: String
    /// Simulated seconds.
    public var duration: Double
    public var chain: ChainSpec
    public var assets: [AssetSpec]
    /// Correlation of the assets' Brownian drivers, in `assets` order.
    public var correlation: [[Double]]?
    public var shocks: [ShockSpec]
    public var pools: [PoolSpec]
    /// StableSwap pools (`stable_pools:`), in declaration order.
    public var stablePools: [StableSwapPoolSpec] = []
    /// Share vaults (`vaults:`), in declaration order.
    public var vaults: [VaultSpec] = []
    /// Flash-loan providers (`flash_loans:`), in declaration order.
    public var flashLoans: [FlashLoanSpec] = []
    /// Automated price reserves (`reserves:`), in declaration order.
    public var reserves: [ReserveSpec] = []
    /// Fixed-price depots (`depots:`), in declaration order.
    public var depots: [DepotSpec] = []
    /// Margin-trading venues (`margin_venues:`), in declaration order.
    public var marginVenues: [MarginVenueSpec] = []
    /// Perpetual-futures markets (`perp_markets:`), in declaration order.
    public var perpMarkets: [PerpMarketSpec] = []
    /// Option vaults (`option_vaults:`), in declaration order.
    public var optionVaults: [OptionVaultSpec] = []
    public var arbitrageurs: ArbitrageurSpec?
    public var liquidityProviders: LiquidityProviderSpec?
    public var noiseTraders: NoiseTraderSpec?
    /// Oracles (`oracles:`), in declaration order.
    public var oracles: [OracleSpec] = []
    /// Lending markets (`lending_markets:`).
    public var lendingMarkets: [LendingMarketSpec] = []
    public var borrowers: BorrowerSpec?
    public var liquidators: LiquidatorSpec?
    /// `agents.option_traders`, if any.
    public var optionTraders: OptionTraderSpec?
    /// `agents.perp_liquidators`, if any.
    public var perpLiquidators: PerpLiquidatorSpec?
    /// The attacker (`agents.attacker`), if any.
    public var attacker: AttackerSpec?
    /// The scenario's own sweep for `advsim batch` (`sweep:`), if any. `advsim run` ignores it.
    public var sweep: ScenarioSweep?
    /// The search for `advsim optimize` (`search:`), if the scenario declares one.
    public var search: SearchSpec?
    /// The file the scenario was loaded from.
    public var sourcePath: String
    /// What is valid but almost certainly not meant (a shock after the run's end), for the
    /// commands to print on stderr.
    public var warnings: [InputWarning] = []

    /// Number of blocks: ⌊duration / block time⌋.
    public var blockCount: Int { Int(duration / Double(chain.blockTime)) }

    /// The most blocks a run or a per-block window may span: the reference market draws every
    /// block's prices when the world is built (16 bytes per asset and block).
    public static let maximumBlocks = 10_000_000

    /// The index of the asset with this symbol.
    public func assetIndex(_ symbol: String) -> Int? { assets.firstIndex { $0.symbol == symbol } }
}

/// Chain parameters (`chain:`).
public struct ChainSpec: Sendable {
    /// Symbol of the asset gas is paid in.
    public var nativeAsset: String
    /// Whole seconds between blocks.
    public var blockTime: Int64 = 12
    public var blockGasLimit: UInt64 = 30_000_000
    public var gasPrice: GasPriceModel = .constant(gwei: 20)
    public var gasUnits = GasSchedule()
}

/// One asset (`assets: SYMBOL: {...}`).
public struct AssetSpec: Sendable {
    public var symbol: String
    public var decimals: Int
    /// Initial USD price.
    public var price: Double
    public var process: PriceProcess
    /// For a replay process: the CSV's path, resolved against the scenario file's folder (so a
    /// rendered scenario — best.yaml, manifest.json's `resolved` — reads it from anywhere).
    public var replayFile: String?
}

/// A scheduled price move (`shocks:`).
public struct ShockSpec: Sendable {
    /// Seconds from the start.
    public var at: Double
    public var asset: String
    /// Relative move: −0.3 is −30 %.
    public var move: Double
    /// Seconds over which the move unfolds (0 = a jump).
    public var over: Double
}

/// A constant-product pool (`pools: ID: {...}`).
public struct PoolSpec: Sendable {
    public var id: String
    public var token0: String
    public var token1: String
    /// Initial reserves, whole tokens (exact decimal text).
    public var reserve0: String
    public var reserve1: String
    /// Swap fee as a fraction (0.003 = 0.3 %).
    public var fee: Double
}

/// Initial holdings of every agent of a population: per asset symbol, whole tokens, a
/// constant or a distribution drawn per agent.
public typealias CapitalSpec = [(symbol: String, amount: Distribution)]

/// `agents.arbitrageurs`.
public struct ArbitrageurSpec: Sendable {
    public var count: Int
    public var capital: CapitalSpec
    /// Reaction latency after a sealed block, seconds.
    public var latency: Distribution
    /// Required profit beyond gas, USD.
    public var minProfit: Double
    /// Priority fee, gwei.
    public var priorityFee: Double
    public var slippage: Double
    /// When trades are sized: `decision` or `execution` (``ArbitrageSizing``).
    public var sizing: String
    /// Probability of acting on a given block, in (0, 1].
    public var participation: Double
}

/// `agents.liquidity_providers`.
public struct LiquidityProviderSpec: Sendable {
    public var count: Int
    public var pool: String
    public var capital: CapitalSpec
    /// Seconds of the realised-volatility window.
    public var volatilityWindow: Double
    /// Annualised volatility above which an LP withdraws.
    public var volatilityThreshold: Double
    /// Seconds out of the pool before returning.
    public var cooldown: Double
    public var priorityFee: Double
}

/// `agents.noise_traders`.
public struct NoiseTraderSpec: Sendable {
    public var count: Int
    /// Pool ids traded in (default: all).
    public var pools: [String]
    /// Trades per hour per trader.
    public var rate: Double
    /// Trade size, USD (or whole tokens of `sizeAsset`).
    public var size: Distribution
    /// The asset symbol `size` counts in; nil: USD.
    public var sizeAsset: String?
    public var capital: CapitalSpec
    public var slippage: Double
    public var priorityFee: Double
    /// Base gas price above which a trader does not trade, gwei (nil: none).
    public var gasPriceCap: Double?
}
