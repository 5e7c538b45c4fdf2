import Foundation

// Initial guesses for the normalised implied vol s = σ√T, given β = b(x, s) with x ≤ 0.
// Goal: within a few per cent of the root everywhere, so that 2–3 Halley steps on the
// transformed objectives reach rounding. Derivations (ours; the shape follows Jäckel):
//
// - Inflection point: b''(s) = b'(s)·(x²/s³ − s/4) vanishes at s_c = √(2|x|), where
//   d1 = 0, so b_c = e^{x/2}/2 − e^{−x/2}·N(−s_c) and b'(s_c) = e^{x/2}/√(2π). b is convex
//   below s_c (the tangent there overestimates the root) and concave above it (the tangent
//   underestimates it).
// - Below b_c: Mills' ratio in both N terms gives b ≈ e^{−x²/(2s²) − s²/8}·s³/(x²·√(2π))
//   as s → 0. With u = 1/s², ln β = −x²u/2 − 1/(8u) − (3/2)·ln u − 2·ln|x| − ln√(2π),
//   solved for u by Newton (the right side is monotone for u ≥ 1/(2|x|)).
// - Above b_c: as s grows, b_max − b → 2·N(−s/2) (the x/s shifts of d1 and d2 cancel to
//   first order; exact when x = 0), so s ≈ −2·N⁻¹((b_max − β)/2).

extension ImpliedVolatility {
    /// Which transformed objective the Halley steps use.
    enum Branch: Sendable {
        /// 1/ln b − 1/ln β: below the inflection value, where b is exponentially small in 1/s².
        case lower
        /// ln(b_max − b) − ln(b_max − β): above it, where b approaches its bound.
        case upper
    }

    /// The initial s for normalised price `beta` at log-moneyness `x` ≤ 0, where
    /// `complement` = e^{x/2} − β is given to full relative accuracy, and the objective
    /// branch to refine it with. Complexity: O(1), one erfc and a few exp/log.
    static func initialGuess(beta: Double, complement: Double, x: Double) -> (s: Double, branch: Branch) {
        let bMax = exp(0.5 * x)
        let sC = (-2 * x).squareRoot()
        let bC = 0.5 * bMax - exp(-0.5 * x) * BlackScholes.normalCDF(-sC)
        let tangent = sC + (beta - bC) * (2 * Double.pi).squareRoot() / bMax
        if beta <= bC && x < 0 {
            let asymptote = lowerAsymptote(beta: beta, x: x)
            return (tangent > 0 ? min(asymptote, tangent) : asymptote, .lower)
        }
        let asymptote = -2 * inverseNormalCDF(0.5 * complement)
        return (max(asymptote, tangent), .upper)
    }

    /// s solving the small-s asymptote of b(x, s) = `beta` (x < 0, s ≤ √(2|x|)).
    static func lowerAsymptote(beta: Double, x: Double) -> Double {
        let x2 = x * x
        let constant = log(beta) + 0.5 * log(2 * Double.pi) + log(x2)
        let smallest = 1 / (-2 * x)  // u at the inflection point
        var u = max(-2 * constant / x2, smallest)
        for _ in 0..<4 {
            let f = 0.5 * x2 * u + 1.5 * log(u) + 0.125 / u + constant
            let slope = 0.5 * x2 + 1.5 / u - 0.125 / (u * u)
            u = max(u - f / slope, smallest)
        }
        return 1 / u.squareRoot()
    }

    /// N⁻¹(p) for 0 < p < 1 to a relative error below 1.2e-9: P. J. Acklam's rational
    /// approximations (central region and both tails). Serves initial guesses only.
    static func inverseNormalCDF(_ p: Double) -> Double {
        let low = 0.02425
        if p < low || p > 1 - low {
            let q = (-2 * log(p < low ? p : 1 - p)).squareRoot()
            let c0 = -7.784894002430293e-03, c1 = -3.223964580411365e-01, c2 = -2.400758277161838e+00
            let c3 = -2.549732539343734e+00, c4 = 4.374664141464968e+00, c5 = 2.938163982698783e+00
            let d0 = 7.784695709041462e-03, d1 = 3.224671290700398e-01, d2 = 2.445134137142996e+00
            let d3 = 3.754408661907416e+00
            let value = (((((c0 * q + c1) * q + c2) * q + c3) * q + c4) * q + c5)
                / ((((d0 * q + d1) * q + d2) * q + d3) * q + 1)
            return p < low ? value : -value
        }
        let q = p - 0.5, r = q * q
        let a0 = -3.969683028665376e+01, a1 = 2.209460984245205e+02, a2 = -2.759285104469687e+02
        let a3 = 1.383577518672690e+02, a4 = -3.066479806614716e+01, a5 = 2.506628277459239e+00
        let b0 = -5.447609879822406e+01, b1 = 1.615858368580409e+02, b2 = -1.556989798598866e+02
        let b3 = 6.680131188771972e+01, b4 = -1.328068155288572e+01
        return (((((a0 * r + a1) * r + a2) * r + a3) * r + a4) * r + a5) * q
            / (((((b0 * r + b1) * r + b2) * r + b3) * r + b4) * r + 1)
    }
}
