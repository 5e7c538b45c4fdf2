import Foundation
import Testing
@testable import Experiments

/// events.csv's `reason` column from a real run: amounts in their asset's units with its symbol.
@Suite("Event log reasons")
struct EventReasonTests {
    @Test("amm-arbitrage, seed 7: the first reverted swap's reason reads 4262639051588372170 raw ETH as 4.26263905158837217 ETH (no trailing zero)")
    func slippageInEther() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("advsim-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        _ = try SingleRunTests().runOnce(seed: 7, into: directory)
        let rows = try String(contentsOfFile: directory + "/events.csv", encoding: .utf8).split(separator: "\n")
        let header = rows[0].split(separator: ",", omittingEmptySubsequences: false)
        let reason = try #require(header.firstIndex(of: "reason"))
        let cells = rows.dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        // Block 9's swap, its amounts 4262639051588372170 and 4273659364407096832 raw (wei: 18 decimals).
        let failing = try #require(cells.first { !$0[reason].isEmpty })
        #expect(failing[..<6] == ["108", "9", "9", "arbitrageur-0", "swap", "eth_usdc"])
        #expect(failing[reason] == "slippage: 4.26263905158837217 ETH out < minimum 4.273659364407096832 ETH")
    }
}
