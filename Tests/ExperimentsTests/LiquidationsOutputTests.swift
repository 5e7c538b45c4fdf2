import Foundation
import ProtocolModel
@testable import Scenarios
import Testing
@testable import Experiments

/// liquidations.csv and the lending columns of timeseries.csv, on the first 90 minutes of the
/// shipped liquidation-cascade scenario (its first liquidations come after 42 minutes).
@Suite("Liquidation outputs of a single run")
struct LiquidationsOutputTests {
    static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    static func column(_ name: String, _ header: [String]) throws -> Int {
        try #require(header.firstIndex(of: name), "no column \(name)")
    }

    @Test("liquidations.csv has one row per executed liquidation: counts, repaid volume and rounds agree with runs.csv")
    func liquidationsFile() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("advsim-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let scenario = try Scenario.load(path: Self.root + "/scenarios/liquidation-cascade.yaml", overrides: ["duration=90m"])
        let result = try SingleRun(scenario: scenario, scenarioSeed: 20261125, seedSource: "command-line", outputDirectory: directory,
                                   options: WorldOptions(), commandLine: ["test"], version: "test").execute()
        let files = try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
        #expect(files == ["events.csv", "liquidations.csv", "manifest.json", "pnl.csv", "runs.csv", "timeseries.csv"])

        let rows = try CSVReader.read(path: directory + "/liquidations.csv").records
        #expect(rows[0] == LiquidationsWriter.header)
        let body = rows.dropFirst()
        let liquidations = try #require(result.metrics.liquidations)
        #expect(liquidations > 10 && body.count == liquidations)
        // USDC's reference price is constant 1, so liquidated_volume is the sum of the repaid column.
        let repaid = try body.reduce(0.0) { $0 + (try #require(Double($1[6]))) }
        #expect(try abs(repaid - #require(result.metrics.liquidatedVolume)) < 1e-6)
        let rounds = try body.map { try #require(Int($0[12])) }
        #expect(rounds.min() == 1)
        #expect(result.metrics.cascadeDepth == rounds.max() && rounds.max()! > 1)
        // Liquidations of one block share its round.
        for (block, group) in Dictionary(grouping: body, by: { $0[1] }) {
            #expect(Set(group.map { $0[12] }).count == 1, "block \(block)")
        }
        // DESIGN.md §3: a liquidation lowers health exactly when health < LT (1 + bonus) = 0.88.
        var lowered = 0, raised = 0
        for row in body {
            #expect(row[2].hasPrefix("liquidator-") && row[3].hasPrefix("borrower-") && row[4] == "eth_market")
            #expect(row[5] == "USDC" && row[7] == "ETH")
            let before = try #require(Double(row[10]))
            #expect(before < 1)
            guard let after = Double(row[11]), abs(before - 0.88) > 1e-9 else { continue }
            if before < 0.88 {
                lowered += 1
                #expect(after < before, "\(row)")
            } else {
                raised += 1
                #expect(after > before, "\(row)")
            }
        }
        #expect(raised > 0 && lowered > 0)

        let runs = try CSVReader.read(path: directory + "/runs.csv").records
        let depth = try Self.column("cascade_depth", runs[0])
        #expect(runs[1][depth] == "\(rounds.max()!)")
    }

    @Test("A liquidation's unknown price, health after and debt price, and an unknown health before, are empty cells; known ones are exact decimals")
    func unknownCells() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("advsim-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let scenario = try Scenario.load(path: Self.root + "/scenarios/liquidation-cascade.yaml")
        let symbols = scenario.ledgerAssets.map(\.symbol)
        let usdc = AssetID(try #require(symbols.firstIndex(of: "USDC"))), eth = AssetID(try #require(symbols.firstIndex(of: "ETH")))
        let wad: UInt128 = 1_000_000_000_000_000_000
        let known = LiquidationRow(time: 12, block: 1, liquidator: "liquidator-1", account: "borrower-1", market: "eth_market",
                                   debtAsset: usdc, repaid: 9_000_000_000, collateralAsset: eth, seized: 1, price: 2_500 * wad,
                                   healthBefore: wad / 2, healthAfter: 3 * wad / 4, round: 1, debtPrice: wad)
        var unknown = known
        unknown.price = nil
        unknown.healthAfter = nil
        unknown.debtPrice = nil
        var unknownBefore = known
        unknownBefore.healthBefore = nil
        let writer = try LiquidationsWriter(directory: directory, scenario: scenario)
        try writer.record([known, unknown, unknownBefore])
        try writer.finish()
        let rows = try CSVReader.read(path: directory + "/liquidations.csv").records
        let header = rows[0]
        let price = try Self.column("price", header), after = try Self.column("health_after", header)
        let debtPrice = try Self.column("debt_price", header), seized = try Self.column("seized", header)
        let before = try Self.column("health_before", header)
        #expect(rows.count == 4)
        #expect(rows[1][price] == "2500" && rows[1][after] == "0.75" && rows[1][debtPrice] == "1")
        #expect(rows[2][price] == "" && rows[2][after] == "" && rows[2][debtPrice] == "")
        #expect(rows[2][seized] == "0.000000000000000001" && rows[2][before] == "0.5")
        #expect(rows[3][before] == "" && rows[3][price] == "2500")
    }

    @Test("timeseries.csv gains per-market collateral, debt and liquidatable count and each oracle's answer")
    func timeseriesColumns() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("advsim-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let scenario = try Scenario.load(path: Self.root + "/scenarios/liquidation-cascade.yaml", overrides: ["duration=50m"])
        let result = try SingleRun(scenario: scenario, scenarioSeed: 20261125, seedSource: "command-line", outputDirectory: directory,
                                   options: WorldOptions(), commandLine: ["test"], version: "test").execute()
        let records = try CSVReader.read(path: directory + "/timeseries.csv").records
        let header = records[0]
        #expect(Array(header.suffix(6).prefix(5)) == ["market_eth_market_collateral", "market_eth_market_debt",
                                                      "market_eth_market_liquidatable", "oracle_eth_price", "oracle_usdc_price"])
        #expect(records.count == 1 + 251)
        let collateral = try Self.column("market_eth_market_collateral", header), debt = try Self.column("market_eth_market_debt", header)
        let liquidatable = try Self.column("market_eth_market_liquidatable", header)
        let oracle = try Self.column("oracle_eth_price", header), pool = try Self.column("pool_eth_usdc_price", header)
        // Genesis, checked account by account against a fresh world of the same seed: Σ collateral
        // × 3,000 (the spot oracle on the untouched pool) and Σ debt (USDC at the constant 1).
        let world = try World(scenario: scenario, seed: result.seed)
        var ethSupplied: UInt128 = 0, usdcOwed: UInt128 = 0
        for account in world.state.markets[0].positions.accounts {
            ethSupplied += world.state.supplied(market: 0, slot: 0, account: account)
            usdcOwed += world.state.debt(market: 0, slot: 1, account: account)
        }
        let genesis = records[1], usdcOracle = try Self.column("oracle_usdc_price", header)
        #expect(genesis[oracle] == "3000" && genesis[usdcOracle] == "1" && genesis[liquidatable] == "0")
        #expect(try abs(#require(Double(genesis[collateral])) / (TokenUnits.toDouble(ethSupplied, decimals: 18) * 3_000) - 1) < 1e-12)
        #expect(try abs(#require(Double(genesis[debt])) / TokenUnits.toDouble(usdcOwed, decimals: 6) - 1) < 1e-12)
        // The spot oracle answers the pool's price after each block; accounts turn liquidatable as it falls.
        for row in records.dropFirst() {
            #expect(try abs(#require(Double(row[oracle])) / #require(Double(row[pool])) - 1) < 1e-12, "\(row)")
        }
        #expect(try records.dropFirst().map { try #require(Int($0[liquidatable])) }.max()! > 0)
    }
}
