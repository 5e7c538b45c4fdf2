import CVectorMath

// Batch kernel for `BlackScholes`, goals in order:
// 1. The same limits as the scalar reference (T = 0, σ = 0, deep in/out of the money), no NaN.
// 2. Accuracy within 1e-13·(1 + |reference|) of a 50-digit reference on every path.
// 3. Speed: on x86-64 Linux the whole computation (1 log, 2–3 exp, 2 erfc from glibc's
//    libmvec, and the algebra under AVX2+FMA or AVX-512) runs in the C target
//    (Sources/CVectorMath) in L1-sized blocks of passes, reading the batch's arrays in place;
//    Swift only turns kinds and models into flag bytes, a chunk at a time. Elsewhere (arm64, or a CPU without
//    AVX2+FMA) the same formulas run fused on `SIMD8<Double>` lanes in Swift with the
//    vectorised exp, log and erfc of `VectorMath` (BlackScholes+Portable.swift).

extension BlackScholes {
    /// Options whose flag bytes are prepared per C call.
    static let chunkSize = 1024

    /// Prices and Greeks of every option in `batch`, written into `output` (resized to
    /// `batch.count`).
    ///
    /// - Parameter path: which implementation to use; defaults to `PricingPath.active`. A
    ///   path the CPU cannot run falls back to the fastest one it can. Every path gives the
    ///   scalar reference's numbers to within a few ulp.
    /// - Complexity: O(n), no allocation when `output` already has the right size.
    public static func value(_ batch: OptionBatch, into output: inout ValuationBatch, path: PricingPath = .active) {
        let count = batch.count
        precondition(
            [batch.kinds.count, batch.models.count, batch.strikes.count, batch.expiries.count,
             batch.rates.count, batch.dividends.count, batch.volatilities.count].allSatisfy { $0 == count },
            "OptionBatch arrays differ in length"
        )
        output.resize(to: count)
        guard count > 0 else { return }
        let effective = min(path, PricingPath.supported)
        batch.withColumns { input in
            output.withColumns { results in
                if effective == .portable {
                    valuePortable(input, results, count: count)
                } else {
                    valueVectorized(input, results, count: count, path: effective)
                }
            }
        }
    }

    /// Prices and Greeks of every option in `batch`. Complexity: O(n).
    public static func value(_ batch: OptionBatch, path: PricingPath = .active) -> ValuationBatch {
        var output = ValuationBatch()
        value(batch, into: &output, path: path)
        return output
    }

    /// The C kernel on `path` (supported by this CPU), `chunkSize` options per call.
    private static func valueVectorized(_ input: OptionColumns, _ output: ValuationColumns, count: Int, path: PricingPath) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: chunkSize) { flags in
            let put = UInt8(CVM_FLAG_PUT), black76 = UInt8(CVM_FLAG_BLACK76)
            var start = 0
            while start < count {
                let length = min(chunkSize, count - start)
                for lane in 0..<length {
                    let kindFlag: UInt8 = switch input.kinds[start + lane] { case .call: 0; case .put: put }
                    let modelFlag: UInt8 = switch input.models[start + lane] { case .blackScholes: 0; case .black76: black76 }
                    flags[lane] = kindFlag | modelFlag
                }
                var arrays = cvm_option_arrays(
                    spot: input.spots + start, strike: input.strikes + start, expiry: input.expiries + start,
                    rate: input.rates + start, dividend: input.dividends + start,
                    volatility: input.volatilities + start, flags: flags.baseAddress!,
                    price: output.prices + start, delta: output.deltas + start, gamma: output.gammas + start,
                    vega: output.vegas + start, theta: output.thetas + start, rho: output.rhos + start
                )
                let done = cvm_black_scholes(path.code, &arrays, length)
                precondition(done == 1, "CVectorMath refused the supported path \(path)")
                start += length
            }
        }
    }
}
