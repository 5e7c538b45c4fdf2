import GSL
import ProtocolModel

/// A liquidator of a perp market: after each sealed block it wakes after its reaction latency
/// and, unless the last base gas price is above its cap, takes over, one transaction each,
/// the positions of the market's accounts whose maintenance health is negative, when its own
/// collateral keeps its initial health non-negative with everything it takes over and the
/// liquidation fee pays its gas and `minProfit`. Its transactions land in the next block,
/// ordered by priority fee among everyone's; it sends nothing for an account whose liquidation
/// is already pending. It keeps the positions it takes (the model has no order book to unwind
/// them into): their PnL at the end is its party's.
public final class PerpLiquidator {
    public let name: String
    /// The name its transactions carry in the event log.
    public let tag: AgentTag
    public let account: AccountID
    /// The perp market it watches, by index.
    public let market: Int
    public let priorityFee: UInt64
    /// The least net gain, USD, of one liquidation: the fee (at the quote's reference price) less the gas.
    public let minProfit: Double
    /// Reaction latency after a sealed block, seconds.
    public let latency: Distribution
    /// Base gas price (wei per gas) above which it stands aside; its transactions carry it as
    /// their base-fee cap, so those already sent wait while the price is above it.
    public let gasPriceCap: UInt64?
    /// Serves its reaction delays only.
    private let stream: RandomStream

    public init(name: String, account: AccountID, market: Int, priorityFee: UInt64, minProfit: Double,
                latency: Distribution = .constant(0), gasPriceCap: UInt64? = nil, replicationSeed: UInt64) {
        self.name = name
        tag = AgentTag(name)
        self.account = account
        self.market = market
        self.priorityFee = priorityFee
        self.minProfit = minProfit
        self.latency = latency
        self.gasPriceCap = gasPriceCap
        stream = RandomStream(replicationSeed: replicationSeed, name: name)
    }

    /// Seconds until it acts on a block just sealed (never negative).
    public func reactionDelay() -> Double { max(0, latency.sample(stream)) }

    /// The liquidations it sends at a wake-up, appended to `proposals`: none while the last base
    /// gas price is above its cap.
    /// - Complexity: O(accounts of the market · log) for the health pass, plus the mempool.
    public func decide(_ view: AgentView, into proposals: inout [Transaction]) {
        if let gasPriceCap, view.gasPrice > gasPriceCap { return }
        let timestamp = view.nextBlockTimestamp
        guard let mark = try? view.state.perpMark(market, at: timestamp) else { return }
        let book = view.state.perpMarkets[market]
        let gasUnits = view.gas.base + view.gas.perpLiquidate
        let gasCost = view.gasCostUSD(units: gasUnits, priorityFee: priorityFee)
        let pending = pendingTargets(view)
        var own = view.state.perpAccount(market: market, account: account)
        var sent = 0
        for target in book.accounts.keys.sorted() where target != account && !pending.contains(target) {
            guard let holder = book.accounts[target], holder.base != 0,
                  let maintenance = try? view.state.perpHealth(market: market, account: target, maintenance: true, at: timestamp),
                  maintenance < 0,
                  let takeover = try? book.takeover(of: holder, by: own, mark: mark),
                  let initial = try? book.health(takeover.liquidator, mark: mark, margin: book.initialMargin), initial >= 0
            else { continue }
            let gain = view.tokens(takeover.fee, of: book.quoteAsset) * view.usdPrice(book.quoteAsset)
            guard gain - gasCost >= minProfit,
                  view.canPayGas(gasUnits, priorityFee: priorityFee, transactions: sent + 1, for: account) else { continue }
            own = takeover.liquidator
            sent += 1
            proposals.append(Transaction(sender: account, agent: tag, steps: [.perpLiquidate(market: market, account: target)],
                                         priorityFee: priorityFee, submittedAt: view.time, baseFeeCap: gasPriceCap ?? .max))
        }
    }

    /// The accounts of its market whose liquidation is pending in the mempool.
    private func pendingTargets(_ view: AgentView) -> Set<AccountID> {
        var targets = Set<AccountID>()
        for transaction in view.pending {
            for step in transaction.steps {
                if case .perpLiquidate(let market, let target) = step, market == self.market { targets.insert(target) }
            }
        }
        return targets
    }
}
