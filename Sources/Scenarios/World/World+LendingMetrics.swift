import ProtocolModel

extension World {
    /// Folds a sealed block's borrowers' health into the metrics (nothing without a lending
    /// market); its liquidations are tallied with its swaps (``accountBlock``).
    ///
    /// - Parameter state: the world's state, passed in (reading the class's property here would
    ///   copy it).
    /// - Complexity: O(1) per block while no account falls below the lowest health seen so far
    ///   (the index's `accountsBelowHealth` at that bound), else O(the accounts below it) —
    ///   independent of the healthy borrowers.
    func accountLending(timestamp: Int64, state: ProtocolState) {
        guard !state.markets.isEmpty else { return }
        for market in state.markets.indices {
            let lowest: UInt128?
            if let bound = minHealthWad {
                lowest = lowestHealth(below: bound, market: market, at: timestamp, state: state)
            } else {
                lowest = state.lowestHealth(market: market, at: timestamp)
            }
            guard let health = lowest else { continue }
            let minimum = min(minHealthWad ?? .max, health)
            minHealthWad = minimum
            metrics.minHealth = TokenUnits.toDouble(minimum, decimals: 18)
        }
    }

    /// The health of the account of `market` with the lowest health below `bound` at `timestamp`,
    /// or nil when none is below it.
    ///
    /// Only an account below the lowest health so far can lower it; the index says in O(1) when
    /// there is none, and lists any worst first. When liquidators watch the market (its health
    /// not depending on the read time), the answer goes through the answers they share for this
    /// sealed block: when `bound` is at most 1, that account is the first of the accounts below 1
    /// they list anyway (both lists are in the same order); when `bound` is above 1 and no
    /// account is below it, their question (anyone below 1?) is answered by the same empty
    /// answer. One index walk per block instead of two. (Were the market's health to depend on
    /// the read time after all, the shared answers are keyed by the time too: the same answer.)
    private func lowestHealth(below bound: UInt128, market: Int, at timestamp: Int64, state: ProtocolState) -> UInt128? {
        // The worst account's health as the index query verified it (the same state and time).
        let worst: UInt128?
        if market < sharesLowestHealth.count, sharesLowestHealth[market] {
            worst = sealedQueries.lowestHealthBelow(max(bound, FixedPoint.wad), market: market, at: timestamp, in: state,
                                                    sealedBy: chain.lastSealedBlock)
        } else {
            worst = state.lowestHealthBelow(bound, market: market, at: timestamp)
        }
        guard let worst, worst < bound else { return nil }
        return worst
    }

    /// Sets the lending metrics at the end of the run (nil without a lending market), with
    /// `underwater` the debt of the positions underwater then and its shortfall
    /// (``partyHoldingsAndUnderwaterDebt(walkAwayAt:)``).
    func finishLending(at end: Double, underwater: UnderwaterDebt) {
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
        metrics.cascadeDepth = cascades.map(\.depth).max() ?? 0
        metrics.underwaterDebt = underwater.debt
        metrics.underwaterShortfall = underwater.shortfall
    }

    /// Per lending market at `timestamp`: Σ total supplied × oracle price over assets with
    /// LT > 0, Σ total debt × oracle price (both in the market's unit; nil when a price read
    /// fails), and the number of accounts with health below 1 that can be priced (timeseries.csv).
    /// - Complexity: O(markets × assets) oracle reads, plus ``unhealthyAccounts(market:at:)`` per market.
    func marketSeries(at timestamp: Int64) -> [(collateral: Double?, debt: Double?, liquidatable: Int)] {
        state.markets.indices.map { index in
            let book = state.markets[index]
            var collateral: Double? = 0, debt: Double? = 0
            for (slot, config) in book.assets.enumerated() {
                guard let wad = try? state.price(config.price, at: timestamp) else {
                    if config.liquidationThreshold > 0 { collateral = nil }
                    debt = nil
                    continue
                }
                let price = TokenUnits.toDouble(wad, decimals: 18)
                let reserve = book.reserves[slot]
                let decimals = state.ledger.assets[config.asset.index].decimals
                if config.liquidationThreshold > 0 {
                    collateral = collateral.map {
                        $0 + TokenUnits.toDouble(reserve.scaledSupply, decimals: decimals) * TokenUnits.toDouble(reserve.supplyIndex, decimals: 18) * price
                    }
                }
                debt = debt.map {
                    $0 + TokenUnits.toDouble(reserve.scaledDebt, decimals: decimals) * TokenUnits.toDouble(reserve.borrowIndex, decimals: 18) * price
                }
            }
            return (collateral, debt, unhealthyAccounts(market: index, at: timestamp).count)
        }
    }

    /// Each oracle's answer at `timestamp` in its unit (nil when the read fails).
    /// - Complexity: O(oracles) reads.
    func oracleSeries(at timestamp: Int64) -> [Double?] {
        state.oracles.indices.map { index in
            (try? state.readOracle(index, at: timestamp)).map { TokenUnits.toDouble($0.value, decimals: 18) }
        }
    }
}
