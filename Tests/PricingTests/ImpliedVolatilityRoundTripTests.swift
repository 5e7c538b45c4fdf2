import Foundation
import GSL
import Pricing
import Testing

/// Round trips σ → price (scalar reference) → σ over random and edge-case options.
///
/// Criterion for "vega not negligible": vega ≥ 1e-5·m, where m is the scale of the price's
/// rounding error: the price itself out of the money, the legs S·e^{−qT} + K·e^{−rT} in the
/// money (an in-the-money price is a difference of the legs, and the solver maps it back by
/// parity). The solver finds the root of the computed price to rounding, so
/// |Δσ| ≲ 4ε·m/vega ≤ 9e-11 there; where vega is smaller the price does not determine σ
/// to 1e-10.
@Suite("Implied volatility round trips")
struct ImpliedVolatilityRoundTripTests {
    /// 4,000 options: log-moneyness ln(K/S) ~ N(0, 1)·0.25·(1 + 3·U), T log-uniform on
    /// [1e-4, 10] years, σ log-uniform on [1e-3, 3], r ∈ [−0.02, 0.12], q ∈ [0, 0.08], calls and
    /// puts, Black–Scholes and Black-76.
    static let randomOptions: [OptionParameters] = {
        let stream = RandomStream(seed: 20_261_125)
        return (0..<4000).map { _ in
            let spot = 100 * stream.lognormal(mu: 0, sigma: 1)
            let strike = spot * stream.lognormal(mu: 0, sigma: 0.25 * (1 + 3 * stream.uniform()))
            let expiry = 1e-4 * pow(1e5, stream.uniform())
            let volatility = 1e-3 * pow(3e3, stream.uniform())
            return OptionParameters(
                kind: stream.uniformInt(2) == 0 ? .call : .put,
                model: stream.uniformInt(4) == 0 ? .black76 : .blackScholes,
                spot: spot, strike: strike, expiry: expiry, rate: -0.02 + 0.14 * stream.uniform(),
                dividend: 0.08 * stream.uniform(), volatility: volatility
            )
        }
    }()

    /// Deep in and out of the money, tiny and long expiries, tiny and huge vols, at the money.
    static let edgeOptions: [OptionParameters] = {
        var options: [OptionParameters] = []
        for kind in OptionKind.allCases {
            for moneyness in [1e-3, 0.2, 0.5, 0.9, 0.999, 1, 1.001, 1.1, 2, 5, 1e3] {
                for expiry in [1e-6, 1e-3, 0.1, 1, 50] {
                    for volatility in [1e-4, 0.01, 0.3, 2, 10] {
                        options.append(OptionParameters(
                            kind: kind, spot: 100, strike: 100 * moneyness, expiry: expiry,
                            rate: 0.03, dividend: 0.01, volatility: volatility
                        ))
                    }
                }
            }
        }
        return options
    }()

    /// Solves the reference prices of `options` on `path`; checks every well-conditioned
    /// option to 1e-10 in σ and that every other one either solves or reports the price at
    /// a no-arbitrage bound. Returns the evaluation counts of the well-conditioned options and
    /// the largest count over all options.
    static func check(_ options: [OptionParameters], path: PricingPath) -> (evaluations: [Int], worst: Int) {
        let values = options.map(BlackScholes.value)
        let result = ImpliedVolatility.solutions(prices: values.map(\.price), for: OptionBatch(options), path: path)
        var evaluations: [Int] = []
        for (index, option) in options.enumerated() {
            let value = values[index]
            let q = option.model == .black76 ? option.rate : option.dividend
            let legs = option.spot * exp(-q * option.expiry) + option.strike * exp(-option.rate * option.expiry)
            let parity = option.spot * exp(-q * option.expiry) - option.strike * exp(-option.rate * option.expiry)
            let inTheMoney = option.kind.sign * parity > 0
            if value.price >= 1e-250 && value.vega >= 1e-5 * (inTheMoney ? legs : value.price) {
                #expect(result.failures[index] == nil, "\(option): \(String(describing: result.failures[index]))")
                #expect(abs(result.volatilities[index] - option.volatility) <= 1e-10,
                        "\(option): got \(result.volatilities[index]) after \(result.evaluations[index]) evaluations")
                evaluations.append(result.evaluations[index])
            } else if let failure = result.failures[index] {
                #expect(failure == .atIntrinsic || failure == .aboveUpperBound || (failure == .invalidInput && value.price < 0), "\(option) price \(value.price): \(failure)")
            }
        }
        return (evaluations, result.evaluations.max() ?? 0)
    }

    @Test("Random options round-trip to 1e-10 in σ wherever vega is not negligible, on every path",
          arguments: PricingPath.allCases)
    func randomRoundTrip(path: PricingPath) {
        let (evaluations, _) = Self.check(Self.randomOptions, path: path)
        #expect(evaluations.count > 1400)
    }

    @Test("Edge cases round-trip to 1e-10 in σ wherever vega is not negligible")
    func edgeRoundTrip() {
        let (evaluations, _) = Self.check(Self.edgeOptions, path: .active)
        #expect(evaluations.count > 200)
    }

    @Test("Halley steps from the normalised guess take 2–3 price evaluations on average, at most 6 where vega is not negligible and 12 anywhere")
    func iterationCounts() {
        let (evaluations, worst) = Self.check(Self.randomOptions + Self.edgeOptions, path: .active)
        let mean = Double(evaluations.reduce(0, +)) / Double(evaluations.count)
        #expect(mean <= 3, "mean \(mean)")
        #expect(evaluations.max()! <= 6)
        #expect(worst <= 12)
    }
}

@Suite("Implied volatility outside the no-arbitrage bounds")
struct ImpliedVolatilityBoundsTests {
    @Test("Prices below discounted intrinsic or at the upper bound give NaN and the reason, for calls and puts on both models")
    func outsideBounds() {
        var options: [OptionParameters] = [], prices: [Double] = [], reasons: [ImpliedVolatilityFailure] = []
        for option in ImpliedVolatilityRoundTripTests.edgeOptions + ImpliedVolatilityRoundTripTests.randomOptions.prefix(500) {
            let q = option.model == .black76 ? option.rate : option.dividend
            let forwardLeg = option.spot * exp(-q * option.expiry), strikeLeg = option.strike * exp(-option.rate * option.expiry)
            let intrinsic = max(option.kind.sign * (forwardLeg - strikeLeg), 0)
            let upper = option.kind == .call ? forwardLeg : strikeLeg
            let below = intrinsic - 1e-6 * (forwardLeg + strikeLeg)
            if below >= 0 {  // a negative price is invalid input, not a price below intrinsic
                options.append(option)
                prices.append(below)
                reasons.append(.belowIntrinsic)
            }
            options.append(option)
            prices.append(upper * (1 + 1e-12))
            reasons.append(.aboveUpperBound)
        }
        let result = ImpliedVolatility.solutions(prices: prices, for: OptionBatch(options))
        for index in options.indices {
            #expect(result.failures[index] == reasons[index] && result.volatilities[index].isNaN,
                    "\(options[index]) at \(prices[index])")
        }
        #expect(options.count > 1000)
    }
}
