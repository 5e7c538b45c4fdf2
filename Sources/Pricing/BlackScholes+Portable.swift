/// The portable batch path: the formulas of `BlackScholes.value(_:)` fused on `SIMD8<Double>`
/// lanes with `VectorMath`'s exp, log and erfc, so no libm call is made per option.
extension BlackScholes {
    /// Options 0..<count of `input` into `output`, eight lanes at a time.
    static func valuePortable(_ input: OptionColumns, _ output: ValuationColumns, count: Int) {
        var start = 0
        while start < count {
            let lanes = min(8, count - start)
            portableLanes(input, output, start: start, lanes: lanes)
            start += lanes
        }
    }

    /// Options start..<start+lanes (lanes ≤ 8); missing lanes compute a harmless option.
    @inline(__always)
    private static func portableLanes(_ input: OptionColumns, _ output: ValuationColumns, start: Int, lanes: Int) {
        typealias V = SIMD8<Double>
        let spot = load(input.spots, start, lanes, padding: 1)
        let strike = load(input.strikes, start, lanes, padding: 1)
        let expiry = load(input.expiries, start, lanes, padding: 1)
        let rate = load(input.rates, start, lanes, padding: 0)
        var dividend = load(input.dividends, start, lanes, padding: 0)
        let sigma = load(input.volatilities, start, lanes, padding: 0.2)
        var omega = V(repeating: 1)
        var isBlack76 = SIMDMask<SIMD8<Int64>>()
        for lane in 0..<lanes {
            if input.kinds[start + lane] == .put { omega[lane] = -1 }
            if input.models[start + lane] == .black76 { isBlack76[lane] = true }
        }
        dividend.replace(with: rate, where: isBlack76)

        // ln(F/K) with ln(S/K) = ln(x) + (S − x·K)/S, x = fl(S/K), the residual exact.
        let ratio = spot / strike
        let logMoneyness = VectorMath.log(ratio) + exactResidual(spot, ratio, strike) / spot + (rate - dividend) * expiry
        let rootT = expiry.squareRoot()
        let stdDev = sigma * rootT
        let positive = stdDev .> 0
        var d1 = V(repeating: 0)
        d1.replace(with: .infinity, where: logMoneyness .> 0)
        d1.replace(with: -.infinity, where: logMoneyness .< 0)
        d1.replace(with: logMoneyness / stdDev + 0.5 * stdDev, where: positive)
        let d2 = d1 - stdDev

        let rateDiscount = VectorMath.exp(-rate * expiry)
        let dividendDiscount: V
        if all(dividend .== 0) {
            dividendDiscount = V(repeating: 1)
        } else if all(dividend .== rate) {
            dividendDiscount = rateDiscount
        } else {
            dividendDiscount = VectorMath.exp(-dividend * expiry)
        }
        // N(ω·d) = erfc(−ω·d/√2)/2, and e^{−(ω·d/√2)²} = e^{−d²/2}.
        let gaussian1 = VectorMath.gaussian(d1)
        let density = gaussian1 * inverseSqrtTwoPi
        let minusOmegaOverRoot2 = omega * -0.5.squareRoot()
        let nd1 = 0.5 * VectorMath.erfc(minusOmegaOverRoot2 * d1, gaussian: gaussian1)
        let nd2 = 0.5 * VectorMath.erfc(minusOmegaOverRoot2 * d2, gaussian: VectorMath.gaussian(d2))

        let spotLeg = spot * dividendDiscount * nd1
        let strikeLeg = strike * rateDiscount * nd2
        let price = omega * (spotLeg - strikeLeg)
        let scaledDensity = spot * dividendDiscount * density
        var gamma = dividendDiscount * density / (spot * stdDev)
        gamma.replace(with: 0, where: .!positive)
        var decay = -(scaledDensity * sigma) / (rootT + rootT)
        decay.replace(with: 0, where: .!(expiry .> 0))
        var rho = omega * expiry * strikeLeg
        rho.replace(with: -expiry * price, where: isBlack76)
        store(price, output.prices, start, lanes)
        store(omega * dividendDiscount * nd1, output.deltas, start, lanes)
        store(gamma, output.gammas, start, lanes)
        store(scaledDensity * rootT, output.vegas, start, lanes)
        store(decay - omega * rate * strikeLeg + omega * dividend * spotLeg, output.thetas, start, lanes)
        store(rho, output.rhos, start, lanes)
    }

    /// Lanes start..<start+lanes of `column`, the rest `padding`.
    @inline(__always)
    private static func load(_ column: UnsafePointer<Double>, _ start: Int, _ lanes: Int, padding: Double) -> SIMD8<Double> {
        if lanes == 8 { return UnsafeRawPointer(column + start).loadUnaligned(as: SIMD8<Double>.self) }
        var value = SIMD8<Double>(repeating: padding)
        for lane in 0..<lanes { value[lane] = column[start + lane] }
        return value
    }

    /// Writes the first `lanes` lanes of `value` to column[start...].
    @inline(__always)
    private static func store(_ value: SIMD8<Double>, _ column: UnsafeMutablePointer<Double>, _ start: Int, _ lanes: Int) {
        if lanes == 8 {
            UnsafeMutableRawPointer(column + start).storeBytes(of: value, as: SIMD8<Double>.self)
            return
        }
        for lane in 0..<lanes { column[start + lane] = value[lane] }
    }

    /// a − x·b exactly, lane by lane (Dekker's two-product; no FMA needed).
    @inline(__always)
    private static func exactResidual(_ a: SIMD8<Double>, _ x: SIMD8<Double>, _ b: SIMD8<Double>) -> SIMD8<Double> {
        let splitter = SIMD8<Double>(repeating: 134_217_729.0)  // 2^27 + 1
        let high = x * b
        let xc = splitter * x, bc = splitter * b
        let xh = xc - (xc - x), bh = bc - (bc - b)
        let xl = x - xh, bl = b - bh
        let low = ((xh * bh - high) + xh * bl + xl * bh) + xl * bl
        return (a - high) - low
    }
}
