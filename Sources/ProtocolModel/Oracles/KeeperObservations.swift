/// One observation of a keeper-updated TWAP: the pool accumulator as it read when an update
/// step ran.
public struct TwapObservation: Sendable, Equatable {
    /// The block timestamp of the update, seconds.
    public var timestamp: Int64
    /// C(timestamp), the pool's wrapping price accumulator (wad × seconds).
    public var cumulative: UInt128

    public init(timestamp: Int64, cumulative: UInt128) {
        self.timestamp = timestamp
        self.cumulative = cumulative
    }
}

/// The observations a keeper-updated TWAP has recorded (Uniswap v2's sliding-window oracle,
/// Keep3r's: the Inverse Finance design), oldest first.
///
/// Rule: a read at `now` takes the newest observation `o` with `o.timestamp ≤ now − window`
/// and answers (C(now) − C(o)) / (now − o.timestamp), rounded down. Observations are only
/// added by the public update step, so the averaging span is anywhere from `window` (updates
/// every block) to "since the last update at least a window old" (no updates). The initial
/// observation is placed at `t0 − window` with C(t0) − p0·window: the history is pre-filled
/// with the initial price, like the per-block TWAP's.
struct KeeperObservations: Sendable, Equatable {
    private var storage: [TwapObservation]
    /// Index of the oldest observation still needed.
    private var head = 0
    let window: Int64

    init(initial: TwapObservation, window: Int64) {
        precondition(window > 0, "a TWAP window must be positive")
        storage = [initial]
        self.window = window
    }

    /// The newest observation.
    var latest: TwapObservation { storage[storage.count - 1] }

    /// The observations still kept, oldest first.
    var kept: ArraySlice<TwapObservation> { storage[head...] }

    /// Appends an update's observation (timestamps must increase) and drops the ones no later
    /// read can choose: an older observation is never chosen once a newer one is at least a
    /// window old at this time, since reads only happen later.
    /// - Complexity: amortised O(1) (the dropped prefix is compacted when it is half the buffer).
    mutating func record(_ observation: TwapObservation) {
        precondition(observation.timestamp > latest.timestamp, "observations must be taken at increasing times")
        storage.append(observation)
        while head + 1 < storage.count, storage[head + 1].timestamp <= observation.timestamp - window { head += 1 }
        if head > 0, head * 2 >= storage.count {
            storage.removeFirst(head)
            head = 0
        }
    }

    /// The observation a read at `now` differences against: the newest at least `window` old.
    /// - Complexity: O(log observations kept).
    func reference(at now: Int64) -> TwapObservation {
        var low = head, high = storage.count - 1  // storage[head] is always eligible (see `record`)
        while low < high {
            let middle = (low + high + 1) / 2
            if storage[middle].timestamp <= now - window { low = middle } else { high = middle - 1 }
        }
        return storage[low]
    }
}
