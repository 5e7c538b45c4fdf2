import GSL
import ProtocolModel

/// Moves pools toward the reference price when the trade beats fee + gas.
///
/// After every sealed block it wakes once, after a reaction latency drawn from its
/// distribution, looks at each pool against the reference prices at that moment, and submits
/// a swap of the profit-maximising size (capped by its capital) when the expected profit at
/// reference prices exceeds gas plus `minProfit`. Sized at decision, the swap carries a minimum
/// output, so it reverts (paying only gas) when someone moved the pool first, and none is sent
/// while one of its own still waits in the mempool; sized at execution, it is a back-run that
/// closes the next block at the reference price when that pays (``ArbitrageSizing``).
public final class Arbitrageur {
    public let name: String
    /// The name its transactions carry in the event log.
    public let tag: AgentTag
    public let account: AccountID
    /// Reaction latency after a sealed block, seconds.
    public let latency: Distribution
    /// Required profit beyond gas, USD.
    public let minProfit: Double
    /// Priority fee, wei per gas.
    public let priorityFee: UInt64
    /// Accepted shortfall of the output against the quote (fraction).
    public let slippageTolerance: Double
    /// When it sizes its trades.
    public let sizing: ArbitrageSizing
    /// Probability that it acts on a given block (1: always); a searcher is not always there.
    public let participation: Double
    private let stream: RandomStream
    /// Number of swaps this arbitrageur submitted.
    public internal(set) var submitted = 0
    /// Whether it takes part in its next wake-up, drawn ahead by ``drawWakeUp()`` (nil: the
    /// wake-up draws it; a later draw replaces it).
    private var participates: Bool?

    public init(name: String, account: AccountID, latency: Distribution, minProfit: Double, priorityFee: UInt64,
                slippageTolerance: Double, sizing: ArbitrageSizing = .decision, participation: Double = 1,
                replicationSeed: UInt64) {
        self.name = name
        tag = AgentTag(name)
        self.account = account
        self.latency = latency
        self.minProfit = minProfit
        self.priorityFee = priorityFee
        self.slippageTolerance = slippageTolerance
        self.sizing = sizing
        self.participation = participation
        self.stream = RandomStream(replicationSeed: replicationSeed, name: name)
    }

    /// Draws, for a block just sealed, the seconds until it acts on it (never negative) and then,
    /// instead of at that wake-up, whether it takes part in it: the draw that follows the delay
    /// in its stream either way (it draws nothing else in between). The world leaves asleep one
    /// that would wake before the next block only to stand aside.
    ///
    /// NOTE: one call for the two draws the world makes for every arbitrageur at every seal
    /// (idle block at 10,000 borrowers 19,679 -> 19,602 instructions; benchmark-day 678.6 M ->
    /// 678.2 M, warm-up + 1; callgrind).
    public func drawWakeUp() -> (delay: Double, participates: Bool) {
        let delay = max(0, latency.sample(stream))
        let drawn = participationDraw()
        participates = drawn
        return (delay, drawn)
    }

    /// Whether it takes part: a draw from its stream, made only when it can say no, so streams
    /// stay as they were at participation 1.
    // NOTE: inlined: left to the optimiser it stayed a call from `drawWakeUp()` (≈ 36 k a
    // benchmark-day replication): 553.06 M → 552.32 M instructions (warm-up + 1; callgrind).
    @inline(__always) private func participationDraw() -> Bool { participation >= 1 || stream.bernoulli(participation) }

    /// The swaps worth making now, one per mispriced pool, appended to `proposals` (what it
    /// holds already is left as it is); `oneStep` lists each back-run's step
    /// (``Chain/oneStep(_:)`` reuses a spare list).
    /// - Returns: whether, once `proposals` are submitted, a back-run of every pool is pending
    ///   (only when it sizes at execution and took part; false when it cannot tell): until the
    ///   next block the mempool only grows, so another such wake-up would find nothing to do
    ///   (``standAside()``).
    @discardableResult
    public func decide(_ view: AgentView, into proposals: inout [Transaction], oneStep: (consuming Step) -> [Step] = { [$0] }) -> Bool {
        let drawn = participates ?? participationDraw()
        participates = nil
        if !drawn { return false }
        if sizing == .execution { return backRuns(view, into: &proposals, oneStep: oneStep) }
        // One swap waiting at a time: while its last one waits for space in full blocks, another
        // sized on the same sealed reserves would land behind it and revert or overshoot, paying
        // gas and taking block space.
        if view.hasPendingTransaction(of: account) { return false }
        let first = proposals.count
        let gasUnits = view.gas.base + view.gas.swap
        let gasUSD = view.gasCostUSD(units: gasUnits, priorityFee: priorityFee)
        // NOTE: each venue's tokens and integer pool are read in place: `for (index, venue) in
        // view.state.pools.enumerated()` copied every venue (a retain and release of its name
        // and price cache) at every wake-up (perf, amm-arbitrage).
        for index in view.state.pools.indices {
            let token0 = view.state.pools[index].token0, token1 = view.state.pools[index].token1
            let pool = view.state.pools[index].pool
            let price0 = view.usdPrice(token0), price1 = view.usdPrice(token1)
            guard price0 > 0, price1 > 0 else { continue }
            guard let trade = pool.arbitrage(towards: price0 / price1) else { continue }
            let (input, output) = trade.zeroForOne ? (token0, token1) : (token1, token0)
            let available = view.spendable(input, of: account, gasUnits: gasUnits, priorityFee: priorityFee)
            let amountIn = min(trade.amountIn, available)
            guard amountIn > 0 else { continue }
            guard let out = pool.quote(amountIn: amountIn, zeroForOne: trade.zeroForOne),
                  out > 0 else { continue }
            // The pool's own two prices, read above at the same time: no second read.
            let (priceIn, priceOut) = trade.zeroForOne ? (price0, price1) : (price1, price0)
            let profit = view.tokens(out, of: output) * priceOut - view.tokens(amountIn, of: input) * priceIn
            guard profit > gasUSD + minProfit else { continue }
            let minimum = TokenUnits.scaled(out, by: 1 - slippageTolerance)
            proposals.append(Transaction(sender: account, agent: tag,
                                         steps: [.swap(pool: index, zeroForOne: trade.zeroForOne,
                                                       amountIn: .exact(amountIn), minAmountOut: minimum)],
                                         priorityFee: priorityFee, submittedAt: view.time))
        }
        submitted += proposals.count - first
        return false
    }

    /// A wake-up the world knows would propose nothing (it sizes at execution and a back-run of
    /// every pool is pending, as ``decide(_:into:oneStep:)`` reported): the participation draw
    /// is used up as ``decide(_:into:oneStep:)`` would use it, and nothing else happens.
    public func standAside() {
        if participates == nil { _ = participationDraw() }
        participates = nil
    }
}
