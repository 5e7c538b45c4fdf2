import Foundation

/// Progress of a long batch on stderr: a bar with rate and ETA when stderr is a terminal, a
/// plain line every few seconds otherwise (cluster logs).
public final class Progress {
    let total: Int
    let interactive: Bool
    let started = Date()
    var lastPrint = Date.distantPast
    var done = 0
    var failed = 0
    let alreadyDone: Int

    /// - Parameters:
    ///   - total: replications this process runs.
    ///   - alreadyDone: replications found on disk when resuming.
    public init(total: Int, alreadyDone: Int) {
        self.total = total
        self.alreadyDone = alreadyDone
        self.interactive = isatty(2) == 1
    }

    /// Records one finished (or failed) replication and prints if it is time.
    public func advance(failed didFail: Bool) {
        done += 1
        if didFail { failed += 1 }
        let now = Date()
        let interval = interactive ? 0.2 : 5
        if now.timeIntervalSince(lastPrint) >= interval || done == total {
            lastPrint = now
            print(now)
        }
    }

    /// Ends the bar's line.
    public func finish() {
        if interactive, done > 0 { FileHandle.standardError.write(Data("\n".utf8)) }
    }

    private func print(_ now: Date) {
        let elapsed = max(now.timeIntervalSince(started), 1e-9)
        let rate = Double(done) / elapsed
        let remaining = rate > 0 ? Double(total - done) / rate : .infinity
        let counts = "\(done + alreadyDone)/\(total + alreadyDone)"
        let failures = failed > 0 ? ", \(failed) failed" : ""
        let line: String
        if interactive {
            let width = 30
            let filled = total > 0 ? Int(Double(width) * Double(done) / Double(total)) : width
            let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
            line = "\r[\(bar)] \(counts) \(Self.rate(rate)) ETA \(Self.duration(remaining))\(failures)  "
        } else {
            line = "batch: \(counts) replications, \(Self.rate(rate)), ETA \(Self.duration(remaining))\(failures)\n"
        }
        FileHandle.standardError.write(Data(line.utf8))
    }

    static func rate(_ perSecond: Double) -> String {
        perSecond >= 1 ? "\(Int(perSecond.rounded())) rep/s" : String(format: "%.2f rep/s", perSecond)
    }

    static func duration(_ seconds: Double) -> String {
        guard seconds.isFinite else { return "--" }
        let s = Int(seconds.rounded())
        return s >= 3_600 ? "\(s / 3_600)h\(s % 3_600 / 60)m" : s >= 60 ? "\(s / 60)m\(s % 60)s" : "\(s)s"
    }
}
