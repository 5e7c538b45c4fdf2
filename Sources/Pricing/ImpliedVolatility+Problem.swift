import Foundation

extension ImpliedVolatility {
    /// One option's root-finding state in normalised form (see `ImpliedVolatility`): the
    /// out-of-the-money option at the current σ = s/√T, the target, the bracket on s and
    /// the objective branch.
    struct Problem {
        /// The out-of-the-money option, priced at the current iterate.
        var option: OptionParameters
        /// Its target price.
        let target: Double
        /// Its no-arbitrage upper bound (S·e^{−qT} for a call, K·e^{−rT} for a put).
        let upper: Double
        /// D·√(F·K): price ÷ scale is the normalised price b.
        let scale: Double
        /// −|ln(F/K)|.
        let x: Double
        /// √T.
        let rootT: Double
        /// Which transformed objective the Halley steps use.
        let branch: Branch
        /// ln β (lower branch) or ln(b_max − β) (upper branch): the objective's target.
        let objectiveTarget: Double
        /// The index of the option in the caller's batch.
        let index: Int
        /// The current iterate s = σ√T and its bracket.
        var s: Double
        var low = 0.0
        var high = Double.infinity

        /// The problem for `price`, or why no vol exists.
        static func make(price: Double, for input: OptionParameters, index: Int) -> Result<Problem, ImpliedVolatilityFailure> {
            let spot = input.spot, strike = input.strike, t = input.expiry, r = input.rate
            let q = input.model == .black76 ? r : input.dividend
            guard price.isFinite, spot.isFinite, strike.isFinite, t.isFinite, r.isFinite, q.isFinite,
                  spot > 0, strike > 0, t >= 0, price >= 0
            else { return .failure(.invalidInput) }
            guard t > 0 else { return .failure(.zeroExpiry) }

            let forwardLeg = spot * exp(-q * t)
            let strikeLeg = strike * exp(-r * t)
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
            // An in-the-money price is intrinsic value plus time value: within a few ulp of
            // the legs it cannot be told from intrinsic; an out-of-the-money price is exact.
            let inTheMoney = (input.kind == .call) != useCall
            let tolerance = 4 * Double.ulpOfOne * (inTheMoney ? forwardLeg + strikeLeg : price)
            if target < -tolerance { return .failure(.belowIntrinsic) }
            if target >= upper { return .failure(.aboveUpperBound) }
            if target <= (inTheMoney ? tolerance : 0) { return .failure(.atIntrinsic) }

            let scale = forwardLeg.squareRoot() * strikeLeg.squareRoot()
            let x = -abs(BlackScholes.logRatio(spot, strike) + (r - q) * t)
            let beta = target / scale, complement = (upper - target) / scale
            // A normalised price below the normal range has too few significant bits to
            // determine σ: indistinguishable from intrinsic.
            guard beta >= Double.leastNormalMagnitude else { return .failure(.atIntrinsic) }
            var guess = initialGuess(beta: beta, complement: complement, x: x)
            if !(guess.s > 0 && guess.s.isFinite) { guess.s = (-2 * x).squareRoot() + 1 }
            let rootT = t.squareRoot()
            var option = input
            option.kind = useCall ? .call : .put
            option.volatility = guess.s / rootT
            return .success(Problem(
                option: option, target: target, upper: upper, scale: scale, x: x, rootT: rootT,
                branch: guess.branch, objectiveTarget: log(guess.branch == .lower ? beta : complement),
                index: index, s: guess.s
            ))
        }

        /// The relative Halley step at which the iterate is accepted.
        static let convergedStep = 1e-7

        /// Takes one safeguarded Halley step from the price and vega at the current s;
        /// returns σ when converged, a failure when σ would exceed 1e6 (the price is too
        /// close to the upper bound to resolve), nil otherwise.
        mutating func step(price: Double, vega: Double) -> Result<Double, ImpliedVolatilityFailure>? {
            if price == target { return .success(s / rootT) }
            if price < target { low = s } else { high = s }
            let b = price / scale, slope = vega / (scale * rootT)  // b and ∂b/∂s
            let curvature = x * x / (s * s * s) - 0.25 * s  // b''/b'
            // Newton step ν = −g/g' and g''/g' of the transformed objective g(b(s)).
            var newton = Double.nan, ratio = 0.0
            switch branch {
            case .lower where b > 0:
                let logB = log(b)
                newton = (1 / logB - 1 / objectiveTarget) * b * logB * logB / slope
                ratio = -(2 + logB) * slope / (b * logB) + curvature
            case .upper where upper > price:
                let gap = (upper - price) / scale  // b_max − b
                newton = (log(gap) - objectiveTarget) * gap / slope
                ratio = slope / gap + curvature
            default: break
            }
            let denominator = 1 + 0.5 * newton * ratio
            let halley = denominator > 0 ? newton / denominator : newton
            // Halley converges cubically: a step of ≤ 1e-7·s leaves an error of order 1e-21·s.
            if abs(halley) <= Self.convergedStep * s { return .success((s + halley) / rootT) }
            var next = s + halley
            if !(next > low && next < high) {
                next = s + newton
                if !(next > low && next < high) { next = high.isFinite ? 0.5 * (low + high) : 2 * s }
            }
            if high.isFinite && high - low <= 4 * high.ulp { return .success(next / rootT) }
            if next > 1e6 * rootT { return .failure(.aboveUpperBound) }
            s = next
            option.volatility = next / rootT
            return nil
        }
    }
}
