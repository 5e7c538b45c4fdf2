import CVectorMath

// Batch kernel for `BlackScholes`, goals in order:
// 1. The same limits as the scalar reference (T = 0, σ = 0, deep in/out of the money), no NaN.
// 2. Accuracy within 1e-13·(1 + |reference|) of a 50-digit reference: log, exp and erfc come
//    from glibc (libmvec ≤ 4 ulp) and ln(S/K) is corrected with an exact residual.
// 3. Speed: options go through in chunks of `chunkSize` that stay in L1/L2. The algebra runs
//    on `SIMD8<Double>`; the transcendental functions run over whole chunk buffers through
//    CVectorMath, so no scalar libm call is made per option on the AVX2/AVX-512 paths.
//    NOTE: splitting the chunk into passes (log, then 3 exp + 2 erfc, then combine) lets one
//    C call cover 2–3 arrays at once and keeps Swift free of vector-ABI crossings.

extension BlackScholes {
    /// Options per chunk; a multiple of the SIMD width 8.
    static let chunkSize = 256

    /// Prices and Greeks of every option in `batch`, written into `output` (resized to
    /// `batch.count`).
    ///
    /// - Parameter path: which exp/log/erfc implementation to use; defaults to
    ///   `PricingPath.active`. Every path gives the scalar reference's numbers to within a few ulp.
    /// - Complexity: O(n), no allocation when `output` already has the right size.
    public static func value(_ batch: OptionBatch, into output: inout ValuationBatch, path: PricingPath = .active) {
        let count = batch.count
        precondition(
            [batch.kinds.count, batch.models.count, batch.strikes.count, batch.expiries.count,
             batch.rates.count, batch.dividends.count, batch.volatilities.count].allSatisfy { $0 == count },
            "OptionBatch arrays differ in length"
        )
        output.resize(to: count)
        withUnsafeTemporaryAllocation(of: Double.self, capacity: Scratch.fields * chunkSize) { buffer in
            var scratch = Scratch(base: buffer.baseAddress!)
            var start = 0
            while start < count {
                let length = min(chunkSize, count - start)
                scratch.load(batch, from: start, count: length)
                scratch.compute(path: path.code)
                scratch.store(into: &output, at: start, count: length)
                start += length
            }
        }
    }

    /// Prices and Greeks of every option in `batch`. Complexity: O(n).
    public static func value(_ batch: OptionBatch, path: PricingPath = .active) -> ValuationBatch {
        var output = ValuationBatch()
        value(batch, into: &output, path: path)
        return output
    }
}

/// One chunk's working arrays, each `BlackScholes.chunkSize` doubles, in one allocation.
private struct Scratch {
    /// Inputs 0…7, work 8…15, outputs 16…21.
    static let fields = 22
    let base: UnsafeMutablePointer<Double>

    private func field(_ index: Int) -> UnsafeMutablePointer<Double> { base + index * BlackScholes.chunkSize }
    var omega: UnsafeMutablePointer<Double> { field(0) }
    var black76: UnsafeMutablePointer<Double> { field(1) }
    var spot: UnsafeMutablePointer<Double> { field(2) }
    var strike: UnsafeMutablePointer<Double> { field(3) }
    var expiry: UnsafeMutablePointer<Double> { field(4) }
    var rate: UnsafeMutablePointer<Double> { field(5) }
    var dividend: UnsafeMutablePointer<Double> { field(6) }
    var sigma: UnsafeMutablePointer<Double> { field(7) }
    /// S/K, then log(S/K) in place.
    var logRatio: UnsafeMutablePointer<Double> { field(8) }
    /// Three consecutive fields: −rT, −qT, −d1²/2; exp in place.
    var expArgs: UnsafeMutablePointer<Double> { field(9) }
    /// Two consecutive fields: −ω·d1/√2, −ω·d2/√2; erfc in place.
    var erfcArgs: UnsafeMutablePointer<Double> { field(12) }
    var rootT: UnsafeMutablePointer<Double> { field(14) }
    var stdDev: UnsafeMutablePointer<Double> { field(15) }
    /// Output `index`: price, delta, gamma, vega, theta, rho.
    func output(_ index: Int) -> UnsafeMutablePointer<Double> { field(16 + index) }

    /// Number of lanes computed: the chunk's count rounded up to the SIMD width.
    private(set) var lanes = 0

    /// Copies options `start..<start+count` in, padding to a multiple of 8 with a harmless option.
    mutating func load(_ batch: OptionBatch, from start: Int, count: Int) {
        lanes = (count + 7) & ~7
        func copy(_ source: [Double], to target: UnsafeMutablePointer<Double>) {
            source.withUnsafeBufferPointer { target.update(from: $0.baseAddress! + start, count: count) }
        }
        copy(batch.spots, to: spot)
        copy(batch.strikes, to: strike)
        copy(batch.expiries, to: expiry)
        copy(batch.rates, to: rate)
        copy(batch.dividends, to: dividend)
        copy(batch.volatilities, to: sigma)
        batch.kinds.withUnsafeBufferPointer { kinds in
            batch.models.withUnsafeBufferPointer { models in
                for lane in 0..<count {
                    let isBlack76 = models[start + lane] == .black76
                    omega[lane] = kinds[start + lane] == .call ? 1 : -1
                    black76[lane] = isBlack76 ? 1 : 0
                    if isBlack76 { dividend[lane] = rate[lane] }
                }
            }
        }
        for lane in count..<lanes {
            omega[lane] = 1
            black76[lane] = 0
            spot[lane] = 1
            strike[lane] = 1
            expiry[lane] = 1
            rate[lane] = 0
            dividend[lane] = 0
            sigma[lane] = 0.2
        }
    }

    /// Copies the first `count` lanes' outputs to `output[start...]`.
    func store(into output: inout ValuationBatch, at start: Int, count: Int) {
        // NOTE: one closure per array rather than a loop over key paths: the key-path loop
        // allocated an array and re-checked uniqueness per chunk (visible in perf).
        func copy(_ index: Int, _ target: inout [Double]) {
            let source = self.output(index)
            target.withUnsafeMutableBufferPointer { ($0.baseAddress! + start).update(from: source, count: count) }
        }
        copy(0, &output.prices)
        copy(1, &output.deltas)
        copy(2, &output.gammas)
        copy(3, &output.vegas)
        copy(4, &output.thetas)
        copy(5, &output.rhos)
    }

    /// Runs the three passes over `lanes` lanes.
    func compute(path: Int32) {
        typealias V = SIMD8<Double>
        let n = lanes
        let size = BlackScholes.chunkSize
        let invSqrt2 = V(repeating: 0.5.squareRoot())
        let half = V(repeating: 0.5)

        for i in stride(from: 0, to: n, by: 8) {
            store(spot.load8(i) / strike.load8(i), logRatio, i)
        }
        cvm_log(path, logRatio, logRatio, n)

        for i in stride(from: 0, to: n, by: 8) {
            let s = spot.load8(i), k = strike.load8(i), t = expiry.load8(i)
            let r = rate.load8(i), q = dividend.load8(i), w = omega.load8(i)
            let ratio = s / k
            let logSK = logRatio.load8(i) + exactResidual(s, ratio, k) / s
            let logFK = logSK + (r - q) * t
            let root = t.squareRoot()
            let sd = sigma.load8(i) * root
            let positive = sd .> 0
            var d1 = V(repeating: 0)
            d1.replace(with: .infinity, where: logFK .> 0)
            d1.replace(with: -.infinity, where: logFK .< 0)
            d1.replace(with: logFK / sd + half * sd, where: positive)
            let d2 = d1 - sd
            store(root, rootT, i)
            store(sd, stdDev, i)
            store(-r * t, expArgs, i)
            store(-q * t, expArgs + size, i)
            store(-half * d1 * d1, expArgs + 2 * size, i)
            store(-w * d1 * invSqrt2, erfcArgs, i)
            store(-w * d2 * invSqrt2, erfcArgs + size, i)
        }
        // The three exp fields and two erfc fields are contiguous: one call each.
        cvm_exp(path, expArgs, expArgs, 3 * size)
        cvm_erfc(path, erfcArgs, erfcArgs, 2 * size)

        let inverseSqrtTwoPi = V(repeating: BlackScholes.inverseSqrtTwoPi)
        for i in stride(from: 0, to: n, by: 8) {
            let s = spot.load8(i), k = strike.load8(i), t = expiry.load8(i)
            let r = rate.load8(i), q = dividend.load8(i), w = omega.load8(i)
            let sg = sigma.load8(i), root = rootT.load8(i), sd = stdDev.load8(i)
            let rateDiscount = expArgs.load8(i)
            let dividendDiscount = (expArgs + size).load8(i)
            let density = (expArgs + 2 * size).load8(i) * inverseSqrtTwoPi
            let nd1 = half * erfcArgs.load8(i)
            let nd2 = half * (erfcArgs + size).load8(i)

            let spotLeg = s * dividendDiscount * nd1
            let strikeLeg = k * rateDiscount * nd2
            let price = w * (spotLeg - strikeLeg)
            let delta = w * dividendDiscount * nd1
            var gamma = dividendDiscount * density / (s * sd)
            gamma.replace(with: 0, where: .!(sd .> 0))
            let vega = s * dividendDiscount * density * root
            var decay = -(s * dividendDiscount * density * sg) / (2 * root)
            decay.replace(with: 0, where: .!(t .> 0))
            let theta = decay - w * r * strikeLeg + w * q * spotLeg
            var rho = w * t * strikeLeg
            rho.replace(with: -t * price, where: black76.load8(i) .> 0)
            store(price, output(0), i)
            store(delta, output(1), i)
            store(gamma, output(2), i)
            store(vega, output(3), i)
            store(theta, output(4), i)
            store(rho, output(5), i)
        }
    }

    @inline(__always)
    private func store(_ value: SIMD8<Double>, _ pointer: UnsafeMutablePointer<Double>, _ index: Int) {
        UnsafeMutableRawPointer(pointer + index).storeBytes(of: value, as: SIMD8<Double>.self)
    }

    /// a − x·b exactly, lane by lane (Dekker's two-product; no FMA needed).
    @inline(__always)
    private func exactResidual(_ a: SIMD8<Double>, _ x: SIMD8<Double>, _ b: SIMD8<Double>) -> SIMD8<Double> {
        let splitter = SIMD8<Double>(repeating: 134_217_729.0)
        let high = x * b
        let xc = splitter * x, bc = splitter * b
        let xh = xc - (xc - x), bh = bc - (bc - b)
        let xl = x - xh, bl = b - bh
        let low = ((xh * bh - high) + xh * bl + xl * bh) + xl * bl
        return (a - high) - low
    }
}

private extension UnsafeMutablePointer<Double> {
    /// Eight doubles starting at `index`.
    @inline(__always)
    func load8(_ index: Int) -> SIMD8<Double> {
        UnsafeRawPointer(self + index).loadUnaligned(as: SIMD8<Double>.self)
    }
}
