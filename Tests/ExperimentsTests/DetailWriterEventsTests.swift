import Foundation
import Testing
@testable import Experiments
@testable import ProtocolModel
@testable import Scenarios

/// events.csv's agent column: the records carry agent tags, the rows their names.
@Suite("Event log agents")
struct DetailWriterEventsTests {
    @Test("each events.csv row names the agent its record's tag stands for")
    func rowsNameTheAgents() throws {
        try DetailWriterFixture.write { _, writer, directory in
            let names = ["arbitrageur-0", "noise-12", "oracle-keeper:eth_feed", "arbitrageur-1", "arbitrageur-0"]
            try writer.record(names.enumerated().map { index, name in
                StepRecord(time: 12, block: 1, transaction: index + 1, agent: AgentTag(name), kind: .transfer, pool: nil,
                           assetIn: nil, amountIn: 0, assetOut: nil, amountOut: 0, executed: true, revert: nil, liquidation: nil)
            })
            try writer.finish()
            let lines = try String(contentsOfFile: directory + "/events.csv", encoding: .utf8).split(separator: "\n")
            #expect(lines.count == 1 + names.count)
            let header = lines[0].split(separator: ",", omittingEmptySubsequences: false)
            let column = try #require(header.firstIndex(of: "agent"))
            let written = lines.dropFirst().map { String($0.split(separator: ",", omittingEmptySubsequences: false)[column]) }
            #expect(written == names)
        }
    }
}
