import Foundation
import GSL

/// Summary statistics of one metric over the replications of a sweep point.
public struct MetricSummary: Sendable, Equatable {
    public var count: Int
    public var mean: Double?
    /// Sample standard deviation (n − 1).
    public var std: Double?
    /// 95 % confidence interval of the mean (Student t, n − 1 degrees of freedom).
    public var ciLow: Double?
    public var ciHigh: Double?
    public var p5: Double?
    public var p50: Double?
    public var p95: Double?
    public var p99: Double?
    public var min: Double?
    public var max: Double?
}

/// Descriptive statistics with the conventions of summary.csv.
public enum Descriptive {
    /// Summarises the defined values (nil/NaN are skipped and not counted).
    ///
    /// Sums run in the given order (compensated), quantiles on a sorted copy: the streaming
    /// summary of summary.csv (``StreamingSummary``) follows the same arithmetic and gives the
    /// same bits.
    public static func summarize(_ values: [Double]) -> MetricSummary {
        let finite = values.filter(\.isFinite)
        let sorted = finite.sorted()
        let n = sorted.count
        guard n > 0 else {
            return MetricSummary(count: 0, mean: nil, std: nil, ciLow: nil, ciHigh: nil, p5: nil, p50: nil, p95: nil, p99: nil, min: nil, max: nil)
        }
        let mean = meanOf(finite)
        let std = n > 1 ? standardDeviation(finite, mean: mean) : nil
        let (ciLow, ciHigh) = confidenceInterval(mean: mean, std: std, count: n)
        return MetricSummary(count: n, mean: mean, std: std, ciLow: ciLow, ciHigh: ciHigh,
                             p5: quantile(sorted, 0.05), p50: quantile(sorted, 0.50), p95: quantile(sorted, 0.95),
                             p99: quantile(sorted, 0.99), min: sorted.first, max: sorted.last)
    }

    /// The 95 % Student-t interval of a mean (nil without a spread).
    public static func confidenceInterval(mean: Double, std: Double?, count n: Int) -> (Double?, Double?) {
        guard let std, n > 1 else { return (nil, nil) }
        let half = Quantiles.studentT(0.975, degreesOfFreedom: Double(n - 1)) * std / Double(n).squareRoot()
        return (mean - half, mean + half)
    }

    /// Type-7 interpolation between the order statistics ⌊h⌋ and ⌊h⌋+1 (0-based), h = (n − 1)p.
    public static func type7Indices(count n: Int, _ p: Double) -> (lower: Int, upper: Int, fraction: Double) {
        let h = Double(n - 1) * p
        let lower = Int(h.rounded(.down))
        return (lower, Swift.min(lower + 1, n - 1), h - Double(lower))
    }

    /// Mean by a compensated (Kahan–Babuška–Neumaier) sum: the order of the values does not
    /// change the result beyond the last bit for well-scaled data.
    public static func meanOf(_ values: [Double]) -> Double {
        compensatedSum(values) / Double(values.count)
    }

    /// Σ values, compensated (Neumaier 1974).
    public static func compensatedSum(_ values: [Double]) -> Double {
        var sum = 0.0, compensation = 0.0
        for value in values {
            let t = sum + value
            compensation += abs(sum) >= abs(value) ? (sum - t) + value : (value - t) + sum
            sum = t
        }
        return sum + compensation
    }

    /// Sample standard deviation (two-pass).
    public static func standardDeviation(_ values: [Double], mean: Double) -> Double {
        let squares = values.map { ($0 - mean) * ($0 - mean) }
        return (compensatedSum(squares) / Double(values.count - 1)).squareRoot()
    }

    /// Type-7 quantile (Hyndman & Fan 1996; R's default, numpy's `linear`) of sorted values:
    /// h = (n − 1)p, Q = x⌊h⌋ + (h − ⌊h⌋)(x⌊h⌋+1 − x⌊h⌋).
    public static func quantile(_ sorted: [Double], _ p: Double) -> Double? {
        guard !sorted.isEmpty else { return nil }
        let (lower, upper, fraction) = type7Indices(count: sorted.count, p)
        return sorted[lower] + fraction * (sorted[upper] - sorted[lower])
    }

    /// The Wilson score interval (95 %) of a proportion k/n (Wilson 1927).
    public static func wilson(successes k: Int, trials n: Int, z: Double = 1.959_963_984_540_054) -> (low: Double, high: Double)? {
        guard n > 0 else { return nil }
        let nd = Double(n), p = Double(k) / nd
        let denominator = 1 + z * z / nd
        let centre = (p + z * z / (2 * nd)) / denominator
        let half = z * (p * (1 - p) / nd + z * z / (4 * nd * nd)).squareRoot() / denominator
        return (Swift.max(0, centre - half), Swift.min(1, centre + half))
    }

    /// Value at risk at level `alpha` of a loss variable (higher = worse): the type-7
    /// alpha-quantile of the losses.
    public static func valueAtRisk(_ losses: [Double], level alpha: Double) -> Double? {
        quantile(losses.filter(\.isFinite).sorted(), alpha)
    }

    /// Expected shortfall at level `alpha`: the mean of the losses at or above the VaR.
    public static func expectedShortfall(_ losses: [Double], level alpha: Double) -> Double? {
        let sorted = losses.filter(\.isFinite).sorted()
        guard let threshold = quantile(sorted, alpha) else { return nil }
        let tail = sorted.filter { $0 >= threshold }
        return tail.isEmpty ? nil : meanOf(tail)
    }
}
