import Foundation
import ProtocolModel
@testable import Scenarios
import Testing
@testable import Experiments

/// timeseries.csv's StableSwap pool, share vault and perp market columns, on the shipped
/// harvest-2020 (a stable pool and a vault) and mango-2022 (a perp market) scenarios.
@Suite("Venue columns of timeseries.csv")
struct VenueColumnsTests {
    /// Runs shipped scenario `name` and returns its timeseries.csv and events.csv records.
    static func run(_ name: String) throws -> (timeseries: [[String]], events: [[String]]) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("advsim-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let scenario = try Scenario.load(path: LiquidationsOutputTests.root + "/scenarios/\(name).yaml")
        _ = try SingleRun(scenario: scenario, scenarioSeed: scenario.seed ?? 1, seedSource: "scenario", outputDirectory: directory,
                          options: WorldOptions(), commandLine: ["test"], version: "test").execute()
        return (try CSVReader.read(path: directory + "/timeseries.csv").records, try CSVReader.read(path: directory + "/events.csv").records)
    }

    /// The net raw amount of `asset` (`decimals`) that `kind` steps of `block` moved into the
    /// venue: what they took in less what they paid out (executed steps only).
    static func netInflow(_ events: [[String]], block: String, kinds: Set<String>, asset: String, decimals: Int) throws -> Int128 {
        let header = events[0]
        let column = { (name: String) in try #require(header.firstIndex(of: name)) }
        let (blockColumn, kindColumn, outcome) = (try column("block"), try column("kind"), try column("outcome"))
        let (assetIn, amountIn, assetOut, amountOut) = (try column("asset_in"), try column("amount_in"), try column("asset_out"), try column("amount_out"))
        var net: Int128 = 0
        for row in events.dropFirst() where row[blockColumn] == block && kinds.contains(row[kindColumn]) && row[outcome] == "executed" {
            if row[assetIn] == asset { net += Int128(try TokenUnits.parse(row[amountIn], decimals: decimals)) }
            if row[assetOut] == asset { net -= Int128(try TokenUnits.parse(row[amountOut], decimals: decimals)) }
        }
        return net
    }

    @Test("a stable pool's balances move exactly by its swaps; its price and the vault's share price are what their oracles read")
    func stablePoolAndVault() throws {
        let (series, events) = try Self.run("harvest-2020")
        let header = series[0]
        let column = { (name: String) in try #require(header.firstIndex(of: name), "no column \(name)") }
        #expect(Array(header.suffix(7)) == ["stable_curve_y_usdc", "stable_curve_y_usdt", "stable_curve_y_price_usdt",
                                            "stable_curve_y_virtual_price", "vault_fusdc_price_per_share", "vault_fusdc_idle",
                                            "vault_fusdc_shares"])
        let (usdc, usdt) = (try column("stable_curve_y_usdc"), try column("stable_curve_y_usdt"))
        let (price, virtualPrice) = (try column("stable_curve_y_price_usdt"), try column("stable_curve_y_virtual_price"))
        let (sharePrice, idle, shares) = (try column("vault_fusdc_price_per_share"), try column("vault_fusdc_idle"), try column("vault_fusdc_shares"))
        let (poolOracle, shareOracle) = (try column("oracle_usdc_curve"), try column("oracle_fusdc_share"))
        // Genesis: the scenario's balances, a balanced pool (each coin worth one of the other).
        let genesis = series[1]
        #expect(genesis[usdc] == "80000000" && genesis[usdt] == "80000000" && genesis[price] == "1" && genesis[idle] == "24250000")
        var moved = false
        for (previous, row) in zip(series.dropFirst(), series.dropFirst(2)) {
            // Only stable swaps move the pool (the vault neither invests nor divests).
            for (coin, symbol) in [(usdc, "USDC"), (usdt, "USDT")] {
                let change = Int128(try TokenUnits.parse(row[coin], decimals: 6)) - Int128(try TokenUnits.parse(previous[coin], decimals: 6))
                #expect(try change == Self.netInflow(events, block: row[1], kinds: ["stable_swap"], asset: symbol, decimals: 6), "block \(row[1])")
                moved = moved || change != 0
            }
            // The oracle prices USDC in USDT; the column, USDT in USDC.
            #expect(try abs(#require(Double(row[price])) * #require(Double(row[poolOracle])) - 1) < 1e-12, "block \(row[1])")
            #expect(row[sharePrice] == row[shareOracle], "block \(row[1])")
            // The virtual price moves only by the fees swaps leave in the pool: never down.
            #expect(try #require(Double(row[virtualPrice])) >= #require(Double(previous[virtualPrice])))
            // Shares are minted by deposits and burnt by withdrawals.
            let minted = Int128(try TokenUnits.parse(row[shares], decimals: 6)) - Int128(try TokenUnits.parse(previous[shares], decimals: 6))
            let issued = try Self.netInflow(events, block: row[1], kinds: ["vault_deposit", "vault_withdraw"], asset: "V-fUSDC", decimals: 6)
            #expect(minted == -issued, "block \(row[1])")
        }
        #expect(moved)
        #expect(try #require(Double(series.last![virtualPrice])) > 1)
    }

    @Test("a perp market's open interest, collateral and loans follow its trades, deposits and borrowings; its mark is its oracle's")
    func perpMarket() throws {
        let (series, events) = try Self.run("mango-2022")
        let header = series[0]
        let column = { (name: String) in try #require(header.firstIndex(of: name), "no column \(name)") }
        #expect(Array(header.suffix(5)) == ["perp_mngo_perp_mark", "perp_mngo_perp_open_interest", "perp_mngo_perp_collateral",
                                            "perp_mngo_perp_borrowed", "perp_mngo_perp_lendable"])
        let (mark, interest, collateral) = (try column("perp_mngo_perp_mark"), try column("perp_mngo_perp_open_interest"),
                                            try column("perp_mngo_perp_collateral"))
        let (borrowed, lendable, oracle) = (try column("perp_mngo_perp_borrowed"), try column("perp_mngo_perp_lendable"), try column("oracle_mngo_index"))
        #expect(series[1][interest] == "0" && series[1][collateral] == "0" && series[1][borrowed] == "0" && series[1][lendable] == "116000000")
        for (previous, row) in zip(series.dropFirst(), series.dropFirst(2)) {
            #expect(row[mark] == row[oracle])
            let raw = { (cell: String) in Int128(try TokenUnits.parse(cell, decimals: 6)) }
            // Lenders' quote is either lent out or lendable.
            #expect(try raw(row[borrowed]) + raw(row[lendable]) == 116_000_000_000_000)
            #expect(try raw(row[collateral]) - raw(previous[collateral])
                    == Self.netInflow(events, block: row[1], kinds: ["perp_deposit", "perp_withdraw"], asset: "USDC", decimals: 6))
            #expect(try raw(previous[borrowed]) - raw(row[borrowed])
                    == Self.netInflow(events, block: row[1], kinds: ["perp_borrow", "perp_repay"], asset: "USDC", decimals: 6))
        }
        // The attack's fill between its two accounts: 483 M MNGO long and short.
        #expect(series.last![interest] == "483000000")
        #expect(try #require(Double(series.last![borrowed])) > 0)
    }
}
