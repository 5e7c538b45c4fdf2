/// The statistics of summary.csv computed by streaming over one sweep point's rows of
/// runs.csv, several times, holding O(metrics × buckets) numbers instead of every value — so a
/// point with 10^6 replications costs no more memory than one with 10^4.
///
/// Arithmetic matches ``Descriptive/summarize(_:)`` bit for bit: compensated sums in file
/// order, a two-pass variance, and exact type-7 quantiles found by histogram refinement (see
/// ``OrderStatistics``).
struct StreamingSummary {
    /// Starts a new pass over a point's rows; the cursor returns (replication, metric values)
    /// in replication order, nil at the end.
    typealias Rows = () throws -> () throws -> (replication: Int, values: [Double?])?

    let metricCount: Int
    /// Columns that get VaR and ES.
    let lossColumns: Set<Int>

    struct Result {
        var summary: MetricSummary
        /// Mean and 95 % t-interval of the paired differences against sweep point 0.
        var difference: MetricSummary
        var positive: Int
        var valueAtRisk95: Double?
        var valueAtRisk99: Double?
        var shortfall95: Double?
        var shortfall99: Double?
    }

    static let empty = MetricSummary(count: 0, mean: nil, std: nil, ciLow: nil, ciHigh: nil, p5: nil, p50: nil,
                                     p95: nil, p99: nil, min: nil, max: nil)

    /// The statistics of each metric over `rows`, with paired differences against `baseline`.
    /// `held` is the same rows when they are in memory: the quantiles are then read from sorted
    /// columns instead of found by histogram passes (the same values; a 200-row point of 44
    /// metrics: ≈ 9 M → ≈ 2 M instructions).
    func compute(rows: Rows, baseline: Rows, held: [(replication: Int, values: [Double?])]? = nil) throws -> [Result] {
        // Pass 1: counts, compensated sums, extremes, positives.
        var sums = [NeumaierSum](repeating: NeumaierSum(), count: metricCount)
        var minimum = [Double](repeating: .infinity, count: metricCount)
        var maximum = [Double](repeating: -.infinity, count: metricCount)
        var counts = [Int](repeating: 0, count: metricCount)
        var positives = [Int](repeating: 0, count: metricCount)
        try forEachRow(rows) { _, values in
            for (column, value) in values.enumerated() {
                guard let value, value.isFinite else { continue }
                counts[column] += 1
                sums[column].add(value)
                minimum[column] = min(minimum[column], value)
                maximum[column] = max(maximum[column], value)
                if value > 0 { positives[column] += 1 }
            }
        }
        let means = (0..<metricCount).map { counts[$0] > 0 ? sums[$0].value / Double(counts[$0]) : 0 }

        // Pass 2: squared deviations.
        var squares = [NeumaierSum](repeating: NeumaierSum(), count: metricCount)
        try forEachRow(rows) { _, values in
            for (column, value) in values.enumerated() {
                guard let value, value.isFinite else { continue }
                squares[column].add((value - means[column]) * (value - means[column]))
            }
        }

        // Exact order statistics for the type-7 quantiles.
        var statistics = OrderStatistics()
        for column in 0..<metricCount where counts[column] > 0 {
            for p in [0.05, 0.5, 0.95, 0.99] {
                let (lower, upper, _) = Descriptive.type7Indices(count: counts[column], p)
                statistics.request(column: column, rank: lower, low: minimum[column], high: maximum[column])
                statistics.request(column: column, rank: upper, low: minimum[column], high: maximum[column])
            }
        }
        if let held {
            statistics.resolve(from: held)
        } else {
            while !statistics.isResolved {
                var pass = statistics.startPass()
                try forEachRow(rows) { _, values in pass.add(values) }
                statistics.finish(pass)
            }
        }

        let differences = try pairedDifferences(rows: rows, baseline: baseline)
        var results: [Result] = []
        for column in 0..<metricCount {
            let n = counts[column]
            var result = Result(summary: Self.empty, difference: differences[column], positive: positives[column])
            if n > 0 {
                func quantile(_ p: Double) -> Double {
                    let (lower, upper, fraction) = Descriptive.type7Indices(count: n, p)
                    let a = statistics.value(column: column, rank: lower), b = statistics.value(column: column, rank: upper)
                    return a + fraction * (b - a)
                }
                let std: Double? = n > 1 ? (squares[column].value / Double(n - 1)).squareRoot() : nil
                let (low, high) = Descriptive.confidenceInterval(mean: means[column], std: std, count: n)
                result.summary = MetricSummary(count: n, mean: means[column], std: std, ciLow: low, ciHigh: high,
                                               p5: quantile(0.05), p50: quantile(0.5), p95: quantile(0.95), p99: quantile(0.99),
                                               min: minimum[column], max: maximum[column])
                if lossColumns.contains(column) {
                    result.valueAtRisk95 = result.summary.p95
                    result.valueAtRisk99 = result.summary.p99
                }
            }
            results.append(result)
        }
        try expectedShortfalls(&results, rows: rows)
        return results
    }

    private func forEachRow(_ rows: Rows, _ visit: (Int, [Double?]) -> Void) throws {
        let cursor = try rows()
        while let row = try cursor() { visit(row.replication, row.values) }
    }

    /// Mean and t-interval of (this point − point 0) per replication, over the replications
    /// both have (a merge join on the replication index; two passes, constant memory).
    private func pairedDifferences(rows: Rows, baseline: Rows) throws -> [MetricSummary] {
        var sums = [NeumaierSum](repeating: NeumaierSum(), count: metricCount)
        var counts = [Int](repeating: 0, count: metricCount)
        try forEachPair(rows, baseline) { column, difference in
            counts[column] += 1
            sums[column].add(difference)
        }
        let means = (0..<metricCount).map { counts[$0] > 0 ? sums[$0].value / Double(counts[$0]) : 0 }
        var squares = [NeumaierSum](repeating: NeumaierSum(), count: metricCount)
        try forEachPair(rows, baseline) { column, difference in
            squares[column].add((difference - means[column]) * (difference - means[column]))
        }
        return (0..<metricCount).map { column in
            let n = counts[column]
            guard n > 0 else { return Self.empty }
            let std: Double? = n > 1 ? (squares[column].value / Double(n - 1)).squareRoot() : nil
            let (low, high) = Descriptive.confidenceInterval(mean: means[column], std: std, count: n)
            return MetricSummary(count: n, mean: means[column], std: std, ciLow: low, ciHigh: high,
                                 p5: nil, p50: nil, p95: nil, p99: nil, min: nil, max: nil)
        }
    }

    private func forEachPair(_ rows: Rows, _ baseline: Rows, _ visit: (Int, Double) -> Void) throws {
        let left = try rows(), right = try baseline()
        var a = try left(), b = try right()
        while let x = a, let y = b {
            if x.replication < y.replication { a = try left(); continue }
            if y.replication < x.replication { b = try right(); continue }
            for column in 0..<metricCount {
                if let u = x.values[column], let v = y.values[column], u.isFinite, v.isFinite { visit(column, u - v) }
            }
            a = try left()
            b = try right()
        }
    }

    /// ES: the mean of the values at or above the VaR, for loss columns (one more pass).
    private func expectedShortfalls(_ results: inout [Result], rows: Rows) throws {
        let columns = lossColumns.filter { $0 < metricCount && results[$0].valueAtRisk95 != nil }.sorted()
        guard !columns.isEmpty else { return }
        let thresholds = results.map { ($0.valueAtRisk95 ?? .infinity, $0.valueAtRisk99 ?? .infinity) }
        var tail95 = [NeumaierSum](repeating: NeumaierSum(), count: metricCount)
        var tail99 = [NeumaierSum](repeating: NeumaierSum(), count: metricCount)
        var count95 = [Int](repeating: 0, count: metricCount), count99 = [Int](repeating: 0, count: metricCount)
        try forEachRow(rows) { _, values in
            for column in columns {
                guard let value = values[column], value.isFinite else { continue }
                if value >= thresholds[column].0 { tail95[column].add(value); count95[column] += 1 }
                if value >= thresholds[column].1 { tail99[column].add(value); count99[column] += 1 }
            }
        }
        for column in columns {
            if count95[column] > 0 { results[column].shortfall95 = tail95[column].value / Double(count95[column]) }
            if count99[column] > 0 { results[column].shortfall99 = tail99[column].value / Double(count99[column]) }
        }
    }
}

/// A compensated running sum (Neumaier 1974), the same arithmetic as
/// ``Descriptive/compensatedSum(_:)``.
struct NeumaierSum {
    private var sum = 0.0
    private var compensation = 0.0

    mutating func add(_ value: Double) {
        let t = sum + value
        compensation += abs(sum) >= abs(value) ? (sum - t) + value : (value - t) + sum
        sum = t
    }

    var value: Double { sum + compensation }
}
