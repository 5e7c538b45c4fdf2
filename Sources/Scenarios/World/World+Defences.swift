import ProtocolModel

extension World {
    /// Per lending market, in scenario order: whether its circuit breaker pauses an action in
    /// a block at `timestamp` (false without a breaker).
    func pauseStates(at timestamp: Int64) -> [Bool] {
        state.markets.map { market in
            PausableAction.allCases.contains { market.isPaused($0, at: timestamp) }
        }
    }

    /// Sets `circuit_breaker_trips`: the trips of every market's breaker, nil when no market has one.
    func finishDefences() {
        let breakers = state.markets.filter { $0.defences.circuitBreaker != nil }
        metrics.circuitBreakerTrips = breakers.isEmpty ? nil : breakers.reduce(0) { $0 + $1.defenceState.trips }
    }
}
