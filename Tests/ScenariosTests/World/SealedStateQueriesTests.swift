import ProtocolModel
import Testing
@testable import Agents
@testable import Scenarios

/// The shared index answers of one sealed block: an empty answer for a threshold answers every
/// lower threshold of the same market, without another walk.
@Suite("Shared index answers: thresholds")
struct SealedStateQueriesTests {
    /// The defence world run for 9 minutes: its 20 borrowers' health spread over [1.05, 1.3].
    static func calmWorld() throws -> World {
        let world = try DefenceWorldTests.world(["duration=9m"])
        _ = try world.run()
        return world
    }

    /// The defence world run for 11 minutes through a 50 % crash at 10 minutes: some accounts
    /// below 0.9, the others between 0.9 and 3.
    static func crashedWorld() throws -> World {
        let world = try DefenceWorldTests.world(["duration=11m", "shocks=[{at: 10m, asset: ETH, move: -0.5, over: 1m}]"])
        _ = try world.run()
        return world
    }

    @Test("Asked from the highest threshold down, every shared answer equals the index's own")
    func descendingThresholds() throws {
        let world = try Self.calmWorld()
        let queries = SealedStateQueries()
        let thresholds = [FixedPoint.wad * 3, FixedPoint.wad * 115 / 100, FixedPoint.wad, FixedPoint.wad / 2, UInt128(1)]
        #expect(world.state.accountsBelowHealth(FixedPoint.wad * 3, market: 0, at: 540).count == 20)
        #expect(world.state.accountsBelowHealth(FixedPoint.wad, market: 0, at: 540).isEmpty)
        for threshold in thresholds {
            let direct = world.state.accountsBelowHealth(threshold, market: 0, at: 540)
            #expect(queries.accountsBelowHealth(threshold, market: 0, at: 540, in: world.state, sealedBy: 45) == direct,
                    "threshold \(threshold)")
        }
    }

    @Test("The lowest health below a threshold, asked first or after the kept answer, is the first health of the index's own answer")
    func lowestHealthBelowIsFirstHealth() throws {
        let crashed = try Self.crashedWorld()
        let thresholds = [FixedPoint.wad * 3, FixedPoint.wad, FixedPoint.wad * 9 / 10, UInt128(1)]
        #expect(crashed.state.accountsAndHealthBelow(FixedPoint.wad * 9 / 10, market: 0, at: 660).health.first != nil)
        #expect(crashed.state.accountsAndHealthBelow(1, market: 0, at: 660).health.isEmpty)
        for threshold in thresholds {
            let direct = crashed.state.accountsAndHealthBelow(threshold, market: 0, at: 660)
            // Asked first (a walk), then again (the kept answer), then the lists (kept).
            let queries = SealedStateQueries()
            #expect(queries.lowestHealthBelow(threshold, market: 0, at: 660, in: crashed.state, sealedBy: 55)
                == direct.health.first, "threshold \(threshold)")
            #expect(queries.lowestHealthBelow(threshold, market: 0, at: 660, in: crashed.state, sealedBy: 55)
                == direct.health.first, "threshold \(threshold)")
            let shared = queries.accountsAndHealthBelow(threshold, market: 0, at: 660, in: crashed.state, sealedBy: 55)
            #expect(shared.accounts == direct.accounts && shared.health == direct.health, "threshold \(threshold)")
        }
    }

    @Test("After an empty answer at health 1, a lower threshold in the same sealed block is answered empty from it, not from a new walk")
    func emptyAnswerAnswersLowerThresholds() throws {
        let calm = try Self.calmWorld()
        // After a 50 % crash some accounts are below 0.9: a walk on this state would list them.
        let crashed = try Self.crashedWorld()
        let lower = FixedPoint.wad * 9 / 10
        #expect(!crashed.state.accountsBelowHealth(lower, market: 0, at: 660).isEmpty)
        #expect(!crashed.state.accountsBelowHealth(lower, market: 0, at: 540).isEmpty)

        let queries = SealedStateQueries()
        #expect(queries.accountsBelowHealth(FixedPoint.wad, market: 0, at: 540, in: calm.state, sealedBy: 45).isEmpty)
        // The owner never mixes states within a sealed block; here the other state shows that
        // the kept answer is the one returned.
        #expect(queries.accountsBelowHealth(lower, market: 0, at: 540, in: crashed.state, sealedBy: 45).isEmpty)
        // A higher threshold is not answered by it: that walk lists the crashed accounts.
        #expect(queries.accountsBelowHealth(FixedPoint.wad * 2, market: 0, at: 540, in: crashed.state, sealedBy: 45)
            == crashed.state.accountsBelowHealth(FixedPoint.wad * 2, market: 0, at: 540))
        // The next sealed block walks again.
        #expect(queries.accountsBelowHealth(lower, market: 0, at: 660, in: crashed.state, sealedBy: 55)
            == crashed.state.accountsBelowHealth(lower, market: 0, at: 660))
    }

    @Test("The lowest health above 1 keeps an empty answer, which answers health 1 without a walk, and keeps no other")
    func lowestHealthAboveOneKeepsOnlyEmpty() throws {
        let calm = try Self.calmWorld()
        let crashed = try Self.crashedWorld()
        #expect(!crashed.state.accountsBelowHealth(FixedPoint.wad, market: 0, at: 540).isEmpty)
        // The owner never mixes states within a sealed block; here the crashed state shows which answer is kept.
        let queries = SealedStateQueries()
        #expect(queries.lowestHealthBelow(FixedPoint.wad * 105 / 100, market: 0, at: 540, in: calm.state, sealedBy: 45) == nil)
        #expect(queries.accountsBelowHealth(FixedPoint.wad, market: 0, at: 540, in: crashed.state, sealedBy: 45).isEmpty)
        let above = FixedPoint.wad * 3
        #expect(queries.lowestHealthBelow(above, market: 0, at: 540, in: calm.state, sealedBy: 45)
            == calm.state.accountsAndHealthBelow(above, market: 0, at: 540).health.first)
        #expect(queries.accountsBelowHealth(above, market: 0, at: 540, in: crashed.state, sealedBy: 45)
            == crashed.state.accountsBelowHealth(above, market: 0, at: 540))
    }

    @Test("Whether no account is below health 1 before the next block, asked of the shared answers after any earlier question of the block, is the index's own answer")
    func noAccountBelowHealthOne() throws {
        let calm = try Self.calmWorld()
        let crashed = try DefenceWorldTests.world(["duration=11m"])
        _ = try crashed.run()
        let twap = try DefenceWorldTests.world(["duration=9m", "oracles.eth={type: twap, pool: eth_usdc, base: ETH, window: 300}"])
        _ = try twap.run()
        let earlier: [UInt128?] = [nil, FixedPoint.wad * 3, FixedPoint.wad * 115 / 100, FixedPoint.wad, FixedPoint.wad / 2]
        var answers: [Bool] = []
        for (name, world, time) in [("calm", calm, 540), ("crashed", crashed, 660), ("twap", twap, 540)] {
            let timestamp = Int64(time)
            let expected = !world.state.healthDependsOnTime(market: 0)
                && world.state.accountsBelowHealth(FixedPoint.wad, market: 0, at: timestamp).isEmpty
            answers.append(expected)
            let alone = Self.sealedView(of: world, queries: nil, time: Double(time))
            #expect(alone.noAccountBelowHealthOneBeforeNextBlock(market: 0) == expected, "\(name), no shared answers")
            for threshold in earlier {
                let queries = SealedStateQueries()
                if let threshold {
                    _ = queries.accountsBelowHealth(threshold, market: 0, at: timestamp, in: world.state,
                                                    sealedBy: world.chain.lastSealedBlock)
                }
                let view = Self.sealedView(of: world, queries: queries, time: Double(time))
                #expect(view.noAccountBelowHealthOneBeforeNextBlock(market: 0) == expected, "\(name), asked before: \(String(describing: threshold))")
            }
        }
        #expect(answers == [true, false, false])

        // An empty answer kept for a threshold above 1 answers without a walk: the owner never
        // mixes states within a sealed block; here the crashed state shows that the kept answer is used.
        let queries = SealedStateQueries()
        #expect(queries.accountsBelowHealth(FixedPoint.wad * 105 / 100, market: 0, at: 540, in: calm.state, sealedBy: 45).isEmpty)
        #expect(queries.noAccountBelowHealthOne(market: 0, at: 540, in: crashed.state, sealedBy: 45))
        // The next sealed block walks again.
        #expect(!queries.noAccountBelowHealthOne(market: 0, at: 660, in: crashed.state, sealedBy: 55))
    }

    @Test("A market's time dependence, kept from block to block and across forget(), is the state's own for spot and TWAP oracles")
    func timeDependenceKeptAcrossBlocks() throws {
        let spot = try Self.calmWorld()
        let twap = try DefenceWorldTests.world(["duration=9m", "oracles.eth={type: twap, pool: eth_usdc, base: ETH, window: 300}"])
        _ = try twap.run()
        for (name, world) in [("spot", spot), ("twap", twap)] {
            let expected = world.state.healthDependsOnTime(market: 0)
            let queries = SealedStateQueries()
            for block in 40...45 {
                #expect(queries.healthDependsOnTime(market: 0, in: world.state, sealedBy: block) == expected, "\(name), block \(block)")
                queries.forget()
                #expect(queries.healthDependsOnTime(market: 0, in: world.state, sealedBy: block) == expected, "\(name), block \(block) after forget()")
            }
        }
        #expect(!spot.state.healthDependsOnTime(market: 0) && twap.state.healthDependsOnTime(market: 0))
    }

    /// The view at `time` of `world`'s state as its last block left it, sharing `queries`.
    private static func sealedView(of world: World, queries: SealedStateQueries?, time: Double) -> AgentView {
        AgentView(state: world.state, valuation: world.valuation, lastBlock: world.chain.lastSealedBlock, gasPrice: 0,
                  gas: world.chain.config.gas, nativeAsset: world.chain.config.nativeAsset, queries: queries, time: time)
    }
}
