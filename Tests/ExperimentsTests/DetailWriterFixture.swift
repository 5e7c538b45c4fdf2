import Foundation
@testable import Experiments
@testable import Scenarios

/// A `DetailWriter` for the shipped amm-arbitrage scenario, writing into a fresh temporary folder
/// that is removed afterwards.
enum DetailWriterFixture {
    /// Runs `body` with the scenario, a writer and the folder it writes into, then removes the folder.
    static func write(_ body: (Scenario, DetailWriter, String) throws -> Void) throws {
        let scenario = try Scenario.load(path: SingleRunTests.root + "/scenarios/amm-arbitrage.yaml", overrides: [])
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("detail-writer-\(UUID())").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try body(scenario, try DetailWriter(directory: directory, scenario: scenario), directory)
    }
}
