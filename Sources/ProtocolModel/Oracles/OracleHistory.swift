/// One observation of a cumulative-price oracle, taken when a block seals.
public struct OracleSnapshot: Sendable, Equatable {
    /// The sealed block's timestamp, seconds.
    public var timestamp: Int64
    /// C(timestamp): Σ value·seconds up to `timestamp` (wrapping), as the accumulator reads.
    public var cumulative: UInt128
    /// The closing value of the block (a wad price, or a tick's two's-complement bit
    /// pattern): what C integrates from `timestamp` until the next snapshot.
    public var value: UInt128

    public init(timestamp: Int64, cumulative: UInt128, value: UInt128) {
        self.timestamp = timestamp
        self.cumulative = cumulative
        self.value = value
    }
}

/// The per-block history of an accumulator, in a ring buffer that keeps exactly the
/// snapshots a read `window` seconds back can still need.
///
/// C(τ) between two snapshots is exact: the value integrated over (tᵢ, tᵢ₊₁] is the closing
/// value of block i. Before the first snapshot the history is pre-filled with the first
/// snapshot's value (the initial price), so a young oracle reads the initial price.
struct OracleHistory: Sendable, Equatable {
    private var storage: [OracleSnapshot]
    /// Index of the oldest snapshot in `storage`.
    private var head = 0
    private(set) var count = 1
    let window: Int64

    init(initial: OracleSnapshot, window: Int64) {
        precondition(window > 0, "a TWAP window must be positive")
        storage = [OracleSnapshot](repeating: initial, count: 16)
        self.window = window
    }

    /// The newest snapshot.
    var latest: OracleSnapshot { self[count - 1] }

    /// The i-th snapshot, oldest first.
    subscript(_ i: Int) -> OracleSnapshot { storage[(head + i) % storage.count] }

    /// Appends a snapshot (timestamps must increase). Drops the oldest when the next one is at
    /// least `window` old, since no later read can need it; grows the buffer (doubling)
    /// otherwise, so the steady state allocates nothing.
    /// - Complexity: amortised O(1).
    mutating func append(_ snapshot: OracleSnapshot) {
        precondition(snapshot.timestamp > latest.timestamp, "snapshots must be taken at increasing times")
        while count >= 2, self[1].timestamp <= snapshot.timestamp - window {
            head = (head + 1) % storage.count
            count -= 1
        }
        if count == storage.count {
            storage = (0..<count).map { self[$0] } + [OracleSnapshot](repeating: snapshot, count: count)
            head = 0
        }
        storage[(head + count) % storage.count] = snapshot
        count += 1
    }

    /// C(τ) for τ ≥ (latest snapshot time − window): the newest snapshot at or before τ,
    /// advanced by its value × the seconds since; before the oldest, the oldest extrapolated
    /// backwards with its value (the pre-fill).
    /// - Complexity: O(log count).
    func cumulative(at time: Int64) -> UInt128 {
        let oldest = self[0]
        if time < oldest.timestamp {
            return oldest.cumulative &- oldest.value &* UInt128(oldest.timestamp - time)
        }
        var low = 0, high = count - 1  // the answer is in low...high
        while low < high {
            let middle = (low + high + 1) / 2
            if self[middle].timestamp <= time { low = middle } else { high = middle - 1 }
        }
        let snapshot = self[low]
        return snapshot.cumulative &+ snapshot.value &* UInt128(time - snapshot.timestamp)
    }
}
