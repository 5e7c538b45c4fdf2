import GSL
import Testing
@testable import ProtocolModel

/// The spot-price refresh of a world of several pools looks only at those written since the
/// last refresh (``ProtocolState/refreshSpotPrices()``): it must still bring each of them to
/// its reserves, before a non-swap step and after a rollback, and leave the others alone.
@Suite("Pools: refreshing the spot prices of several pools")
struct StaleSpotPricesTests {
    static let wad = OracleTestWorld.wad
    static let poolCount = 5

    /// ETH/USDC pools of 100 ETH and 300,000 USDC + 1,000 USDC per index, a spot oracle on
    /// each of pools 0–3 (pool 4 has none), and a trader.
    struct World {
        var state = ProtocolState()
        let eth: AssetID, usdc: AssetID
        let trader: AccountID, receiver: AccountID
        var oracles: [Int] = []

        init() throws {
            eth = state.addAsset(Asset(symbol: "ETH", decimals: 18))
            usdc = state.addAsset(Asset(symbol: "USDC", decimals: 6))
            let provider = state.addAccount(named: "lp")
            trader = state.addAccount(named: "trader")
            receiver = state.addAccount(named: "receiver")
            try state.endow(eth, amount: 1_000 * wad, to: provider)
            try state.endow(usdc, amount: 10_000_000_000_000, to: provider)
            try state.endow(eth, amount: 10_000 * wad, to: trader)
            try state.endow(usdc, amount: 100_000_000_000_000, to: trader)
            for index in 0..<poolCount {
                let pool = try state.addPool(name: "p\(index)", token0: eth, token1: usdc, reserve0: 100 * wad,
                                             reserve1: 300_000_000_000 + UInt128(index) * 1_000_000_000, feePips: 3000,
                                             provider: provider, timestamp: 0)
                if index < 4 {
                    oracles.append(state.addOracle(name: "spot\(index)", unit: "USDC", kind: .spot(pool: pool, baseIsToken0: index != 1)))
                }
            }
        }

        /// Runs `steps` from the trader at block `block` and commits; true when they executed.
        mutating func run(_ steps: [Step], block: Int) -> Bool {
            var log: [StepRecord] = []
            let outcome = state.runSteps(of: Transaction(sender: trader, agent: "trader", steps: steps, submittedAt: 0),
                                         context: ExecutionContext(block: block, timestamp: Int64(block) * 12, recordSteps: false),
                                         log: &log)
            state.commit()
            return outcome == .executed
        }

        /// Whether pool `index`'s cache is of its current reserves.
        func isCurrent(_ index: Int) -> Bool {
            state.pools[index].spotPrices.isCurrent(for: state.pools[index].pool)
        }

        /// Whether every oracle answers its pool's price at the current reserves.
        func oraclesAnswerReserves(at timestamp: Int64) throws -> Bool {
            try oracles.indices.allSatisfy { index in
                let pool = state.pools[index].pool
                return try state.readOracle(oracles[index], at: timestamp).value == (index != 1 ? pool.price0Wad : pool.price1Wad)
            }
        }
    }

    static func swap(_ pool: Int, eth: Bool, _ amount: UInt128) -> Step {
        .swap(pool: pool, zeroForOne: eth, amountIn: .exact(amount), minAmountOut: 0)
    }

    @Test("Pools written before a non-swap step hold their new prices at it; the untouched ones are left as they were")
    func nonSwapStepRefreshesWrittenPools() throws {
        var world = try World()
        let transfer = Step.transfer(asset: world.usdc, amount: .exact(1), to: world.receiver)
        let untouched = world.state.pools[1]
        let executed = world.run([Self.swap(2, eth: false, 1_000_000_000), Self.swap(0, eth: true, 10 * Self.wad), transfer], block: 1)
        #expect(executed)
        #expect(world.isCurrent(0) && world.isCurrent(2) && world.isCurrent(1) && world.isCurrent(3))
        // The golden sale of SpotPriceCacheTests, on pool 0 of the same reserves.
        #expect(world.state.pools[0].spotPrices.price(of: world.state.pools[0].pool, baseIsToken0: true)
                == SpotPriceCacheTests.priceAfterSale)
        #expect(world.state.pools[1].pool.reserve0 == untouched.pool.reserve0 && world.state.pools[1].spotPrices.isCurrent(for: untouched.pool))
        #expect(try world.oraclesAnswerReserves(at: 12))

        // A swap with no non-swap step after it leaves its cache behind, listed for the seal's refresh.
        let swapped = world.run([Self.swap(3, eth: true, Self.wad)], block: 2)
        #expect(swapped)
        #expect(!world.isCurrent(3) && world.isCurrent(0))
        try world.state.checkAllInvariants()
        #expect(try world.oraclesAnswerReserves(at: 24))
        world.state.refreshSpotPrices()
        #expect((0..<Self.poolCount).allSatisfy(world.isCurrent))
        #expect(try world.oraclesAnswerReserves(at: 24))
    }

    @Test("Random swaps, transfers and reverts over several pools: every cache behind its reserves is listed, and a refresh catches them all up")
    func randomWritesAreAllRefreshed() throws {
        var world = try World()
        let stream = RandomStream(seed: 20261127)
        let transfer = Step.transfer(asset: world.usdc, amount: .exact(1), to: world.receiver)
        let failingGuard = Step.requireBalance(asset: world.eth, atLeast: .max)
        for block in 1...300 {
            var steps: [Step] = []
            for _ in 0...stream.uniformInt(4) {
                switch stream.uniformInt(4) {
                case 0: steps.append(transfer)
                case 1: steps.append(Self.swap(stream.uniformInt(Self.poolCount), eth: false, UInt128(1 + stream.uniformInt(5_000)) * 1_000_000))
                default: steps.append(Self.swap(stream.uniformInt(Self.poolCount), eth: true, UInt128(1 + stream.uniformInt(1_000)) * Self.wad / 1_000))
                }
            }
            let reverts = stream.uniformInt(4) == 0
            if reverts { steps.insert(failingGuard, at: stream.uniformInt(steps.count + 1)) }
            let executed = world.run(steps, block: block)
            #expect(executed != reverts)
            try world.state.checkAllInvariants()
            #expect(try world.oraclesAnswerReserves(at: Int64(block) * 12))
            if stream.uniformInt(3) == 0 {
                world.state.refreshSpotPrices()
                #expect((0..<Self.poolCount).allSatisfy(world.isCurrent))
            }
        }
    }
}
