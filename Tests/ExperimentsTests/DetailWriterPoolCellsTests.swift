import Foundation
import Testing
@testable import Experiments
@testable import Scenarios

/// The time series' pool cells, which the writer keeps from row to row while a pool is unchanged.
@Suite("Time-series pool cells")
struct DetailWriterPoolCellsTests {
    @Test("each row's pool cells are its values' whether they changed, came back or stayed")
    func cellsFollowTheValues() throws {
        try DetailWriterFixture.write { scenario, writer, directory in
            let values: [(price: Double, reserve0: UInt128, reserve1: UInt128)] = [
                (2_000, 2_000_000_000_000_000_000_000, 4_000_000_000_000),
                (2_100.5, 1_950_000_000_000_000_000_000, 4_095_975_000_000),
                (2_000, 2_000_000_000_000_000_000_000, 4_000_000_000_000),
                (2_000, 2_000_000_000_000_000_000_000, 4_000_000_000_000),
                (.nan, 0, 0),
            ]
            for (block, pool) in values.enumerated() {
                try writer.record(BlockRow(time: Double(block) * 12, block: block, referencePrices: scenario.assets.map { _ in 1 },
                                           pools: [pool], gasPrice: 0, gasUsed: 0, executed: 0, reverted: 0, dropped: 0,
                                           markets: [], oracles: scenario.oracles.map { _ in nil },
                                           paused: scenario.lendingMarkets.map { _ in false }, vaultGreeks: nil))
            }
            try writer.finish()
            let lines = try String(contentsOfFile: directory + "/timeseries.csv", encoding: .utf8).split(separator: "\n")
            #expect(lines.count == 1 + values.count)
            let header = lines[0].split(separator: ",", omittingEmptySubsequences: false)
            let column = try #require(header.firstIndex(of: "pool_eth_usdc_price"))
            for (row, pool) in values.enumerated() {
                let cells = lines[row + 1].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
                #expect(Array(cells[column..<column + 3])
                        == [CSVFormat.double(pool.price), CSVFormat.amount(pool.reserve0, decimals: 18),
                            CSVFormat.amount(pool.reserve1, decimals: 6)])
            }
        }
    }
}
