import Foundation
import GSL
import Testing
@testable import Experiments

@Suite("summary.csv")
struct SummaryTableTests {
    /// Writes a synthetic runs.csv: 3 sweep points × `replications`, metrics drawn with ties,
    /// heavy tails and empty cells.
    func syntheticRuns(replications: Int, seed: UInt64) throws -> (path: String, rows: [[String]]) {
        let stream = RandomStream(seed: seed)
        var lines = ["sweep_point,replication,seed,param_x,attack_net_profit,bad_debt,count_metric,sparse"]
        var rows: [[String]] = []
        for point in 0..<3 {
            for replication in 0..<replications {
                let profit = stream.normal(mean: Double(point) * 10 - 5, standardDeviation: 20)
                let badDebt = stream.bernoulli(0.7) ? 0 : stream.pareto(shape: 1.5, scale: 100)
                let count = Double(stream.poisson(mean: 3))
                let sparse = stream.bernoulli(0.3) ? "" : CSVFormat.double(stream.standardNormal() * 1e6)
                let row = ["\(point)", "\(replication)", "\(replication * 7)", "\(point)", CSVFormat.double(profit),
                           CSVFormat.double(badDebt), CSVFormat.double(count), sparse]
                rows.append(row)
                lines.append(row.joined(separator: ","))
            }
        }
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("runs-\(UUID().uuidString).csv").path
        try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        return (path, rows)
    }

    @Test("Streaming statistics equal the in-memory reference bit for bit", arguments: [(1, UInt64(1)), (7, 2), (500, 3), (5_000, 4)])
    func streamingMatchesReference(replications: Int, seed: UInt64) throws {
        let (path, rows) = try syntheticRuns(replications: replications, seed: seed)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let summaryPath = path + ".summary.csv"
        defer { try? FileManager.default.removeItem(atPath: summaryPath) }
        try SummaryTable.write(runsPath: path, summaryPath: summaryPath, parameterCount: 1)
        // The streamed path (several passes, constant memory) writes the same bytes, and so does
        // a bound exactly at a point's row count (kept) or one below it (streamed).
        defer { try? FileManager.default.removeItem(atPath: summaryPath + ".streamed") }
        for bound in [0, replications - 1, replications] {
            try SummaryTable.write(runsPath: path, summaryPath: summaryPath + ".streamed", parameterCount: 1, memoryRows: bound)
            #expect(try Data(contentsOf: URL(fileURLWithPath: summaryPath))
                    == Data(contentsOf: URL(fileURLWithPath: summaryPath + ".streamed")), "seed \(seed), bound \(bound)")
        }
        let (records, _, _) = try CSVReader.read(path: summaryPath)
        let header = records[0]
        #expect(records.count == 1 + 3 * 4)
        for record in records.dropFirst() {
            let point = Int(record[0])!, metric = record[header.firstIndex(of: "metric")!]
            let column = ["attack_net_profit": 4, "bad_debt": 5, "count_metric": 6, "sparse": 7][metric]!
            let values = rows.filter { Int($0[0]) == point }.compactMap { Double($0[column]) }
            let reference = Descriptive.summarize(values)
            func cell(_ name: String) -> String { record[header.firstIndex(of: name)!] }
            #expect(cell("count") == "\(reference.count)")
            for (name, value) in [("mean", reference.mean), ("std", reference.std), ("ci95_low", reference.ciLow),
                                  ("ci95_high", reference.ciHigh), ("p5", reference.p5), ("p50", reference.p50),
                                  ("p95", reference.p95), ("p99", reference.p99), ("min", reference.min), ("max", reference.max)] {
                #expect(cell(name) == CSVFormat.double(value), "\(metric) point \(point) \(name), seed \(seed)")
            }
            if metric == "attack_net_profit" {
                let positive = values.filter { $0 > 0 }.count
                #expect(cell("p_positive") == CSVFormat.double(Double(positive) / Double(values.count)))
                #expect(cell("p_positive_ci95_low") == CSVFormat.double(Descriptive.wilson(successes: positive, trials: values.count)?.low))
            } else {
                #expect(cell("p_positive") == "")
            }
            if metric == "bad_debt" {
                #expect(cell("var95") == CSVFormat.double(Descriptive.valueAtRisk(values, level: 0.95)))
                #expect(cell("es99") == CSVFormat.double(Descriptive.expectedShortfall(values, level: 0.99)))
            } else {
                #expect(cell("var95") == "")
            }
            // Paired difference against point 0, replication by replication.
            let base = rows.filter { $0[0] == "0" }
            let differences = zip(rows.filter { Int($0[0]) == point }, base).compactMap { a, b -> Double? in
                guard let x = Double(a[column]), let y = Double(b[column]) else { return nil }
                return x - y
            }
            let difference = Descriptive.summarize(differences)
            #expect(cell("diff_mean") == CSVFormat.double(difference.mean), "\(metric) point \(point) diff, seed \(seed)")
            #expect(cell("diff_ci95_high") == CSVFormat.double(difference.ciHigh), "\(metric) point \(point) diff CI, seed \(seed)")
        }
    }
}
