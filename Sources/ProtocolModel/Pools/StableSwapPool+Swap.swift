extension StableSwapPool {
    /// Curve's `get_dy`: the raw output of coin `j` for `amountIn` raw of coin `i` at the current
    /// balances, after the fee: dy = xp[j] − y − 1, less dy·fee/10^10, scaled back to raw units
    /// (every division rounds down, as the contract's).
    ///
    /// - Throws: ``PoolError/zeroAmount`` on a zero input or output,
    ///   ``PoolError/insufficientLiquidity`` when the output would take the whole balance,
    ///   ``PoolError/arithmetic(_:)`` where the contract would revert.
    /// - Complexity: two Newton solves (D, then y).
    public func quote(amountIn: UInt128, from i: Int, to j: Int) throws(PoolError) -> UInt128 {
        guard amountIn > 0 else { throw .zeroAmount }
        let output: UInt128
        do {
            let xp = try normalized()
            let x = try FixedPoint.add(xp[i], try FixedPoint.multiply(amountIn, multipliers[i]))
            let y = try Self.balance(of: j, after: i, to: x, normalized: xp, amplification: amplification)
            let gross = try FixedPoint.subtract(try FixedPoint.subtract(xp[j], y), 1)
            let charged = try FixedPoint.mulDiv(gross, fee, Self.feeDenominator, rounding: .down)
            output = (gross - charged) / multipliers[j]
        } catch {
            throw .arithmetic(error)
        }
        guard output > 0 else { throw .zeroAmount }
        guard output < balances[j] else { throw .insufficientLiquidity }
        return output
    }

    /// Curve's `exchange`: sells `amountIn` raw of coin `i` for coin `j`, returns the output
    /// (see ``quote(amountIn:from:to:)``). The fee stays in the pool (admin fee zero).
    ///
    /// - Throws: as ``quote(amountIn:from:to:)``, with no state change.
    public mutating func swap(amountIn: UInt128, from i: Int, to j: Int) throws(PoolError) -> UInt128 {
        let output = try quote(amountIn: amountIn, from: i, to: j)
        do { balances[i] = try FixedPoint.add(balances[i], amountIn) } catch { throw .arithmetic(error) }
        balances[j] -= output
        return output
    }
}
