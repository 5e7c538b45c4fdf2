import Foundation
import Scenarios
import Testing
@testable import Experiments

/// The hand-off between workers and the writer: whatever the threads, the reorder window and
/// the replications' durations (short ones wake the writer in runs, long ones, failures and
/// refusals at once), every outcome reaches the writer once, in canonical order, and the
/// writer's loop ends.
struct WorkQueueTests {
    /// A writer that never receives an outcome would hang the test run: give up after a minute.
    static let deadline: TimeInterval = 60

    struct Case: Sendable, CustomTestStringConvertible {
        let threads: Int
        let window: Int
        let count: Int
        let first: Int
        let stride: Int
        var testDescription: String { "\(threads) workers, window \(window), \(count) items from \(first) by \(stride)" }
    }

    /// What item `position` deposits: mostly short replications, some long ones, a failure now
    /// and then.
    static func outcome(item: Int, position: Int) -> ItemOutcome {
        if position % 37 == 5 { return .failed(point: 0, replication: item, seed: 0, message: "failure \(item)") }
        let seconds = position % 11 == 3 ? 2 * WorkQueue.promptSeconds : 0
        return .finished(ReplicationResult(sweepPoint: 0, replication: item, seed: 0, metrics: RunMetrics()), seconds: seconds)
    }

    static func item(of outcome: ItemOutcome) -> Int? {
        switch outcome {
        case .finished(let result, _): return result.replication
        case .failed(_, let replication, _, _): return replication
        case .refused: return nil
        }
    }

    @Test(arguments: [
        Case(threads: 1, window: 64, count: 200, first: 0, stride: 1),
        Case(threads: 4, window: 3, count: 500, first: 2, stride: 5),
        Case(threads: 3, window: 1, count: 100, first: 0, stride: 1),
        Case(threads: 2, window: 64, count: 7, first: 1, stride: 2),
        Case(threads: 2, window: 128, count: WorkQueue.wakeRun, first: 0, stride: 1),
        Case(threads: 1, window: 64, count: 0, first: 0, stride: 1),
    ])
    func everyOutcomeArrivesOnceInCanonicalOrder(_ setting: Case) throws {
        let queue = WorkQueue(first: setting.first, stride: setting.stride, count: setting.count, window: setting.window)
        let done = DispatchGroup()
        for worker in 0..<setting.threads {
            done.enter()
            Thread {
                var generator = SystemRandomNumberGenerator()
                while let (position, item) = queue.take() {
                    // Uneven work, so items finish out of order across workers.
                    if (position + worker) % 3 == 0 { usleep(UInt32.random(in: 0...200, using: &generator)) }
                    queue.deposit(Self.outcome(item: item, position: position), position: position)
                }
                done.leave()
            }.start()
        }
        let written = try Self.drain(queue)
        #expect(written == (0..<setting.count).map { setting.first + $0 * setting.stride })
        #expect(done.wait(timeout: .now() + Self.deadline) == .success)
    }

    /// A stop ends the writer's loop once every item started has been written, and no item
    /// starts after it.
    @Test func stopEndsTheLoopAfterTheItemsStarted() throws {
        let queue = WorkQueue(first: 0, stride: 1, count: 1_000, window: 64)
        let done = DispatchGroup()
        done.enter()
        Thread {
            while let (position, item) = queue.take() {
                if position == 20 { queue.stop() }
                queue.deposit(Self.outcome(item: item, position: position), position: position)
            }
            done.leave()
        }.start()
        let written = try Self.drain(queue)
        #expect(written == Array(0...20))
        #expect(done.wait(timeout: .now() + Self.deadline) == .success)
        #expect(queue.take() == nil)
    }

    /// The writer's side: every outcome in order until the queue says there are no more, on a
    /// thread of its own so that a writer that is never woken fails the test instead of hanging it.
    static func drain(_ queue: WorkQueue) throws -> [Int] {
        final class Box: @unchecked Sendable { var items: [Int] = [] }
        let box = Box(), finished = DispatchSemaphore(value: 0)
        Thread {
            while let outcome = queue.nextInOrder() {
                if let item = item(of: outcome) { box.items.append(item) }
            }
            finished.signal()
        }.start()
        try #require(finished.wait(timeout: .now() + deadline) == .success, "the writer was not woken")
        return box.items
    }
}
