@testable import Agents
import GSL
import ProtocolModel
import Testing
@testable import Scenarios

/// A liquidator that sells at a loss funds its next liquidations of a block with the expected
/// proceeds of its earlier sales (``ProposedSales``), as the peer models' liquidators spend each
/// sale's proceeds again; a profit-seeking one keeps spending only what it holds.
@Suite("Liquidator's sale proceeds")
struct LiquidatorProceedsTests {
    @Test("Each expected sale is quoted on the pool as the earlier ones leave it: 1 then 2 ETH into 100 ETH / 300,000 USDC")
    func sequentialSales() throws {
        var state = ProtocolState()
        let eth = state.addAsset(Asset(symbol: "ETH", decimals: 18)), usdc = state.addAsset(Asset(symbol: "USDC", decimals: 6))
        let provider = state.addAccount(named: "provider")
        try state.endow(eth, amount: 100 * LiquidatorLargestPairTests.wad, to: provider)
        try state.endow(usdc, amount: 300_000_000_000, to: provider)
        let pool = try state.addPool(name: "eth_usdc", token0: eth, token1: usdc, reserve0: 100 * LiquidatorLargestPairTests.wad,
                                     reserve1: 300_000_000_000, feePips: 3_000, provider: provider, timestamp: 0)
        var sales = ProposedSales()
        // Python integers: ⌊a·997,000·r1 / (r0·10^6 + a·997,000)⌋ with the reserves moved by each sale.
        #expect(sales.sell(LiquidatorLargestPairTests.wad, eth, for: usdc, in: state)?.proceeds == 2_961_474_103)
        #expect(sales.sell(2 * LiquidatorLargestPairTests.wad, eth, for: usdc, in: state)?.proceeds == 5_750_770_148)
        // The state's pool is untouched: a fresh estimate of 2 ETH sees the original reserves.
        var fresh = ProposedSales()
        #expect(fresh.sell(2 * LiquidatorLargestPairTests.wad, eth, for: usdc, in: state)?.pool == pool)
        #expect(state.pools[pool].pool.reserve0 == 100 * LiquidatorLargestPairTests.wad)
        var other = ProposedSales()
        #expect(other.sell(2 * LiquidatorLargestPairTests.wad, eth, for: usdc, in: state)?.proceeds == 5_865_050_885)
        // A sale no pool pays anything for finds none.
        #expect(fresh.sell(0, eth, for: usdc, in: state) == nil)
    }

    @Test("An expected sale goes through the pool the best quote on the state picks, and returns what the pool pays after the earlier sales (random pools and sales, seeds 1-40)")
    func saleAgreesWithTheBestQuote() throws {
        for seed in UInt64(1)...40 {
            let stream = RandomStream(seed: seed)
            var state = ProtocolState()
            let eth = state.addAsset(Asset(symbol: "ETH", decimals: 18)), usdc = state.addAsset(Asset(symbol: "USDC", decimals: 6))
            let dai = state.addAsset(Asset(symbol: "DAI", decimals: 18))
            let provider = state.addAccount(named: "provider")
            for asset in [eth, usdc, dai] { try state.endow(asset, amount: 1 << 110, to: provider) }
            // 1 to 999 times a power of ten up to 10^24.
            func magnitude() -> UInt128 {
                var power: UInt128 = 1
                for _ in 0..<stream.uniformInt(25) { power *= 10 }
                return UInt128(1 + stream.uniformInt(999)) * power
            }
            let fees: [UInt128] = [0, 3_000, 10_000]
            // One or two pools of the pair in either token order, and sometimes one of another pair.
            for number in 0..<(1 + stream.uniformInt(2)) {
                let (token0, token1) = stream.uniformInt(2) == 0 ? (eth, usdc) : (usdc, eth)
                _ = try state.addPool(name: "pair\(number)", token0: token0, token1: token1, reserve0: 1_000 + magnitude(),
                                      reserve1: 1_000 + magnitude(), feePips: fees[stream.uniformInt(3)], provider: provider, timestamp: 0)
            }
            if stream.uniformInt(2) == 0 {
                _ = try state.addPool(name: "other", token0: dai, token1: usdc, reserve0: 1_000 + magnitude(), reserve1: 1_000 + magnitude(),
                                      feePips: 3_000, provider: provider, timestamp: 0)
            }
            var sales = ProposedSales(), moved: [Int: ConstantProductPool] = [:]
            for turn in 0..<30 {
                // Mostly collateral for debt, as a wake-up sells; sometimes the other way.
                let (input, output) = stream.uniformInt(4) == 0 ? (usdc, eth) : (eth, usdc)
                let amount = stream.uniformInt(10) == 0 ? 0 : magnitude()
                let best = Liquidator.bestSale(of: amount, input, for: output, in: state)
                let sale = sales.sell(amount, input, for: output, in: state)
                #expect(sale?.pool == best?.0, "seed \(seed), turn \(turn)")
                guard let sale, let (pool, _) = best else { continue }
                var expected = moved[pool] ?? state.pools[pool].pool
                let proceeds = (try? expected.swapExactIn(amount, zeroForOne: state.pools[pool].token0 == input)) ?? 0
                #expect(sale.proceeds == proceeds, "seed \(seed), turn \(turn)")
                moved[pool] = expected
            }
        }
    }

    @Test("In the first block of liquidations, one that sells at a loss repays more than the 15,000 USDC it held; a profit-seeking one never does")
    func proceedsFundTheBlock() throws {
        let crash = ["shocks=[{at: 10m, asset: ETH, move: -0.5, over: 1m}]", "agents.liquidators.count=1",
                     "agents.liquidators.capital={ETH: 10, USDC: 15000}", "agents.liquidators.min_profit=0"]
        for sellsAtLoss in [true, false] {
            let recorder = RepaymentsPerBlock()
            let metrics = try DefenceWorldTests.world(crash + ["agents.liquidators.sell_at_loss=\(sellsAtLoss)"]).run(sink: recorder)
            #expect(try #require(metrics.liquidations) > 0)
            let first = try #require(recorder.repaid.keys.min())
            let capital: UInt128 = 15_000_000_000
            if sellsAtLoss {
                #expect(try #require(recorder.repaid[first]) > capital)
            } else {
                #expect(try #require(recorder.repaid[first]) <= capital)
            }
        }
    }
}

/// The USDC repaid by executed liquidations per block.
final class RepaymentsPerBlock: WorldSink {
    var repaid: [Int: UInt128] = [:]

    func record(_ row: BlockRow) throws {}

    func record(_ steps: [StepRecord]) throws {
        for step in steps where step.kind == .liquidate && step.executed { repaid[step.block, default: 0] += step.amountIn }
    }
}
