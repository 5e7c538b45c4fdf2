import GSL

/// summary.csv: per sweep point and metric, the statistics of the replications, computed from
/// runs.csv as written, one sweep point at a time and in constant memory
/// (``StreamingSummary``); columns in docs/output-format.md.
public enum SummaryTable {
    /// Metrics whose probability of being positive is reported (with a Wilson interval).
    static let probabilityMetrics: Set<String> = ["attack_net_profit"]
    /// Loss metrics whose value at risk and expected shortfall are reported.
    static let lossMetrics: Set<String> = ["bad_debt"]

    /// Sweep points with at most this many replications are summarised from memory
    /// (≈ 2.6 MB for 20 metrics); larger ones are streamed from the file in several passes.
    public static let memoryRows = 8_192

    static let statisticColumns = [
        "metric", "count", "mean", "std", "ci95_low", "ci95_high", "p5", "p50", "p95", "p99", "min", "max",
        "diff_mean", "diff_ci95_low", "diff_ci95_high", "p_positive", "p_positive_ci95_low", "p_positive_ci95_high",
        "var95", "var99", "es95", "es99",
    ]

    /// Reads `runsPath` (canonical order) and writes the summary to `summaryPath` atomically.
    ///
    /// - Parameters:
    ///   - parameterCount: the number of `param_…` columns after `sweep_point,replication,seed`.
    ///   - memoryRows: points with at most this many rows are summarised from memory (the
    ///     result is the same bits either way; tests force both paths).
    public static func write(runsPath: String, summaryPath: String, parameterCount: Int,
                             memoryRows: Int = SummaryTable.memoryRows) throws {
        let reader = try CSVLineReader(path: runsPath)
        guard let header = try reader.next(), header.count >= 3 + parameterCount else {
            throw OutputError("'\(runsPath)' has no header")
        }
        let parameterNames = Array(header[3..<(3 + parameterCount)])
        let metricNames = Array(header[(3 + parameterCount)...])
        let metricStart = 3 + parameterCount
        let summary = StreamingSummary(metricCount: metricNames.count,
                                       lossColumns: Set(metricNames.indices.filter { lossMetrics.contains(metricNames[$0]) }))
        let output = try OutputFile(path: summaryPath)
        do {
            try output.writeLine(CSVFormat.line(["sweep_point"] + parameterNames + statisticColumns))
            let dataStart = reader.consumedBytes
            /// A cursor over the rows of `point` from byte `offset`.
            func rows(of point: Int, from offset: Int) -> StreamingSummary.Rows {
                return {
                    let cursor = try CSVLineReader(path: runsPath, offset: offset)
                    return {
                        guard let record = try cursor.next(), let row = try parse(record, header: header, path: runsPath),
                              row.point == point else { return nil }
                        return (row.replication, Array(record[metricStart...]).map { Double($0) })
                    }
                }
            }
            /// A cursor over rows kept in memory.
            func replay(_ kept: [(replication: Int, values: [Double?])]) -> StreamingSummary.Rows {
                return {
                    var index = 0
                    return {
                        guard index < kept.count else { return nil }
                        defer { index += 1 }
                        return kept[index]
                    }
                }
            }
            // One pass over the file finds each point's rows and keeps them in memory when there
            // are at most `memoryRows` (bounded, so peak memory stays flat in N); a larger point
            // is streamed from the file again, several passes. Point 0, the baseline of the
            // paired differences, comes first when the file holds it.
            // NOTE: a first pass found each point's end and a second read its rows back: half
            // the summary's instructions were that second reading (callgrind, `advsim bench batch
            // amm-arbitrage -n 200`).
            let scan = try CSVLineReader(path: runsPath, offset: dataStart)
            var baseline = replay([])
            var recordStart = dataStart
            var record = try scan.next()
            while let first = record, let head = try parse(first, header: header, path: runsPath) {
                let pointStart = recordStart
                var kept: [(replication: Int, values: [Double?])]? = []
                while let fields = record, let row = try parse(fields, header: header, path: runsPath), row.point == head.point {
                    if let count = kept?.count {
                        if count < memoryRows { kept?.append((row.replication, fields[metricStart...].map { Double($0) })) } else { kept = nil }
                    }
                    recordStart = scan.consumedBytes
                    record = try scan.next()
                }
                let pointRows = kept.map(replay) ?? rows(of: head.point, from: pointStart)
                if head.point == 0, pointStart == dataStart { baseline = pointRows }
                let results = try summary.compute(rows: pointRows, baseline: baseline, held: kept)
                let parameters = Array(first[3..<metricStart]).map(CSVFormat.text)
                for (column, metric) in metricNames.enumerated() {
                    try output.writeLine(CSVFormat.line(["\(head.point)"] + parameters + cells(metric, results[column])))
                }
            }
            try output.finish()
        } catch {
            output.abandon()
            throw error
        }
    }

    private static func parse(_ record: [String], header: [String], path: String) throws -> (point: Int, replication: Int)? {
        guard record.count == header.count, let point = Int(record[0]), let replication = Int(record[1]) else {
            throw OutputError("'\(path)': malformed row \(record.prefix(3).joined(separator: ","))…")
        }
        return (point, replication)
    }

    static func cells(_ metric: String, _ result: StreamingSummary.Result) -> [String] {
        let s = result.summary, d = result.difference
        var cells = [metric, "\(s.count)"]
        cells += [s.mean, s.std, s.ciLow, s.ciHigh, s.p5, s.p50, s.p95, s.p99, s.min, s.max].map(CSVFormat.double)
        cells += [d.mean, d.ciLow, d.ciHigh].map(CSVFormat.double)
        if probabilityMetrics.contains(metric), s.count > 0 {
            let interval = Descriptive.wilson(successes: result.positive, trials: s.count)
            cells += [Double(result.positive) / Double(s.count), interval?.low, interval?.high].map(CSVFormat.double)
        } else {
            cells += ["", "", ""]
        }
        cells += [result.valueAtRisk95, result.valueAtRisk99, result.shortfall95, result.shortfall99].map(CSVFormat.double)
        return cells
    }
}
