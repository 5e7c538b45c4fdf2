/// The lowest and highest of the values pushed within a sliding time window, kept in two
/// monotone deques (the classic sliding-window minimum): each value is pushed and evicted at
/// most once, so a push or an eviction is amortised O(1) and the extremes are O(1).
///
/// Values must be pushed in non-decreasing time order.
struct WindowExtremes: Sendable, Equatable {
    /// Increasing values (front = window minimum) and decreasing values (front = maximum);
    /// entries before `*Head` are dead and compacted away once they are half the storage.
    private var rising: [Observation] = []
    private var falling: [Observation] = []
    private var risingHead = 0
    private var fallingHead = 0

    /// The window's lowest value, or nil when it is empty. O(1).
    var minimum: UInt128? { risingHead < rising.count ? rising[risingHead].value : nil }
    /// The window's highest value, or nil when it is empty. O(1).
    var maximum: UInt128? { fallingHead < falling.count ? falling[fallingHead].value : nil }

    /// Drops the values pushed before `time`. Amortised O(1).
    mutating func evict(before time: Int64) {
        while risingHead < rising.count, rising[risingHead].time < time { risingHead += 1 }
        while fallingHead < falling.count, falling[fallingHead].time < time { fallingHead += 1 }
        if risingHead > 16, risingHead * 2 > rising.count {
            rising.removeFirst(risingHead)
            risingHead = 0
        }
        if fallingHead > 16, fallingHead * 2 > falling.count {
            falling.removeFirst(fallingHead)
            fallingHead = 0
        }
    }

    /// Adds `value` observed at `time`. Amortised O(1).
    mutating func push(_ value: UInt128, at time: Int64) {
        while rising.count > risingHead, rising[rising.count - 1].value >= value { rising.removeLast() }
        rising.append(Observation(time: time, value: value))
        while falling.count > fallingHead, falling[falling.count - 1].value <= value { falling.removeLast() }
        falling.append(Observation(time: time, value: value))
    }

    private struct Observation: Sendable, Equatable {
        let time: Int64
        let value: UInt128
    }
}
