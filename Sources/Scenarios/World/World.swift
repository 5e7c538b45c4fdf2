import Agents
import GSL
import ProtocolModel
import Simulation

/// Options of one replication that do not change its results.
public struct WorldOptions: Sendable {
    /// Check invariants after every transaction (`--check-invariants`); a violation stops the
    /// replication with an ``InvariantViolation``.
    public var checkInvariants = false

    public init(checkInvariants: Bool = false) {
        self.checkInvariants = checkInvariants
    }
}

/// One replication of a scenario: the protocol, the chain, the reference market and the
/// agents, driven by one event queue. Built from `(scenario, replication seed)` — the one way
/// in, shared by `run`, `batch` and `optimize` (STYLE.md habit 5).
public final class World {
    public let scenario: Scenario
    /// The replication seed every stream of this world derives from (DESIGN.md §2).
    public let seed: UInt64
    let options: WorldOptions
    /// The protocol state as the last sealed block left it (kept in ``sealedView``). A seal writes
    /// ``sealedView``'s state in place; a write through this property copies it first (tests).
    public internal(set) var state: ProtocolState {
        get { sealedView.state }
        set { sealedView.state = newValue }
    }
    var chain: Chain
    var gasPrices: GasPriceProcess
    public let market: ReferenceMarket
    public let valuation: Valuation
    /// Set once at build time and never changed: the wake-up loops call these agents unretained.
    let arbitrageurs: [Arbitrageur]
    var arbitrageurWaiting: [Bool] = []
    /// The wake-ups drawn at the last seal of arbitrageurs that size at execution, take part and
    /// wake before the next block, in wake-up order, in the first ``deferredCount`` slots (kept
    /// from seal to seal): only the first not yet run is queued (World+ArbitrageurWakeUps.swift).
    var deferredArbitrageurs: [DeferredWakeUp] = []
    /// How many slots of ``deferredArbitrageurs`` the last seal filled.
    var deferredCount = 0
    /// The first of ``deferredArbitrageurs`` that has not run yet.
    var nextDeferredArbitrageur = 0
    /// The arbitrageurs' tags, to count their swaps in the event log (built once, not per block).
    let arbitrageurTags: [AgentTag]
    /// ``arbitrageurTags`` as a mask (``AgentTag/mask(of:)``; nil when a tag has no bit), for the
    /// block's accounting to tell an arbitrageur's swap by one bit. Set at build time.
    let arbitrageurMask: UInt64?
    /// Set once at build time and never changed: the seal calls them unretained.
    let liquidityProviders: [LiquidityProvider]
    let noiseTraders: [NoiseTrader]
    let liquidators: [Liquidator]
    /// Set once at build time and never changed, like the other agents.
    let perpLiquidators: [PerpLiquidator]
    /// Whether the lowest health of each lending market (by index) is asked through the answers
    /// its liquidators share (``accountLending(timestamp:state:)``): a liquidator watches it and
    /// its health does not depend on the read time. Set at build time, which fixes both (the
    /// markets' price sources and their oracles' kinds), instead of asked after every seal.
    let sharesLowestHealth: [Bool]
    /// Whether the world has margin venues (their shorts' pool trades are swaps:
    /// ``accountMarginPoolTrades(_:state:)``). Set at build time, which creates them all.
    // NOTE: a stored flag: asking `state.marginVenues.isEmpty` at every seal called the array's
    // getter with a retain and release (≈ 100 instructions a block; callgrind, benchmark-day).
    let hasMarginVenues: Bool
    var liquidatorWaiting: [Bool] = []
    /// Whether each perp liquidator has a wake-up queued (it is not woken again until then).
    var perpLiquidatorWaiting: [Bool] = []
    var oracleKeepers = OracleKeepers()
    /// The attacker, if the scenario has one, and its running accounts.
    var attacker: Attacker?
    var attack = AttackAccounting()
    /// Option vaults' keepers and traders, and the settlements seen (World+Options.swift).
    var optionAgents = OptionAgents()
    /// The party of every account (pnl.csv), by account index.
    var accountParties: [Party] = []
    /// The ``PartyHoldings`` row of each account's party, by account index.
    var accountPartyRows: [Int] = []
    /// Every party's holdings at the start.
    var initialPartyHoldings = PartyHoldings(assetCount: 0)
    /// The P&L rows of the finished replication (empty before the end).
    public internal(set) var pnl: [PartyPnL] = []
    /// Borrower accounts, for the health metrics.
    var borrowerAccounts: [AccountID] = []
    /// What a researcher should know about how this replication's world was built, one sentence
    /// each: drawn borrowers holding less debt than their health asked for because the market
    /// ran out of it at genesis (``WorldBuilder/genesisShortfall(_:market:debt:borrowers:)``).
    public let notes: [String]
    /// Borrowers that react to falling health (World+Borrowers.swift); nil without `behaviour`.
    var borrowerReactions: BorrowerReactions?
    /// Accounts of each population, for P&L.
    var arbitrageurAccounts: [AccountID] = []
    var liquidityProviderAccounts: [AccountID] = []
    var noiseTraderAccounts: [AccountID] = []
    /// Holdings at the start, per account: [(asset, raw)].
    var initialHoldings: [AccountID: [(AssetID, UInt128)]] = [:]
    var lastGasUsed: UInt64 = 0
    var stepLog: [StepRecord] = []
    /// What the agent deciding now proposes, queued on the chain right after
    /// (``submitProposals()``); empty between decisions, its capacity kept.
    var proposals: [Transaction] = []
    /// Whether the mempool may hold a liquidation step: set when one is submitted
    /// (``submit(_:)``), cleared when ``unhealthyAtBlockStart(_:)`` walks the whole mempool and
    /// finds none.
    var liquidationsMayBePending = false
    /// Whether a back-run of every pool is pending: set when an arbitrageur's decision says so
    /// (``Arbitrageur/decide(_:into:oneStep:)``), cleared when a block is produced (the only
    /// time the mempool shrinks).
    var backRunInEveryPool = false
    /// Each lending market's chain of liquidation rounds, by market index.
    var cascades: [CascadeChain] = []
    var metrics = RunMetrics()
    /// The lowest health seen in any block so far, wad (`min_health`'s exact value).
    var minHealthWad: UInt128?
    /// Index answers shared by the agents that wake after the same sealed block.
    let sealedQueries = SealedStateQueries()
    /// The agents' view of the last sealed block, which holds the world's protocol state: written
    /// only by a seal, lent to each agent that decides (``withView(at:mempool:_:)``).
    var sealedView: AgentView
    var deviationSum = 0.0
    var deviationCount = 0
    let poolSpotPrices: PoolSpotPrices
    weak var sink: (any WorldSink)?

    /// Builds the world of one replication.
    ///
    /// - Throws: a ``WorldBuildError`` when the scenario cannot be instantiated (e.g. an
    ///   endowment beyond the 2^112 load limit, a non-positive-definite correlation).
    public init(scenario: Scenario, seed: UInt64, options: WorldOptions = WorldOptions()) throws {
        self.scenario = scenario
        self.seed = seed
        self.options = options
        var builder = try WorldBuilder(scenario: scenario, seed: seed)
        try builder.build()
        poolSpotPrices = PoolSpotPrices(count: builder.state.pools.count)
        chain = Chain(config: builder.chainConfig)
        gasPrices = GasPriceProcess(model: scenario.chain.gasPrice, blockTime: Double(scenario.chain.blockTime),
                                    replicationSeed: seed)
        market = builder.market
        valuation = Valuation(market: builder.market, numeraire: builder.numeraire)
        sealedView = AgentView(state: builder.state, valuation: valuation, lastBlock: chain.lastSealedBlock,
                               gasPrice: GasPriceProcess.wei(gwei: 0), gas: chain.config.gas,
                               nativeAsset: chain.config.nativeAsset, queries: sealedQueries)
        arbitrageurs = builder.arbitrageurs
        // An arbitrageur sized at decision sends no swap while one of its own waits: it reads the
        // mempool's counts by sender, which the chain keeps only when asked.
        if arbitrageurs.contains(where: { $0.sizing == .decision }) { chain.countPendingBySender() }
        arbitrageurWaiting = [Bool](repeating: false, count: arbitrageurs.count)
        arbitrageurTags = arbitrageurs.map(\.tag)
        arbitrageurMask = AgentTag.mask(of: arbitrageurTags)
        liquidityProviders = builder.liquidityProviders
        noiseTraders = builder.noiseTraders
        liquidators = builder.liquidators
        perpLiquidators = builder.perpLiquidators
        perpLiquidatorWaiting = [Bool](repeating: false, count: perpLiquidators.count)
        sharesLowestHealth = builder.state.markets.indices.map { market in
            builder.liquidators.contains { $0.market == market } && !builder.state.healthDependsOnTime(market: market)
        }
        liquidatorWaiting = [Bool](repeating: false, count: liquidators.count)
        hasMarginVenues = !builder.state.marginVenues.isEmpty
        oracleKeepers = builder.oracleKeepers
        borrowerAccounts = builder.borrowerAccounts
        notes = builder.notes
        cascades = scenario.lendingMarkets.map { CascadeChain(window: $0.cascadeWindow) }
        borrowerReactions = builder.borrowerReactions
        arbitrageurAccounts = arbitrageurs.map(\.account)
        liquidityProviderAccounts = liquidityProviders.map(\.account)
        noiseTraderAccounts = noiseTraders.map(\.account)
        for account in arbitrageurAccounts + liquidityProviderAccounts + noiseTraderAccounts {
            initialHoldings[account] = holdings(of: account)
        }
        attacker = builder.attacker
        optionAgents = builder.optionAgents
        optionAgents.settled = state.optionVaults.map { [Bool](repeating: false, count: $0.series.count) }
        if let attacker { attack.initialHeld = attackerHeld(attacker.account, at: 0) }
        accountParties = partiesOfAccounts(oracleKeepers: builder.oracleKeeperAccounts,
                                           genesisLiquidity: builder.genesisLiquidityAccounts)
        accountPartyRows = Self.partyRows(of: accountParties)
        initialPartyHoldings = partyHoldings(walkAwayAt: nil)
    }

    /// Every non-zero balance of `account`.
    func holdings(of account: AccountID) -> [(AssetID, UInt128)] {
        state.ledger.assets.indices.compactMap { index in
            let balance = state.ledger.balance(AssetID(index), of: account)
            return balance > 0 ? (AssetID(index), balance) : nil
        }
    }

    /// Lends `body` what agents see at `time`: the sealed view with the mempool (without it when
    /// `mempool` is false: a noise trader never reads it), and with the mempool's counts by
    /// sender when `senderCounts` is true (an arbitrageur sized at decision reads only those).
    /// `body` must not read or write the world's state meanwhile (a debug build's exclusivity
    /// check stops it).
    ///
    /// NOTE: lent in place, the view's state is not copied; the mempool and the counts are
    /// dropped after the call, so that the next submission does not copy their buffers. Each is
    /// lent only to the agents that read it (a retain and a release each; see
    /// ``Chain/countsPendingBySender`` for what the counts cost when everyone had them).
    /// - Complexity: O(1).
    @inline(__always)
    func withView<Result>(at time: Double, mempool: Bool = true, senderCounts: Bool = false,
                          _ body: (AgentView) throws -> Result) rethrows -> Result {
        sealedView.time = time
        if senderCounts { sealedView.pendingBySender = chain.pendingBySender }
        defer { if senderCounts { sealedView.pendingBySender = [] } }
        guard mempool else { return try Self.lend(&sealedView, to: body) }
        sealedView.pending = chain.mempool
        defer { sealedView.pending = [] }
        return try Self.lend(&sealedView, to: body)
    }

    /// `body(view)` on `view` in place: an argument read from the class's stored property would be
    /// a copy (a retain and release of each of the state's buffers).
    ///
    /// NOTE: the view is still copied bit for bit to the stack for the call (a 272-byte memcpy, ≈ 52
    /// instructions a lending, ≈ 3 M a benchmark day). Measured dead ends (callgrind, benchmark-day,
    /// warm-up + 1, from 568.37 M): `body` taking the view `borrowing` compiles to the same copy
    /// (568.34 M); taking it `inout`, each agent's call then copies it with a retain of every
    /// buffer (609.79 M).
    private static func lend<Result>(_ view: inout AgentView, to body: (AgentView) throws -> Result) rethrows -> Result {
        try body(view)
    }
}
