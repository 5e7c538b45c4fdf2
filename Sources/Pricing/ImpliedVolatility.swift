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
/// (V increases in σ), bisects (or doubles σ while no upper bound is known) whenever Newton
/// leaves the bracket or vega underflows, and stops when the step is below 1e-15·σ. It
/// starts from the larger of Brenner–Subrahmanyam's at-the-money guess and Manaster–Koehler's
/// σ = √(2|ln(F/K)|/T), the inflection point of V(σ), from which Newton converges
/// monotonically. The goal is the accuracy of Jäckel's "Let's be rational" (2015), 1e-10
/// in σ wherever vega is not negligible, reached by iteration rather than by his rational
/// initial guesses; the tests solve 50-digit mpmath prices of known vols.
///
/// The batch form solves all options together: each iteration prices every unfinished
/// option with the SIMD batch kernel (`BlackScholes.value(_:into:path:)`) and updates the
/// brackets lane by lane; finished options drop out of the next iteration's batch.
public enum ImpliedVolatility {
    /// σ for `option` (its `volatility` is ignored) at `price`, or the reason none exists:
    /// the batch solver on one option, priced on the portable path.
    /// Complexity: O(1), typically 3–8 price evaluations, at most `maximumIterations`.
    public static func solve(price: Double, for option: OptionParameters) -> Result<Double, ImpliedVolatilityFailure> {
        let (volatilities, failures) = solve(prices: [price], for: OptionBatch([option]), path: .portable)
        if let failure = failures[0] { return .failure(failure) }
        return .success(volatilities[0])
    }

    /// Implied vols of every option in `batch` at `prices` (same count); NaN where none
    /// exists, with the reason at the same index of `failures` (nil where a vol was found).
    ///
    /// - Parameter path: the batch kernel's path for the price evaluations.
    /// - Complexity: O(n) per iteration, typically 3–8 iterations, at most `maximumIterations`.
    public static func solve(
        prices: [Double], for batch: OptionBatch, path: PricingPath = .active
    ) -> (volatilities: [Double], failures: [ImpliedVolatilityFailure?]) {
        precondition(prices.count == batch.count, "prices and batch differ in length")
        var volatilities = [Double](repeating: .nan, count: prices.count)
        var failures = [ImpliedVolatilityFailure?](repeating: nil, count: prices.count)
        var problems: [Problem] = []
        for index in prices.indices {
            switch Problem.make(price: prices[index], for: batch[index], index: index) {
            case .success(let problem): problems.append(problem)
            case .failure(let reason): failures[index] = reason
            }
        }

        var trial = OptionBatch()
        var values = ValuationBatch()
        for _ in 0..<maximumIterations where !problems.isEmpty {
            trial.removeAll()
            for problem in problems { trial.append(problem.option) }
            BlackScholes.value(trial, into: &values, path: path)
            var unfinished: [Problem] = []
            unfinished.reserveCapacity(problems.count)
            for (lane, var problem) in problems.enumerated() {
                switch problem.step(price: values.prices[lane], vega: values.vegas[lane]) {
                case .success(let sigma): volatilities[problem.index] = sigma
                case .failure(let reason): failures[problem.index] = reason
                case nil: unfinished.append(problem)
                }
            }
            problems = unfinished
        }
        for problem in problems { volatilities[problem.index] = problem.option.volatility }
        return (volatilities, failures)
    }

    /// Price evaluations per option before the solver returns its last iterate.
    static let maximumIterations = 200

    /// One option's root-finding state: the out-of-the-money option at the current σ, the
    /// target price and the bracket.
    struct Problem {
        var option: OptionParameters
        let target: Double
        let index: Int
        var low = 0.0
        var high = Double.infinity

        /// The problem for `price`, or why no vol exists.
        static func make(price: Double, for input: OptionParameters, index: Int) -> Result<Problem, ImpliedVolatilityFailure> {
            let s = input.spot, k = input.strike, t = input.expiry, r = input.rate
            let q = input.model == .black76 ? r : input.dividend
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
            switch (input.kind, useCall) {
            case (.call, true), (.put, false): target = price
            case (.call, false): target = price - parity
            case (.put, true): target = price + parity
            }
            let upper = useCall ? forwardLeg : strikeLeg
            let tolerance = 4 * Double.ulpOfOne * max(price, 1e-300)
            if target < -tolerance { return .failure(.belowIntrinsic) }
            if target >= upper { return .failure(.aboveUpperBound) }
            if target <= 0 { return .failure(.atIntrinsic) }

            var option = input
            option.kind = useCall ? .call : .put
            let brennerSubrahmanyam = (2 * Double.pi / t).squareRoot() * target / max(forwardLeg, strikeLeg)
            let manasterKoehler = (2 * abs(log(forwardLeg / strikeLeg)) / t).squareRoot()
            option.volatility = max(brennerSubrahmanyam, manasterKoehler)
            return .success(Problem(option: option, target: target, index: index))
        }

        /// Takes one safeguarded Newton step from the price and vega at the current σ;
        /// returns the solution when converged, a failure when σ would exceed 1e6 (the price
        /// is too close to the upper bound to resolve), nil otherwise.
        mutating func step(price: Double, vega: Double) -> Result<Double, ImpliedVolatilityFailure>? {
            let sigma = option.volatility
            let difference = price - target
            if difference == 0 { return .success(sigma) }
            if difference < 0 { low = sigma } else { high = sigma }
            var next = sigma - difference / vega
            if !(next > low && next < high) || !vega.isNormal {
                next = high.isFinite ? 0.5 * (low + high) : 2 * sigma
            }
            if abs(next - sigma) <= 1e-15 * sigma || (high.isFinite && high - low <= 1e-15 * high) { return .success(next) }
            if next > 1e6 { return .failure(.aboveUpperBound) }
            option.volatility = next
            return nil
        }
    }
}
