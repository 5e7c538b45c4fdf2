import Foundation

/// The trade a vault's delta hedge makes through its pool (``ProtocolState/vaultHedgeTrade(vault:pool:at:)``).
public struct VaultHedgeTrade: Equatable, Sendable {
    /// True when the vault sells underlying for collateral; false when it buys underlying.
    public var sellsUnderlying: Bool
    /// What the vault pays into the pool, raw units: collateral on a buy (Uniswap's exact input
    /// for the missing underlying, at least 1), underlying on a sale (the excess, at least 1).
    public var amountIn: UInt128
    /// What the pool pays out at the reserves it is planned on, raw units: the missing underlying
    /// on a buy, the quoted collateral on a sale (0 when the sale is too small to pay a raw unit,
    /// and the step would revert with `pool: zeroAmount`).
    public var amountOut: UInt128
}

/// The vault keeper's delta hedge and the per-block update of the vaults' clocks.
extension ProtocolState {
    /// The trade ``Step/hedgeVault(vault:pool:)`` would make for vault `index` through pool
    /// `pool` at `timestamp` (default: the vault's last sealed block): the vault's target is
    /// −(net option delta) whole underlying rounded down to a raw unit (never less than zero: the
    /// vault does not borrow to short). Nil when the vault already holds its target. Throws what
    /// the step throws before trading: a pool that does not trade the vault's pair, an
    /// unreadable price oracle, a buy the pool cannot quote. O(series).
    /// - Parameter settling: series taken as settled first (the vault's positions in them count
    ///   for nothing, as ``Step/settleOptions(vault:series:)`` leaves them): the trade the hedge
    ///   meets after settlements that land before it in the same block.
    public func vaultHedgeTrade(vault index: Int, pool: Int, at timestamp: Int64? = nil, settling: [Int] = []) throws(RevertReason) -> VaultHedgeTrade? {
        var vault = optionVaults[index]
        for series in settling { vault.totals.vaultPositions[series] = 0 }
        let venue = pools[pool]
        guard Set([venue.token0, venue.token1]) == Set([vault.underlying, vault.collateral]) else { throw .options(.wrongPool) }
        let market = try optionMarket(index, at: timestamp ?? vault.clock.sealedAt)
        let optionDelta = vaultGreeks(vault, market, includingHedge: false).delta
        let target = Self.raw(max(0, -optionDelta), decimals: ledger.assets[vault.underlying.index].decimals, rounding: .down)
        let held = ledger.balance(vault.underlying, of: vault.account)
        let underlyingIsToken0 = venue.token0 == vault.underlying
        let (underlyingReserve, collateralReserve) = underlyingIsToken0
            ? (venue.pool.reserve0, venue.pool.reserve1) : (venue.pool.reserve1, venue.pool.reserve0)
        if target > held {
            let cost: UInt128
            do {
                cost = try ConstantProductPool.amountIn(amountOut: target - held, reserveIn: collateralReserve,
                                                        reserveOut: underlyingReserve, feePips: venue.pool.feePips)
            } catch { throw .pool(.insufficientLiquidity) }
            return VaultHedgeTrade(sellsUnderlying: false, amountIn: cost, amountOut: target - held)
        }
        if held > target {
            let proceeds: UInt128
            do {
                proceeds = try ConstantProductPool.amountOut(amountIn: held - target, reserveIn: underlyingReserve,
                                                             reserveOut: collateralReserve, feePips: venue.pool.feePips)
            } catch { throw .pool(.arithmetic(error)) }
            return VaultHedgeTrade(sellsUnderlying: true, amountIn: held - target, amountOut: proceeds)
        }
        return nil
    }

    /// Trades vault `index`'s underlying through pool `pool` as ``vaultHedgeTrade(vault:pool:at:)``
    /// plans at `timestamp`: buying takes Uniswap's exact input for the missing amount (so at
    /// least it arrives); selling sells the excess exactly. Only the vault's keeper may send it;
    /// a vault already on target trades nothing.
    mutating func hedgeVault(_ index: Int, pool: Int, sender: AccountID, timestamp: Int64) throws(RevertReason) -> StepFlows {
        let vault = optionVaults[index]
        guard vault.keeper == sender else { throw .options(.notKeeper) }
        guard let trade = try vaultHedgeTrade(vault: index, pool: pool, at: timestamp) else { return StepFlows(pool: pool) }
        let underlyingIsToken0 = pools[pool].token0 == vault.underlying
        let zeroForOne = trade.sellsUnderlying == underlyingIsToken0
        let received = try swapThroughPool(pool, zeroForOne: zeroForOne, amountIn: trade.amountIn, trader: vault.account, timestamp: timestamp)
        return trade.sellsUnderlying
            ? StepFlows(assetIn: vault.underlying, amountIn: trade.amountIn, assetOut: vault.collateral, amountOut: received, pool: pool)
            : StepFlows(assetIn: vault.collateral, amountIn: trade.amountIn, assetOut: vault.underlying, amountOut: received, pool: pool)
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
