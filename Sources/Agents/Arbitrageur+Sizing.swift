import ProtocolModel

/// When an arbitrageur sizes its trade (`agents.arbitrageurs.sizing`).
public enum ArbitrageSizing: String, Sendable, CaseIterable {
    /// On the sealed state it decided on: an exact amount with a minimum output, so the swap
    /// reverts (paying gas) when someone moved the pool first.
    case decision
    /// When the swap runs: a back-run bundle that closes the next block (included only when it
    /// executes, so it pays nothing otherwise) and sells, as it finds the pool then, what brings
    /// the pool to the reference price the arbitrageur decided on
    /// (``Amount/toPrice(pool:price0:minProfit:zeroForOne:)``), whatever the block's earlier
    /// transactions — liquidation sales, noise trades — did to it, provided that trade's profit
    /// valued at that reference price beats gas plus `minProfit` (converted to token1 at the
    /// decision's reference prices), as a searcher that simulates its bundle sends it only when it
    /// pays. One bundle per pool, in the direction the pool must move when it runs
    /// (``Step/swapToPrice(pool:price0:minProfit:)``); one with nothing to do, or too little
    /// profit, is left out.
    case execution
}

extension Arbitrageur {
    /// Back-runs closing the next block, appended to `proposals`: for every pool with a reference
    /// price and no back-run of it already pending (the first leaves the pool at the target; a
    /// second would find nothing), one bundle, directed and sized when it runs and executed only
    /// when its profit then beats gas plus `minProfit`. Returns whether every pool then has a
    /// back-run pending (its own included).
    /// - Complexity: O(pools × pending transactions).
    func backRuns(_ view: AgentView, into proposals: inout [Transaction], oneStep: (consuming Step) -> [Step]) -> Bool {
        let gasUnits = view.gas.base + view.gas.swap
        // NOTE: the venues are read in place (a copy of each carried its name's retain and a
        // memcpy). Gas is checked once a pool without a pending back-run is found: ≈ 22 k of
        // ≈ 36 k wake-ups a benchmark day find one pending in every pool.
        let pools = view.state.pools
        guard let firstOpen = pools.indices.first(where: { !backRunPending(on: $0, view.pending) }) else { return true }
        guard view.canPayGas(gasUnits, priorityFee: priorityFee, for: account) else { return false }
        let first = proposals.count
        let thresholdUSD = view.gasCostUSD(units: gasUnits, priorityFee: priorityFee) + minProfit
        var everyPool = true
        for index in firstOpen..<pools.endIndex where index == firstOpen || !backRunPending(on: index, view.pending) {
            let price0 = view.usdPrice(pools[index].token0), price1 = view.usdPrice(pools[index].token1)
            guard price0 > 0, price1 > 0 else {
                everyPool = false
                continue
            }
            // The profit the bundle must beat, in raw token1 (0 when gas and `minProfit` are free: no check).
            let minimum = TokenUnits.fromDouble(thresholdUSD / price1, decimals: pools[index].pool.decimals1)
            proposals.append(backRun(pool: index, price: price0 / price1, minimum: minimum, view.time, oneStep))
        }
        submitted += proposals.count - first
        return everyPool
    }

    /// The back-run of pool `pool` towards `price` (token0 in token1), directed when it runs and
    /// executed only when its profit at `price` is above `minimum` raw token1.
    private func backRun(pool: Int, price: Double, minimum: UInt128, _ time: Double, _ oneStep: (consuming Step) -> [Step]) -> Transaction {
        Transaction(sender: account, agent: tag, steps: oneStep(.swapToPrice(pool: pool, price0: price, minProfit: minimum)),
                    priorityFee: priorityFee, closesBlock: true, submittedAt: time)
    }

    /// Whether a back-run of pool `index` is already pending.
    /// - Complexity: O(pending transactions × steps).
    func backRunPending(on index: Int, _ pending: [Transaction]) -> Bool {
        pending.contains { transaction in
            transaction.closesBlock && transaction.steps.contains { step in
                switch step {
                case .swapToPrice(index, _, _), .swap(index, _, .toPrice, _): return true
                default: return false
                }
            }
        }
    }
}
