import Foundation
import Testing
@testable import Scenarios

/// Thousands of small random mutants of every shipped scenario: each must either load (and
/// then build and run a short world without trapping) or fail with a located ``InputError``
/// — the library's side of "exit 0 or 2 with a message, never a crash".
@Suite("Scenario fuzzing")
struct ScenarioFuzzTests {
    static let mutantsPerScenario = 1_000

    @Test("Mutants of every shipped scenario load or fail with a located message", arguments: TestScenarios.shipped)
    func mutants(path: String) throws {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let file = URL(fileURLWithPath: path).lastPathComponent
        // A mutant of a file that `extends:` another may empty a section the base refers to;
        // the error is then located at the reference, in the base file.
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        let bases = text.split(separator: "\n").filter { $0.hasPrefix("extends: ") }
            .map { folder.appendingPathComponent(String($0.dropFirst("extends: ".count))).path }
        // …or at a row of a borrowers' snapshot CSV the scenario names.
        let snapshots = text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { $0.hasPrefix("snapshot: ") }
            .map { folder.appendingPathComponent(String($0.dropFirst("snapshot: ".count))).path }
        var loaded = 0, rejected = 0
        for (index, mutant) in Mutator.mutants(of: text, seed: 2026, count: Self.mutantsPerScenario).enumerated() {
            let scenario: Scenario
            do {
                scenario = try Scenario.parse(text: mutant, file: path)
            } catch let error as InputError {
                rejected += 1
                let text = error.description
                #expect(([path] + bases + snapshots).contains { text.hasPrefix($0 + ":") }, "mutant \(index) of \(file): \(text)")
                #expect(text.count > path.count + 3, "mutant \(index) of \(file): empty message")
                continue
            } catch {
                Issue.record("mutant \(index) of \(file) threw a non-input error: \(error)\n\(mutant)")
                continue
            }
            loaded += 1
            // Keep each mutant's run small (≤ 20 blocks; DESIGN.md §6).
            var short = scenario
            short.duration = min(short.duration, Double(short.chain.blockTime) * 20)
            // …and its population small (benchmark-day ships 10,000 borrowers for release benchmarks).
            if let count = short.borrowers?.count { short.borrowers?.count = min(count, 30) }
            do {
                _ = try World(scenario: short, seed: UInt64(index)).run()
            } catch is WorldBuildError {
                // A draw beyond the load limit: a runtime failure with a message (exit 1).
            } catch let error as InputError {
                // A snapshot row the mutated market refuses: located in the snapshot file (exit 2).
                #expect(snapshots.contains { error.description.hasPrefix($0 + ":") }, "mutant \(index) of \(file): \(error)")
            }
        }
        #expect(loaded > 0, "no mutant of \(file) loaded")
        #expect(rejected > 0, "no mutant of \(file) was rejected")
    }
}
