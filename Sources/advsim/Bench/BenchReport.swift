import ArgumentParser

/// One measured figure of a benchmark, e.g. (`kernel`, `events_per_second`, 1.3e7, `events/s`).
struct BenchFigure: Sendable {
    var benchmark: String
    var metric: String
    var value: Double
    var unit: String
}

/// How `advsim bench` prints its figures.
enum BenchFormat: String, ExpressibleByArgument, CaseIterable, Sendable {
    /// A readable, aligned table.
    case table
    /// CSV with columns `benchmark,metric,value,unit`.
    case csv
}

/// Options every `advsim bench` subcommand shares.
struct BenchOutputOptions: ParsableArguments {
    @Option(help: "Output format: table or csv (columns benchmark,metric,value,unit).")
    var format: BenchFormat = .table
}

enum BenchReport {
    /// Renders figures as a table or as CSV.
    static func render(_ figures: [BenchFigure], format: BenchFormat) -> String {
        switch format {
        case .csv:
            var lines = ["benchmark,metric,value,unit"]
            for figure in figures {
                lines.append("\(figure.benchmark),\(figure.metric),\(figure.value),\(figure.unit)")
            }
            return lines.joined(separator: "\n") + "\n"
        case .table:
            let header = ["benchmark", "metric", "value", "unit"]
            let rows = figures.map { [$0.benchmark, $0.metric, formatValue($0.value), $0.unit] }
            var widths = header.map(\.count)
            for row in rows {
                for (index, cell) in row.enumerated() { widths[index] = max(widths[index], cell.count) }
            }
            func line(_ cells: [String]) -> String {
                cells.enumerated().map { index, cell in
                    let pad = String(repeating: " ", count: widths[index] - cell.count)
                    return index == 2 ? pad + cell : cell + pad
                }.joined(separator: "  ")
            }
            var out = [line(header), line(widths.map { String(repeating: "-", count: $0) })]
            out += rows.map(line)
            return out.joined(separator: "\n") + "\n"
        }
    }

    /// A readable number: engineering-style grouping for large values, 4 significant digits
    /// for small ones.
    static func formatValue(_ value: Double) -> String {
        guard value.isFinite else { return "\(value)" }
        let magnitude = abs(value)
        if magnitude >= 1e6 { return String(format3: value / 1e6) + " M" }
        if magnitude >= 1e3 { return String(format3: value / 1e3) + " k" }
        return String(format3: value)
    }
}

private extension String {
    /// `value` with 3 decimals, without Foundation's locale-dependent formatting.
    init(format3 value: Double) {
        let scaled = (value * 1000).rounded()
        let sign = scaled < 0 ? "-" : ""
        let absolute = Int(abs(scaled))
        let fraction = String(absolute % 1000)
        self = sign + String(absolute / 1000) + "." + String(repeating: "0", count: 3 - fraction.count) + fraction
    }
}
