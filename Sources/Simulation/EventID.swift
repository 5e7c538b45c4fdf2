/// Identifies a scheduled event, for cancellation.
///
/// `sequence` is the kernel's monotone scheduling counter: the n-th `schedule` (or `reserve`)
/// call of a ``Simulator`` returns sequence n − 1 (an event scheduled in a reserved place
/// keeps its reservation's). It is also the last tie-breaker of the event order.
public struct EventID: Hashable, Sendable {
    /// The position of the event in scheduling order (0 for the first event scheduled).
    public let sequence: UInt64

    /// Creates an ID; only the kernel hands out IDs that name a scheduled event.
    @inlinable
    init(sequence: UInt64) {
        self.sequence = sequence
    }
}

/// Why ``Simulator/run(until:maxEvents:_:)`` returned.
public enum StopReason: Sendable, Equatable {
    /// No live event is left in the queue.
    case queueEmpty
    /// The next live event is later than the `until` time.
    case timeLimit
    /// `maxEvents` events ran in this call.
    case eventBudget
    /// The handler called ``Simulator/stop()``.
    case stopped
}
