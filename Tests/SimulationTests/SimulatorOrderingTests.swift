import Testing
@testable import Simulation

@Suite("Simulator ordering, cancellation and stop conditions")
struct SimulatorOrderingTests {
    /// Runs the simulator to exhaustion and returns the events in the order they ran.
    private func drain(_ simulator: inout Simulator<String>) -> [String] {
        var order: [String] = []
        _ = simulator.run { _, event in order.append(event) }
        return order
    }

    @Test("Events run in time order whatever order they were scheduled in")
    func timeOrder() {
        var simulator = Simulator<String>()
        simulator.schedule("c", at: 3)
        simulator.schedule("a", at: 1)
        simulator.schedule("d", at: 4.5)
        simulator.schedule("b", at: 2)
        #expect(drain(&simulator) == ["a", "b", "c", "d"])
        #expect(simulator.now == 4.5)
        #expect(simulator.executedEvents == 4)
    }

    @Test("At equal times, lower priority runs first; equal priority runs in scheduling order")
    func tieBreaking() {
        var simulator = Simulator<String>()
        simulator.schedule("p1-first", at: 5, priority: 1)
        simulator.schedule("p0-first", at: 5, priority: 0)
        simulator.schedule("p1-second", at: 5, priority: 1)
        simulator.schedule("pminus", at: 5, priority: -3)
        simulator.schedule("p0-second", at: 5, priority: 0)
        simulator.schedule("early", at: 4, priority: 9)
        #expect(drain(&simulator) == ["early", "pminus", "p0-first", "p0-second", "p1-first", "p1-second"])
    }

    @Test("Sequences count schedule calls from zero and schedule(after:) is relative to now")
    func sequencesAndDelays() {
        var simulator = Simulator<Int>(startTime: 10)
        let first = simulator.schedule(1, after: 2)
        let second = simulator.schedule(2, at: 11)
        #expect(first.sequence == 0 && second.sequence == 1)
        #expect(simulator.step()! == (11, 2))
        simulator.schedule(3, after: 0.5)
        #expect(simulator.step()! == (11.5, 3))
        #expect(simulator.step()! == (12, 1))
        #expect(simulator.step() == nil)
        #expect(simulator.now == 12)
    }

    @Test("A cancelled event is skipped; cancelling run, repeated or unknown IDs does nothing")
    func cancellation() {
        var simulator = Simulator<String>()
        let a = simulator.schedule("a", at: 1)
        let b = simulator.schedule("b", at: 2)
        simulator.schedule("c", at: 3)
        #expect(simulator.step()?.event == "a")
        simulator.cancel(a)  // already ran
        simulator.cancel(b)
        simulator.cancel(b)  // twice
        simulator.cancel(EventID(sequence: 999))  // never scheduled
        #expect(simulator.pendingEvents == 2, "lazily cancelled b still counts until popped")
        #expect(drain(&simulator) == ["c"])
        #expect(simulator.pendingEvents == 0)
        #expect(simulator.executedEvents == 2)
        simulator.schedule("d", at: 4)
        #expect(drain(&simulator) == ["d"], "an ID never issued is not cancelled once issued later")
    }

    @Test("A handler can cancel another pending event")
    func cancelFromHandler() {
        var simulator = Simulator<String>()
        simulator.schedule("timeout-setter", at: 1)
        let victim = simulator.schedule("victim", at: 2)
        var order: [String] = []
        let reason = simulator.run { sim, event in
            order.append(event)
            if event == "timeout-setter" { sim.cancel(victim) }
        }
        #expect(reason == .queueEmpty)
        #expect(order == ["timeout-setter"])
    }

    @Test("run(until:) runs events at the limit, stops before later ones and leaves them queued")
    func runUntil() {
        var simulator = Simulator<String>()
        simulator.schedule("a", at: 1)
        simulator.schedule("b", at: 2)
        simulator.schedule("c", at: 2.5)
        var order: [String] = []
        let reason = simulator.run(until: 2) { _, event in order.append(event) }
        #expect(reason == .timeLimit)
        #expect(order == ["a", "b"])
        #expect(simulator.now == 2)
        #expect(simulator.pendingEvents == 1)
        #expect(simulator.run { _, event in order.append(event) } == .queueEmpty)
        #expect(order == ["a", "b", "c"])
    }

    @Test("run(until:) past the last event advances the clock only when an event is left")
    func runUntilClock() {
        var simulator = Simulator<Int>()
        simulator.schedule(1, at: 1)
        simulator.schedule(2, at: 10)
        #expect(simulator.run(until: 5) { _, _ in } == .timeLimit)
        #expect(simulator.now == 5)
        #expect(simulator.run(until: 20) { _, _ in } == .queueEmpty)
        #expect(simulator.now == 10)
    }

    @Test("maxEvents bounds the events run in one call, counting only live ones")
    func eventBudget() {
        var simulator = Simulator<Int>()
        for index in 0..<10 { simulator.schedule(index, at: Double(index)) }
        simulator.cancel(EventID(sequence: 1))
        var seen: [Int] = []
        #expect(simulator.run(maxEvents: 3) { _, event in seen.append(event) } == .eventBudget)
        #expect(seen == [0, 2, 3])
        #expect(simulator.run(maxEvents: 0) { _, event in seen.append(event) } == .eventBudget)
        #expect(seen == [0, 2, 3])
        #expect(simulator.executedEvents == 3)
    }

    @Test("stop() from a handler ends the run after that event; the next run continues")
    func stopFromHandler() {
        var simulator = Simulator<Int>()
        for index in 0..<5 { simulator.schedule(index, at: Double(index)) }
        var seen: [Int] = []
        let reason = simulator.run { sim, event in
            seen.append(event)
            if event == 1 { sim.stop() }
        }
        #expect(reason == .stopped)
        #expect(seen == [0, 1])
        #expect(simulator.run { _, event in seen.append(event) } == .queueEmpty)
        #expect(seen == [0, 1, 2, 3, 4])
    }

    @Test("A handler that reschedules itself keeps the queue size and the order")
    func selfRescheduling() {
        var simulator = Simulator<Int>()
        simulator.schedule(0, at: 0)
        simulator.schedule(100, at: 2.5)
        var seen: [Int] = []
        let reason = simulator.run(until: 4) { sim, event in
            seen.append(event)
            if event < 100 { sim.schedule(event + 1, after: 1) }
            #expect(sim.pendingEvents <= 2)
        }
        #expect(reason == .timeLimit)
        #expect(seen == [0, 1, 2, 100, 3, 4])
        #expect(simulator.pendingEvents == 1)
    }

    @Test("A throwing handler ends the run with its error and leaves the simulator usable")
    func throwingHandler() {
        struct Boom: Error {}
        var simulator = Simulator<Int>()
        for index in 0..<3 { simulator.schedule(index, at: Double(index)) }
        #expect(throws: Boom.self) {
            try simulator.run { _, event in if event == 1 { throw Boom() } }
        }
        #expect(simulator.pendingEvents == 1)
        #expect(simulator.step()! == (2, 2))
    }

    @Test("Scheduling before now stops the program")
    func schedulingInThePast() async {
        await #expect(processExitsWith: .failure) {
            var simulator = Simulator<Int>(startTime: 5)
            simulator.schedule(1, at: 4)
        }
    }

    @Test("Scheduling at a NaN time stops the program")
    func schedulingAtNaN() async {
        await #expect(processExitsWith: .failure) {
            var simulator = Simulator<Int>()
            simulator.schedule(1, at: .nan)
        }
    }
}
