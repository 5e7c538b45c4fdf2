import Foundation
import ProtocolModel
import Scenarios
import Testing
@testable import Experiments

/// The shipped option scenarios (issue 7): a normal market with a vault, and the settlement
/// attack with its TWAP-defended twin, through single runs and the optimiser.
@Suite("Option vault scenarios")
struct OptionScenarioTests {
    static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { url.deleteLastPathComponent() }
        return url.path
    }()

    /// A single run of `name` with invariants checked, its CSVs read back.
    static func run(_ name: String, overrides: [String] = []) throws -> (metrics: RunMetrics, csv: [String: [[String]]]) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("advsim-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let scenario = try Scenario.load(path: root + "/scenarios/\(name).yaml", overrides: overrides)
        let result = try SingleRun(scenario: scenario, scenarioSeed: 7, seedSource: "command-line", outputDirectory: directory,
                                   options: WorldOptions(checkInvariants: true), commandLine: ["test"], version: "test").execute()
        var csv: [String: [[String]]] = [:]
        for file in ["runs", "pnl", "timeseries", "events"] {
            csv[file] = try CSVReader.read(path: directory + "/\(file).csv").records
        }
        return (result.metrics, csv)
    }

    /// The rows of `table` as dictionaries keyed by its header.
    static func records(_ table: [[String]]?) throws -> [[String: String]] {
        let rows = try #require(table)
        return rows.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(rows[0], $0)) }
    }

    @Test("options-vault trades, hedges and settles with invariants checked; its option columns are filled and pnl.csv sums to zero")
    func normalMarket() throws {
        let (metrics, csv) = try Self.run("options-vault")
        let runs = try #require(try Self.records(csv["runs"]).first)
        let optionColumns = ["options_open_interest", "vault_pnl", "option_liquidations", "settlement_price_deviation"]
        #expect(optionColumns.allSatisfy(RunsTable.metricNames.contains))
        for column in optionColumns { #expect(runs[column]?.isEmpty == false, "\(column) is empty") }
        // The 4h series are still open at the end: traders hold longs in them.
        #expect(try #require(metrics.optionsOpenInterest) > 0)
        // Settled on a 5-minute TWAP of a deep pool: within a few per cent of the reference.
        let deviation = try #require(metrics.settlementPriceDeviation)
        #expect(deviation > 0 && deviation < 0.05, "\(deviation)")

        let events = try Self.records(csv["events"])
        func executed(_ kind: String) -> Int { events.filter { $0["kind"] == kind && $0["outcome"] == "executed" }.count }
        #expect(executed("buy_option") > 20 && executed("sell_option") > 10)
        #expect(executed("hedge_vault") >= 5)
        // Two expiries inside the run, 5 strikes × 2 kinds each, settled once each by the keeper.
        #expect(executed("settle_options") == 20)

        // pnl.csv: every asset's amounts sum to zero exactly, values to zero within rounding; vault_pnl is the option_vaults rows.
        let pnl = try Self.records(csv["pnl"])
        for asset in Set(pnl.map { $0["asset"]! }) {
            let rows = pnl.filter { $0["asset"] == asset }
            let amounts = rows.map { Decimal(string: $0["amount"]!)! }.reduce(0, +)
            #expect(amounts == 0, "\(asset) amounts sum to \(amounts)")
            let values = rows.map { Double($0["value"]!)! }
            #expect(abs(values.reduce(0, +)) < 1e-6 * max(1, values.map(abs).max()!), "\(asset) values do not sum to zero")
        }
        #expect(Set(pnl.map { $0["party"]! }).isSuperset(of: ["option_vaults", "option_traders"]))
        let vaultRows = pnl.filter { $0["party"] == "option_vaults" }.map { Double($0["value"]!)! }.reduce(0, +)
        #expect(try abs(vaultRows - #require(metrics.vaultPnl)) < 1e-6 * max(1, abs(vaultRows)))

        // timeseries.csv: the vault's Greeks every block; a hedged vault's delta stays within its options' size.
        let series = try Self.records(csv["timeseries"])
        #expect(series.count == 901)
        let deltas = series.dropFirst().compactMap { $0["vault_delta"].flatMap(Double.init) }
        #expect(deltas.count == 900 && series.dropFirst().allSatisfy { Double($0["vault_vega"] ?? "") != nil })
        #expect(deltas.contains { $0 != 0 })
        // Each trade moves at most 5 contracts (the scenario's size max) of |delta| ≤ 1 each, and
        // the hedge holds at most the options' delta it offset at a hedge: |delta| ≤ 2 × 5 × trades.
        let trades = executed("buy_option") + executed("sell_option")
        let maxDelta = deltas.map(abs).max() ?? 0
        #expect(maxDelta <= 2 * 5 * Double(trades), "max |vault_delta| \(maxDelta) over \(trades) trades")
        // The hedge flattens the delta: some block in which it executed ends with |delta| ≈ 0 (it
        // can only hold the underlying, and trades after it in a block move the delta again).
        let deltaAt = Dictionary(uniqueKeysWithValues: series.dropFirst().compactMap { row in
            row["time"].flatMap { time in row["vault_delta"].flatMap(Double.init).map { (time, $0) } }
        })
        let hedged = events.filter { $0["kind"] == "hedge_vault" && $0["outcome"] == "executed" }.compactMap { $0["time"].flatMap { deltaAt[$0] } }
        #expect(hedged.count == executed("hedge_vault") && hedged.contains { abs($0) < 1e-6 }, "\(hedged)")
    }

    @Test("After a +20 % jump the keeper liquidates the writers whose 3,000 USDC margin no longer covers them, invariants and pnl sums holding")
    func keeperLiquidates() throws {
        let (metrics, csv) = try Self.run("options-vault", overrides: ["shocks=[{at: 40m, asset: ETH, move: 0.2, over: 1m}]",
                                                                       "agents.option_traders.margin=3000"])
        let liquidations = try #require(metrics.optionLiquidations)
        let executed = try Self.records(csv["events"]).filter { $0["kind"] == "liquidate_options" && $0["outcome"] == "executed" }
        #expect(liquidations > 0 && executed.count == liquidations)
        #expect(executed.allSatisfy { $0["agent"] == "option-keeper:eth_options" })
    }

    @Test("The spot-settled attack pays, and its net profit is the settlement payout less premium, swap round trip and gas, from the events")
    func attackPays() throws {
        let (metrics, csv) = try Self.run("options-settlement-attack")
        let net = try #require(metrics.attackNetProfit)
        #expect(net > 4_000, "\(net)")
        let events = try Self.records(csv["events"]).filter { $0["agent"] == "attacker" && $0["outcome"] == "executed" }
        func amount(_ kind: String, _ side: String, _ index: Int = 0) throws -> Double {
            let rows = events.filter { $0["kind"] == kind }
            return try #require(Double(rows[index][side]!))
        }
        let premium = try amount("buy_option", "amount_in"), payout = try amount("settle_options", "amount_out")
        let pushed = try amount("swap", "amount_in", 0), returned = try amount("swap", "amount_out", 1)
        #expect(try #require(events.filter { $0["kind"] == "swap" }.last?["asset_out"]) == "USDC")
        // Prices are constant (USDC 1, ETH 3000): every USDC flow counts at face value; gas is the only ETH flow.
        let gas = try #require(metrics.attackGasCost)
        #expect(abs(net - (payout - premium - pushed + returned - gas)) < 1e-6, "\(net) vs \(payout) − \(premium) − \(pushed) + \(returned) − \(gas)")
        // 5 calls struck at 3,100 settled at the pushed spot price of about 4,000.
        #expect(payout > 4_400 && payout < 4_600, "\(payout)")
        let deviation = try #require(metrics.settlementPriceDeviation)
        #expect(deviation > 0.3, "\(deviation)")
    }

    @Test("advsim optimize: the TWAP-settled twin is safe (upper 95 % bound of the best mean ≤ 0), the spot-settled original is not")
    func defendedTwinIsSafe() throws {
        func best(_ name: String) throws -> MetricSummary {
            let path = Self.root + "/scenarios/\(name).yaml"
            let search = try #require(try Scenario.load(path: path).search)
            #expect(search.parameters.map(\.keyPath) == ["agents.attacker.target_price"])
            let optimizer = Optimizer(scenarioPath: path, overrides: [], search: search, replications: 2, threads: 2, scenarioSeed: 1,
                                      options: WorldOptions())
            return try optimizer.run { _ in }.best.summary
        }
        let attacked = try best("options-settlement-attack")
        #expect(!Frontier.isSafe(attacked) && (attacked.mean ?? 0) > 10_000, "\(String(describing: attacked.mean))")
        let defended = try best("options-settlement-attack-defended")
        #expect(Frontier.isSafe(defended), "\(String(describing: defended.mean)) \(String(describing: defended.ciHigh))")
        #expect(try #require(defended.mean) <= 0)
    }
}
