extension ConstantProductPool {
    /// Swaps an exact input and returns the output; zeroForOne: token0 in, token1 out.
    ///
    /// Throws `PoolError` with no state change on zero input or output, on an empty pool, or
    /// when the new reserve would overflow.
    public mutating func swapExactIn(_ amountIn: UInt128, zeroForOne: Bool) throws(PoolError) -> UInt128 {
        guard amountIn > 0 else { throw PoolError.zeroAmount }
        let (reserveIn, reserveOut) = zeroForOne ? (reserve0, reserve1) : (reserve1, reserve0)
        guard reserveIn > 0, reserveOut > 0 else { throw PoolError.insufficientLiquidity }
        let output: UInt128
        let newReserveIn: UInt128
        do {
            output = try Self.amountOut(amountIn: amountIn, reserveIn: reserveIn, reserveOut: reserveOut, feePips: feePips)
            newReserveIn = try FixedPoint.add(reserveIn, amountIn)
        } catch {
            throw PoolError.arithmetic(error)
        }
        guard output > 0 else { throw PoolError.zeroAmount }
        setReserves(in: newReserveIn, out: reserveOut - output, zeroForOne: zeroForOne)
        return output
    }

    /// Swaps for an exact output and returns the input charged (Uniswap's `getAmountIn`, which
    /// rounds in the pool's favour); zeroForOne: token0 in, token1 out.
    ///
    /// Throws `PoolError` with no state change on zero output, when the output is not below the
    /// reserve (`.insufficientLiquidity`), or on overflow.
    public mutating func swapExactOut(_ amountOut: UInt128, zeroForOne: Bool) throws -> UInt128 {
        guard amountOut > 0 else { throw PoolError.zeroAmount }
        let (reserveIn, reserveOut) = zeroForOne ? (reserve0, reserve1) : (reserve1, reserve0)
        guard amountOut < reserveOut, reserveIn > 0 else { throw PoolError.insufficientLiquidity }
        let input: UInt128
        let newReserveIn: UInt128
        do {
            input = try Self.amountIn(amountOut: amountOut, reserveIn: reserveIn, reserveOut: reserveOut, feePips: feePips)
            newReserveIn = try FixedPoint.add(reserveIn, input)
        } catch {
            throw PoolError.arithmetic(error)
        }
        setReserves(in: newReserveIn, out: reserveOut - amountOut, zeroForOne: zeroForOne)
        return input
    }

    private mutating func setReserves(in newReserveIn: UInt128, out newReserveOut: UInt128, zeroForOne: Bool) {
        if zeroForOne {
            (reserve0, reserve1) = (newReserveIn, newReserveOut)
        } else {
            (reserve1, reserve0) = (newReserveIn, newReserveOut)
        }
    }
}
