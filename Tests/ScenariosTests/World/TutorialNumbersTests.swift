import Foundation
import GSL
import Testing
@testable import Scenarios

/// docs/tutorial.md quotes runs of shipped scenarios; these are the numbers `advsim run` gives
/// them now (replication 0 at the scenario's seed), so the text cannot drift from the tool.
@Suite("The tutorial's quoted numbers")
struct TutorialNumbersTests {
    /// What `advsim run NAME` computes: replication 0 at the scenario's own seed, with `overrides`
    /// as `--set` gives them.
    static func run(_ name: String, overrides: [String] = []) throws -> RunMetrics {
        let scenario = try Scenario.load(path: TestScenarios.repositoryRoot + "/scenarios/\(name).yaml", overrides: overrides)
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

    @Test("§4: the cascade's lenders lose to defaults, its defended twin's nothing, and a 30-minute TWAP more than no defence; every quoted figure is the run's")
    func cascadeAndDefendedTwin() throws {
        let tutorial = try String(contentsOfFile: TestScenarios.repositoryRoot + "/docs/tutorial.md", encoding: .utf8)
            .split(whereSeparator: \.isWhitespace).joined(separator: " ")
        let plain = try Self.run("liquidation-cascade"), defended = try Self.run("liquidation-cascade-defended")
        let lagging = try Self.run("liquidation-cascade-defended", overrides: ["oracles.eth_twap.window=30m"])
        func lost(_ metrics: RunMetrics) throws -> Double { try #require(metrics.badDebt) + #require(metrics.underwaterShortfall) }
        #expect(try lost(defended) == 0 && lost(plain) > 0 && lost(lagging) > lost(plain))
        // What underwater_debt alone would say: the lagging window as a success.
        #expect(try #require(lagging.underwaterDebt) < #require(plain.underwaterDebt))
        let (bad, underwater, shortfall) = (try #require(plain.badDebt), try #require(plain.underwaterDebt), try #require(plain.underwaterShortfall))
        let (laggingBad, laggingUnderwater) = (try #require(lagging.badDebt), try #require(lagging.underwaterDebt))
        for phrase in ["the undefended market has \(try #require(plain.liquidations)) liquidations, writes off \(Self.grouped(bad)) USD and leaves "
                        + "\(Self.grouped(underwater)) USD of debt underwater, short of its collateral by \(Self.grouped(shortfall)) USD: the "
                        + "lenders lose \(Self.grouped(try lost(plain))) USD",
                       "The defended twin liquidates \(try #require(defended.liquidations)) positions near the market price and loses nothing.",
                       "lags the fall by up to \(Int((try #require(lagging.maxOracleDeviation) * 100).rounded())) %",
                       "writes off \(Self.grouped(laggingBad)) USD and leaves \(Self.grouped(laggingUnderwater)) USD underwater, short by "
                        + "\(Self.grouped(try #require(lagging.underwaterShortfall))) USD: the lenders lose \(Self.grouped(try lost(lagging))) USD, "
                        + "more than with no defence.",
                       "(\(Self.grouped(laggingUnderwater)) against \(Self.grouped(underwater)) USD)"] {
            #expect(tutorial.contains(phrase), "docs/tutorial.md lacks '\(phrase)'")
        }
    }
}
