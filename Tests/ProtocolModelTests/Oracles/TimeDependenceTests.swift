import Testing
@testable import ProtocolModel

@Suite("Which oracle answers move with the read time on a fixed state")
struct TimeDependenceTests {
    @Test("A TWAP, and any aggregate over one, moves with time; spot, constant, push-free LP prices and corrupted feeds do not")
    func kinds() throws {
        var world = try OracleTestWorld()
        let spot = world.state.addOracle(name: "spot", unit: "USD", kind: .spot(pool: world.pool, baseIsToken0: true))
        let one = world.state.addOracle(name: "one", unit: "USD", kind: .constant(OracleTestWorld.wad))
        let twap = world.state.addTwapOracle(name: "twap", unit: "USD", pool: world.pool, baseIsToken0: true, window: 600,
                                             geometric: false, timestamp: 0)
        let calm = world.state.addOracle(name: "calm", unit: "USD", kind: .median([spot, one, spot]))
        let mixed = world.state.addOracle(name: "mixed", unit: "USD", kind: .lowest([spot, twap]))
        let lpNaive = world.state.addOracle(name: "lp", unit: "USD", kind: .lpNaive(pool: world.pool, token1Oracle: one))
        let lpFair = world.state.addOracle(name: "lpf", unit: "USD", kind: .lpFair(pool: world.pool, oracle0: twap, oracle1: one))
        let state = world.state
        #expect(!state.oracleDependsOnTime(spot) && !state.oracleDependsOnTime(one))
        #expect(state.oracleDependsOnTime(twap) && state.oracleDependsOnTime(mixed) && state.oracleDependsOnTime(lpFair))
        #expect(!state.oracleDependsOnTime(calm) && !state.oracleDependsOnTime(lpNaive))
        world.state.corruptOracle(twap, answer: 5 * OracleTestWorld.wad)
        let corrupted = world.state
        #expect(!corrupted.oracleDependsOnTime(twap) && !corrupted.oracleDependsOnTime(mixed))
    }

    @Test("A staleness limit or a TWAP fallback makes a guarded price time-dependent; a spot primary with a spot fallback is not")
    func guards() throws {
        var world = try OracleTestWorld()
        let spot = world.state.addOracle(name: "spot", unit: "USD", kind: .spot(pool: world.pool, baseIsToken0: true))
        let one = world.state.addOracle(name: "one", unit: "USD", kind: .constant(OracleTestWorld.wad))
        let twap = world.state.addTwapOracle(name: "twap", unit: "USD", pool: world.pool, baseIsToken0: true, window: 600,
                                             geometric: false, timestamp: 0)
        let state = world.state
        #expect(!state.priceDependsOnTime(PriceSource(oracle: spot, fallback: one, maxDeviation: OracleTestWorld.wad / 10)))
        #expect(state.priceDependsOnTime(PriceSource(oracle: spot, maxAge: 3_600)))
        #expect(state.priceDependsOnTime(PriceSource(oracle: spot, fallback: twap, maxDeviation: OracleTestWorld.wad / 10)))
    }

    @Test("What the classification promises: after a swap, reads within one block differ for the TWAP and not for spot")
    func reads() throws {
        var world = try OracleTestWorld()
        let spot = world.state.addOracle(name: "spot", unit: "USD", kind: .spot(pool: world.pool, baseIsToken0: true))
        let twap = world.state.addTwapOracle(name: "twap", unit: "USD", pool: world.pool, baseIsToken0: true, window: 600,
                                             geometric: false, timestamp: 0)
        let swapped = world.swap(20 * OracleTestWorld.wad, sellEth: true, at: 12)
        #expect(swapped)
        world.state.seal(timestamp: 12)
        let state = world.state
        #expect(try state.readOracle(twap, at: 13).value != state.readOracle(twap, at: 20).value)
        #expect(try state.readOracle(spot, at: 13).value == state.readOracle(spot, at: 20).value)
    }
}
