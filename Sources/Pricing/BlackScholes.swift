import Foundation

/// Closed-form European option values: Black–Scholes–Merton (1973) with a continuous
/// dividend yield, and Black (1976) on a forward.
///
/// This scalar form is the readable reference the batch kernel is tested against. The
/// formulas, with ω = +1 for a call and −1 for a put, F = S·e^{(r−q)T}, s = σ√T:
///
///     d1 = ln(F/K)/s + s/2,  d2 = d1 − s
///     V     = ω·(S·e^{−qT}·N(ω·d1) − K·e^{−rT}·N(ω·d2))
///     delta = ω·e^{−qT}·N(ω·d1)
///     gamma = e^{−qT}·φ(d1)/(S·s)
///     vega  = S·e^{−qT}·φ(d1)·√T
///     theta = −S·e^{−qT}·φ(d1)·σ/(2√T) − ω·r·K·e^{−rT}·N(ω·d2) + ω·q·S·e^{−qT}·N(ω·d1)
///     rho   = ω·K·T·e^{−rT}·N(ω·d2)      (Black-76: −T·V)
///
/// Black-76 is the same with q = r and S read as the forward F.
///
/// Limits (no NaN for valid inputs): when s = 0 (T = 0 or σ = 0) the option is worth its
/// discounted intrinsic value, d1 = ±∞ by the sign of ln(F/K) (0 at the money), gamma is 0,
/// and the σ/(2√T) term of theta is 0 when T = 0.
public enum BlackScholes {
    /// Price and Greeks of one option. Complexity: O(1), one log, three exp, two erfc.
    public static func value(_ option: OptionParameters) -> OptionValuation {
        let omega = option.kind.sign
        let isBlack76 = option.model == .black76
        let s = option.spot, k = option.strike, t = option.expiry, r = option.rate
        let q = isBlack76 ? r : option.dividend
        let sigma = option.volatility

        let rootT = t.squareRoot()
        let stdDev = sigma * rootT
        let logMoneyness = logRatio(s, k) + (r - q) * t  // ln(F/K)
        let d1: Double
        if stdDev > 0 {
            d1 = logMoneyness / stdDev + 0.5 * stdDev
        } else {
            d1 = logMoneyness > 0 ? .infinity : (logMoneyness < 0 ? -.infinity : 0)
        }
        let d2 = d1 - stdDev
        let dividendDiscount = exp(-q * t)
        let rateDiscount = exp(-r * t)
        let nd1 = normalCDF(omega * d1)
        let nd2 = normalCDF(omega * d2)
        let density = normalPDF(d1)

        let spotLeg = s * dividendDiscount * nd1
        let strikeLeg = k * rateDiscount * nd2
        let price = omega * (spotLeg - strikeLeg)
        let delta = omega * dividendDiscount * nd1
        let gamma = stdDev > 0 ? dividendDiscount * density / (s * stdDev) : 0
        let vega = s * dividendDiscount * density * rootT
        let decay = t > 0 ? -s * dividendDiscount * density * sigma / (2 * rootT) : 0
        let theta = decay - omega * r * strikeLeg + omega * q * spotLeg
        let rho = isBlack76 ? -t * price : omega * t * strikeLeg
        return OptionValuation(price: price, delta: delta, gamma: gamma, vega: vega, theta: theta, rho: rho)
    }

    /// Standard normal CDF N(x) = erfc(−x/√2)/2, accurate in both tails.
    public static func normalCDF(_ x: Double) -> Double {
        0.5 * erfc(-x * 0.5.squareRoot())
    }

    /// Standard normal density φ(x) = e^{−x²/2}/√(2π).
    public static func normalPDF(_ x: Double) -> Double {
        exp(-0.5 * x * x) * inverseSqrtTwoPi
    }

    /// ln(a/b) without the rounding of a/b: ln(x) + (a − x·b)/a, where x = fl(a/b) and the
    /// residual a − x·b is exact (Dekker's two-product). Keeps d1 accurate at the money
    /// when σ√T is small.
    static func logRatio(_ a: Double, _ b: Double) -> Double {
        let x = a / b
        return log(x) + exactResidual(a, x, b) / a
    }

    /// a − x·b computed exactly (up to one final rounding) without an FMA instruction.
    @inline(__always)
    static func exactResidual(_ a: Double, _ x: Double, _ b: Double) -> Double {
        let (high, low) = twoProduct(x, b)
        return (a - high) - low
    }

    /// Dekker's exact product: x·y = high + low.
    @inline(__always)
    static func twoProduct(_ x: Double, _ y: Double) -> (high: Double, low: Double) {
        let high = x * y
        let splitter = 134_217_729.0  // 2^27 + 1
        let xc = splitter * x, yc = splitter * y
        let xh = xc - (xc - x), yh = yc - (yc - y)
        let xl = x - xh, yl = y - yh
        let low = ((xh * yh - high) + xh * yl + xl * yh) + xl * yl
        return (high, low)
    }

    /// 1/√(2π).
    static let inverseSqrtTwoPi = 0.398_942_280_401_432_677_94
}
