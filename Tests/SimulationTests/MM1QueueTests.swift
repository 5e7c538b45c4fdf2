import GSL
import Testing
import Simulation

@Suite("A queueing model on the kernel")
struct MM1QueueTests {
    private enum QueueEvent { case arrival, departure }

    @Test("An M/M/1 queue's time-average number in system matches rho / (1 - rho)")
    func mm1MeanInSystem() {
        let arrivalRate = 0.5, serviceRate = 1.0, horizon = 200_000.0
        let rho = arrivalRate / serviceRate
        let arrivals = RandomStream(seed: 11)
        let services = RandomStream(seed: 12)
        var simulator = Simulator<QueueEvent>()
        var inSystem = 0
        var area = 0.0  // ∫ number in system dt
        var lastChange = 0.0
        simulator.schedule(.arrival, after: arrivals.exponential(mean: 1 / arrivalRate))
        let reason = simulator.run(until: horizon) { sim, event in
            area += Double(inSystem) * (sim.now - lastChange)
            lastChange = sim.now
            switch event {
            case .arrival:
                inSystem += 1
                if inSystem == 1 { sim.schedule(.departure, after: services.exponential(mean: 1 / serviceRate)) }
                sim.schedule(.arrival, after: arrivals.exponential(mean: 1 / arrivalRate))
            case .departure:
                inSystem -= 1
                if inSystem > 0 { sim.schedule(.departure, after: services.exponential(mean: 1 / serviceRate)) }
            }
        }
        area += Double(inSystem) * (horizon - lastChange)
        #expect(reason == .timeLimit)
        #expect(simulator.now == horizon)
        let meanInSystem = area / horizon
        // Standard error of the time average ≈ sqrt(2ρ(1+ρ) / ((1−ρ)^4 μ T)) ≈ 0.011 here.
        #expect(abs(meanInSystem - rho / (1 - rho)) < 0.06, "mean in system \(meanInSystem)")
        // About λT arrivals and as many departures.
        #expect(abs(Double(simulator.executedEvents) - 2 * arrivalRate * horizon) < 0.02 * 2 * arrivalRate * horizon)
    }
}
