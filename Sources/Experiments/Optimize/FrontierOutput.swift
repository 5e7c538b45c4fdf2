import Foundation
import Scenarios

/// Writes a frontier's folder: frontier.csv (one row per evaluated defence value) and manifest.json.
public enum FrontierOutput {
    /// The header of frontier.csv: the defence column, the stage, the best point's statistics,
    /// then the best values of the searched parameters.
    public static func header(_ frontier: Frontier) -> String {
        CSVFormat.line([RunsTable.parameterColumn(frontier.defence.keyPath), "stage", "best_mean", "ci_low", "ci_high",
                        "cost", "capital", "p_profit", "safe", "evaluations"]
                       + frontier.search.parameters.map { RunsTable.parameterColumn($0.keyPath) })
    }

    /// One row of frontier.csv.
    public static func row(_ point: Frontier.Point) -> String {
        let summary = point.best.summary
        return CSVFormat.line([CSVFormat.text(point.value), point.stage.rawValue, CSVFormat.double(summary.mean),
                               CSVFormat.double(summary.ciLow), CSVFormat.double(summary.ciHigh), CSVFormat.double(point.cost),
                               CSVFormat.double(point.capital), CSVFormat.double(point.profitShare), CSVFormat.bool(point.safe),
                               "\(point.evaluations)"]
                              + point.best.parameters.map { CSVFormat.double($0) })
    }

    /// Writes frontier.csv and the finished manifest into `directory` (created if needed), each
    /// under a temporary name renamed into place.
    public static func write(_ report: Frontier.Report, frontier: Frontier, directory: String, manifest: Manifest) throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let table = try OutputFile(path: directory + "/frontier.csv")
        do {
            try table.writeLine(header(frontier))
            for point in report.points { try table.writeLine(row(point)) }
            try table.finish()
        } catch {
            table.abandon()
            throw error
        }
        var finished = manifest
        finished.finishedAt = Manifest.timestamp()
        finished.status = "complete"
        try finished.write(to: directory)
    }
}
