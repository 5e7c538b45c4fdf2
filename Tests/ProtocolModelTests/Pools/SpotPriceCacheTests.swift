import Testing
@testable import ProtocolModel

@Suite("Pools: cached spot prices")
struct SpotPriceCacheTests {
    typealias World = OracleTestWorld

    /// Golden values (Python, exact integers): 10 ETH sold into 100 ETH / 300,000 USDC at 0.3 %
    /// pays 27,198.326816 USDC; then ⌊r1·10^30/r0⌋ and ⌊r0·10^6/r1⌋.
    static let priceAfterSale: UInt128 = 2_480_015_210_763_636_363_636
    static let inverseAfterSale: UInt128 = 403_223_333_332_735

    @Test("A spot oracle answers the price of the pool's reserves after a swap and after a reverted transaction")
    func spotOracleFollowsWritesAndRollbacks() throws {
        var world = try World()
        let spot = world.state.addOracle(name: "spot", unit: "USDC", kind: .spot(pool: world.pool, baseIsToken0: true))
        let inverse = world.state.addOracle(name: "inverse", unit: "ETH", kind: .spot(pool: world.pool, baseIsToken0: false))
        #expect(try world.state.readOracle(spot, at: 12).value == 3_000 * World.wad)
        #expect(try world.state.readOracle(inverse, at: 12).value == 333_333_333_333_333)

        let sold = world.swap(10 * World.wad, sellEth: true, at: 12)
        #expect(sold)
        #expect(try world.state.readOracle(spot, at: 12).value == Self.priceAfterSale)
        #expect(try world.state.readOracle(inverse, at: 12).value == Self.inverseAfterSale)

        // A swap that moves the pool, then a guard that fails: the whole transaction reverts.
        var log: [StepRecord] = []
        let outcome = world.state.runSteps(
            of: Transaction(sender: world.trader, agent: "trader",
                            steps: [.swap(pool: world.pool, zeroForOne: false, amountIn: .exact(50_000_000_000), minAmountOut: 0),
                                    .requireBalance(asset: world.eth, atLeast: .max)],
                            submittedAt: 0),
            context: ExecutionContext(block: 2, timestamp: 24, recordSteps: false), log: &log)
        world.state.commit()
        #expect(outcome != .executed)
        #expect(try world.state.readOracle(spot, at: 24).value == Self.priceAfterSale)
        #expect(try world.state.readOracle(inverse, at: 24).value == Self.inverseAfterSale)
        try world.state.checkAllInvariants()
    }

    @Test("A swap leaves the cache as it was; reads answer the new reserves' price, and a refresh brings the cache to them")
    func writeLeavesCacheUntilRefresh() throws {
        var world = try World()
        let spot = world.state.addOracle(name: "spot", unit: "USDC", kind: .spot(pool: world.pool, baseIsToken0: true))
        let sold = world.swap(10 * World.wad, sellEth: true, at: 12)
        #expect(sold)
        let venue = world.state.pools[world.pool]
        #expect(!venue.spotPrices.isCurrent(for: venue.pool) && venue.spotPrices.isConsistent(with: venue.pool))
        #expect(try world.state.readOracle(spot, at: 12).value == Self.priceAfterSale)
        try world.state.checkAllInvariants()

        world.state.refreshSpotPrices()
        let refreshed = world.state.pools[world.pool]
        #expect(refreshed.spotPrices.isCurrent(for: refreshed.pool) && refreshed.spotPrices.isConsistent(with: refreshed.pool))
        #expect(refreshed.spotPrices.price(of: refreshed.pool, baseIsToken0: true) == Self.priceAfterSale)
        #expect(try world.state.readOracle(spot, at: 12).value == Self.priceAfterSale)
    }

    /// 100 ETH / 300,000 USDC at 0.3 %, before and after the 10-ETH sale of the golden values.
    static func poolBeforeAndAfterSale() throws -> (before: ConstantProductPool, after: ConstantProductPool) {
        let before = ConstantProductPool(reserve0: 100 * World.wad, reserve1: 300_000_000_000, feePips: 3000,
                                         decimals0: 18, decimals1: 6, timestamp: 0)
        var after = before
        let out = try after.swapExactIn(10 * World.wad, zeroForOne: true)
        #expect(out == 27_198_326_816)
        return (before, after)
    }

    @Test("A cache computed from other reserves is never answered: the pool's own price is computed")
    func staleCacheIsRecomputed() throws {
        let (before, after) = try Self.poolBeforeAndAfterSale()
        let cache = SpotPriceCache(before)
        #expect(cache.isCurrent(for: before) && !cache.isCurrent(for: after))
        #expect(cache.price(of: before, baseIsToken0: true) == 3_000 * World.wad)
        #expect(cache.price(of: after, baseIsToken0: true) == Self.priceAfterSale)
        #expect(cache.price(of: after, baseIsToken0: false) == Self.inverseAfterSale)
    }

    @Test("A pool whose spot oracle reads one direction integrates both prices, the other computed when read")
    func accumulatorsWithOneDirectionHeld() throws {
        var world = try World()
        let spot = world.state.addOracle(name: "spot", unit: "USDC", kind: .spot(pool: world.pool, baseIsToken0: true))
        let sold = world.swap(10 * World.wad, sellEth: true, at: 12)
        let bought = world.swap(1_000_000, sellEth: false, at: 24)
        #expect(sold && bought)
        // Twelve seconds at the genesis prices (3,000 and 1/3,000), twelve at those after the sale.
        let pool = world.state.pools[world.pool].pool
        #expect(pool.price0Cumulative == 12 * 3_000 * World.wad + 12 * Self.priceAfterSale)
        #expect(pool.price1Cumulative == 12 * 333_333_333_333_333 + 12 * Self.inverseAfterSale)
        // The inverse, held by no oracle, is still read right (a TWAP snapshot, the metrics).
        #expect(world.state.pools[world.pool].spotPrices.price(of: pool, baseIsToken0: false) == pool.price1Wad)
        #expect(try world.state.readOracle(spot, at: 24).value == pool.price0Wad)
        try world.state.checkAllInvariants()
    }

    @Test("A cache answers both directions right whichever it holds, and is current only for its reserves")
    func holdsOnlyRequestedDirections() throws {
        let (pool, after) = try Self.poolBeforeAndAfterSale()
        var cache = SpotPriceCache(pool)
        #expect(cache.isConsistent(with: pool) && cache.isConsistent(with: after) && !cache.isCurrent(for: after))
        cache.hold(baseIsToken0: false, for: pool)
        #expect(cache.price(of: pool, baseIsToken0: false) == 333_333_333_333_333)
        #expect(cache.price(of: pool, baseIsToken0: true) == 3_000 * World.wad)
        cache.refresh(for: after)
        #expect(cache.isCurrent(for: after) && cache.isConsistent(with: after))
        #expect(cache.price(of: after, baseIsToken0: false) == Self.inverseAfterSale)
        #expect(cache.price(of: after, baseIsToken0: true) == Self.priceAfterSale)
    }
}
