extension ConstantProductPool {
    /// Call at the first touch in a block with that block's timestamp, before the touch changes
    /// the reserves: if timestamp > lastTimestamp, adds price·elapsed to both accumulators
    /// (wrapping, as Uniswap v2's overflow-tolerant accumulators) and sets lastTimestamp.
    /// Idempotent within a block. An empty pool only moves lastTimestamp.
    public mutating func accrue(timestamp: Int64) {
        accrue(timestamp: timestamp, cachedPrices: SpotPriceCache(self))
    }

    /// ``accrue(timestamp:)`` taking the prices `cachedPrices` holds when they are those of the
    /// current reserves (a venue's cache: no division at the first touch of a block for a held
    /// price).
    ///
    /// NOTE: the caller tests the timestamp inline, and calls only at the first touch of a block,
    /// ≈ 13 k of 59 k swaps: 1,108.8 M → 1,107.5 M instructions (benchmark-day full day, warm-up
    /// + 1). The cache is borrowed, not wrapped in an optional: that copied its 80 bytes at every
    /// swap (763.2 M → 762.9 M; callgrind).
    @inline(__always)
    mutating func accrue(timestamp: Int64, cachedPrices: borrowing SpotPriceCache) {
        if timestamp > lastTimestamp { accrueElapsed(timestamp: timestamp, cachedPrices: cachedPrices) }
    }

    /// ``accrue(timestamp:cachedPrices:)`` at a timestamp later than the last accrual.
    @inline(never)
    private mutating func accrueElapsed(timestamp: Int64, cachedPrices prices: borrowing SpotPriceCache) {
        let elapsed = UInt128(timestamp - lastTimestamp)
        lastTimestamp = timestamp
        guard reserve0 > 0, reserve1 > 0 else { return }
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
        if let price = wadPriceBySplitScale(numerator, per: denominator, scaleExponent: scaleExponent) { return price }
        return wadPriceFullWidth(numerator, per: denominator, scaleExponent: scaleExponent)
    }

    /// ``wadPrice(_:per:scaleExponent:)`` through two 128-bit divisions, when 10^scaleExponent
    /// splits as 10^a·10^k with numerator·10^a and denominator·10^k both below 2^128: with
    /// numerator·10^a = q·denominator + r (r < denominator, so r·10^k < 2^128 too),
    /// ⌊numerator·10^(a+k)/denominator⌋ = q·10^k + ⌊r·10^k/denominator⌋. Nil when the exponent
    /// does not split so, when the bit lengths do not bound the quotient below 2^128 (it may
    /// saturate), or when the denominator is zero.
    ///
    /// NOTE: a pool's spot-price cache computes one of these at every pool write (≈ 60 k a
    /// benchmark day), and its token amounts leave that room (10 M USDC and 5 k ETH: 10^30 =
    /// 10^25·10^5). Two 128-bit divisions (the runtime's, one hardware division each) replace the
    /// 256-bit product and Algorithm D's two quotient limbs: ≈ 230 → ≈ 190 instructions a price,
    /// 805.5 M → 802.4 M instructions (benchmark-day full day, warm-up + 1; callgrind).
    @inline(__always)
    static func wadPriceBySplitScale(_ numerator: UInt128, per denominator: UInt128, scaleExponent: Int) -> UInt128? {
        guard scaleExponent <= 38, denominator != 0 else { return nil }
        let numeratorZeros = numerator.leadingZeroBitCount, denominatorZeros = denominator.leadingZeroBitCount
        // numerator < 2^(128 − nz), 10^s ≤ 2^⌈10s/3⌉ (log2 10 < 10/3), denominator ≥ 2^(127 − dz):
        // the quotient is below 2^(1 − nz + ⌈10s/3⌉ + dz), so below 2^128 when that exponent is
        // at most 128, and the wrapping arithmetic below is exact.
        guard 1 - numeratorZeros + (10 * scaleExponent + 2) / 3 + denominatorZeros <= 128 else { return nil }
        // 10^e < 2^m when e ≤ 0.3·m (log10 2 > 0.3): the largest exponents that leave room.
        let direct = min(scaleExponent, numeratorZeros * 3 / 10), rest = scaleExponent - direct
        guard rest <= denominatorZeros * 3 / 10 else { return nil }
        let (quotient, remainder) = (numerator &* FixedPoint.powerOfTen(direct)).quotientAndRemainder(dividingBy: denominator)
        guard rest > 0 else { return quotient }
        let extra = FixedPoint.powerOfTen(rest)
        return quotient &* extra &+ (remainder &* extra) / denominator
    }

    /// ``wadPrice(_:per:scaleExponent:)`` for a scale exponent ≥ 0 through a 256-bit product.
    static func wadPriceFullWidth(_ numerator: UInt128, per denominator: UInt128, scaleExponent: Int) -> UInt128 {
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
