extension ProtocolState {
    /// Naive LP share price: 2·reserve1·p1 / supply (token0 valued at the pool's own spot,
    /// so both sides are worth reserve1·p1), wad per whole share, rounded down.
    func lpNaivePrice(_ pool: Int, token1Price: UInt128, oracle: String) throws(OracleError) -> UInt128 {
        let venue = pools[pool].pool
        guard venue.totalShares > 0, venue.reserve0 > 0 else { throw .emptyPool(oracle: oracle) }
        do {
            let side = try FixedPoint.mulDiv(venue.reserve1, token1Price, FixedPoint.powerOfTen(venue.decimals1), rounding: .down)
            return try FixedPoint.mulDiv(try FixedPoint.multiply(side, 2), FixedPoint.wad, venue.totalShares, rounding: .down)
        } catch {
            throw .arithmetic(oracle: oracle, error)
        }
    }

    /// Fair LP share price: 2·√(V0·V1) / supply with Vᵢ = reserveᵢ·pᵢ (wad value of each
    /// side at oracle prices), i.e. 2·√(k·p0·p1)/supply; wad per whole share, rounded down.
    /// A swap moves V0·V1 only through the fee added to k.
    func lpFairPrice(_ pool: Int, price0: UInt128, price1: UInt128, oracle: String) throws(OracleError) -> UInt128 {
        let venue = pools[pool].pool
        guard venue.totalShares > 0 else { throw .emptyPool(oracle: oracle) }
        do {
            let value0 = try FixedPoint.mulDiv(venue.reserve0, price0, FixedPoint.powerOfTen(venue.decimals0), rounding: .down)
            let value1 = try FixedPoint.mulDiv(venue.reserve1, price1, FixedPoint.powerOfTen(venue.decimals1), rounding: .down)
            let root = FixedPoint.sqrtOfProduct(value0, value1)
            return try FixedPoint.mulDiv(try FixedPoint.multiply(root, 2), FixedPoint.wad, venue.totalShares, rounding: .down)
        } catch {
            throw .arithmetic(oracle: oracle, error)
        }
    }
}
