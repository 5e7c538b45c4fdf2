import Foundation
import ProtocolModel
@testable import Scenarios
import Testing
@testable import Experiments

/// A single run's progress on stderr: when it speaks, what it says, and that every record still
/// reaches the run's files.
@Suite("A long run's progress")
struct RunProgressTests {
    /// Counts what it is given.
    final class CountingSink: WorldSink {
        var rows = 0, stepLists = 0, liquidationLists = 0
        func record(_ row: BlockRow) throws { rows += 1 }
        func record(_ steps: [StepRecord]) throws { stepLists += 1 }
        func record(_ liquidations: [LiquidationRow]) throws { liquidationLists += 1 }
    }

    static func row(_ block: Int) -> BlockRow {
        BlockRow(time: Double(block) * 12, block: block, referencePrices: [], pools: [], gasPrice: 0, gasUsed: 0,
                 executed: 0, reverted: 0, dropped: 0)
    }

    /// Runs `blocks` blocks, each `secondsPerBlock` long on a fake clock; returns what was written.
    func output(blocks: Int, secondsPerBlock: Double, interactive: Bool) throws -> (text: String, sink: CountingSink) {
        var now = Date(timeIntervalSince1970: 0)
        var text = ""
        let sink = CountingSink()
        let progress = RunProgress(forwardingTo: sink, blocks: blocks, interactive: interactive, clock: { now }, write: { text += $0 })
        for block in 0...blocks {
            if block > 0 { now = now.addingTimeInterval(secondsPerBlock) }
            try progress.record(Self.row(block))
            try progress.record([StepRecord]())
        }
        progress.finish()
        return (text, sink)
    }

    @Test("In a log: nothing before 10 s, then a line at the first 64th block past each 10 s, with the share done and the ETA")
    func logLines() throws {
        // 1,000 blocks of 0.1 s: 100 s; the clock is read at blocks 64, 128, …, and at the last.
        let (text, sink) = try output(blocks: 1_000, secondsPerBlock: 0.1, interactive: false)
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines.first == "run: block 128/1000 (12 %), 13s, ETA 1m27s")
        #expect(lines.count == 8)
        #expect(lines.last == "run: block 1000/1000 (100 %), 1m40s, ETA 0s")
        #expect(sink.rows == 1_001 && sink.stepLists == 1_001)
    }

    @Test("On a terminal: one line rewritten in place from 1 s on, ended once; a short run prints nothing")
    func terminalLine() throws {
        let (text, _) = try output(blocks: 256, secondsPerBlock: 0.01, interactive: true)
        #expect(text == "\rblock 128/256 (50 %), 1s, ETA 1s  \rblock 192/256 (75 %), 2s, ETA 1s  \rblock 256/256 (100 %), 3s, ETA 0s  \n")
        #expect(try output(blocks: 60, secondsPerBlock: 0.01, interactive: true).text.isEmpty)
        #expect(try output(blocks: 5_000, secondsPerBlock: 0.001, interactive: false).text.isEmpty)
    }
}
