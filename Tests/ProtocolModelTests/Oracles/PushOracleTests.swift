import GSL
import Testing
@testable import ProtocolModel

@Suite("Oracles: push feeds, medians and guards")
struct PushOracleTests {
    static let wad: UInt128 = 1_000_000_000_000_000_000

    /// A push oracle at 3,000 (deviation 1 %, heartbeat 3,600 s, latency 30 s) whose keeper is
    /// the chain fixture's first sender.
    static func world() throws -> (fixture: ChainFixture, oracle: Int) {
        var fixture = try ChainFixture()
        let parameters = PushOracleParameters(deviation: 10_000_000_000_000_000, heartbeat: 3_600, latency: 30)
        let oracle = fixture.state.addPushOracle(name: "eth_feed", unit: "USD", keeper: fixture.senders[0],
                                                 parameters: parameters, answer: 3_000 * wad, timestamp: 0)
        return (fixture, oracle)
    }

    @Test("A round is due at a 1 % deviation exactly and at the heartbeat, not before either")
    func roundRules() throws {
        let (fixture, _) = try Self.world()
        let feed = fixture.state.pushOracles[0]
        #expect(!PushOracleKeeper.roundDue(feed, observed: 3_029_999_999_999_999_999_999, at: 100))
        #expect(PushOracleKeeper.roundDue(feed, observed: 3_030 * Self.wad, at: 100))
        #expect(PushOracleKeeper.roundDue(feed, observed: 2_970 * Self.wad, at: 100))
        #expect(!PushOracleKeeper.roundDue(feed, observed: 2_970 * Self.wad + 1, at: 100))
        #expect(!PushOracleKeeper.roundDue(feed, observed: 3_000 * Self.wad, at: 3_599))
        #expect(PushOracleKeeper.roundDue(feed, observed: 3_000 * Self.wad, at: 3_600))
    }

    @Test("A round lands after the latency, in the first block after it, as a transaction; one round at a time")
    func latencyThroughBlocks() throws {
        var (fixture, oracle) = try Self.world()
        var keeper = PushOracleKeeper(oracle: oracle, agent: "keeper")
        let stream = RandomStream(seed: 1)
        var log: [StepRecord] = []
        // Observed after block 1 seals (t = 12): 3,100 is 3.3 % away → due; it reaches the mempool at 42.
        let round = keeper.observe(reference: 3_100, at: 12, state: fixture.state, stream: stream)
        #expect(round?.submittedAt == 42)
        #expect(round?.steps == [.oracleUpdate(oracle: oracle, answer: 3_100 * Self.wad)])
        if let round { fixture.chain.submit(round) }
        #expect(keeper.observe(reference: 3_500, at: 24, state: fixture.state, stream: stream) == nil)  // pending
        for block in 2...3 {
            _ = try fixture.chain.produceBlock(block, gasPrice: 0, state: &fixture.state, checkInvariants: true, recordSteps: false, log: &log)
        }
        #expect(try fixture.state.readOracle(oracle, at: 36) == OracleReading(value: 3_000 * Self.wad, updatedAt: 0))
        let block4 = try fixture.chain.produceBlock(4, gasPrice: 0, state: &fixture.state, checkInvariants: true, recordSteps: false, log: &log)
        #expect(block4.executed == 1)
        #expect(try fixture.state.readOracle(oracle, at: 48) == OracleReading(value: 3_100 * Self.wad, updatedAt: 48))
        #expect(fixture.state.pushOracles[0].round == 1)
        // Landed: no longer pending; 3,120 is within 1 % of 3,100; the heartbeat forces a round later.
        #expect(keeper.observe(reference: 3_120, at: 60, state: fixture.state, stream: stream) == nil)
        #expect(keeper.observe(reference: 3_120, at: 3_648, state: fixture.state, stream: stream) != nil)
    }

    @Test("The keeper observes reference × (1 + noise·Z) with Z from its stream (seed 3)")
    func noise() throws {
        var fixture = try ChainFixture()
        let parameters = PushOracleParameters(deviation: 10_000_000_000_000_000, heartbeat: 3_600, latency: 0, noise: 0.01)
        let oracle = fixture.state.addPushOracle(name: "noisy", unit: "USD", keeper: fixture.senders[0], parameters: parameters,
                                                 answer: 3_000 * Self.wad, timestamp: 0)
        var keeper = PushOracleKeeper(oracle: oracle, agent: "keeper")
        let z = RandomStream(seed: 3).standardNormal()
        let round = keeper.observe(reference: 3_300, at: 12, state: fixture.state, stream: RandomStream(seed: 3))
        #expect(round?.steps == [.oracleUpdate(oracle: oracle, answer: TokenUnits.fromDouble(3_300 * (1 + 0.01 * z), decimals: 18))])
        #expect(z != 0)
    }

    @Test("Only the keeper can post a round")
    func onlyKeeper() throws {
        var (fixture, oracle) = try Self.world()
        var log: [StepRecord] = []
        let outcome = fixture.state.runSteps(
            of: Transaction(sender: fixture.senders[1], agent: "attacker", steps: [.oracleUpdate(oracle: oracle, answer: 1)], submittedAt: 0),
            context: ExecutionContext(block: 1, timestamp: 12, recordSteps: false), log: &log)
        #expect(outcome == .reverted(step: 0, reason: .guardFailed("only the keeper posts rounds of eth_feed")))
        #expect(fixture.state.pushOracles[0].answer == 3_000 * Self.wad)
    }

    @Test("A median of three resists one corrupted member but not two; an even count averages the middle pair")
    func medianCorruption() throws {
        var state = ProtocolState()
        let members = [100, 200, 300].map { state.addOracle(name: "o\($0)", unit: "USD", kind: .constant(UInt128($0) * Self.wad)) }
        let median = state.addOracle(name: "median", unit: "USD", kind: .median(members))
        #expect(try state.readOracle(median, at: 0).value == 200 * Self.wad)
        state.corruptOracle(members[1], answer: 10_000 * Self.wad)
        #expect(try state.readOracle(median, at: 0).value == 300 * Self.wad)
        state.corruptOracle(members[0], answer: 10_000 * Self.wad)
        #expect(try state.readOracle(median, at: 0).value == 10_000 * Self.wad)
        state.corruptOracle(members[0], answer: nil)
        state.corruptOracle(members[1], answer: nil)
        let pair = state.addOracle(name: "pair", unit: "USD", kind: .median([members[0], members[1]]))
        #expect(try state.readOracle(pair, at: 0).value == 150 * Self.wad)
    }

    @Test("Guards: a stale answer falls back or reverts; a deviating one uses the fallback or pauses")
    func guards() throws {
        var (fixture, oracle) = try Self.world()
        let fallback = fixture.state.addOracle(name: "twap", unit: "USD", kind: .constant(3_100 * Self.wad))
        let state = fixture.state
        // Age 3,601 s > 3,600.
        #expect(throws: OracleError.stale(oracle: "eth_feed", age: 3_601, limit: 3_600)) {
            try state.price(PriceSource(oracle: oracle, maxAge: 3_600), at: 3_601)
        }
        #expect(try state.price(PriceSource(oracle: oracle, maxAge: 3_600), at: 3_600) == 3_000 * Self.wad)
        #expect(try state.price(PriceSource(oracle: oracle, maxAge: 3_600, fallback: fallback), at: 3_601) == 3_100 * Self.wad)
        // |3,000 − 3,100| / 3,100 = 3.2 %: within 5 %, beyond 3 %.
        let within = PriceSource(oracle: oracle, fallback: fallback, maxDeviation: 50_000_000_000_000_000)
        #expect(try state.price(within, at: 10) == 3_000 * Self.wad)
        let beyond = PriceSource(oracle: oracle, fallback: fallback, maxDeviation: 30_000_000_000_000_000)
        #expect(try state.price(beyond, at: 10) == 3_100 * Self.wad)
        var paused = beyond
        paused.onDeviation = .pause
        #expect(throws: OracleError.paused(oracle: "eth_feed")) { try state.price(paused, at: 10) }
    }
}
