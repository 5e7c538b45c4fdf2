import Testing
@testable import Experiments

@Suite("Descriptive statistics")
struct DescriptiveTests {
    // Reference values computed with numpy 2.4 (np.quantile(method="linear"), np.std(ddof=1))
    // and scipy.stats.t.ppf(0.975, df) for x = [3, 1, 4, 1, 5, 9, 2, 6, 5, 3].
    let sample: [Double] = [3, 1, 4, 1, 5, 9, 2, 6, 5, 3]

    @Test("Type-7 quantiles match numpy's linear method")
    func quantiles() throws {
        let sorted = sample.sorted()
        #expect(Descriptive.quantile(sorted, 0.05) == 1.0)
        #expect(abs(try #require(Descriptive.quantile(sorted, 0.5)) - 3.5) < 1e-12)
        #expect(abs(try #require(Descriptive.quantile(sorted, 0.95)) - 7.65) < 1e-12)
        #expect(abs(try #require(Descriptive.quantile(sorted, 0.99)) - 8.73) < 1e-12)
        #expect(Descriptive.quantile([], 0.5) == nil)
        #expect(Descriptive.quantile([42], 0.99) == 42)
    }

    @Test("Mean, standard deviation and the t confidence interval match hand-computed values")
    func meanAndInterval() throws {
        let summary = Descriptive.summarize(sample)
        #expect(summary.count == 10)
        #expect(abs(try #require(summary.mean) - 3.9) < 1e-12)
        // var = Σ(x − 3.9)² / 9 = 54.9 / 9
        #expect(abs(try #require(summary.std) - (54.9 / 9).squareRoot()) < 1e-12)
        // t(0.975, 9) = 2.262157162798205
        let half = 2.262157162798205 * (54.9 / 9).squareRoot() / 10.0.squareRoot()
        #expect(abs(try #require(summary.ciLow) - (3.9 - half)) < 1e-9)
        #expect(abs(try #require(summary.ciHigh) - (3.9 + half)) < 1e-9)
        #expect(summary.min == 1 && summary.max == 9)
    }

    @Test("Undefined values are skipped, and a single value has no spread")
    func undefinedValues() {
        let summary = Descriptive.summarize([.nan, 2, .infinity])
        #expect(summary.count == 1)
        #expect(summary.mean == 2)
        #expect(summary.std == nil && summary.ciLow == nil)
        #expect(Descriptive.summarize([]).mean == nil)
    }

    @Test("The Wilson interval matches the textbook example")
    func wilson() throws {
        // Newcombe (1998), example: 81 successes of 263 trials → (0.2553, 0.3662).
        let interval = try #require(Descriptive.wilson(successes: 81, trials: 263))
        #expect(abs(interval.low - 0.2553) < 5e-5)
        #expect(abs(interval.high - 0.3662) < 5e-5)
        let none = try #require(Descriptive.wilson(successes: 0, trials: 10))
        #expect(none.low == 0 && none.high > 0.25 && none.high < 0.35)
    }

    @Test("Value at risk and expected shortfall of a loss sample")
    func tailRisk() throws {
        let losses = (1...100).map(Double.init)
        // Type-7 0.95 quantile of 1…100: 1 + 99·0.95 = 95.05; ES: mean of 96…100 = 98.
        #expect(abs(try #require(Descriptive.valueAtRisk(losses, level: 0.95)) - 95.05) < 1e-9)
        #expect(abs(try #require(Descriptive.expectedShortfall(losses, level: 0.95)) - 98) < 1e-9)
    }
}
