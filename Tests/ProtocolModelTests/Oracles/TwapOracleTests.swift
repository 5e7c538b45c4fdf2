import GSL
import Testing
@testable import ProtocolModel

@Suite("Oracles: TWAP and geometric TWAP")
struct TwapOracleTests {
    typealias World = OracleTestWorld

    @Test("Uniswap v3 ticks of golden prices (Python: floor(log(p)/log(1.0001)))")
    func ticks() {
        #expect(TwapOracle.tick(ofWadPrice: 3_000 * World.wad) == 80_067)
        #expect(TwapOracle.tick(ofWadPrice: 2_480_015_210_763_636_363_636) == 78_164)
        #expect(TwapOracle.tick(ofWadPrice: 333_333_333_333_333) == -80_068)
        #expect(TwapOracle.tick(ofWadPrice: World.wad) == 0)
    }

    @Test("Arithmetic and geometric TWAP over a hand-computed block sequence; the current block's trades never enter")
    func handSequence() throws {
        var world = try World()
        let twap = world.state.addTwapOracle(name: "twap", unit: "USDC", pool: world.pool, baseIsToken0: true, window: 36,
                                             geometric: false, timestamp: 0)
        let geometric = world.state.addTwapOracle(name: "gtwap", unit: "USDC", pool: world.pool, baseIsToken0: true, window: 36,
                                                  geometric: true, timestamp: 0)
        let spot = world.state.addOracle(name: "spot", unit: "USDC", kind: .spot(pool: world.pool, baseIsToken0: true))
        let p0: UInt128 = 3_000 * World.wad
        // Pre-filled with the initial price.
        #expect(try world.state.readOracle(twap, at: 12).value == p0)
        world.state.seal(timestamp: 12)
        // Block 2 (t = 24): 10 ETH in. Spot moves at once; the TWAPs do not.
        let firstSwap = world.swap(10 * World.wad, sellEth: true, at: 24)
        #expect(firstSwap)
        let p1 = world.spot
        #expect(p1 == 2_480_015_210_763_636_363_636)  // Python integers: reserves 110 ETH / 272,801.673184 USDC
        #expect(try world.state.readOracle(spot, at: 24).value == p1)
        #expect(try world.state.readOracle(twap, at: 24).value == p0)
        #expect(try world.state.readOracle(geometric, at: 24).value == TwapOracle.wadPrice(ofTick: 80_067))
        world.state.seal(timestamp: 24)
        // Block 3 (t = 36): another trade first; the read still sees (−0, 36] = 24 s at p0, 12 s at p1.
        let secondSwap = world.swap(150_000_000_000, sellEth: false, at: 36)
        #expect(secondSwap)
        let p2 = world.spot
        #expect(try world.state.readOracle(twap, at: 36).value == (24 * p0 + 12 * p1) / 36)
        #expect(try world.state.readOracle(twap, at: 36).value == 2_826_671_736_921_212_121_212)
        // Geometric: mean tick ⌊(24·80,067 + 12·78,164)/36⌋ = 79,432; 1.0001^79,432 = 2.815240202658029e21.
        let geometricValue = try world.state.readOracle(geometric, at: 36).value
        #expect(abs(Double(geometricValue) / 2.815240202658029e21 - 1) < 1e-12)
        world.state.seal(timestamp: 36)
        // Block 4 (t = 48): 12 s each at p0, p1, p2.
        #expect(try world.state.readOracle(twap, at: 48).value == (12 * p0 + 12 * p1 + 12 * p2) / 36)
        let meanTick = (12 * 80_067 + 12 * 78_164 + 12 * TwapOracle.tick(ofWadPrice: p2)) / 36
        #expect(try world.state.readOracle(geometric, at: 48).value == TwapOracle.wadPrice(ofTick: meanTick))
    }

    @Test("TWAP reads equal a per-second reference over 200 random blocks, for windows 30 s and 60 s (seed 17)")
    func randomReference() throws {
        let stream = RandomStream(seed: 17)
        for window: Int64 in [30, 60] {
            var world = try World()
            let twap = world.state.addTwapOracle(name: "twap", unit: "USDC", pool: world.pool, baseIsToken0: true, window: window,
                                                 geometric: false, timestamp: 0)
            var closing: [UInt128] = [world.spot]  // closing[k]: the price after block k
            for block in 1...200 {
                let time = Int64(block) * 12
                if stream.bernoulli(0.6) {
                    let sellEth = stream.bernoulli(0.5)
                    let amount = sellEth ? UInt128(stream.uniform() * 3e18) + 1 : UInt128(stream.uniform() * 9e9) + 1
                    let swapped = world.swap(amount, sellEth: sellEth, at: time)
                    #expect(swapped, "seed 17 block \(block)")
                }
                // Reference: Σ over seconds s in (t − window, t] of closing[block of s − 1], / window.
                var sum: UInt128 = 0
                for second in (time - window + 1)...time {
                    let priorBlock = max(0, Int((second + 11) / 12) - 1)
                    sum += closing[priorBlock]
                }
                #expect(try world.state.readOracle(twap, at: time).value == sum / UInt128(window), "seed 17 window \(window) block \(block)")
                world.state.seal(timestamp: time)
                closing.append(world.spot)
            }
            // The ring buffer keeps only what a read can still need.
            #expect(world.state.twapOracles[0].history.count <= Int(window / 12) + 2, "window \(window)")
        }
    }
}
