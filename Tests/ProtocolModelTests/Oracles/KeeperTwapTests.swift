import Testing
@testable import ProtocolModel

@Suite("Oracles: keeper-updated TWAP (update: keeper)")
struct KeeperTwapTests {
    typealias World = OracleTestWorld

    /// Runs `steps` from the trader at `timestamp`; returns whether the transaction executed.
    static func run(_ world: inout World, _ steps: [Step], at timestamp: Int64) -> Bool {
        var log: [StepRecord] = []
        let outcome = world.state.runSteps(
            of: Transaction(sender: world.trader, agent: "anyone", steps: steps, submittedAt: 0),
            context: ExecutionContext(block: Int(timestamp / 12), timestamp: timestamp, recordSteps: false), log: &log)
        world.state.commit()
        return outcome == .executed
    }

    @Test("Reads difference against the newest update at least a window old, over a hand-computed block sequence")
    func handSequence() throws {
        var world = try World()
        let twap = world.state.addKeeperTwapOracle(name: "ktwap", unit: "USDC", pool: world.pool, baseIsToken0: true, window: 36, timestamp: 0)
        let p0: UInt128 = 3_000 * World.wad
        // Pre-filled: the initial observation is at −36 with C(0) − 36·p0.
        #expect(try world.state.readOracle(twap, at: 12).value == p0)
        world.state.seal(timestamp: 12)
        let ok1 = world.swap(10 * World.wad, sellEth: true, at: 24)
        #expect(ok1)
        let p1 = world.spot
        #expect(p1 == 2_480_015_210_763_636_363_636)
        // The current block's trade does not enter: (24·p0 + 36·p0) / 60.
        #expect(try world.state.readOracle(twap, at: 24).value == p0)
        world.state.seal(timestamp: 24)
        // t = 36: an update records C(36) = 24·p0 + 12·p1; it is not yet a window old, so the read
        // still spans back to the initial observation: (60·p0 + 12·p1) / 72.
        let ok2 = Self.run(&world, [.updateTwap(oracle: twap)], at: 36)
        #expect(ok2)
        #expect(world.state.twapOracles[0].latestObservation == TwapObservation(timestamp: 36, cumulative: 24 * p0 + 12 * p1))
        #expect(try world.state.readOracle(twap, at: 36).value == (60 * p0 + 12 * p1) / 72)
        #expect(try world.state.readOracle(twap, at: 36).value == 2_913_335_868_460_606_060_606)  // Python integers
        world.state.seal(timestamp: 36)
        let ok3 = world.swap(150_000_000_000, sellEth: false, at: 48)
        #expect(ok3)
        let p2 = world.spot
        #expect(try world.state.readOracle(twap, at: 48).value == (60 * p0 + 24 * p1) / 84)
        world.state.seal(timestamp: 48)
        // t = 72: the update at 36 is now a window old: (C(72) − C(36)) / 36 = (12·p1 + 24·p2) / 36.
        #expect(try world.state.readOracle(twap, at: 72).value == (12 * p1 + 24 * p2) / 36)
        let ok4 = Self.run(&world, [.updateTwap(oracle: twap)], at: 72)
        #expect(ok4)
        // t = 100: the update at 72 is too young, the one at 36 is used: (12·p1 + 52·p2) / 64.
        #expect(try world.state.readOracle(twap, at: 100).value == (12 * p1 + 52 * p2) / 64)
        // t = 108: the update at 72 is a window old: only p2.
        #expect(try world.state.readOracle(twap, at: 108).value == p2)
        // Without updates the span grows: at t = 400 still back to 72.
        #expect(try world.state.readOracle(twap, at: 400).value == p2)
    }

    @Test("Anyone may update, once per block; a reverted transaction undoes the update; a per-block TWAP refuses it")
    func updateRules() throws {
        var world = try World()
        let keeperTwap = world.state.addKeeperTwapOracle(name: "ktwap", unit: "USDC", pool: world.pool, baseIsToken0: true, window: 36, timestamp: 0)
        let plainTwap = world.state.addTwapOracle(name: "twap", unit: "USDC", pool: world.pool, baseIsToken0: true, window: 36,
                                                  geometric: false, timestamp: 0)
        #expect(world.state.twapOracles[0].updatedByKeeper && !world.state.twapOracles[1].updatedByKeeper)
        let initial = try #require(world.state.twapOracles[0].latestObservation)
        #expect(initial.timestamp == -36)
        // A transaction that updates and then fails a guard reverts as a whole.
        let ok5 = Self.run(&world, [.updateTwap(oracle: keeperTwap), .requireBalance(asset: world.eth, atLeast: .max)], at: 12)
        #expect(!ok5)
        #expect(world.state.twapOracles[0].latestObservation == initial)
        let ok6 = Self.run(&world, [.updateTwap(oracle: keeperTwap)], at: 12)
        #expect(ok6)
        let ok7 = Self.run(&world, [.updateTwap(oracle: keeperTwap)], at: 12)
        #expect(!ok7)
        let ok8 = Self.run(&world, [.updateTwap(oracle: plainTwap)], at: 24)
        #expect(!ok8)
        #expect(world.state.twapOracles[0].latestObservation?.timestamp == 12)
        // Sealing does not advance a keeper TWAP.
        world.state.seal(timestamp: 24)
        #expect(world.state.twapOracles[0].latestObservation?.timestamp == 12)
    }

    @Test("Updates every block keep at most a window of observations and read the plain sliding window")
    func everyBlockUpdates() throws {
        var world = try World()
        let keeperTwap = world.state.addKeeperTwapOracle(name: "ktwap", unit: "USDC", pool: world.pool, baseIsToken0: true, window: 36, timestamp: 0)
        let plainTwap = world.state.addTwapOracle(name: "twap", unit: "USDC", pool: world.pool, baseIsToken0: true, window: 36,
                                                  geometric: false, timestamp: 0)
        for block in 1...40 {
            let t = Int64(block) * 12
            let sellEth = block % 2 == 0
            let ok9 = world.swap(UInt128(block % 3 + 1) * (sellEth ? World.wad : 3_000_000_000), sellEth: sellEth, at: t)
            #expect(ok9)
            let ok10 = Self.run(&world, [.updateTwap(oracle: keeperTwap)], at: t)
            #expect(ok10)
            // Read in the next block: once t ≥ 36, the newest update at least 36 s old is exactly
            // the one at t + 12 − 36, so both read (C(t + 12) − C(t − 24)) / 36.
            if t >= 36 { #expect(try world.state.readOracle(keeperTwap, at: t + 12).value == world.state.readOracle(plainTwap, at: t + 12).value) }
            world.state.seal(timestamp: t)
            #expect(world.state.twapOracles[0].observations!.kept.count <= 5)
        }
    }
}
