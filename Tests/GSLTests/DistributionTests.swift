import Foundation
import Testing
@testable import GSL

@Suite("Distribution sampling")
struct DistributionTests {
    /// A distribution with its closed-form mean and variance.
    struct Case: CustomTestStringConvertible, Sendable {
        var distribution: Distribution
        var mean: Double
        var variance: Double
        var testDescription: String { "\(distribution)" }
    }

    static let cases: [Case] = [
        Case(distribution: .constant(3.25), mean: 3.25, variance: 0),
        Case(distribution: .uniform(min: -2, max: 5), mean: 1.5, variance: 49.0 / 12),
        Case(distribution: .normal(mean: 1, standardDeviation: 2), mean: 1, variance: 4),
        Case(distribution: .lognormal(mu: 0.1, sigma: 0.5), mean: exp(0.1 + 0.125),
             variance: (exp(0.25) - 1) * exp(0.2 + 0.25)),
        Case(distribution: .exponential(mean: 2), mean: 2, variance: 4),
        Case(distribution: .poisson(mean: 3.5), mean: 3.5, variance: 3.5),
        Case(distribution: .gamma(shape: 2.5, scale: 1.5), mean: 3.75, variance: 2.5 * 1.5 * 1.5),
        Case(distribution: .beta(a: 2, b: 5), mean: 2.0 / 7, variance: 10.0 / (49 * 8)),
        // ν = 6: variance scale²·ν/(ν−2); the fourth moment exists, so the variance's
        // standard error below is finite.
        Case(distribution: .studentT(degreesOfFreedom: 6, location: 1, scale: 2), mean: 1, variance: 6),
        // a = 5: mean ab/(a−1), variance b²a/((a−1)²(a−2)); fourth moment exists (a > 4).
        Case(distribution: .pareto(shape: 5, scale: 2), mean: 2.5, variance: 20.0 / 48),
    ]

    static let drawCount = 40_000

    @Test("Sample mean and variance match the closed forms within 5 standard errors", arguments: cases)
    func moments(_ testCase: Case) {
        let stream = RandomStream(seed: 20_261_125)
        let draws = (0..<Self.drawCount).map { _ in testCase.distribution.sample(stream) }
        let n = Double(draws.count)
        let mean = draws.reduce(0, +) / n
        let centred = draws.map { $0 - mean }
        let variance = centred.reduce(0) { $0 + $1 * $1 } / (n - 1)
        let fourth = centred.reduce(0) { $0 + $1 * $1 * $1 * $1 } / n
        // Standard errors: of the mean sqrt(σ²/n); of the variance sqrt((μ₄ − σ⁴)/n), with the
        // fourth central moment estimated from the sample.
        let meanError = (testCase.variance / n).squareRoot()
        let varianceError = (max(fourth - variance * variance, 0) / n).squareRoot()
        #expect(abs(mean - testCase.mean) <= 5 * meanError + 1e-12 * abs(testCase.mean),
                "mean \(mean), expected \(testCase.mean) ± \(meanError)")
        #expect(abs(variance - testCase.variance) <= 5 * varianceError + 1e-12,
                "variance \(variance), expected \(testCase.variance) ± \(varianceError)")
        #expect(testCase.distribution.mean == testCase.mean)
    }

    @Test("Every draw lies within the distribution's bounds", arguments: cases)
    func bounds(_ testCase: Case) {
        let stream = RandomStream(seed: 7)
        let distribution = testCase.distribution
        for _ in 0..<Self.drawCount {
            let draw = distribution.sample(stream)
            #expect(draw >= distribution.lowerBound && draw <= distribution.upperBound, "draw \(draw)")
            if case .uniform(_, let max) = distribution { #expect(draw < max, "uniform draw \(draw) reached max") }
            if case .poisson = distribution { #expect(draw == draw.rounded(), "Poisson draw \(draw) is not a count") }
        }
    }

    @Test("The mean is undefined for Student-t with ν ≤ 1 and Pareto with shape ≤ 1")
    func undefinedMeans() {
        #expect(Distribution.studentT(degreesOfFreedom: 1, location: 3, scale: 1).mean == nil)
        #expect(Distribution.pareto(shape: 1, scale: 2).mean == nil)
        #expect(Distribution.studentT(degreesOfFreedom: 1.5, location: 3, scale: 1).mean == 3)
        #expect(Distribution.pareto(shape: 2, scale: 2).mean == 4)
    }

    @Test("The bounds are the support's ends")
    func boundValues() {
        #expect(Distribution.uniform(min: -2, max: 5).lowerBound == -2)
        #expect(Distribution.uniform(min: -2, max: 5).upperBound == 5)
        #expect(Distribution.pareto(shape: 3, scale: 2).lowerBound == 2)
        #expect(Distribution.beta(a: 2, b: 2).upperBound == 1)
        #expect(Distribution.normal(mean: 0, standardDeviation: 1).lowerBound == -.infinity)
        #expect(Distribution.exponential(mean: 1).lowerBound == 0)
        #expect(Distribution.gamma(shape: 1, scale: 1).upperBound == .infinity)
    }
}
