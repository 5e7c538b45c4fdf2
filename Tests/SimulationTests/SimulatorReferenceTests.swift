import GSL
import Testing
@testable import Simulation

@Suite("Simulator against a reference model")
struct SimulatorReferenceTests {
    /// One entry of the reference: everything ever scheduled, with its fate.
    private struct ReferenceEntry {
        var time: Double
        var priority: Int32
        var sequence: UInt64
        var payload: Int
        var done = false
    }

    /// The reference's next event: the least (time, priority, sequence) not yet run or
    /// cancelled, found by sorting all entries.
    private func referenceNext(_ entries: [ReferenceEntry]) -> Int? {
        entries.indices
            .filter { !entries[$0].done }
            .sorted { a, b in
                let x = entries[a], y = entries[b]
                return (x.time, x.priority, x.sequence) < (y.time, y.priority, y.sequence)
            }
            .first
    }

    @Test("Random schedules, cancels and steps match a sort of all scheduled entries", arguments: [1, 2, 3, 4] as [UInt64])
    func randomizedAgainstReference(seed: UInt64) {
        let stream = RandomStream(seed: seed)
        var simulator = Simulator<Int>()
        var reference: [ReferenceEntry] = []
        var ids: [EventID] = []
        for operation in 0..<1500 {
            let choice = stream.uniform()
            if choice < 0.5 {
                // Times on a coarse grid and few priorities, so ties are frequent.
                let time = simulator.now + Double(stream.uniformInt(6)) * 0.5
                let priority = Int32(stream.uniformInt(3)) - 1
                let id = simulator.schedule(operation, at: time, priority: priority)
                #expect(id.sequence == UInt64(reference.count), "seed \(seed), operation \(operation)")
                reference.append(ReferenceEntry(time: time, priority: priority, sequence: id.sequence, payload: operation))
                ids.append(id)
            } else if choice < 0.65, !ids.isEmpty {
                // Any ID ever issued: pending, already run, or already cancelled.
                let id = ids[stream.uniformInt(ids.count)]
                simulator.cancel(id)
                reference[Int(id.sequence)].done = true
            } else {
                let expected = referenceNext(reference)
                let actual = simulator.step()
                if let index = expected {
                    reference[index].done = true
                    #expect(actual?.event == reference[index].payload, "seed \(seed), operation \(operation)")
                    #expect(actual?.time == reference[index].time, "seed \(seed), operation \(operation)")
                } else {
                    #expect(actual == nil, "seed \(seed), operation \(operation)")
                }
            }
        }
        // Drain: the remaining order must match too.
        while let index = referenceNext(reference) {
            reference[index].done = true
            #expect(simulator.step()?.event == reference[index].payload, "seed \(seed), drain")
        }
        #expect(simulator.step() == nil, "seed \(seed)")
    }
}
