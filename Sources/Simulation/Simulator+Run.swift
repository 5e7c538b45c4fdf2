extension Simulator {
    /// Runs events in order until one of the stop conditions holds, and says which.
    ///
    /// Stops when no live event is left (``StopReason/queueEmpty``), when the next live event
    /// is later than `until` (``StopReason/timeLimit``; that event stays queued and ``now``
    /// advances to `until`), when `maxEvents` events have run in this call
    /// (``StopReason/eventBudget``), or when the handler called ``stop()``
    /// (``StopReason/stopped``). Events at exactly `until` run. The handler receives the
    /// simulator `inout` and may schedule and cancel; if it throws, the run ends with that
    /// error and the simulator stays usable.
    /// - Complexity: O(log n) per event for n pending events; no allocation per event.
    @inlinable
    public mutating func run(
        until: Double = .infinity, maxEvents: Int = .max,
        _ handler: (inout Simulator<Event>, Event) throws -> Void
    ) rethrows -> StopReason {
        precondition(!until.isNaN, "run(until:) needs a time, got NaN")
        precondition(maxEvents >= 0, "run(maxEvents:) must be ≥ 0, got \(maxEvents)")
        stopRequested = false
        var ran = 0
        while true {
            if stopRequested {
                stopRequested = false
                return .stopped
            }
            guard ran < maxEvents else { return .eventBudget }
            guard let next = peekLive() else { return .queueEmpty }
            guard next.time <= until else {
                currentTime = Swift.max(currentTime, until)
                return .timeLimit
            }
            currentTime = next.time
            executedCount += 1
            ran += 1
            // The entry stays at the top, marked spent, until the handler schedules (which
            // overwrites it) or the next iteration discards it.
            topIsSpent = true
            try handler(&self, next.event)
        }
    }
}
