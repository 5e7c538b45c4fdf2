import CVectorMath

// Batch kernel for `BlackScholes`, goals in order:
// 1. The same limits as the scalar reference (T = 0, σ = 0, deep in/out of the money), no NaN.
// 2. Accuracy within 1e-13·(1 + |reference|) of a 50-digit reference on every path.
// 3. Speed: on x86-64 Linux the whole computation (glibc libmvec's log; the kernel's own
//    inlined exp, e^{−d1²/2} and normal CDFs; the algebra under AVX2+FMA or AVX-512) runs in
//    the C target (Sources/CVectorMath) in L1-sized blocks of passes, reading the batch's
//    arrays in place (kinds and models too, as their one-byte tags). Elsewhere (arm64, or a
//    CPU without AVX2+FMA) the same formulas run fused on `SIMD8<Double>` lanes in Swift with
//    the vectorised exp, log and erfc of `VectorMath` (BlackScholes+Portable.swift).

extension BlackScholes {
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

    /// The C kernel on `path` (supported by this CPU), over the whole batch in one call: the
    /// C side reads the kinds and models arrays in place as bytes.
    private static func valueVectorized(_ input: OptionColumns, _ output: ValuationColumns, count: Int, path: PricingPath) {
        precondition(enumTagsMatchC, "OptionKind/PricingModel tags differ from CVectorMath's bytes")
        input.kinds.withMemoryRebound(to: UInt8.self, capacity: count) { kinds in
            input.models.withMemoryRebound(to: UInt8.self, capacity: count) { models in
                var arrays = cvm_option_arrays(
                    spot: input.spots, strike: input.strikes, expiry: input.expiries,
                    rate: input.rates, dividend: input.dividends, volatility: input.volatilities,
                    kind: kinds, model: models,
                    price: output.prices, delta: output.deltas, gamma: output.gammas,
                    vega: output.vegas, theta: output.thetas, rho: output.rhos
                )
                let done = cvm_black_scholes(path.code, &arrays, count)
                precondition(done == 1, "CVectorMath refused the supported path \(path)")
            }
        }
    }

    /// Whether `OptionKind` and `PricingModel` are stored as one byte holding the case's
    /// index (call 0, put 1; Black–Scholes 0, Black-76 1), the bytes the C kernel reads.
    /// Swift lays out a payload-free enum this way, but does not promise it, so it is
    /// checked once per process; the tests run the C path and would fail first.
    static let enumTagsMatchC: Bool = {
        func tag<T>(_ value: T) -> UInt8? {
            MemoryLayout<T>.size == 1 ? withUnsafeBytes(of: value) { $0[0] } : nil
        }
        return tag(OptionKind.call) == 0 && tag(OptionKind.put) == 1
            && tag(PricingModel.blackScholes) == 0 && tag(PricingModel.black76) == 1
    }()
}
