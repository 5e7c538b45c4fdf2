import Foundation
import GSL
import Testing
@testable import Scenarios

/// docs/tutorial.md quotes runs of shipped scenarios; these are the numbers `advsim run` gives
/// them now (replication 0 at the scenario's seed), so the text cannot drift from the tool.
@Suite("The tutorial's quoted numbers")
struct TutorialNumbersTests {
    /// What `advsim run NAME` computes: replication 0 at the scenario's own seed.
    static func run(_ name: String) throws -> RunMetrics {
        let scenario = try Scenario.load(path: TestScenarios.repositoryRoot + "/scenarios/\(name).yaml")
        let seed = SeedDerivation.replicationSeed(scenarioSeed: try #require(scenario.seed), replication: 0)
        return try World(scenario: scenario, seed: seed).run()
    }

    /// `value` rounded to whole units, thousands separated by commas (15,561).
    static func grouped(_ value: Double) -> String {
        let digits = String(Int64(value.rounded()))
        return stride(from: digits.count, to: 0, by: -3).reversed().map { end in
            String(digits[digits.index(digits.startIndex, offsetBy: max(0, end - 3))..<digits.index(digits.startIndex, offsetBy: end)])
        }.joined(separator: ",")
    }

    @Test("§4: the cascade loses more in total than its defended twin, which writes off more; every quoted figure is the run's")
    func cascadeAndDefendedTwin() throws {
        let tutorial = try String(contentsOfFile: TestScenarios.repositoryRoot + "/docs/tutorial.md", encoding: .utf8)
            .split(whereSeparator: \.isWhitespace).joined(separator: " ")
        let plain = try Self.run("liquidation-cascade"), defended = try Self.run("liquidation-cascade-defended")
        let (bad, underwater) = (try #require(plain.badDebt), try #require(plain.underwaterDebt))
        let (defendedBad, defendedUnderwater) = (try #require(defended.badDebt), try #require(defended.underwaterDebt))
        #expect(defendedBad > bad && defendedBad + defendedUnderwater < bad + underwater)
        for phrase in ["the undefended market has \(try #require(plain.liquidations)) liquidations, writes off \(Self.grouped(bad)) USD and leaves "
                        + "\(Self.grouped(underwater)) USD underwater: \(Self.grouped(bad + underwater)) USD lost.",
                       "(\(try #require(defended.liquidations)) liquidations), so it writes off more — \(Self.grouped(defendedBad)) USD,",
                       "leaves only \(Self.grouped(defendedUnderwater)) USD underwater: \(Self.grouped(defendedBad + defendedUnderwater)) USD lost"] {
            #expect(tutorial.contains(phrase), "docs/tutorial.md lacks '\(phrase)'")
        }
    }
}
