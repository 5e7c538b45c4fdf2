import Foundation
import ProtocolModel
import Testing
@testable import Scenarios

/// The shipped benchmark-day scenario: the peer model's parameters, and its cascade on a
/// smaller population (the full 10,000 borrowers are for release benchmarks).
@Suite("benchmark-day scenario")
struct BenchmarkDayTests {
    static let path = TestScenarios.repositoryRoot + "/scenarios/benchmark-day.yaml"

    @Test("It holds the peer model's parameters: one day of 7,200 blocks, 10,000 borrowers, 10 liquidators of 1 M USDC selling at a loss, 5 arbitrageurs")
    func parameters() throws {
        let scenario = try Scenario.load(path: Self.path)
        #expect(scenario.blockCount == 7_200)
        #expect(scenario.borrowers?.count == 10_000)
        #expect(scenario.liquidators?.count == 10)
        #expect(scenario.liquidators?.sellsAtLoss == true)
        #expect(scenario.liquidators?.capital.first { $0.symbol == "USDC" }?.amount == .constant(1_000_000))
        guard case .drawn(let draws) = scenario.borrowers?.positions else {
            Issue.record("benchmark-day draws its borrowers")
            return
        }
        #expect(draws.health == .uniform(min: 1.05, max: 3))
    }

    @Test("Before the shock almost nobody is liquidated; through the −30 % shock the spot oracle cascades into liquidations")
    func shockCascades() throws {
        let before = try World(scenario: Scenario.load(path: Self.path, overrides: ["agents.borrowers.count=400", "duration=6h"]), seed: 1).run()
        let through = try World(scenario: Scenario.load(path: Self.path, overrides: ["agents.borrowers.count=400", "duration=8h"]), seed: 1).run()
        #expect(try #require(before.liquidations) < 5)
        #expect(try #require(through.liquidations) > 20)
        #expect(try #require(through.minHealth) < 1)
        #expect(try #require(through.liquidatedVolume) > 100_000)
    }
}
