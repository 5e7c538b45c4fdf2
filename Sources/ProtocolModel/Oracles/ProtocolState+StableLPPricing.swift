extension ProtocolState {
    /// Naive stable LP share price: the share's claims at the pool's live balances, each coin at
    /// its oracle price: Σ balanceᵢ·pᵢ / 10^decimalsᵢ / supply, wad per whole share (18 decimals),
    /// rounded down. A swap into the pool raises the balance it adds by more than it lowers the
    /// other (the curve's slippage), so it inflates the price.
    func stableLPNaivePrice(_ pool: Int, coinPrices: [UInt128], oracle: String) throws(OracleError) -> UInt128 {
        let venue = stablePools[pool]
        guard venue.pool.totalShares > 0 else { throw .emptyPool(oracle: oracle) }
        do {
            var value: UInt128 = 0
            for (coin, price) in coinPrices.enumerated() {
                // Normalised to 18 decimals (×multiplier), then valued: balance·multiplier·p / 10^18.
                let normalized = try FixedPoint.multiply(venue.pool.balances[coin], venue.pool.multipliers[coin])
                value = try FixedPoint.add(value, try FixedPoint.mulDiv(normalized, price, FixedPoint.wad, rounding: .down))
            }
            return try FixedPoint.mulDiv(value, FixedPoint.wad, venue.pool.totalShares, rounding: .down)
        } catch {
            throw .arithmetic(oracle: oracle, error)
        }
    }

    /// Stable LP share price by the virtual price: get_virtual_price × the lowest coin price,
    /// wad per whole share, rounded down. Swaps move it only by the fees they leave in the pool.
    func stableLPVirtualPrice(_ pool: Int, coinPrices: [UInt128], oracle: String) throws(OracleError) -> UInt128 {
        let venue = stablePools[pool]
        guard venue.pool.totalShares > 0, let lowest = coinPrices.min() else { throw .emptyPool(oracle: oracle) }
        do {
            return try FixedPoint.mulDiv(try venue.pool.virtualPrice(), lowest, FixedPoint.wad, rounding: .down)
        } catch {
            throw .arithmetic(oracle: oracle, error)
        }
    }
}
