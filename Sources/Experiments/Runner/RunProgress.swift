import Foundation
import ProtocolModel
import Scenarios

/// Progress of a long single run on stderr, block by block, passing everything on to the sink
/// that writes the run's files: a line rewritten in place every 0.2 s when stderr is a terminal,
/// a plain line every 10 s otherwise (cluster logs). A run that ends before the first interval
/// (1 s on a terminal, 10 s otherwise) prints nothing.
final class RunProgress: WorldSink {
    private let sink: any WorldSink
    private let blocks: Int
    private let interactive: Bool
    private let clock: () -> Date
    private let write: (String) -> Void
    private let started: Date
    private var nextPrint: Date
    private var printed = false

    /// - Parameters:
    ///   - sink: receives every record first.
    ///   - blocks: the run's block count.
    ///   - interactive: whether stderr is a terminal (the default asks).
    ///   - clock, write: the time and the output (tests pass their own).
    init(forwardingTo sink: any WorldSink, blocks: Int, interactive: Bool = isatty(2) == 1,
         clock: @escaping () -> Date = Date.init, write: @escaping (String) -> Void = { FileHandle.standardError.write(Data($0.utf8)) }) {
        self.sink = sink
        self.blocks = blocks
        self.interactive = interactive
        self.clock = clock
        self.write = write
        started = clock()
        nextPrint = started.addingTimeInterval(interactive ? 1 : 10)
    }

    func record(_ row: BlockRow) throws {
        try sink.record(row)
        // The clock is read every 64 blocks, not at each.
        guard row.block > 0, row.block % 64 == 0 || row.block == blocks else { return }
        let now = clock()
        guard now >= nextPrint else { return }
        nextPrint = now.addingTimeInterval(interactive ? 0.2 : 10)
        printed = true
        let elapsed = now.timeIntervalSince(started)
        let remaining = elapsed / Double(row.block) * Double(blocks - row.block)
        let line = "block \(row.block)/\(blocks) (\(row.block * 100 / max(blocks, 1)) %), \(Progress.duration(elapsed)), "
            + "ETA \(Progress.duration(remaining))"
        write(interactive ? "\r" + line + "  " : "run: " + line + "\n")
    }

    func record(_ steps: [StepRecord]) throws { try sink.record(steps) }

    func record(_ liquidations: [LiquidationRow]) throws { try sink.record(liquidations) }

    /// Ends the rewritten line, if any was printed.
    func finish() {
        if interactive, printed { write("\n") }
    }
}
