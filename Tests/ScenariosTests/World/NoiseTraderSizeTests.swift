import ProtocolModel
import Testing
@testable import Agents

/// How a noise trader sized in tokens turns its draw into the amount it sells.
@Suite("Noise trader: trade sizes")
struct NoiseTraderSizeTests {
    /// A state with ETH, USDC and TKN (a token without a reference price), an ETH/USDC pool and
    /// a TKN/USDC pool, and a funded trader; a market pricing ETH (volatile) and USDC (flat).
    static func view(at time: Double) throws -> (view: AgentView, trader: AccountID, market: ReferenceMarket) {
        var state = ProtocolState()
        let eth = state.addAsset(Asset(symbol: "ETH", decimals: 18))
        let usdc = state.addAsset(Asset(symbol: "USDC", decimals: 6))
        let token = state.addAsset(Asset(symbol: "TKN", decimals: 18))
        let provider = state.addAccount(named: "provider"), trader = state.addAccount(named: "trader")
        for (asset, amount) in [(eth, UInt128(10_000)), (usdc, 40_000_000), (token, 10_000)] {
            let unit = FixedPoint.powerOfTen(state.ledger.assets[asset.index].decimals)
            try state.endow(asset, amount: amount * unit, to: provider)
            try state.endow(asset, amount: amount * unit, to: trader)
        }
        let million = UInt128(1_000_000)
        _ = try state.addPool(name: "eth_usdc", token0: eth, token1: usdc, reserve0: 5_000 * FixedPoint.wad,
                              reserve1: 10_000_000 * million, feePips: 3_000, provider: provider, timestamp: 0)
        _ = try state.addPool(name: "tkn_usdc", token0: token, token1: usdc, reserve0: 5_000 * FixedPoint.wad,
                              reserve1: 5_000 * million, feePips: 3_000, provider: provider, timestamp: 0)
        let spec = ReferenceMarketSpec(
            assets: [ReferenceAsset(symbol: "ETH", initialPrice: 2_000, process: .gbm(drift: 0, volatility: 0.8)),
                     ReferenceAsset(symbol: "USDC", initialPrice: 1, process: .gbm(drift: 0, volatility: 0))],
            blockTime: 12, blockCount: 100)
        let market = try ReferenceMarket(spec: spec, replicationSeed: 3)
        let view = AgentView(state: state, valuation: Valuation(market: market, numeraire: .usd), lastBlock: 0,
                             gasPrice: 1, gas: GasSchedule(), nativeAsset: eth, time: time)
        return (view, trader, market)
    }

    /// The input asset and amount of a noise trade's swap, nil when it sends none.
    static func swapInput(_ transaction: Transaction?, in view: AgentView) -> (input: AssetID, amount: UInt128)? {
        guard let transaction,
              case .swap(let pool, let zeroForOne, .exact(let amount), _) = transaction.steps.first else { return nil }
        return (view.state.pools[pool].assets(zeroForOne: zeroForOne).input, amount)
    }

    @Test("Sized in ETH, it sells the drawn ETH as drawn and buys with the USDC the draw is worth at the reference price")
    func sizedInTheInputOrValued() throws {
        let (view, trader, market) = try Self.view(at: 30.5)
        let eth = AssetID(0)
        let noise = NoiseTrader(name: "noise", account: trader, pools: [0], rate: 1, size: .constant(5), sizeAsset: eth,
                                slippageTolerance: 0.5, priorityFee: 0, replicationSeed: 9)
        var sides = Set<Int>()
        for _ in 0..<40 {
            let trade = try #require(Self.swapInput(noise.trade(view), in: view))
            if trade.input == eth {
                #expect(trade.amount == 5 * FixedPoint.wad)
            } else {
                let worth = 5 * market.price(asset: 0, at: 30.5) / market.price(asset: 1, at: 30.5)
                #expect(trade.amount == TokenUnits.fromDouble(worth, decimals: 6))
            }
            sides.insert(trade.input.index)
        }
        #expect(sides == [0, 1])
    }

    @Test("Sized in a token without a reference price, it sends nothing, selling or buying it")
    func unpricedSizeAsset() throws {
        let (view, trader, _) = try Self.view(at: 30.5)
        let noise = NoiseTrader(name: "noise", account: trader, pools: [1], rate: 1, size: .constant(5), sizeAsset: AssetID(2),
                                slippageTolerance: 0.5, priorityFee: 0, replicationSeed: 9)
        for _ in 0..<20 { #expect(noise.trade(view) == nil) }
        #expect(noise.submitted == 0)
    }
}
