import Foundation
import Scenarios

/// Writes an optimisation's folder: optimize.csv (every evaluated point), best.yaml (the
/// scenario with the best parameters filled in, runnable as is) and manifest.json.
public enum OptimizeOutput {
    /// The header of optimize.csv.
    public static func header(_ search: SearchSpec) -> String { CSVFormat.line(columns(search)) }

    /// optimize.csv's column names (also the tail of a frontier's evaluations.csv).
    static func columns(_ search: SearchSpec) -> [String] {
        ["evaluation", "stage", "start"] + search.parameters.map { RunsTable.parameterColumn($0.keyPath) }
            + ["replications", "objective", "mean", "ci_low", "ci_high", "std", "p_positive", "cost", "capital"]
    }

    /// One row of optimize.csv (`evaluation` is 1-based).
    public static func row(_ point: Optimizer.Point, evaluation: Int, objective: String) -> String {
        CSVFormat.line(cells(point, evaluation: evaluation, objective: objective))
    }

    /// The cells of one optimize.csv row, in ``columns(_:)`` order.
    static func cells(_ point: Optimizer.Point, evaluation: Int, objective: String) -> [String] {
        let summary = point.summary
        let share = summary.count > 0 ? Double(point.positive) / Double(summary.count) : nil
        return ["\(evaluation)", point.stage.rawValue, "\(point.start)"] + point.parameters.map { CSVFormat.double($0) }
            + ["\(summary.count)", objective, CSVFormat.double(summary.mean), CSVFormat.double(summary.ciLow),
               CSVFormat.double(summary.ciHigh), CSVFormat.double(summary.std), CSVFormat.double(share),
               CSVFormat.double(point.cost), CSVFormat.double(point.capital)]
    }

    /// Writes the three files into `directory` (created if needed); each goes to a temporary
    /// name first and is renamed into place.
    public static func write(_ report: Optimizer.Report, optimizer: Optimizer, directory: String, manifest: Manifest) throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let table = try OutputFile(path: directory + "/optimize.csv")
        try table.writeLine(header(optimizer.search))
        for (index, point) in report.points.enumerated() {
            try table.writeLine(row(point, evaluation: index + 1, objective: optimizer.search.objective))
        }
        try table.finish()
        let overrides = optimizer.parameterOverrides(report.best.parameters)
        // The search's scenario seed goes in too (a `--seed` the scenario file lacks): `batch
        // best.yaml` with the search's replication count then gives the best point's numbers.
        var best = try optimizer.scenario(at: report.best.parameters)
        best.seed = optimizer.scenarioSeed
        try OutputFile.create(directory + "/best.yaml",
                              contents: "# \(optimizer.scenarioPath) with the best parameters found by advsim optimize"
                                  + " (seed \(optimizer.scenarioSeed), as the search ran):\n"
                                  + overrides.map { "#   \($0)\n" }.joined()
                                  + best.resolvedYAML())
        var finished = manifest
        finished.finishedAt = Manifest.timestamp()
        finished.status = "complete"
        try finished.write(to: directory)
    }
}
