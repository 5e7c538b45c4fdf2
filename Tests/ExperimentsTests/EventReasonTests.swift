import Foundation
import Testing
@testable import Experiments

/// events.csv's `reason` column from a real run: amounts in their asset's units with its symbol.
@Suite("Event log reasons")
struct EventReasonTests {
    @Test("amm-arbitrage, seed 7: block 266's reverted swap reads 8328634999059867320 raw ETH as 8.32863499905986732 ETH (no trailing zero)")
    func slippageInEther() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("advsim-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        _ = try SingleRunTests().runOnce(seed: 7, into: directory)
        let rows = try String(contentsOfFile: directory + "/events.csv", encoding: .utf8).split(separator: "\n")
        let header = rows[0].split(separator: ",", omittingEmptySubsequences: false)
        let reason = try #require(header.firstIndex(of: "reason"))
        let cells = rows.dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        // Block 266's swap, its amounts 8328634999059867320 and 8388694462551987200 raw (wei: 18
        // decimals), both ending in zeros. (The first reverted swap, block 9's, no longer has one:
        // since the LPs keep a gas reserve out of the pool, its amounts end in 407 and 464.)
        let failing = try #require(cells.first { !$0[reason].isEmpty && $0[1] == "266" && $0[2] == "111" })
        #expect(failing[..<6] == ["3192", "266", "111", "arbitrageur-2", "swap", "eth_usdc"])
        #expect(failing[reason] == "slippage: 8.32863499905986732 ETH out < minimum 8.3886944625519872 ETH")
    }
}
