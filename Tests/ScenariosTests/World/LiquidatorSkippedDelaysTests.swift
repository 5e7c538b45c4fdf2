@testable import Agents
import GSL
import ProtocolModel
@testable import Scenarios
import Testing

/// A liquidator draws the reaction delays of the wake-ups it passes over late
/// (Liquidator+Delays.swift; the seal defers them, World+Run.swift): the delays it takes must be
/// the ones it would have drawn.
@Suite("Liquidators' skipped reaction delays")
struct LiquidatorSkippedDelaysTests {
    static func liquidator(_ latency: Distribution, seed: UInt64) -> Liquidator {
        Liquidator(name: "l", account: AccountID(0), market: 0, latency: latency, gasPriceCap: nil, minProfit: 0, priorityFee: 0,
                   replicationSeed: seed)
    }

    @Test("Deferring k delays, then drawing, gives the delays k draws then drawing give, for uniform and other latencies")
    func skippedDelaysMatchDraws() {
        let choices = RandomStream(seed: 11)
        let latencies: [Distribution] = [.uniform(min: 0, max: 6), .uniform(min: 2, max: 2.5), .lognormal(mu: 0, sigma: 1),
                                         .exponential(mean: 3), .constant(1)]
        for latency in latencies {
            for trial in 0..<40 {
                let seed = UInt64(choices.uniformInt(1 << 30)), count = choices.uniformInt(50)
                let skipping = Self.liquidator(latency, seed: seed), drawing = Self.liquidator(latency, seed: seed)
                for _ in 0..<count { skipping.deferReactionDelay() }
                for _ in 0..<count { _ = drawing.reactionDelay() }
                let expected = (0..<4).map { _ in drawing.reactionDelay() }
                #expect((0..<4).map { _ in skipping.reactionDelay() } == expected, "\(latency), trial \(trial): \(count) skipped")
            }
        }
    }

    @Test("No uniform latency draw exceeds its latest delay, even at the largest fraction below 1; other latencies are unbounded")
    func latestDelayBoundsEveryDraw() {
        let choices = RandomStream(seed: 5)
        let fractions = [0, 0.5, 1 - 0x1p-32, 1.0.nextDown]
        for trial in 0..<2_000 {
            let min = (choices.uniform() - 0.2) * 10, max = (choices.uniform() - 0.2) * 10 * choices.uniform()
            let latest = Liquidator.latestDelay(.uniform(min: min, max: max))
            for u in fractions {
                #expect(Swift.max(0, min + (max - min) * u) <= latest, "trial \(trial): uniform(\(min), \(max)), u \(u)")
            }
        }
        #expect(Liquidator.latestDelay(.lognormal(mu: 0, sigma: 1)) == .infinity)
        #expect(Liquidator.latestDelay(.constant(1)) == .infinity)
    }
}
