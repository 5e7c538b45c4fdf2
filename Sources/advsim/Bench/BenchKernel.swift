import ArgumentParser
import GSL
import Simulation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `advsim bench kernel`: the event kernel under a process-rescheduling workload.
///
/// `processes` processes each sleep an exponential(1) time (GSL stream) and reschedule
/// themselves, until `events` events have run; the figure is the median over `rounds`.
/// The C baseline of the same loop is scripts/bench/kernel-baseline.sh.
struct BenchKernel: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kernel",
        abstract: "Event kernel throughput: processes rescheduling after exponential(1) delays."
    )

    @Option(help: "Number of processes, each with one pending event.")
    var processes: Int = 1000

    @Option(help: "Events to run per round.")
    var events: Int = 10_000_000

    @Option(help: "Timed rounds; the median is reported.")
    var rounds: Int = 5

    @OptionGroup var output: BenchOutputOptions

    /// Refuses counts out of range (exit code 2, located at the option).
    func checkOptions() {
        if processes < 1 || processes > Int(Int32.max) { CommandSupport.refuseOption("--processes must be in 1...\(Int32.max)") }
        if events < processes { CommandSupport.refuseOption("--events must be ≥ --processes") }
        if rounds < 1 { CommandSupport.refuseOption("--rounds must be ≥ 1") }
    }

    func run() throws {
        checkOptions()
        var seconds: [Double] = []
        for round in 0..<rounds {
            seconds.append(Self.timeOneRound(processes: processes, events: events, seed: UInt64(round + 1)))
        }
        seconds.sort()
        let median = seconds.count % 2 == 1
            ? seconds[seconds.count / 2]
            : (seconds[seconds.count / 2 - 1] + seconds[seconds.count / 2]) / 2
        let figures = [
            BenchFigure(benchmark: "kernel", metric: "events_per_second", value: Double(events) / median, unit: "events/s"),
            BenchFigure(benchmark: "kernel", metric: "ns_per_event", value: median * 1e9 / Double(events), unit: "ns"),
        ]
        print(BenchReport.render(figures, format: output.format), terminator: "")
    }

    /// Runs one round and returns its wall time in seconds (setup included: it is O(processes)).
    static func timeOneRound(processes: Int, events: Int, seed: UInt64) -> Double {
        let stream = RandomStream(seed: seed)
        let start = monotonicSeconds()
        var simulator = Simulator<Int32>()
        for process in 0..<processes {
            simulator.schedule(Int32(process), after: stream.exponential(mean: 1))
        }
        let reason = simulator.run(maxEvents: events) { simulator, process in
            simulator.schedule(process, after: stream.exponential(mean: 1))
        }
        let elapsed = monotonicSeconds() - start
        precondition(reason == .eventBudget && simulator.executedEvents == events, "kernel ran \(simulator.executedEvents) events, stopped: \(reason)")
        // Each process fires at rate 1, so the clock reads about events / processes; the
        // standard deviation of that time is about sqrt(events) / processes ≪ 10 %.
        let expected = Double(events) / Double(processes)
        precondition(abs(simulator.now - expected) < 0.1 * expected, "final time \(simulator.now), expected ≈ \(expected)")
        return elapsed
    }

    /// CLOCK_MONOTONIC in seconds.
    static func monotonicSeconds() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return Double(spec.tv_sec) + 1e-9 * Double(spec.tv_nsec)
    }
}
