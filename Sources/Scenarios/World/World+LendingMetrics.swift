import ProtocolModel

extension World {
    /// Folds a sealed block's liquidations and borrowers' health into the metrics (nothing
    /// without a lending market).
    ///
    /// - Complexity: O(liquidations + the index's near-lowest candidates) per block, through
    ///   the core's `lowestHealth` (independent of the healthy borrowers).
    func accountLending(at time: Double, timestamp: Int64) {
        guard !state.markets.isEmpty else { return }
        for record in stepLog where record.executed && record.kind == .liquidate {
            metrics.liquidations = (metrics.liquidations ?? 0) + 1
            if let asset = record.assetIn {
                metrics.liquidatedVolume = (metrics.liquidatedVolume ?? 0) + valuation.value(record.amountIn, of: asset, at: time, state: state)
            }
        }
        for market in state.markets.indices {
            guard let health = try? state.lowestHealth(market: market, at: timestamp) else { continue }
            metrics.minHealth = min(metrics.minHealth ?? .infinity, TokenUnits.toDouble(health, decimals: 18))
        }
    }

    /// Sets the lending metrics at the end of the run (nil without a lending market).
    func finishLending(at end: Double) {
        guard !state.markets.isEmpty else { return }
        metrics.liquidations = metrics.liquidations ?? 0
        metrics.liquidatedVolume = metrics.liquidatedVolume ?? 0
        var badDebt = 0.0, covered = 0.0
        for market in state.markets {
            for (slot, config) in market.assets.enumerated() {
                badDebt += valuation.value(market.reserves[slot].badDebt, of: config.asset, at: end, state: state)
                covered += valuation.value(market.reserves[slot].badDebtCovered, of: config.asset, at: end, state: state)
            }
        }
        metrics.badDebt = badDebt
        metrics.insuranceFundUsed = covered
    }
}
