extension StableSwapPool {
    /// Curve's `get_D`: the invariant D of normalised balances `xp` solving
    /// A·nⁿ·Σx + D = A·nⁿ·D + Dⁿ⁺¹/(nⁿ·Πx), by Newton's iteration from D = Σx, stopping when two
    /// iterates differ by at most 1; 0 for an empty pool.
    ///
    /// - Throws: an ``ArithmeticError`` where the contract would revert (a zero balance divides
    ///   by zero), on a 128-bit divisor overflow (see the type's documentation), or `.overflow`
    ///   when 255 iterations do not converge (the contract returns the last iterate; it never
    ///   happens at sane balances).
    /// - Complexity: O(n) per iteration.
    static func invariant(of xp: [UInt128], amplification: UInt128) throws(ArithmeticError) -> UInt128 {
        let n = UInt128(xp.count)
        var sum: UInt128 = 0
        for x in xp { sum = try FixedPoint.add(sum, x) }
        if sum == 0 { return 0 }
        let ann = try FixedPoint.multiply(amplification, n)
        var d = sum
        for _ in 0..<maxIterations {
            var dP = UInt256(d)
            for x in xp { dP = try dP.multiplied(by: d).divided(by: try FixedPoint.multiply(x, n)) }
            let previous = d
            // D = (Ann·S + D_P·n)·D / ((Ann − 1)·D + (n + 1)·D_P)
            let numerator = try UInt256(try FixedPoint.multiply(ann, sum)).adding(try dP.multiplied(by: n)).multiplied(by: d)
            let denominator = try UInt256(try FixedPoint.multiply(ann - 1, d)).adding(try dP.multiplied(by: n + 1)).narrowed()
            d = try numerator.divided(by: denominator).narrowed()
            if (d > previous ? d - previous : previous - d) <= 1 { return d }
        }
        throw .overflow
    }

    /// Curve's `get_y`: the normalised balance of coin `j` that keeps the invariant D of `xp`
    /// when coin `i`'s normalised balance becomes `x`, by Newton's iteration y ← (y² + c)/(2y + b − D)
    /// from y = D, stopping when two iterates differ by at most 1.
    ///
    /// - Throws: as ``invariant(of:amplification:)``.
    static func balance(of j: Int, after i: Int, to x: UInt128, normalized xp: [UInt128],
                        amplification: UInt128) throws(ArithmeticError) -> UInt128 {
        precondition(i != j && xp.indices.contains(i) && xp.indices.contains(j), "a swap needs two different coins of the pool")
        let n = UInt128(xp.count)
        let d = try invariant(of: xp, amplification: amplification)
        let ann = try FixedPoint.multiply(amplification, n)
        var c = UInt256(d)
        var partialSum: UInt128 = 0
        for k in xp.indices where k != j {
            let value = k == i ? x : xp[k]
            partialSum = try FixedPoint.add(partialSum, value)
            c = try c.multiplied(by: d).divided(by: try FixedPoint.multiply(value, n))
        }
        c = try c.multiplied(by: d).divided(by: try FixedPoint.multiply(ann, n))
        let b = try FixedPoint.add(partialSum, d / ann)
        var y = d
        for _ in 0..<maxIterations {
            let previous = y
            let numerator = try UInt256(FixedPoint.wideMultiply(y, y)).adding(c)
            let denominator = try FixedPoint.subtract(try FixedPoint.add(try FixedPoint.multiply(2, y), b), d)
            y = try numerator.divided(by: denominator).narrowed()
            if (y > previous ? y - previous : previous - y) <= 1 { return y }
        }
        throw .overflow
    }
}

extension UInt256 {
    /// A full-width product as a 256-bit value.
    init(_ product: (high: UInt128, low: UInt128.Magnitude)) {
        self.init(high: product.high, low: product.low)
    }
}
