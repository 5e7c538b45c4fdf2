import Foundation
import ProtocolModel

/// Provides liquidity to one pool, and leaves when the pool gets too volatile.
///
/// It adds all its capital at the start (the pool takes the amounts matching its ratio), except,
/// when the native asset is one of the pool's tokens, a reserve for the gas of its withdrawal
/// (``gasReserve(_:)``). At every sealed block it records the pool's spot price; when the
/// realised volatility of the per-block log returns over the last `window` blocks (annualised)
/// passes `threshold`, it withdraws all its shares. After `cooldown` seconds out of the pool
/// (from the block that executed the withdrawal), once volatility is back below the threshold,
/// it adds its holdings again (with the same reserve). It sends one transaction at a time; one
/// that is dropped or reverts leaves it where it was, free to decide again at the next block.
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
    /// Number of withdrawals executed so far (one that was dropped or reverted is not counted).
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

    /// The transaction that adds its whole capital at the start, before any block is priced: its
    /// gas reserve is reckoned at `basePrice` (wei per gas unit), the chain's nominal base price.
    public func enter(_ view: AgentView, basePrice: UInt64) -> Transaction {
        pending = true
        return addAll(view, basePrice: basePrice)
    }

    /// Realised volatility (annualised) over the window, nil until the window is full.
    public var realisedVolatility: Double? {
        filled >= window ? (squaredSum / Double(window) * blocksPerYear).squareRoot() : nil
    }

    /// Called after every sealed block with the block's transaction `outcomes`: records the
    /// price, learns what became of its pending transaction, then withdraws or returns (one
    /// transaction, or nil).
    public func onBlockSealed(_ view: AgentView, outcomes: [TransactionReceipt]) -> Transaction? {
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
            // Wait until the block that includes the previous transaction: executed, it moved
            // the provider in or out; dropped (it could not pay the gas) or reverted, it changed
            // nothing and the provider decides afresh.
            guard let outcome = outcomes.last(where: { $0.sender == account })?.outcome else { return nil }
            pending = false
            let entered = shares > 0
            if outcome == .executed, entered != inPool {
                inPool = entered
                if !entered {
                    withdrawals += 1
                    outSince = view.time
                }
            }
        }
        guard let volatility = realisedVolatility else { return nil }
        if inPool, volatility > threshold, shares > 0, canPay(view.gas.removeLiquidity, view) {
            pending = true
            return Transaction(sender: account, agent: tag, steps: [.removeLiquidity(pool: pool, shares: .balance(shareAsset))],
                               priorityFee: priorityFee, submittedAt: view.time)
        }
        if !inPool, volatility <= threshold, view.time - outSince >= cooldown, canPay(view.gas.addLiquidity, view) {
            pending = true
            return addAll(view, basePrice: view.gasPrice)
        }
        return nil
    }

    /// The transaction that adds its holdings of the pool's tokens, less the gas reserve of the
    /// native asset at `basePrice`.
    private func addAll(_ view: AgentView, basePrice: UInt64) -> Transaction {
        let venue = view.state.pools[pool]
        let reserve = gasReserve(basePrice: basePrice, view.gas)
        func holdings(_ token: AssetID) -> Amount { token == view.nativeAsset ? .balanceAbove(token, keep: reserve) : .balance(token) }
        return Transaction(sender: account, agent: tag,
                           steps: [.addLiquidity(pool: pool, amount0: holdings(venue.token0), amount1: holdings(venue.token1))],
                           priorityFee: priorityFee, submittedAt: view.time)
    }

    /// The native asset it keeps out of the pool: what the other populations keep back for a
    /// transaction (``AgentView/spendable(_:of:gasUnits:priorityFee:)``), three times the gas of
    /// its withdrawal at `basePrice` plus its priority fee. The add's own gas is paid before its
    /// step takes the balance above the reserve.
    private func gasReserve(basePrice: UInt64, _ gas: GasSchedule) -> UInt128 {
        3 * withdrawalGas(gas) * UInt128(basePrice + priorityFee)
    }

    /// Whether its native balance pays the gas of a transaction of one step of `stepGas` at the
    /// last base price plus its priority fee: one it cannot pay would be dropped, so it waits
    /// instead (a rise of the base price by the next block can still drop one, which it then
    /// sends again).
    private func canPay(_ stepGas: UInt64, _ view: AgentView) -> Bool {
        view.state.ledger.balance(view.nativeAsset, of: account) >= UInt128(view.gas.base + stepGas) * UInt128(view.gasPrice + priorityFee)
    }

    /// Gas units of its withdrawal transaction.
    private func withdrawalGas(_ gas: GasSchedule) -> UInt128 { UInt128(gas.base + gas.removeLiquidity) }
}
