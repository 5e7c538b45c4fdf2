import Foundation
import ProtocolModel

/// Provides liquidity to one pool, and leaves when the pool gets too volatile.
///
/// It adds all its capital at the start (the pool takes the amounts matching its ratio). At
/// every sealed block it records the pool's spot price; when the realised volatility of the
/// per-block log returns over the last `window` blocks (annualised) passes `threshold`, it
/// withdraws all its shares. After `cooldown` seconds, once volatility is back below the
/// threshold, it adds its holdings again.
public final class LiquidityProvider {
    public let name: String
    /// The name its transactions carry in the event log.
    public let tag: AgentTag
    public let account: AccountID
    public let pool: Int
    /// Number of blocks of the realised-volatility window.
    public let window: Int
    /// Annualised volatility above which it withdraws.
    public let threshold: Double
    /// Seconds out of the pool before it may return.
    public let cooldown: Double
    public let priorityFee: UInt64
    private let blocksPerYear: Double
    /// Ring buffer of the last `window` squared log returns.
    private var squaredReturns: [Double]
    private var squaredSum = 0.0
    private var filled = 0
    private var cursor = 0
    private var lastLogPrice: Double?
    private var inPool = false
    private var pending = false
    private var outSince = -Double.infinity
    /// Number of withdrawals so far.
    public private(set) var withdrawals = 0

    public init(name: String, account: AccountID, pool: Int, window: Int, threshold: Double, cooldown: Double,
                priorityFee: UInt64, blockTime: Double) {
        self.name = name
        tag = AgentTag(name)
        self.account = account
        self.pool = pool
        self.window = max(window, 2)
        self.threshold = threshold
        self.cooldown = cooldown
        self.priorityFee = priorityFee
        self.blocksPerYear = 365 * 86_400 / blockTime
        self.squaredReturns = [Double](repeating: 0, count: max(window, 2))
    }

    /// The transaction that adds its whole capital at the start.
    public func enter(_ view: AgentView) -> Transaction {
        pending = true
        return addAll(view)
    }

    /// Realised volatility (annualised) over the window, nil until the window is full.
    public var realisedVolatility: Double? {
        filled >= window ? (squaredSum / Double(window) * blocksPerYear).squareRoot() : nil
    }

    /// Called after every sealed block: records the price, then withdraws or returns (one
    /// transaction, or nil).
    public func onBlockSealed(_ view: AgentView) -> Transaction? {
        // NOTE: the venue's fields are read in place: `let venue = view.state.pools[pool]` copied
        // it (a retain and release of its name and price cache) at every block for every
        // provider (perf, amm-arbitrage: retains and releases were 17 % of a replication).
        let logPrice = log(view.state.pools[pool].pool.spotPrice)
        if let last = lastLogPrice, logPrice.isFinite {
            let r = logPrice - last
            squaredSum += r * r - squaredReturns[cursor]
            squaredReturns[cursor] = r * r
            cursor = (cursor + 1) % window
            filled += 1
        }
        lastLogPrice = logPrice.isFinite ? logPrice : lastLogPrice
        let shareAsset = view.state.pools[pool].shareAsset
        let shares = view.state.ledger.balance(shareAsset, of: account)
        if pending {
            // Wait until the previous transaction has been included.
            let entered = shares > 0
            if entered != inPool { pending = false; inPool = entered } else { return nil }
        }
        guard let volatility = realisedVolatility else { return nil }
        if inPool, volatility > threshold, shares > 0 {
            pending = true
            withdrawals += 1
            outSince = view.time
            return Transaction(sender: account, agent: tag, steps: [.removeLiquidity(pool: pool, shares: .balance(shareAsset))],
                               priorityFee: priorityFee, submittedAt: view.time)
        }
        if !inPool, volatility <= threshold, view.time - outSince >= cooldown {
            pending = true
            return addAll(view)
        }
        return nil
    }

    private func addAll(_ view: AgentView) -> Transaction {
        let venue = view.state.pools[pool]
        return Transaction(sender: account, agent: tag,
                           steps: [.addLiquidity(pool: pool, amount0: .balance(venue.token0), amount1: .balance(venue.token1))],
                           priorityFee: priorityFee, submittedAt: view.time)
    }
}
