import Testing
@testable import ProtocolModel

/// The `stable_lp` oracle: an LP share of a StableSwap pool priced naively at the pool's live
/// balances, or by the virtual price times the lowest coin price, against hand-computed values.
@Suite("Stable LP oracle")
struct StableLPOracleTests {
    static let wad = FixedPoint.wad

    /// A 200M USDC + 200M USDT pool (A = 100, fee 0.04 %) whose 400M shares (D) the genesis
    /// account holds; each coin priced by a constant oracle; both LP oracles over it.
    struct World {
        var state = ProtocolState()
        let usdc: AssetID, usdt: AssetID, trader: AccountID, pool: Int, naive: Int, virtual: Int

        init(usdtPrice: UInt128) throws {
            usdc = state.addAsset(Asset(symbol: "USDC", decimals: 6))
            usdt = state.addAsset(Asset(symbol: "USDT", decimals: 6))
            let genesis = state.addAccount(named: "genesis")
            trader = state.addAccount(named: "trader")
            try state.endow(usdc, amount: 200_000_000_000_000, to: genesis)
            try state.endow(usdt, amount: 200_000_000_000_000, to: genesis)
            try state.endow(usdt, amount: 20_000_000_000_000, to: trader)
            pool = try state.addStablePool(name: "curve", coins: [usdc, usdt], balances: [200_000_000_000_000, 200_000_000_000_000],
                                           amplification: 100, fee: 4_000_000, provider: genesis)
            let usdcOracle = state.addOracle(name: "usdc", unit: "USD", kind: .constant(StableLPOracleTests.wad))
            let usdtOracle = state.addOracle(name: "usdt", unit: "USD", kind: .constant(usdtPrice))
            naive = state.addOracle(name: "lp_naive", unit: "USD", kind: .stableLP(pool: pool, coinOracles: [usdcOracle, usdtOracle], virtualPrice: false))
            virtual = state.addOracle(name: "lp_virtual", unit: "USD", kind: .stableLP(pool: pool, coinOracles: [usdcOracle, usdtOracle], virtualPrice: true))
        }

        /// The trader sells 17M USDT for USDC (the pool pays 16,978,809.071078 USDC).
        mutating func swap() throws {
            var log: [StepRecord] = []
            let start = state.checkpoint()
            let outcome = state.runSteps(of: Transaction(sender: trader, agent: "trader", steps: [
                .stableSwap(pool: pool, from: usdt, to: usdc, amountIn: .exact(17_000_000_000_000), minAmountOut: 0),
            ], submittedAt: 0), context: ExecutionContext(block: 1, timestamp: 12, recordSteps: true), log: &log)
            #expect(outcome == .executed)
            try state.checkInvariants(since: start)
            state.commit()
        }
    }

    @Test("At balance: naive = (200M·1 + 200M·0.99) / 400M shares = 0.995; virtual price 1 × the lowest price 0.99 = 0.99")
    func balancedPool() throws {
        let world = try World(usdtPrice: 990_000_000_000_000_000)
        #expect(world.state.stablePools[world.pool].pool.totalShares == 400_000_000 * Self.wad)
        #expect(try world.state.readOracle(world.naive, at: 12).value == 995_000_000_000_000_000)
        #expect(try world.state.readOracle(world.virtual, at: 12).value == 990_000_000_000_000_000)
        #expect(!world.state.oracleDependsOnTime(world.naive) && !world.state.oracleDependsOnTime(world.virtual))
    }

    @Test("A 17M USDT swap lifts the naive price to 400,021,190.928922 / 400M exactly; the virtual price moves only by the fee")
    func swapMovesNaivePrice() throws {
        var world = try World(usdtPrice: Self.wad)
        #expect(try world.state.readOracle(world.naive, at: 12).value == Self.wad)
        try world.swap()
        // Balances 183,021,190.928922 USDC + 217,000,000 USDT, both at 1, over 400M shares.
        #expect(world.state.stablePools[world.pool].pool.balances == [183_021_190_928_922, 217_000_000_000_000])
        #expect(try world.state.readOracle(world.naive, at: 12).value == 1_000_052_977_322_305_000)
        let virtual = try world.state.readOracle(world.virtual, at: 12).value
        #expect(try virtual == world.state.stablePools[world.pool].pool.virtualPrice())
        // The fee left in the pool (≈ 0.04 % of 17M = 6,800 USDC, in the scarcer coin) lifts it by
        // ≈ 6,800 / 400M (1.7e-5), under a third of the naive price's move.
        #expect(virtual > Self.wad && virtual - Self.wad <= 2 * 17_000_000_000_000)
        #expect(3 * (virtual - Self.wad) < 1_000_052_977_322_305_000 - Self.wad)
    }
}
