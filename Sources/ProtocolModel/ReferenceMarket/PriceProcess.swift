/// A stochastic price process for one asset of the reference market.
///
/// Parameters are annualised (a year is 365 days, DESIGN.md §2); time is in seconds from the
/// scenario start.
public enum PriceProcess: Sendable, Equatable {
    /// Geometric Brownian motion: dS/S = drift dt + volatility dW.
    ///
    /// Exact transition over Δ years: log S(t+Δ) = log S(t) + (μ − σ²/2)Δ + σ√Δ·Z.
    case gbm(drift: Double, volatility: Double)
    /// Merton (1976) jump diffusion: GBM plus compound-Poisson jumps.
    ///
    /// The log size of a jump is N(`jumpMean`, `jumpStdDev`²); `jumpIntensity` is the expected
    /// number of jumps per year. `drift` is the total expected return (compensated): the
    /// diffusion drift is drift − λ·(exp(jumpMean + jumpStdDev²/2) − 1).
    case jumpDiffusion(drift: Double, volatility: Double, jumpIntensity: Double, jumpMean: Double, jumpStdDev: Double)
    /// Replays a recorded path; deterministic (no randomness). The asset's `initialPrice` is
    /// not used: the path's own prices are.
    case replay(PriceReplay)
}

extension PriceProcess {
    /// The volatility of the Brownian driver (per √year); 0 for a replay.
    var diffusionVolatility: Double {
        switch self {
        case .gbm(_, let volatility): return volatility
        case .jumpDiffusion(_, let volatility, _, _, _): return volatility
        case .replay: return 0
        }
    }

    /// Checks that every parameter is finite and in range; returns the reason when not.
    func validationFailure() -> String? {
        switch self {
        case .gbm(let drift, let volatility):
            if !drift.isFinite { return "drift must be finite" }
            if !(volatility.isFinite && volatility >= 0) { return "volatility must be finite and ≥ 0" }
        case .jumpDiffusion(let drift, let volatility, let intensity, let jumpMean, let jumpStdDev):
            if !drift.isFinite { return "drift must be finite" }
            if !(volatility.isFinite && volatility >= 0) { return "volatility must be finite and ≥ 0" }
            if !(intensity.isFinite && intensity >= 0) { return "jump intensity must be finite and ≥ 0" }
            if !jumpMean.isFinite { return "jump mean must be finite" }
            if !(jumpStdDev.isFinite && jumpStdDev >= 0) { return "jump standard deviation must be finite and ≥ 0" }
        case .replay:
            return nil  // validated when the replay was built
        }
        return nil
    }
}
