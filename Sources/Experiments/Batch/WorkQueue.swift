import Foundation
import Scenarios

/// What one replication of a batch produced.
enum ItemOutcome: Sendable {
    case finished(ReplicationResult, seconds: Double)
    case failed(point: Int, replication: Int, seed: UInt64, message: String)
    /// The point's scenario is refused (``SweepPointRefusal``): the batch stops before it.
    case refused(point: Int, message: String)
}

/// The hand-off between worker threads and the writer: workers take the next item in
/// canonical order, run it, and deposit the outcome; the writer takes outcomes back in
/// canonical order. A worker does not start an item more than `window` ahead of the next one
/// to be written, so the reorder buffer — and memory — stays bounded whatever N is.
///
/// The writer is woken for a run of short replications at a time (``wakeRun``), not for each:
/// waking it costs the depositing worker a futex call and, on a virtual machine, an
/// inter-processor interrupt to the writer's idle vCPU (≈ 17 µs, 2.4 % of a 0.7-ms
/// replication; `perf`, amm-arbitrage).
final class WorkQueue: @unchecked Sendable {
    /// Outcomes ready in order that wake a waiting writer.
    static let wakeRun = 8
    /// A replication at least this long (seconds) wakes a waiting writer at once: its hand-off is
    /// a negligible part of it, and its row reaches the disk (and `--resume`) without waiting
    /// for the next ones.
    static let promptSeconds = 0.005

    private let condition = NSCondition()
    /// The items to run: `count` canonical indices `first, first + stride, …` — not stored, so a
    /// batch of 10^6 replications holds no array of them.
    private let first: Int
    private let stride: Int
    private let count: Int
    private var nextToStart = 0
    private var nextToWrite = 0
    private var finished: [Int: ItemOutcome] = [:]
    private var stopping = false
    private let window: Int
    /// Whether the writer waits in ``nextInOrder()`` for the outcome at `nextToWrite`.
    private var writerWaiting = false

    /// - Parameters:
    ///   - first: the canonical index of the first item to run.
    ///   - stride: the distance between consecutive items (the shard count).
    ///   - count: how many items to run.
    ///   - window: how far ahead of the writer a worker may start.
    init(first: Int, stride: Int, count: Int, window: Int) {
        self.first = first
        self.stride = stride
        self.count = max(count, 0)
        self.window = max(window, 1)
    }

    /// The next item to run (its position and canonical index), or nil when there is none or
    /// the batch is stopping. Blocks while the reorder window is full.
    func take() -> (position: Int, item: Int)? {
        condition.lock()
        defer { condition.unlock() }
        while !stopping, nextToStart < count, nextToStart - nextToWrite >= window {
            condition.wait()
        }
        guard !stopping, nextToStart < count else { return nil }
        let position = nextToStart
        nextToStart += 1
        return (position, first + position * stride)
    }

    /// Deposits the outcome of the item at `position`.
    func deposit(_ outcome: ItemOutcome, position: Int) {
        condition.lock()
        finished[position] = outcome
        if writerWaiting, wakesWriter(outcome) { condition.broadcast() }
        condition.unlock()
    }

    /// Whether a waiting writer should be woken now that `outcome` is in (the lock held): when
    /// ``wakeRun`` outcomes are ready in order, when every item started is finished and no
    /// other can start before the writer moves (the last items, a stop, a full window), or
    /// when `outcome` is not a short replication's (a long one, a failure, a refusal).
    private func wakesWriter(_ outcome: ItemOutcome) -> Bool {
        if case .finished(_, let seconds) = outcome, seconds < Self.promptSeconds {
            var ready = 0
            while ready < Self.wakeRun, finished[nextToWrite + ready] != nil { ready += 1 }
            if ready >= Self.wakeRun { return true }
            return nextToWrite + ready == nextToStart && (nextToStart >= count || stopping || nextToStart - nextToWrite >= window)
        }
        return true
    }

    /// The next outcome in canonical order, waiting for it; nil when everything started has
    /// been written and nothing more will start.
    func nextInOrder() -> ItemOutcome? {
        condition.lock()
        defer { condition.unlock() }
        while finished[nextToWrite] == nil {
            if nextToWrite >= count || (stopping && nextToWrite >= nextToStart) { return nil }
            writerWaiting = true
            condition.wait()
            writerWaiting = false
        }
        let outcome = finished.removeValue(forKey: nextToWrite)
        nextToWrite += 1
        condition.broadcast()
        return outcome
    }

    /// Stops handing out items; items already running still finish and are written.
    func stop() {
        condition.lock()
        stopping = true
        condition.broadcast()
        condition.unlock()
    }

    var isStopping: Bool {
        condition.lock()
        defer { condition.unlock() }
        return stopping
    }
}
