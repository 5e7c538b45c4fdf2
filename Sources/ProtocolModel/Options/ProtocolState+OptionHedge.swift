import Foundation

/// The vault keeper's delta hedge and the per-block update of the vaults' clocks.
extension ProtocolState {
    /// Trades vault `index`'s underlying through pool `pool` so that it holds −(net option delta)
    /// whole underlying (never less than zero: the vault does not borrow to short). Buying takes
    /// Uniswap's exact input for the missing amount (so at least it arrives); selling sells the
    /// excess exactly. Only the vault's keeper may send it; a vault already on target trades
    /// nothing.
    mutating func hedgeVault(_ index: Int, pool: Int, sender: AccountID, timestamp: Int64) throws(RevertReason) -> StepFlows {
        let vault = optionVaults[index]
        guard vault.keeper == sender else { throw .options(.notKeeper) }
        let venue = pools[pool]
        guard Set([venue.token0, venue.token1]) == Set([vault.underlying, vault.collateral]) else { throw .options(.wrongPool) }
        let market = try optionMarket(index, at: timestamp)
        let optionDelta = vaultGreeks(vault, market, includingHedge: false).delta
        let target = Self.raw(max(0, -optionDelta), decimals: ledger.assets[vault.underlying.index].decimals, rounding: .down)
        let held = ledger.balance(vault.underlying, of: vault.account)
        let underlyingIsToken0 = venue.token0 == vault.underlying
        if target > held {
            let (reserveIn, reserveOut) = underlyingIsToken0 ? (venue.pool.reserve1, venue.pool.reserve0) : (venue.pool.reserve0, venue.pool.reserve1)
            let cost: UInt128
            do {
                cost = try ConstantProductPool.amountIn(amountOut: target - held, reserveIn: reserveIn, reserveOut: reserveOut,
                                                        feePips: venue.pool.feePips)
            } catch { throw .pool(.insufficientLiquidity) }
            let bought = try swapThroughPool(pool, zeroForOne: !underlyingIsToken0, amountIn: cost, trader: vault.account, timestamp: timestamp)
            return StepFlows(assetIn: vault.collateral, amountIn: cost, assetOut: vault.underlying, amountOut: bought, pool: pool)
        }
        if held > target {
            let proceeds = try swapThroughPool(pool, zeroForOne: underlyingIsToken0, amountIn: held - target, trader: vault.account,
                                               timestamp: timestamp)
            return StepFlows(assetIn: vault.underlying, amountIn: held - target, assetOut: vault.collateral, amountOut: proceeds, pool: pool)
        }
        return StepFlows(pool: pool)
    }

    /// At a block's seal: each vault notes the block's time and, with an EWMA volatility model,
    /// folds in the price oracle's log return since the last seal (annualised by the time between
    /// them). An unreadable oracle leaves the estimate as it was. O(vaults).
    mutating func sealOptionVaults(at timestamp: Int64) {
        for index in optionVaults.indices { sealOptionVault(index, at: timestamp) }
    }

    /// Seals vault `index` at `timestamp` (see ``sealOptionVaults(at:)``). O(1).
    mutating func sealOptionVault(_ index: Int, at timestamp: Int64) {
        var clock = optionVaults[index].clock
        if case .ewma(let lambda, _) = optionVaults[index].volatility,
           let reading = try? readOracle(optionVaults[index].priceOracle, at: timestamp) {
            let price = TokenUnits.toDouble(reading.value, decimals: 18)
            if price > 0, let last = clock.lastPrice, timestamp > clock.pricedAt {
                let logReturn = log(price / last)
                let annualised = logReturn * logReturn * OptionSeries.secondsPerYear / Double(timestamp - clock.pricedAt)
                clock.variance = lambda * clock.variance + (1 - lambda) * annualised
            }
            if price > 0 {
                clock.lastPrice = price
                clock.pricedAt = timestamp
            }
        }
        clock.sealedAt = timestamp
        optionVaults[index].clock = clock
    }
}
