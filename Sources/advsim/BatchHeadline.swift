import Experiments
import Foundation

/// The headline of a finished batch, printed on stdout: for the first sweep points, the mean and
/// 95 % confidence interval of the outcome metrics the scenario has (the attack's, the lending
/// markets', the option vaults', the pools'), read back from its summary.csv. summary.csv keeps
/// every metric and statistic; this is the glance at the end of the run.
enum BatchHeadline {
    /// How a metric's numbers are printed.
    enum Unit {
        case numeraire
        case count
        case fraction
        case ratio
    }

    /// The metrics shown, in order, when a batch has values for them.
    static let metrics: [(name: String, unit: Unit)] = [
        ("attack_net_profit", .numeraire), ("attack_profit_to_cost", .ratio),
        ("liquidations", .count), ("bad_debt", .numeraire), ("underwater_debt", .numeraire), ("underwater_shortfall", .numeraire),
        ("circuit_breaker_trips", .count),
        ("vault_pnl", .numeraire), ("settlement_price_deviation", .fraction),
        ("arbitrageur_pnl", .numeraire), ("mean_pool_deviation", .fraction),
    ]

    /// Sweep points shown at most; the others are only in summary.csv.
    static let shownPoints = 10

    /// The headline of the summary at `summaryPath` of a batch of `pointCount` sweep points,
    /// values in `numeraire`; nil when the file holds no shown metric.
    /// - Complexity: reads the rows of the first ``shownPoints`` points only.
    static func text(summaryPath: String, pointCount: Int, numeraire: String) throws -> String? {
        let reader = try CSVLineReader(path: summaryPath)
        guard let header = try reader.next(), let metricColumn = header.firstIndex(of: "metric"),
              let countColumn = header.firstIndex(of: "count"), let meanColumn = header.firstIndex(of: "mean"),
              let lowColumn = header.firstIndex(of: "ci95_low"), let highColumn = header.firstIndex(of: "ci95_high"),
              let positiveColumn = header.firstIndex(of: "p_positive") else { return nil }
        let (minColumn, maxColumn) = (header.firstIndex(of: "min"), header.firstIndex(of: "max"))
        let parameters = Array(header[1..<metricColumn])
        // Each point's lines with their metric's place in ``metrics``, the order they are printed in.
        var points: [(label: String, lines: [(rank: Int, text: String)])] = []
        var replications: String?
        // The point's attack_cost: its count and range (its row comes before the ratio's, in
        // runs.csv's column order).
        var cost: CostRange?
        while let row = try reader.next(), row.count == header.count {
            let label = zip(parameters, row[1..<metricColumn]).map { "\($0.dropFirst("param_".count))=\($1)" }.joined(separator: ", ")
            if points.last?.label != "\(row[0]) \(label)" {
                guard points.count < shownPoints else { break }
                points.append(("\(row[0]) \(label)", []))
                cost = nil
            }
            if row[metricColumn] == "attack_cost", let minColumn, let maxColumn, let min = Double(row[minColumn]),
               let max = Double(row[maxColumn]) {
                cost = CostRange(count: row[countColumn], min: min, max: max)
            }
            guard let rank = metrics.firstIndex(where: { $0.name == row[metricColumn] }), row[countColumn] != "0",
                  let mean = Double(row[meanColumn]) else { continue }
            let unit = metrics[rank].unit
            replications = replications ?? row[countColumn]
            let name = "  " + row[metricColumn].padding(toLength: 28, withPad: " ", startingAt: 0)
            if row[metricColumn] == "attack_profit_to_cost", let cost, let text = cost.unreadRatio {
                points[points.count - 1].lines.append((rank, name + text))
                continue
            }
            var line = name
                + format(mean, unit) + " [" + [row[lowColumn], row[highColumn]].map { Double($0).map { format($0, unit) } ?? "—" }
                .joined(separator: ", ") + "]"
            if unit == .numeraire { line += " " + numeraire }
            if let positive = Double(row[positiveColumn]) { line += ", P(> 0) " + format(positive, .fraction) }
            points[points.count - 1].lines.append((rank, line))
        }
        guard points.contains(where: { !$0.lines.isEmpty }) else { return nil }
        var text = ["summary       mean [95 % CI] over \(replications ?? "?") replications (every metric: summary.csv)"]
        for point in points where !point.lines.isEmpty {
            if pointCount > 1 || !parameters.isEmpty { text.append("point \(point.label)") }
            text += point.lines.sorted { $0.rank < $1.rank }.map(\.text)
        }
        if pointCount > points.count { text.append("(first \(points.count) of \(pointCount) sweep points)") }
        return text.joined(separator: "\n")
    }

    /// A sweep point's `attack_cost` over its replications, as summary.csv gives it.
    struct CostRange {
        var count: String
        var min: Double
        var max: Double

        /// What the headline says instead of `attack_profit_to_cost`'s mean when some
        /// replication's `attack_cost` is ≤ 0 (nil when none is): gross / cost is then negative or
        /// infinite for an attack that profits — docs/output-format.md reads the column only where
        /// the cost is > 0 — and a mean over such replications misleads.
        var unreadRatio: String? {
            guard min <= 0 else { return nil }
            guard max > 0 else { return "— (attack_cost ≤ 0 in all \(count) replications: gross / cost means nothing there)" }
            return "— (attack_cost ≤ 0 in some of the \(count) replications, where gross / cost means nothing: "
                + "read it in runs.csv where attack_cost > 0)"
        }
    }

    /// `value` as its unit prints it: money and counts to the hundredth, fractions as percentages.
    static func format(_ value: Double, _ unit: Unit) -> String {
        switch unit {
        case .numeraire, .count: RunSummary.formatted(value)
        case .fraction: RunSummary.percent(value)
        case .ratio: String(format: "%.4g", value)
        }
    }
}
