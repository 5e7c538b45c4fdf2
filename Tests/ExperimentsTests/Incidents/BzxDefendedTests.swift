import Foundation
import ProtocolModel
import Scenarios
import Testing
@testable import Experiments

/// The defended twins of the bZx re-enactments (../shared/research/incidents.md §2.1): bZx #2
/// against a TWAP of the Uniswap pool, bZx #1 with the venue's negative-equity check invoked.
/// The re-enactments' own figures are asserted in Tests/ExperimentsTests/Attacks/.
@Suite("bZx #1 and #2 defended twins")
struct BzxDefendedTests {
    @Test("bZx #2: the best attack on the spot-read market makes about 6,200 ETH (not safe); against the TWAP every point loses and the best is a reverted attack (safe)")
    func oracleSignChange() throws {
        // A coarse search (3³ grid, one simplex start) is enough to show the danger.
        let unsafe = try IncidentSearch.bestAttack("bzx-oracle-2020", grid: 3, starts: 1)
        let unsafeMean = try #require(unsafe.summary.mean)
        #expect(abs(unsafeMean / 6_208.55 - 1) < 0.02, "\(unsafeMean)")
        #expect(!Frontier.isSafe(unsafe.summary))
        let safe = try IncidentSearch.bestAttack("bzx-oracle-2020-defended")
        #expect(Frontier.isSafe(safe.summary), "\(safe.summary) at \(safe.parameters)")
        #expect(try #require(safe.summary.mean) < 0)
    }

    @Test("bZx #2 defended, historical purchases without the profit check: bZx lends 0.667 × the pool's pre-attack price × the 1,100,069.66 sUSD bought (2,651.64 ETH), far short of the 4,417.86 ETH flash loan, so the transaction reverts")
    func oracleTwapIgnoresThePurchases() throws {
        let scenario = try Scenario.load(path: IncidentSearch.path("bzx-oracle-2020-defended"),
                                         overrides: ["agents.attacker.revert_if_unprofitable=false"])
        let events = IncidentSearch.StepLog()
        let metrics = try World(scenario: scenario, seed: 1, options: WorldOptions(checkInvariants: true)).run(sink: events)
        // Closed form (Qin et al., App. C): Uniswap 540 ETH at 0.3 % fee, Kyber 360 ETH, the depot's whole inventory.
        let (uX, uY) = (879.757, 243_441.12)
        let uniswap = uY * 540 * 0.997 / (uX + 540 * 0.997)
        let kyber = (1 - exp(-0.00252 * 360)) / (0.00252 * 0.0037 * exp(0.00252 * 0.90658))
        let bought = uniswap + kyber + 943_837.59
        let expectedBorrow = 0.667 * (uX / uY) * bought
        let borrow = try #require(events.records.first { $0.kind == .borrow })
        let borrowed = TokenUnits.toDouble(borrow.amountOut, decimals: 18)
        #expect(abs(borrowed / expectedBorrow - 1) < 1e-9, "\(borrowed) vs \(expectedBorrow)")
        #expect(abs(expectedBorrow - 2_651.64) < 0.01)
        #expect(events.records.allSatisfy { !$0.executed })
        #expect(try #require(metrics.attackNetProfit) < 0)
    }

    @Test("bZx #1: the best attack without the equity check makes about 2,769 ETH (not safe); with it the pumping short is refused and the best point is a reverted attack (safe)")
    func pumpSignChange() throws {
        let unsafe = try IncidentSearch.bestAttack("bzx-pump-2020")
        let unsafeMean = try #require(unsafe.summary.mean)
        #expect(abs(unsafeMean / 2_768.92 - 1) < 0.005, "\(unsafeMean)")
        #expect(!Frontier.isSafe(unsafe.summary))
        let safe = try IncidentSearch.bestAttack("bzx-pump-2020-defended")
        #expect(Frontier.isSafe(safe.summary), "\(safe.summary) at \(safe.parameters)")
        // Also when the attacker keeps whatever the transaction leaves (no profit check of its own).
        let unchecked = try IncidentSearch.bestAttack("bzx-pump-2020-defended", overrides: ["agents.attacker.revert_if_unprofitable=false"])
        #expect(Frontier.isSafe(unchecked.summary), "\(unchecked.summary) at \(unchecked.parameters)")
    }

    @Test("bZx #1 defended, historical parameters: the 1,300 ETH short fails the equity check")
    func pumpHistoricalShortRefused() throws {
        let scenario = try Scenario.load(path: IncidentSearch.path("bzx-pump-2020-defended"))
        let events = IncidentSearch.StepLog()
        let metrics = try World(scenario: scenario, seed: 1, options: WorldOptions(checkInvariants: true)).run(sink: events)
        let short = try #require(events.records.first { $0.kind == .openShort })
        let reason = short.reason(assets: scenario.ledgerAssets)
        #expect(reason?.contains("below its loan × ocr") == true, "\(String(describing: reason))")
        #expect(try #require(metrics.attackNetProfit) < 0)
        // Without the check the same plan nets the re-enactment's 1,164.62 ETH.
        let (_, open) = try IncidentSearch.run("bzx-pump-2020")
        #expect(abs(try #require(open.attackNetProfit) - 1_164.62) < 0.01)
    }
}
