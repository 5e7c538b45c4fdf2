extension ConstantProductPool {
    /// Uniswap v2 mint through the router: takes the largest amounts ≤ (amount0, amount1) in the
    /// current reserve ratio (the router's `quote`, rounded down) and mints
    /// min(used0·S/r0, used1·S/r1) shares, rounded down. An empty pool takes both amounts and
    /// mints √(amount0·amount1).
    ///
    /// Throws `PoolError.zeroAmount` (no state change) when no share would be minted.
    public mutating func addLiquidity(amount0: UInt128, amount1: UInt128) throws -> (shares: UInt128, used0: UInt128, used1: UInt128) {
        do {
            if totalShares == 0 || reserve0 == 0 || reserve1 == 0 {
                let shares = FixedPoint.sqrtOfProduct(amount0, amount1)
                guard shares > 0 else { throw PoolError.zeroAmount }
                let new0 = try FixedPoint.add(reserve0, amount0), new1 = try FixedPoint.add(reserve1, amount1)
                let newShares = try FixedPoint.add(totalShares, shares)
                (reserve0, reserve1, totalShares) = (new0, new1, newShares)
                return (shares, amount0, amount1)
            }
            var used0 = amount0
            var used1 = try FixedPoint.mulDiv(amount0, reserve1, reserve0, rounding: .down)
            if used1 > amount1 {
                used1 = amount1
                used0 = try FixedPoint.mulDiv(amount1, reserve0, reserve1, rounding: .down)
            }
            let shares = min(try FixedPoint.mulDiv(used0, totalShares, reserve0, rounding: .down),
                             try FixedPoint.mulDiv(used1, totalShares, reserve1, rounding: .down))
            guard shares > 0 else { throw PoolError.zeroAmount }
            let new0 = try FixedPoint.add(reserve0, used0), new1 = try FixedPoint.add(reserve1, used1)
            let newShares = try FixedPoint.add(totalShares, shares)
            (reserve0, reserve1, totalShares) = (new0, new1, newShares)
            return (shares, used0, used1)
        } catch let error as ArithmeticError {
            throw PoolError.arithmetic(error)
        }
    }

    /// Uniswap v2 burn: returns shares·r0/S and shares·r1/S, rounded down, and removes them.
    ///
    /// Throws `PoolError.insufficientLiquidity` when shares exceed the supply and
    /// `PoolError.zeroAmount` when both amounts round to zero (no state change).
    public mutating func removeLiquidity(shares: UInt128) throws -> (amount0: UInt128, amount1: UInt128) {
        guard shares > 0 else { throw PoolError.zeroAmount }
        guard shares <= totalShares else { throw PoolError.insufficientLiquidity }
        let amount0: UInt128, amount1: UInt128
        do {
            amount0 = try FixedPoint.mulDiv(shares, reserve0, totalShares, rounding: .down)
            amount1 = try FixedPoint.mulDiv(shares, reserve1, totalShares, rounding: .down)
        } catch {
            throw PoolError.arithmetic(error)
        }
        guard amount0 > 0 || amount1 > 0 else { throw PoolError.zeroAmount }
        reserve0 -= amount0
        reserve1 -= amount1
        totalShares -= shares
        return (amount0, amount1)
    }
}
