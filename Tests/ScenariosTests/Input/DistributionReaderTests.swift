import GSL
import Testing
@testable import Scenarios

@Suite("Distributions are read with validated parameters")
struct DistributionReaderTests {
    /// `d`'s distribution; the value starts at line 1, column 4.
    func read(_ text: String) throws -> Distribution {
        try inputNode("d", in: "d: \(text)\n").distribution()
    }

    @Test("Each distribution name with its parameters", arguments: [
        ("2.5", Distribution.constant(2.5)),
        ("{dist: constant, value: 3}", .constant(3)),
        ("{dist: uniform, min: 1, max: 2}", .uniform(min: 1, max: 2)),
        ("{dist: normal, mean: 0, sd: 0.1}", .normal(mean: 0, standardDeviation: 0.1)),
        ("{dist: lognormal, mu: -1, sigma: 0.5}", .lognormal(mu: -1, sigma: 0.5)),
        ("{dist: exponential, mean: 12}", .exponential(mean: 12)),
        ("{dist: poisson, mean: 3}", .poisson(mean: 3)),
        ("{dist: gamma, shape: 2, scale: 3}", .gamma(shape: 2, scale: 3)),
        ("{dist: beta, a: 2, b: 5}", .beta(a: 2, b: 5)),
        ("{dist: student-t, df: 3}", .studentT(degreesOfFreedom: 3, location: 0, scale: 1)),
        ("{dist: student-t, df: 4, loc: 1, scale: 2}", .studentT(degreesOfFreedom: 4, location: 1, scale: 2)),
        ("{dist: pareto, shape: 1.5, scale: 10}", .pareto(shape: 1.5, scale: 10)),
    ])
    func valid(text: String, expected: Distribution) throws {
        #expect(try read(text) == expected)
    }

    @Test("Each invalid parameter is reported at that parameter", arguments: [
        ("{dist: normal, mean: 0, sd: 0}", "s.yaml:1:32: d.sd: expected a positive number, got 0"),
        ("{dist: normal, mean: 0}", "s.yaml:1:4: missing required key 'sd' in d"),
        ("{dist: uniform, min: 2, max: 1}", "s.yaml:1:33: d.max: max must be greater than min (2), got 1"),
        ("{dist: lognormal, mu: 0, sigma: -1}", "s.yaml:1:36: d.sigma: expected a positive number, got -1"),
        ("{dist: exponential, mean: 0}", "s.yaml:1:30: d.mean: expected a positive number, got 0"),
        ("{dist: poisson, mean: .nan}", "s.yaml:1:26: d.mean: .nan is not a finite number"),
        ("{dist: gamma, shape: 2, scale: x}", "s.yaml:1:35: d.scale: expected a finite number, got 'x'"),
        ("{dist: beta, a: 0, b: 1}", "s.yaml:1:20: d.a: expected a positive number, got 0"),
        ("{dist: student-t, df: 3, scale: 0}", "s.yaml:1:36: d.scale: expected a positive number, got 0"),
        ("{dist: pareto, shape: 1e400, scale: 1}", "s.yaml:1:26: d.shape: 1e400 is not a finite number"),
        ("{dist: normal, mean: 0, sd: 1, sigma: 2}", "s.yaml:1:35: unknown key 'sigma'; valid keys are: dist, mean, sd"),
        ("{dist: normall, mean: 0, sd: 1}", "s.yaml:1:11: d.dist: unknown distribution 'normall'; did you mean 'normal'?"),
        ("{dist: weibull}", "s.yaml:1:11: d.dist: unknown distribution 'weibull'; valid distributions are: beta, constant, exponential, gamma, lognormal, normal, pareto, poisson, student-t, uniform"),
        ("{mean: 1}", "s.yaml:1:4: missing required key 'dist' in d"),
        ("[1, 2]", "s.yaml:1:4: d: expected a number or {dist: NAME, ...}, got a list"),
        ("fast", "s.yaml:1:4: d: expected a finite number, got 'fast'"),
    ])
    func invalid(text: String, expected: String) {
        #expect(inputErrorText { _ = try read(text) } == expected)
    }
}
