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

/// The implied vols of a batch, with the reasons where none exists and the work done.
public struct ImpliedVolatilityBatch: Sendable {
    /// σ per option (per √year); NaN where no vol exists.
    public var volatilities: [Double]
    /// Why no vol exists, per option; nil where one was found.
    public var failures: [ImpliedVolatilityFailure?]
    /// Price evaluations (iterations) spent per option; 0 where the input was rejected.
    public var evaluations: [Int]
}

/// Implied volatility: the σ at which `BlackScholes.value` matches a given price.
///
/// Method, after Jäckel, "Let's be rational" (2015) — learnt from the paper's description,
/// with guesses of our own derivation:
/// 1. Normalise. Put–call parity maps the price to the out-of-the-money option (deep
///    in-the-money inputs lose no digits); with F·D = S·e^{−qT}, K·D = K·e^{−rT},
///    x = ln(F/K) and s = σ√T, that option's price divided by D·√(F·K) is the normalised
///    call b(x, s) = e^{x/2}·N(x/s + s/2) − e^{−x/2}·N(x/s − s/2) with x = −|ln(F/K)| ≤ 0,
///    increasing in s from 0 to b_max = e^{x/2}. Outside (0, b_max): NaN and the reason.
/// 2. Guess s from the normalised price β (`ImpliedVolatility+InitialGuess.swift`): below the
///    value b_c at the inflection point s_c = √(2|x|), the small-s asymptote
///    b ≈ φ-scaled s³/x², solved for s; above it, the large-s asymptote
///    b_max − b ≈ 2·N(−s/2), inverted with a rational approximation of N⁻¹; both are
///    bounded by the tangent at the inflection point.
/// 3. Refine with Halley steps (order 3; b''/b' = x²/s³ − s/4 is closed-form) on a
///    transformed objective, Jäckel's idea: 1/ln b − 1/ln β below b_c, where b is
///    exponentially small, and ln(b_max − b) − ln(b_max − β) above, where b flattens
///    against its bound. Every evaluation tightens a bracket [lo, hi] on s (b is
///    increasing); a step that leaves the bracket falls back to Newton, then to bisection
///    (or doubling while hi = ∞). Stop when the step is ≤ 1e-7·s: after Halley's cubic
///    convergence the accepted iterate is accurate to rounding.
///
/// Accuracy: the solver returns the root of the computed price to within rounding, so σ is
/// as exact as the price allows: |Δσ| ≲ ε·|price error|/vega. The tests hold it to 1e-10
/// wherever vega ≥ 1e-5·price (there the input price's own rounding moves σ by < 3e-11).
///
/// The batch form solves all options together: each iteration prices every unfinished
/// option with the SIMD batch kernel (`BlackScholes.value(_:into:path:)`) and updates each
/// option's bracket and Halley step; finished options drop out of the next iteration.
public enum ImpliedVolatility {
    /// σ for `option` (its `volatility` is ignored) at `price`, or the reason none exists:
    /// the batch solver on one option, priced on the portable path.
    /// Complexity: O(1), typically 2–4 price evaluations, at most `maximumIterations`.
    public static func solve(price: Double, for option: OptionParameters) -> Result<Double, ImpliedVolatilityFailure> {
        let result = solutions(prices: [price], for: OptionBatch([option]), path: .portable)
        if let failure = result.failures[0] { return .failure(failure) }
        return .success(result.volatilities[0])
    }

    /// Implied vols of every option in `batch` at `prices` (same count); NaN where none
    /// exists, with the reason at the same index of `failures` (nil where a vol was found).
    ///
    /// - Parameter path: the batch kernel's path for the price evaluations.
    /// - Complexity: O(n) per iteration, typically 2–4 iterations, at most `maximumIterations`.
    public static func solve(
        prices: [Double], for batch: OptionBatch, path: PricingPath = .active
    ) -> (volatilities: [Double], failures: [ImpliedVolatilityFailure?]) {
        let result = solutions(prices: prices, for: batch, path: path)
        return (result.volatilities, result.failures)
    }

    /// Implied vols of every option in `batch` at `prices` (same count), with the reasons
    /// where none exists and the number of price evaluations each option took.
    ///
    /// - Parameter path: the batch kernel's path for the price evaluations.
    /// - Complexity: O(n) per iteration, typically 2–4 iterations, at most `maximumIterations`.
    public static func solutions(
        prices: [Double], for batch: OptionBatch, path: PricingPath = .active
    ) -> ImpliedVolatilityBatch {
        precondition(prices.count == batch.count, "prices and batch differ in length")
        var result = ImpliedVolatilityBatch(
            volatilities: [Double](repeating: .nan, count: prices.count),
            failures: [ImpliedVolatilityFailure?](repeating: nil, count: prices.count),
            evaluations: [Int](repeating: 0, count: prices.count)
        )
        var problems: [Problem] = []
        for index in prices.indices {
            switch Problem.make(price: prices[index], for: batch[index], index: index) {
            case .success(let problem): problems.append(problem)
            case .failure(let reason): result.failures[index] = reason
            }
        }

        var trial = OptionBatch()
        var values = ValuationBatch()
        for iteration in 1...maximumIterations where !problems.isEmpty {
            trial.removeAll()
            for problem in problems { trial.append(problem.option) }
            BlackScholes.value(trial, into: &values, path: path)
            var unfinished: [Problem] = []
            unfinished.reserveCapacity(problems.count)
            for (lane, var problem) in problems.enumerated() {
                let outcome = problem.step(price: values.prices[lane], vega: values.vegas[lane])
                if outcome != nil { result.evaluations[problem.index] = iteration }
                switch outcome {
                case .success(let sigma): result.volatilities[problem.index] = sigma
                case .failure(let reason): result.failures[problem.index] = reason
                case nil: unfinished.append(problem)
                }
            }
            problems = unfinished
        }
        for problem in problems {
            result.volatilities[problem.index] = problem.option.volatility
            result.evaluations[problem.index] = maximumIterations
        }
        return result
    }

    /// Price evaluations per option before the solver returns its last iterate.
    static let maximumIterations = 100
}
