@testable import Agents
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
        #expect(sales.sell(LiquidatorLargestPairTests.wad, pool: pool, zeroForOne: true, in: state) == 2_961_474_103)
        #expect(sales.sell(2 * LiquidatorLargestPairTests.wad, pool: pool, zeroForOne: true, in: state) == 5_750_770_148)
        // The state's pool is untouched: a fresh estimate of 2 ETH sees the original reserves.
        var fresh = ProposedSales()
        #expect(fresh.sell(2 * LiquidatorLargestPairTests.wad, pool: pool, zeroForOne: true, in: state) == 5_865_050_885)
        #expect(state.pools[pool].pool.reserve0 == 100 * LiquidatorLargestPairTests.wad)
        // A sale the pool cannot quote is expected to return nothing.
        #expect(fresh.sell(0, pool: pool, zeroForOne: true, in: state) == 0)
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
