extension StableSwapPool {
    /// Curve's `get_virtual_price`: D·10^18 / share supply — the value of one share in
    /// normalised coin units if every coin were worth one; moves only by the fees swaps add to D.
    public func virtualPrice() throws(ArithmeticError) -> UInt128 {
        try FixedPoint.mulDiv(try invariant(), Self.precision, totalShares, rounding: .down)
    }

    /// Each coin's marginal weight, wad: ∂F/∂xᵢ = Ann + D_P/xᵢ, computed as (Ann·xᵢ + D_P)·10^18/xᵢ,
    /// for the invariant F(x) = Ann·Σx + D − Ann·D − Dⁿ⁺¹/(nⁿ·Πx) at fixed D, with
    /// D_P = Dⁿ⁺¹/(nⁿ·Πx) computed as Curve's `get_D` does. The marginal price of coin i in coin j
    /// (the implicit-function derivative −dxⱼ/dxᵢ) is weightᵢ / weightⱼ.
    func marginalWeights() throws(ArithmeticError) -> [UInt128] {
        let xp = try normalized()
        let n = UInt128(xp.count)
        let d = try Self.invariant(of: xp, amplification: amplification)
        let ann = try FixedPoint.multiply(amplification, n)
        var dP = UInt256(d)
        for x in xp { dP = try dP.multiplied(by: d).divided(by: try FixedPoint.multiply(x, n)) }
        var weights: [UInt128] = []
        weights.reserveCapacity(xp.count)
        for x in xp {
            let numerator = try UInt256(try FixedPoint.multiply(ann, x)).adding(dP).multiplied(by: Self.precision)
            weights.append(try numerator.divided(by: x).narrowed())
        }
        return weights
    }

    /// The pool's marginal price of one whole coin `i` in whole coins `j`, wad, rounded down:
    /// the exchange rate of an infinitesimal swap before the fee (1 at balance).
    public func marginalPrice(of i: Int, in j: Int) throws(ArithmeticError) -> UInt128 {
        let weights = try marginalWeights()
        return try FixedPoint.mulDiv(weights[i], Self.precision, weights[j], rounding: .down)
    }

    /// The value, in raw units of coin `coin`, of `shares` LP shares at the pool's live prices:
    /// the shares' pro-rata claims on every balance (rounded down, as `remove_liquidity` pays),
    /// each converted at the marginal price of its coin in `coin`. This is what a vault reading
    /// the live pool sees (Harvest's flaw): a swap that makes `coin` scarce lowers it.
    public func spotValue(of shares: UInt128, in coin: Int) throws(ArithmeticError) -> UInt128 {
        guard shares > 0 else { return 0 }
        let weights = try marginalWeights()
        var total: UInt128 = 0
        for index in balances.indices {
            let claim = try FixedPoint.mulDiv(balances[index], shares, totalShares, rounding: .down)
            let normalizedClaim = try FixedPoint.multiply(claim, multipliers[index])
            total = try FixedPoint.add(total, try FixedPoint.mulDiv(normalizedClaim, weights[index], weights[coin], rounding: .down))
        }
        return total / multipliers[coin]
    }

    /// The value, in raw units of coin `coin`, of `shares` LP shares at the virtual price (every
    /// coin at par): shares·D/supply, rounded down. Swaps cannot move it beyond their fees (the
    /// post-mortems' manipulation-resistant valuation).
    public func virtualValue(of shares: UInt128, in coin: Int) throws(ArithmeticError) -> UInt128 {
        try FixedPoint.mulDiv(shares, try invariant(), totalShares, rounding: .down) / multipliers[coin]
    }

    /// The marginal price of coin `i` in coin `j` as a double (reporting and agents).
    public func spotPrice(of i: Int, in j: Int) -> Double {
        guard let price = try? marginalPrice(of: i, in: j) else { return .nan }
        return TokenUnits.toDouble(price, decimals: 18)
    }
}
