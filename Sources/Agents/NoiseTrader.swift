import GSL
import ProtocolModel

/// Trades at random: Poisson arrivals, a random pool and side, a size in USD — or in whole
/// tokens of `sizeAsset`, valued at its reference price — from a distribution (capped by its
/// holdings), price-insensitive up to a slippage limit. With a gas-price cap its demand for
/// block space is elastic: an arrival while the last base gas price is above the cap passes
/// without a trade, and a trade still waiting in the mempool waits while the base price stays
/// above it (``Transaction/baseFeeCap``).
public final class NoiseTrader {
    public let name: String
    /// The name its transactions carry in the event log.
    public let tag: AgentTag
    public let account: AccountID
    /// The pools it trades in.
    public let pools: [Int]
    /// Mean trades per second.
    public let rate: Double
    /// Trade size, USD (or whole tokens of `sizeAsset`).
    public let size: Distribution
    /// The asset `size` counts in (nil: USD).
    public let sizeAsset: AssetID?
    public let slippageTolerance: Double
    public let priorityFee: UInt64
    /// Base gas price above which it does not trade, wei per gas (nil: no cap).
    public let gasPriceCap: UInt64?
    private let stream: RandomStream
    /// Number of trades submitted.
    public private(set) var submitted = 0

    public init(name: String, account: AccountID, pools: [Int], rate: Double, size: Distribution,
                sizeAsset: AssetID? = nil, slippageTolerance: Double, priorityFee: UInt64, gasPriceCap: UInt64? = nil,
                replicationSeed: UInt64) {
        self.name = name
        tag = AgentTag(name)
        self.account = account
        self.pools = pools
        self.rate = rate
        self.size = size
        self.sizeAsset = sizeAsset
        self.slippageTolerance = slippageTolerance
        self.priorityFee = priorityFee
        self.gasPriceCap = gasPriceCap
        self.stream = RandomStream(replicationSeed: replicationSeed, name: name)
    }

    /// Seconds until the next arrival: exponential with mean 1/rate.
    public func nextArrival() -> Double { stream.exponential(mean: 1 / rate) }

    /// The trade of one arrival (nil when it cannot afford any, or the last base gas price is
    /// above its cap); `oneStep` lists its step
    /// (``Chain/oneStep(_:)`` reuses a spare list).
    ///
    /// NOTE: one transaction or none, not an array of them: the array (an allocation and a free
    /// per trade, and the world's submission loop over it) cost ≈ 370 instructions a trade:
    /// 951.0 M → 940.2 M instructions over ≈ 29 k trades (benchmark-day full day, warm-up + 1).
    public func trade(_ view: AgentView, oneStep: (consuming Step) -> [Step] = { [$0] }) -> Transaction? {
        guard !pools.isEmpty else { return nil }
        if let gasPriceCap, view.gasPrice > gasPriceCap { return nil }
        let index = pools[stream.uniformInt(pools.count)]
        let zeroForOne = stream.bernoulli(0.5)
        let drawn = max(0, size.sample(stream))
        // NOTE: the venue is read in place, its pool alone copied (a copy of the venue carried
        // its name's retain and a memcpy per trade: 99.4 M → 94.8 M over 29 k trades,
        // benchmark-day full day, warm-up + 1).
        let pools = view.state.pools
        let (input, _) = pools[index].assets(zeroForOne: zeroForOne)
        // Whole tokens of the input: the draw itself when it counts in the input asset, else its
        // value at the input's reference price.
        let tokens: Double
        if input == sizeAsset {
            // NOTE: the input's price is not read: it values nothing here, and a read between
            // blocks refines the reference market's Brownian bridge (≈ 1,100 instructions when
            // the bridge had 64 sub-steps; the same draws whoever asks, so no output changes):
            // 1,132.5 M → 1,119.8 M instructions (benchmark-day full day, warm-up + 1). A market
            // asset's price is positive by construction (the exp of its log price times positive
            // factors).
            guard input.index < view.valuation.market.assetCount else { return nil }
            tokens = drawn
        } else {
            let price = view.usdPrice(input)
            guard price > 0 else { return nil }
            tokens = drawn * (sizeAsset.map(view.usdPrice) ?? 1) / price
        }
        let decimals = view.state.ledger.assets[input.index].decimals
        let wanted = TokenUnits.fromDouble(tokens, decimals: decimals)
        let gasUnits = view.gas.base + view.gas.swap
        let amountIn = min(wanted, view.spendable(input, of: account, gasUnits: gasUnits, priorityFee: priorityFee))
        guard amountIn > 0 else { return nil }
        guard let quote = pools[index].pool.quote(amountIn: amountIn, zeroForOne: zeroForOne),
              quote > 0 else { return nil }
        let minimum = TokenUnits.scaled(quote, by: 1 - slippageTolerance)
        submitted += 1
        return Transaction(sender: account, agent: tag,
                           steps: oneStep(.swap(pool: index, zeroForOne: zeroForOne, amountIn: .exact(amountIn), minAmountOut: minimum)),
                           priorityFee: priorityFee, submittedAt: view.time, baseFeeCap: gasPriceCap ?? .max)
    }
}
