extension ConstantProductPool {
    /// Call at the first touch in a block with that block's timestamp, before the touch changes
    /// the reserves: if timestamp > lastTimestamp, adds price·elapsed to both accumulators
    /// (wrapping, as Uniswap v2's overflow-tolerant accumulators) and sets lastTimestamp.
    /// Idempotent within a block. An empty pool only moves lastTimestamp.
    public mutating func accrue(timestamp: Int64) {
        accrue(timestamp: timestamp, cachedPrices: nil)
    }

    /// ``accrue(timestamp:)`` taking the prices `cachedPrices` holds when they are those of the
    /// current reserves (a venue's cache: no division at the first touch of a block for a held
    /// price).
    ///
    /// NOTE: the caller tests the timestamp inline, and calls (and copies the cache for) only the
    /// first touch of a block, ≈ 13 k of 59 k swaps: 1,108.8 M → 1,107.5 M instructions
    /// (benchmark-day full day, warm-up + 1).
    @inline(__always)
    mutating func accrue(timestamp: Int64, cachedPrices: SpotPriceCache?) {
        if timestamp > lastTimestamp { accrueElapsed(timestamp: timestamp, cachedPrices: cachedPrices) }
    }

    /// ``accrue(timestamp:cachedPrices:)`` at a timestamp later than the last accrual.
    @inline(never)
    private mutating func accrueElapsed(timestamp: Int64, cachedPrices: SpotPriceCache?) {
        let elapsed = UInt128(timestamp - lastTimestamp)
        lastTimestamp = timestamp
        guard reserve0 > 0, reserve1 > 0 else { return }
        let prices = cachedPrices ?? SpotPriceCache(self)
        // Both are set: the reserves are non-zero.
        guard let price0 = prices.price(of: self, baseIsToken0: true),
              let price1 = prices.price(of: self, baseIsToken0: false) else { return }
        price0Cumulative &+= price0 &* elapsed
        price1Cumulative &+= price1 &* elapsed
    }

    /// The wad-scaled price of token0 in whole token1 units from the current reserves:
    /// ⌊reserve1·10^(18+decimals0−decimals1)/reserve0⌋ (what `accrue` integrates); nil when
    /// a reserve is zero.
    public var price0Wad: UInt128? {
        guard reserve0 > 0, reserve1 > 0 else { return nil }
        return Self.wadPrice(reserve1, per: reserve0, scaleExponent: 18 + decimals0 - decimals1)
    }

    /// The wad-scaled price of token1 in whole token0 units; nil when a reserve is zero.
    public var price1Wad: UInt128? {
        guard reserve0 > 0, reserve1 > 0 else { return nil }
        return Self.wadPrice(reserve0, per: reserve1, scaleExponent: 18 + decimals1 - decimals0)
    }

    /// ⌊numerator·10^scaleExponent/denominator⌋ for scaleExponent in −18...54 and a non-zero
    /// denominator, saturating at `UInt128.max` (a price that large has no meaning; the
    /// accumulators wrap anyway). Exact: for negative exponents nested floors agree,
    /// ⌊⌊x/m⌋/n⌋ = ⌊x/(m·n)⌋; above 38, with numerator·10^38 = q·denominator + r,
    /// ⌊numerator·10^(38+k)/denominator⌋ = q·10^k + ⌊r·10^k/denominator⌋.
    static func wadPrice(_ numerator: UInt128, per denominator: UInt128, scaleExponent: Int) -> UInt128 {
        if scaleExponent < 0 {
            guard let quotient = try? FixedPoint.divide(numerator, denominator, rounding: .down) else { return .max }
            return quotient / FixedPoint.powerOfTen(-scaleExponent)
        }
        // NOTE: one full-width product and division, without the checks `mulDivWithRemainder`
        // makes for its general callers: a spot-price cache computes two of these at every pool
        // write, and ≈ 150 of their ≈ 300 instructions were that overhead (36.1 M → 30.0 M over
        // 118 k calls, benchmark-day full day, warm-up + 1). A zero denominator still
        // saturates: no high half is below it.
        let direct = min(scaleExponent, 38)
        let product = FixedPoint.wideMultiply(numerator, FixedPoint.powerOfTen(direct))
        guard product.high < denominator else { return .max }
        let (quotient, remainder) = FixedPoint.wideDivide(product, by: denominator)
        guard scaleExponent > direct else { return quotient }
        let extra = FixedPoint.powerOfTen(scaleExponent - direct)
        do {
            let low = try FixedPoint.mulDiv(remainder, extra, denominator, rounding: .down)
            return try FixedPoint.add(try FixedPoint.multiply(quotient, extra), low)
        } catch {
            return .max
        }
    }
}
