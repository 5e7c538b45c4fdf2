import Foundation

/// Why no implied volatility exists for a price.
public enum ImpliedVolatilityFailure: String, Sendable, Error, CustomStringConvertible {
    /// The price is below the option's lower no-arbitrage bound (discounted intrinsic value).
    case belowIntrinsic = "price below intrinsic value"
    /// The price is at or above the upper no-arbitrage bound (S·e^{−qT} for a call, K·e^{−rT} for a put).
    case aboveUpperBound = "price at or above the no-arbitrage upper bound"
    /// T = 0: the price carries no information about σ.
    case zeroExpiry = "expiry is zero"
    /// The price equals the intrinsic value: σ = 0 or undetermined.
    case atIntrinsic = "price equals intrinsic value"
    /// A non-finite or non-positive input.
    case invalidInput = "invalid input"

    /// The reason as text.
    public var description: String { rawValue }
}

/// Implied volatility: the σ at which `BlackScholes.value` matches a given price.
///
/// Method: the price is first mapped to the out-of-the-money option by put–call parity
/// (C − P = S·e^{−qT} − K·e^{−rT}), so deep in-the-money inputs lose no digits. Then a
/// safeguarded Newton iteration on σ keeps a bracket [lo, hi] with V(lo) < target < V(hi)
/// (V increases in σ), bisects whenever Newton leaves the bracket or stalls, and stops when
/// the step is below 1e-15·σ. The goal is the accuracy of Jäckel's "Let's be rational"
/// (2015), 1e-10 in σ wherever vega is not negligible, reached by iteration rather than by
/// its rational initial guesses; the tests check round trips through `BlackScholes.value`.
public enum ImpliedVolatility {
    /// σ for `option` (its `volatility` is ignored) at `price`, or the reason none exists.
    /// Complexity: O(1), typically 5–10 price evaluations, at most 200.
    public static func solve(price: Double, for option: OptionParameters) -> Result<Double, ImpliedVolatilityFailure> {
        let s = option.spot, k = option.strike, t = option.expiry, r = option.rate
        let q = option.model == .black76 ? r : option.dividend
        guard price.isFinite, s.isFinite, k.isFinite, t.isFinite, r.isFinite, q.isFinite,
              s > 0, k > 0, t >= 0, price >= 0
        else { return .failure(.invalidInput) }
        guard t > 0 else { return .failure(.zeroExpiry) }

        let forwardLeg = s * exp(-q * t)
        let strikeLeg = k * exp(-r * t)
        // Out-of-the-money counterpart: a call when F > K is in the money, so use the put.
        let parity = forwardLeg - strikeLeg  // C − P
        let useCall = parity <= 0
        let target: Double
        switch (option.kind, useCall) {
        case (.call, true), (.put, false): target = price
        case (.call, false): target = price - parity
        case (.put, true): target = price + parity
        }
        let upper = useCall ? forwardLeg : strikeLeg
        let tolerance = 4 * Double.ulpOfOne * max(price, 1e-300)
        if target < -tolerance { return .failure(.belowIntrinsic) }
        if target >= upper { return .failure(.aboveUpperBound) }
        if target <= 0 { return .failure(.atIntrinsic) }

        var otm = option
        otm.kind = useCall ? .call : .put
        func valueAt(_ sigma: Double) -> OptionValuation {
            otm.volatility = sigma
            return BlackScholes.value(otm)
        }

        var lo = 0.0, hi = 1.0
        while valueAt(hi).price < target {
            lo = hi
            hi *= 2
            if hi > 1e6 { return .failure(.aboveUpperBound) }
        }
        // Brenner–Subrahmanyam start, kept inside the bracket.
        var sigma = (2 * Double.pi / t).squareRoot() * target / max(forwardLeg, strikeLeg)
        if !(sigma > lo && sigma < hi) { sigma = 0.5 * (lo + hi) }
        for _ in 0..<200 {
            let v = valueAt(sigma)
            let difference = v.price - target
            if difference == 0 { return .success(sigma) }
            if difference < 0 { lo = sigma } else { hi = sigma }
            var next = sigma - difference / v.vega
            if !(next > lo && next < hi) || !v.vega.isNormal { next = 0.5 * (lo + hi) }
            if abs(next - sigma) <= 1e-15 * sigma || hi - lo <= 1e-15 * hi {
                return .success(next)
            }
            sigma = next
        }
        return .success(sigma)
    }

    /// Implied vols of every option in `batch` at `prices` (same count); NaN where none
    /// exists, with the reason at the same index of `failures` (nil where a vol was found).
    /// Complexity: O(n) solves.
    public static func solve(prices: [Double], for batch: OptionBatch) -> (volatilities: [Double], failures: [ImpliedVolatilityFailure?]) {
        precondition(prices.count == batch.count, "prices and batch differ in length")
        var volatilities = [Double](repeating: .nan, count: prices.count)
        var failures = [ImpliedVolatilityFailure?](repeating: nil, count: prices.count)
        for index in prices.indices {
            switch solve(price: prices[index], for: batch[index]) {
            case .success(let sigma): volatilities[index] = sigma
            case .failure(let reason): failures[index] = reason
            }
        }
        return (volatilities, failures)
    }
}
