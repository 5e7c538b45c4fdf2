import GSL
import Testing
@testable import Simulation

@Suite("Events scheduled in reserved places")
struct SimulatorReservationTests {
    @Test("A handler's event scheduled in a reserved place runs before later-scheduled ties")
    func handlerUsesReservation() {
        var simulator = Simulator<String>()
        simulator.schedule("a", at: 1)
        let place = simulator.reserve()
        simulator.schedule("b", at: 2)
        var order: [String] = []
        _ = simulator.run { simulator, event in
            order.append(event)
            if event == "a" {
                simulator.schedule("reserved", at: 2, reserved: place)
                simulator.schedule("c", at: 2)
            }
        }
        #expect(order == ["a", "reserved", "b", "c"])
        #expect(place.sequence == 1)
    }

    @Test("Reserved places keep the order of events scheduled at the reservation", arguments: [1, 2, 3, 4] as [UInt64])
    func randomizedAgainstDirectScheduling(seed: UInt64) {
        let stream = RandomStream(seed: seed)
        // `direct` schedules every event when it is drawn; `reserving` reserves the place of some
        // and schedules them later, at the latest just before the step that runs them.
        var direct = Simulator<Int>(), reserving = Simulator<Int>()
        var held: [(time: Double, priority: Int32, event: Int, place: EventID)] = []
        func release(_ index: Int) {
            let entry = held.remove(at: index)
            reserving.schedule(entry.event, at: entry.time, priority: entry.priority, reserved: entry.place)
        }
        for operation in 0..<1500 {
            let choice = stream.uniform()
            if choice < 0.5 {
                // Times on a coarse grid and few priorities, so ties are frequent.
                let time = direct.now + Double(stream.uniformInt(6)) * 0.5
                let priority = Int32(stream.uniformInt(3)) - 1
                let id = direct.schedule(operation, at: time, priority: priority)
                if stream.bernoulli(0.5) {
                    let place = reserving.reserve()
                    #expect(place == id, "seed \(seed), operation \(operation)")
                    held.append((time, priority, operation, place))
                } else {
                    #expect(reserving.schedule(operation, at: time, priority: priority) == id, "seed \(seed), operation \(operation)")
                }
            } else if choice < 0.6, !held.isEmpty {
                release(stream.uniformInt(held.count))
            } else {
                let expected = direct.step()
                // What could run next is queued first.
                while let index = held.firstIndex(where: { $0.time <= expected?.time ?? .infinity }) { release(index) }
                let actual = reserving.step()
                #expect(actual?.event == expected?.event && actual?.time == expected?.time, "seed \(seed), operation \(operation)")
            }
        }
        while let index = held.indices.first { release(index) }
        while let expected = direct.step() {
            #expect(reserving.step()?.event == expected.event, "seed \(seed), drain")
        }
        #expect(reserving.step() == nil, "seed \(seed)")
    }
}
