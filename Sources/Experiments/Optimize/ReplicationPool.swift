import Foundation
import Scenarios

/// Runs replications 0..<R of one scenario on several threads and returns their metrics in
/// replication order — the same replication seeds at every point (common random numbers), so
/// the results never depend on the thread count.
enum ReplicationPool {
    /// - Throws: the error of the lowest-numbered replication that failed.
    static func run(scenario: Scenario, scenarioSeed: UInt64, replications: Int, threads: Int,
                    options: WorldOptions) throws -> [RunMetrics] {
        let state = PoolState(count: replications)
        let workers = max(1, min(threads, replications))
        let done = DispatchGroup()
        for _ in 0..<workers {
            done.enter()
            let thread = Thread {
                while let index = state.take() {
                    do {
                        let result = try ReplicationRunner.run(scenario: scenario, scenarioSeed: scenarioSeed,
                                                               replication: index, options: options)
                        state.deposit(.success(result.metrics), at: index)
                    } catch {
                        state.deposit(.failure(ReplicationFailure(replication: index, message: "\(error)")), at: index)
                    }
                }
                done.leave()
            }
            thread.stackSize = 8 << 20
            thread.start()
        }
        done.wait()
        return try state.results()
    }
}

/// A replication that failed inside an optimisation (a runtime failure, exit code 1).
public struct ReplicationFailure: Error, Sendable, CustomStringConvertible {
    public let replication: Int
    public let message: String
    public var description: String { "replication \(replication) failed: \(message)" }
}

/// The shared counter and result slots of one ``ReplicationPool`` run.
private final class PoolState: @unchecked Sendable {
    private let lock = NSLock()
    private var next = 0
    private var failed = false
    private var slots: [Result<RunMetrics, ReplicationFailure>?]

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    /// The next replication to run; nil when all are taken or one has failed.
    func take() -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard next < slots.count, !failed else { return nil }
        next += 1
        return next - 1
    }

    func deposit(_ result: Result<RunMetrics, ReplicationFailure>, at index: Int) {
        lock.lock()
        slots[index] = result
        if case .failure = result { failed = true }
        lock.unlock()
    }

    func results() throws(ReplicationFailure) -> [RunMetrics] {
        var metrics: [RunMetrics] = []
        for slot in slots {
            switch slot {
            case .success(let value): metrics.append(value)
            case .failure(let failure): throw failure
            case nil: continue  // not started after an earlier failure
            }
        }
        return metrics
    }
}
