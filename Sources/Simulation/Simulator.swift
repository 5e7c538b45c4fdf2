/// A generic discrete-event kernel: one queue of small event values ordered by
/// (time, priority, sequence).
///
/// The kernel knows nothing of what events mean; a handler passed to
/// ``run(until:maxEvents:_:)`` interprets them and schedules follow-ups through the
/// `inout` simulator. Ties are deterministic: equal times run by ascending priority, equal
/// (time, priority) in scheduling order (FIFO).
///
/// Memory: entries live by value in one array-backed binary heap whose capacity is reused,
/// so once the queue has reached its peak size, scheduling and running allocate nothing.
/// Cancellation is lazy (see ``cancel(_:)``).
public struct Simulator<Event> {
    @usableFromInline var currentTime: Double
    @usableFromInline var executedCount: Int = 0
    @usableFromInline var queue = EventQueue<Event>()
    @usableFromInline var nextSequence: UInt64 = 0
    /// Sequences cancelled but possibly still in the heap; only touched when `cancel` is used.
    @usableFromInline var cancelled: Set<UInt64> = []
    @usableFromInline var stopRequested = false
    /// True when the heap's top entry has already been handed to a handler: the next
    /// `schedule` overwrites it (one sift instead of a pop plus a push); any other access
    /// discards it first.
    @usableFromInline var topIsSpent = false

    /// Creates an empty simulator whose clock reads `startTime` seconds.
    @inlinable
    public init(startTime: Double = 0) {
        precondition(startTime.isFinite, "Simulator start time must be finite, got \(startTime)")
        currentTime = startTime
    }

    /// The simulated time in seconds: the time of the event that ran last, the start time
    /// before any, or the `until` limit after a run that stopped on it.
    @inlinable
    public var now: Double { currentTime }

    /// The number of events handed out by ``step()`` or ``run(until:maxEvents:_:)`` so far.
    @inlinable
    public var executedEvents: Int { executedCount }

    /// Events scheduled and not yet popped. Lazily cancelled events still count until they
    /// reach the top of the queue and are discarded. - Complexity: O(1).
    @inlinable
    public var pendingEvents: Int { queue.count - (topIsSpent ? 1 : 0) }

    /// Schedules `event` at absolute time `time` (seconds) and returns its ID.
    ///
    /// Scheduling in the past or at a NaN time is a programming error and stops the program.
    /// - Complexity: O(log n) for n pending events; no allocation once the heap's capacity
    ///   has reached its peak.
    @inlinable
    @discardableResult
    public mutating func schedule(_ event: Event, at time: Double, priority: Int32 = 0) -> EventID {
        // `time >= currentTime` is false for NaN too.
        precondition(time >= currentTime, "Event scheduled at \(time), before now (\(currentTime)) or NaN")
        let sequence = nextSequence
        nextSequence &+= 1
        insert(ScheduledEntry(time: time, sequence: sequence, priority: priority, event: event))
        return EventID(sequence: sequence)
    }

    /// Reserves the next place in scheduling order for an event scheduled later by
    /// ``schedule(_:at:priority:reserved:)`` (or never): it takes the sequence the next
    /// `schedule` call would have taken, so events scheduled after the reservation come after
    /// it at equal time and priority.
    /// - Complexity: O(1); nothing is queued.
    @inlinable
    public mutating func reserve() -> EventID {
        let sequence = nextSequence
        nextSequence &+= 1
        return EventID(sequence: sequence)
    }

    /// Schedules `event` at absolute time `time` (seconds) in the place `reserved` (from
    /// ``reserve()``) holds: the queue's order is the one it would have had with `event`
    /// scheduled at the reservation. Each reservation is used at most once.
    ///
    /// Scheduling in the past or at a NaN time, or with an ID not reserved here, is a
    /// programming error and stops the program.
    /// - Complexity: O(log n) for n pending events.
    @inlinable
    public mutating func schedule(_ event: Event, at time: Double, priority: Int32 = 0, reserved: EventID) {
        precondition(time >= currentTime, "Event scheduled at \(time), before now (\(currentTime)) or NaN")
        precondition(reserved.sequence < nextSequence, "Event ID \(reserved.sequence) was not reserved")
        insert(ScheduledEntry(time: time, sequence: reserved.sequence, priority: priority, event: event))
    }

    /// Queues `entry`, in the spent top's slot when there is one.
    @inlinable
    mutating func insert(_ entry: ScheduledEntry<Event>) {
        if topIsSpent {
            // NOTE: a handler that reschedules reuses the root slot of the event it is
            // handling: one sift-down instead of sift-down + sift-up. The C peer measures this
            // at +10 % (13.2 → 14.6 M events/s); here +15 % (8.9 against 7.7 M events/s,
            // interleaved runs of `advsim bench kernel`), docs/bench-notes/kernel.md.
            _ = queue.replaceFirst(with: entry)
            topIsSpent = false
        } else {
            queue.push(entry)
        }
    }

    /// Schedules `event` `delay` seconds after ``now`` (delay ≥ 0) and returns its ID.
    /// - Complexity: O(log n).
    @inlinable
    @discardableResult
    public mutating func schedule(_ event: Event, after delay: Double, priority: Int32 = 0) -> EventID {
        precondition(delay >= 0, "Event delay must be ≥ 0 and not NaN, got \(delay)")
        return schedule(event, at: currentTime + delay, priority: priority)
    }

    /// Cancels a scheduled event: it is skipped when it reaches the top of the queue.
    ///
    /// Cancelling an event that already ran, was already cancelled, or was never scheduled
    /// by this simulator does nothing. Cost: one set insertion; the set is pruned to the
    /// sequences still queued whenever it outgrows the queue, so IDs of events that already
    /// ran cannot accumulate (amortised O(1) per cancel). Simulations that never cancel never
    /// touch the set.
    @inlinable
    public mutating func cancel(_ id: EventID) {
        guard id.sequence < nextSequence else { return }
        cancelled.insert(id.sequence)
        if cancelled.count > queue.count {
            cancelled.formIntersection(queue.sequences())
        }
    }

    /// Asks ``run(until:maxEvents:_:)`` to return ``StopReason/stopped`` after the current
    /// handler returns.
    @inlinable
    public mutating func stop() {
        stopRequested = true
    }

    /// Pops the next live event, advances ``now`` to its time, and returns it; nil when no
    /// live event is left. - Complexity: O(log n) amortised.
    @inlinable
    public mutating func step() -> (time: Double, event: Event)? {
        guard let entry = popLive() else { return nil }
        currentTime = entry.time
        executedCount += 1
        return (entry.time, entry.event)
    }

    /// Discards the spent top and any cancelled entries at the top; returns the next live
    /// entry without removing it.
    @inlinable
    mutating func peekLive() -> ScheduledEntry<Event>? {
        if topIsSpent {
            _ = queue.popFirst()
            topIsSpent = false
        }
        while let first = queue.first {
            guard !cancelled.isEmpty, cancelled.remove(first.sequence) != nil else { return first }
            _ = queue.popFirst()
        }
        return nil
    }

    /// Removes and returns the next live entry.
    @inlinable
    mutating func popLive() -> ScheduledEntry<Event>? {
        guard peekLive() != nil else { return nil }
        return queue.popFirst()
    }
}

/// A simulator can move between tasks when its events can (each replication owns one).
extension Simulator: Sendable where Event: Sendable {}
