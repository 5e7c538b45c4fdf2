extension ConstantProductPool {
    /// The output of swapping `amountIn` in the given direction (zeroForOne: token0 in) at the
    /// current reserves (``amountOut(amountIn:reserveIn:reserveOut:feePips:)``), or nil when
    /// the pool cannot quote it.
    /// - Complexity: O(1).
    public func quote(amountIn: UInt128, zeroForOne: Bool) -> UInt128? {
        let (reserveIn, reserveOut) = zeroForOne ? (reserve0, reserve1) : (reserve1, reserve0)
        return try? Self.amountOut(amountIn: amountIn, reserveIn: reserveIn, reserveOut: reserveOut, feePips: feePips)
    }

    /// Uniswap v2 `getAmountOut`: ⌊amountIn·(10^6−fee)·reserveOut / (reserveIn·10^6 +
    /// amountIn·(10^6−fee))⌋, rounded down (the pool's favour); 256-bit intermediate.
    ///
    /// Throws `.overflow` if amountIn·10^6 or the denominator exceeds `UInt128`, `.underflow` if
    /// the fee exceeds 10^6, `.divisionByZero` if both amountIn and reserveIn are zero.
    @inline(__always)
    public static func amountOut(
        amountIn: UInt128, reserveIn: UInt128, reserveOut: UInt128, feePips: UInt128
    ) throws(ArithmeticError) -> UInt128 {
        // NOTE: both products have a factor below 2^64 (the fee complement is at most 10^6 once
        // subtracted), so they take two 64×64-bit products each, with the same values and
        // errors as the general product (≈ 140 k quotes and swaps a benchmark day), and the
        // function is inlined into each caller (the larger body was no longer: a call each).
        // 727.9 M → 726.3 M instructions a benchmark day (warm-up + 1; callgrind; forced
        // inlining alone: 727.3 M).
        let feeComplement = try FixedPoint.subtract(feeScale, feePips)
        let amountInWithFee = try FixedPoint.multiply(amountIn, short: UInt64(truncatingIfNeeded: feeComplement))
        let denominator = try FixedPoint.add(try FixedPoint.multiply(reserveIn, short: UInt64(truncatingIfNeeded: feeScale)),
                                             amountInWithFee)
        // NOTE: `mulDiv` without its shortcuts for a factor equal to the divisor, which a swap
        // never takes (the denominator exceeds the input with fee when reserveIn > 0), with the
        // same errors in the same order (≈ 140 k quotes and swaps a benchmark day).
        // NOTE: the product of a factor below 2^64 (a 6-decimal reserve or input with fee) taken
        // inline in two 64×64-bit products instead of by `wideMultiply`'s call saved 0.7 M of
        // 575.3 M instructions a benchmark day (warm-up + 1; callgrind): not kept (< 0.3 %).
        if denominator == 0 { throw .divisionByZero }
        let product = FixedPoint.wideMultiply(amountInWithFee, reserveOut)
        if product.high >= denominator { throw .overflow }
        return FixedPoint.wideDivide(product, by: denominator).quotient
    }

    /// Uniswap v2 `getAmountIn`: ⌊reserveIn·amountOut·10^6 / ((reserveOut−amountOut)·(10^6−fee))⌋
    /// + 1 (Uniswap's +1, the pool's favour), computed exactly without a 384-bit intermediate.
    ///
    /// Throws `ArithmeticError.underflow` when amountOut ≥ reserveOut (the swap functions report
    /// this as `PoolError.insufficientLiquidity`), `.divisionByZero` when the fee is 100 %,
    /// `.overflow` when the input exceeds `UInt128`.
    ///
    /// Exactness: with d = reserveOut − amountOut and g = 10^6 − fee, write
    /// reserveIn·amountOut = q·d + r (r < d) and q·10^6 = u·g + v (v < g). Then
    /// N/(d·g) = u + (v + r·10^6/d)/g, and since v is an integer,
    /// ⌊N/(d·g)⌋ = u + ⌊(v + ⌊r·10^6/d⌋)/g⌋, every piece fitting in 128 bits.
    public static func amountIn(
        amountOut: UInt128, reserveIn: UInt128, reserveOut: UInt128, feePips: UInt128
    ) throws(ArithmeticError) -> UInt128 {
        guard amountOut < reserveOut else { throw .underflow }
        let remainingOut = reserveOut - amountOut
        let feeComplement = try FixedPoint.subtract(feeScale, feePips)
        if feeComplement == 0 { throw .divisionByZero }
        let (q, r) = try FixedPoint.mulDivWithRemainder(reserveIn, amountOut, remainingOut)
        let (u, _) = try FixedPoint.mulDivWithRemainder(q, feeScale, feeComplement)
        let v = (q % feeComplement) * feeScale % feeComplement  // < 10^6 · 10^6
        let w = try FixedPoint.mulDiv(r, feeScale, remainingOut, rounding: .down)  // < 10^6
        let floorQuotient = try FixedPoint.add(u, (v + w) / feeComplement)
        return try FixedPoint.add(floorQuotient, 1)
    }
}
