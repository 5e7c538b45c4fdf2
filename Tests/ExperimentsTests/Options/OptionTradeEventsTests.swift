import Foundation
import ProtocolModel
@testable import Scenarios
import Testing
@testable import Experiments

/// events.csv names the series and contracts of every option trade, and they add up to the
/// positions the vault holds.
@Suite("Option trades in events.csv")
struct OptionTradeEventsTests {
    @Test("Each executed buy_option and sell_option names a listed series and its contracts; per trader and series they sum to the position")
    func tradesAddUpToPositions() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("advsim-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        // Before the first expiry (1 h): no series settles, so positions are the trades' sums.
        let scenario = try Scenario.load(path: OptionScenarioTests.root + "/scenarios/options-vault.yaml", overrides: ["duration=55m"])
        let writer = try DetailWriter(directory: directory, scenario: scenario)
        let world = try World(scenario: scenario, seed: 7)
        _ = try world.run(sink: writer)
        try writer.finish()
        let events = try OptionScenarioTests.records(try CSVReader.read(path: directory + "/events.csv").records)

        let vault = world.state.optionVaults[0]
        let labels = OptionSeriesLabel.all(in: scenario).map(\.text)
        #expect(labels.count == vault.series.count && labels[0] == "eth_options:call:2700:3600s", "\(labels.prefix(3))")
        var traded: [String: [Int128]] = [:]
        var trades = 0
        for row in events where row["outcome"] == "executed" && (row["kind"] == "buy_option" || row["kind"] == "sell_option") {
            let buy = row["kind"] == "buy_option"
            let label = try #require(buy ? row["asset_out"] : row["asset_in"])
            let series = try #require(labels.firstIndex(of: label), "unknown series \(label)")
            let contracts = Int128(try TokenUnits.parse(try #require(buy ? row["amount_out"] : row["amount_in"]), decimals: 18))
            #expect(contracts > 0 && row["pool"] == "")
            #expect((buy ? row["asset_in"] : row["asset_out"]) == "USDC", "the premium's asset")
            traded[row["agent"]!, default: Array(repeating: 0, count: labels.count)][series] += buy ? contracts : -contracts
            trades += 1
        }
        #expect(trades > 5)
        #expect(!events.contains { $0["kind"] == "liquidate_options" || $0["kind"] == "settle_options" })
        var held: [String: [Int128]] = [:]
        for (account, position) in vault.positions where position.contains(where: { $0 != 0 }) {
            held[world.state.ledger.accountNames[account.index]] = position
        }
        #expect(traded.filter { $0.value.contains { $0 != 0 } } == held)
    }

    @Test("A reverted buy_option or sell_option names its listed series and the contracts it asked for, with no premium")
    func revertedTradesNameTheirSeries() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("advsim-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let scenario = try Scenario.load(path: OptionScenarioTests.root + "/scenarios/options-vault.yaml")
        let writer = try DetailWriter(directory: directory, scenario: scenario)
        _ = try World(scenario: scenario, seed: 7).run(sink: writer)
        try writer.finish()
        let events = try OptionScenarioTests.records(try CSVReader.read(path: directory + "/events.csv").records)
        let labels = Set(OptionSeriesLabel.all(in: scenario).map(\.text))
        let reverted = events.filter { $0["outcome"] == "reverted" && ($0["kind"] == "buy_option" || $0["kind"] == "sell_option") }
        #expect(reverted.count >= 3, "seed 7 reverts a few trades on their premium limit")
        for row in reverted {
            let buy = row["kind"] == "buy_option"
            let label = try #require(buy ? row["asset_out"] : row["asset_in"])
            #expect(labels.contains(label), "unknown series \(label)")
            // The option traders ask for exact contracts: the row says how many.
            let contracts = try TokenUnits.parse(try #require(buy ? row["amount_out"] : row["amount_in"]), decimals: 18)
            #expect(contracts > 0)
            // No premium changed hands: its cells are empty.
            #expect((buy ? row["asset_in"] : row["asset_out"]) == "" && (buy ? row["amount_in"] : row["amount_out"]) == "")
            #expect(row["reason"]?.hasPrefix("options: premium") == true, "\(row)")
        }
    }
}
