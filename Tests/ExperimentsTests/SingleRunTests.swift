import Foundation
import Scenarios
import Testing
@testable import Experiments

@Suite("advsim run output")
struct SingleRunTests {
    static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    func runOnce(seed: UInt64, into directory: String) throws -> ReplicationResult {
        let scenario = try Scenario.load(path: Self.root + "/scenarios/amm-arbitrage.yaml", overrides: ["duration=3h"])
        return try SingleRun(scenario: scenario, scenarioSeed: seed, seedSource: "command-line", outputDirectory: directory,
                             options: WorldOptions(checkInvariants: true), commandLine: ["test"], version: "test").execute()
    }

    @Test("The same scenario and seed give byte-identical CSVs; another seed does not")
    func deterministicOutput() throws {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("advsim-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: base) }
        _ = try runOnce(seed: 42, into: base + "/a")
        _ = try runOnce(seed: 42, into: base + "/b")
        _ = try runOnce(seed: 43, into: base + "/c")
        for file in ["runs.csv", "timeseries.csv", "events.csv"] {
            let a = try Data(contentsOf: URL(fileURLWithPath: base + "/a/" + file))
            let b = try Data(contentsOf: URL(fileURLWithPath: base + "/b/" + file))
            let c = try Data(contentsOf: URL(fileURLWithPath: base + "/c/" + file))
            #expect(a == b, "\(file) differs between identical runs")
            #expect(a.count > 0)
            if file != "events.csv" || a.count > 200 { #expect(a != c, "\(file) identical across seeds") }
        }
    }

    @Test("A run folder holds one runs.csv row, a block per time-series row, and a complete manifest")
    func folderContents() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("advsim-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let result = try runOnce(seed: 7, into: directory)
        let runs = try String(contentsOfFile: directory + "/runs.csv", encoding: .utf8).split(separator: "\n")
        #expect(runs.count == 2)
        #expect(runs[1].hasPrefix("0,0,\(result.seed),10800,900,"))
        let timeseries = try String(contentsOfFile: directory + "/timeseries.csv", encoding: .utf8).split(separator: "\n")
        #expect(timeseries.count == 1 + 901)
        let manifest = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: directory + "/manifest.json"))) as? [String: Any]
        #expect(manifest?["status"] as? String == "complete")
        #expect((manifest?["seeds"] as? [String: Any])?["scenario"] as? Int == 7)
        let files = try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
        #expect(files == ["events.csv", "manifest.json", "pnl.csv", "runs.csv", "timeseries.csv"])
    }
}
