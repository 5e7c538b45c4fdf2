import Foundation
import Scenarios

/// Writes a frontier's folder: frontier.csv (one row per evaluated defence value),
/// evaluations.csv (every point evaluated at each value) and manifest.json.
public enum FrontierOutput {
    /// The header of frontier.csv: the defence column, the stage, the best point's statistics,
    /// the best values of the searched parameters, then `max_p_profit` (added later: new
    /// columns are appended).
    public static func header(_ frontier: Frontier) -> String {
        CSVFormat.line([RunsTable.parameterColumn(frontier.defence.keyPath), "stage", "best_mean", "ci_low", "ci_high",
                        "cost", "capital", "p_profit", "safe", "evaluations"]
                       + frontier.search.parameters.map { RunsTable.parameterColumn($0.keyPath) } + ["max_p_profit"])
    }

    /// One row of frontier.csv.
    public static func row(_ point: Frontier.Point) -> String {
        let summary = point.best.summary
        return CSVFormat.line([CSVFormat.text(point.value), point.stage.rawValue, CSVFormat.double(summary.mean),
                               CSVFormat.double(summary.ciLow), CSVFormat.double(summary.ciHigh), CSVFormat.double(point.cost),
                               CSVFormat.double(point.capital), CSVFormat.double(point.profitShare), CSVFormat.bool(point.safe),
                               "\(point.evaluations)"]
                              + point.best.parameters.map { CSVFormat.double($0) } + [CSVFormat.double(point.maxProfitShare)])
    }

    /// The header of evaluations.csv: the defence column and the frontier stage, then
    /// optimize.csv's columns.
    public static func evaluationsHeader(_ frontier: Frontier) -> String {
        CSVFormat.line([RunsTable.parameterColumn(frontier.defence.keyPath), "defence_stage"]
                       + OptimizeOutput.columns(frontier.search))
    }

    /// The rows of evaluations.csv for one defence value: each point evaluated there, numbered
    /// from 1 in evaluation order.
    public static func evaluationRows(_ point: Frontier.Point, objective: String) -> [String] {
        point.points.enumerated().map { index, evaluated in
            CSVFormat.line([CSVFormat.text(point.value), point.stage.rawValue]
                           + OptimizeOutput.cells(evaluated, evaluation: index + 1, objective: objective))
        }
    }

    /// Writes frontier.csv, evaluations.csv and the finished manifest into `directory` (created
    /// if needed), each under a temporary name renamed into place.
    public static func write(_ report: Frontier.Report, frontier: Frontier, directory: String, manifest: Manifest) throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try writeTable(directory + "/frontier.csv", header: header(frontier), rows: report.points.map(row))
        try writeTable(directory + "/evaluations.csv", header: evaluationsHeader(frontier),
                       rows: report.points.flatMap { evaluationRows($0, objective: frontier.search.objective) })
        var finished = manifest
        finished.finishedAt = Manifest.timestamp()
        finished.status = "complete"
        try finished.write(to: directory)
    }

    /// Writes one CSV file through a temporary name; a failed write leaves no file behind.
    static func writeTable(_ path: String, header: String, rows: [String]) throws {
        let table = try OutputFile(path: path)
        do {
            try table.writeLine(header)
            for row in rows { try table.writeLine(row) }
            try table.finish()
        } catch {
            table.abandon()
            throw error
        }
    }
}
