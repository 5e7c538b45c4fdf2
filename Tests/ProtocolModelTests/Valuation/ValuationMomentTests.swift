import GSL
import Testing
@testable import ProtocolModel

@Suite("Valuation at one moment")
struct ValuationMomentTests {
    /// ETH (GBM), USDC (constant) and the LP share of an ETH/USDC pool, plus a token that is
    /// neither a market asset nor a share (valued at 0).
    static func world() throws -> (state: ProtocolState, market: ReferenceMarket, assets: [AssetID]) {
        var state = ProtocolState()
        let eth = state.addAsset(Asset(symbol: "ETH", decimals: 18))
        let usdc = state.addAsset(Asset(symbol: "USDC", decimals: 6))
        let other = state.addAsset(Asset(symbol: "OTHER", decimals: 8))
        let provider = state.addAccount(named: "provider")
        try state.endow(eth, amount: 1_000 * 1_000_000_000_000_000_000, to: provider)
        try state.endow(usdc, amount: 3_000_000 * 1_000_000, to: provider)
        let pool = try state.addPool(name: "eth_usdc", token0: eth, token1: usdc, reserve0: 500 * 1_000_000_000_000_000_000,
                                     reserve1: 1_000_000 * 1_000_000, feePips: 3_000, provider: provider, timestamp: 0)
        let spec = ReferenceMarketSpec(
            assets: [ReferenceAsset(symbol: "ETH", initialPrice: 2_000, process: .gbm(drift: 0, volatility: 0.8)),
                     ReferenceAsset(symbol: "USDC", initialPrice: 1, process: .gbm(drift: 0, volatility: 0))],
            blockTime: 12, blockCount: 20)
        return (state, try ReferenceMarket(spec: spec, replicationSeed: 4), [eth, usdc, other, state.pools[pool].shareAsset])
    }

    @Test("A moment's values equal Valuation.value at its time for every asset, in any order, in USD and in ETH",
          arguments: [Numeraire.usd, .asset(AssetID(0))])
    func equalsUncachedValue(numeraire: Numeraire) throws {
        let (state, market, assets) = try Self.world()
        let valuation = Valuation(market: market, numeraire: numeraire)
        let stream = RandomStream(seed: 21)
        var compared = 0
        for _ in 0..<20 {
            // On the block grid and between blocks.
            let time = stream.bernoulli(0.5) ? Double(stream.uniformInt(21)) * 12 : stream.uniform() * 240
            var moment = Valuation.Moment(valuation, at: time)
            for _ in 0..<30 {
                let asset = assets[stream.uniformInt(assets.count)]
                let raw = stream.bernoulli(0.1) ? 0 : UInt128(stream.uniformInt(1 << 40)) * 1_000_000
                let expected = valuation.value(raw, of: asset, at: time, state: state)
                #expect(moment.value(raw, of: asset, state: state) == expected, "\(asset) × \(raw) at t = \(time)")
                compared += 1
            }
        }
        #expect(compared == 600)
        // The share and the ETH are worth something; the unlisted token nothing.
        var moment = Valuation.Moment(valuation, at: 30)
        #expect(moment.value(1_000_000_000_000_000_000, of: assets[3], state: state) > 0)
        #expect(moment.value(1_000_000_000_000_000_000, of: assets[2], state: state) == 0)
    }

    @Test("A moment's USD prices equal the reference market's at its time, read in any order and mixed with values")
    func usdPricesEqualMarketPrices() throws {
        let (state, market, assets) = try Self.world()
        let valuation = Valuation(market: market, numeraire: .asset(AssetID(0)))
        let stream = RandomStream(seed: 22)
        for _ in 0..<20 {
            let time = stream.bernoulli(0.5) ? Double(stream.uniformInt(21)) * 12 : stream.uniform() * 240
            var moment = Valuation.Moment(valuation, at: time)
            for _ in 0..<30 {
                if stream.bernoulli(0.5) {
                    let index = stream.uniformInt(market.assetCount)
                    #expect(moment.usdPrice(ofMarketAsset: index) == market.price(asset: index, at: time))
                } else {
                    let asset = assets[stream.uniformInt(assets.count)]
                    #expect(moment.price(asset, state: state) == valuation.price(asset, at: time, state: state))
                }
            }
        }
    }
}
