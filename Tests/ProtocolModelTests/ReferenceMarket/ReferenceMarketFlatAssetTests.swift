import Foundation
import GSL
import Testing
@testable import ProtocolModel

@Suite("Reference market: flat assets")
struct ReferenceMarketFlatAssetTests {
    typealias Support = MarketTestSupport

    /// A volatile asset X and a constant one S at 1.000_3 (not an exact double's logarithm),
    /// with `shocks`.
    static func market(shocks: [PriceShock] = []) throws -> ReferenceMarket {
        let spec = ReferenceMarketSpec(
            assets: [ReferenceAsset(symbol: "X", initialPrice: 2_000, process: .gbm(drift: 0, volatility: 0.8)),
                     ReferenceAsset(symbol: "S", initialPrice: 1.000_3, process: .gbm(drift: 0, volatility: 0))],
            shocks: shocks, blockTime: 12, blockCount: 500)
        return try ReferenceMarket(spec: spec, replicationSeed: 5)
    }

    @Test("A constant asset answers, between blocks, the same bits as the full path computes")
    func flatAnswerIsTheFullPathsAnswer() throws {
        let flat = try Self.market()
        // A shock after the last block keeps the asset off the flat answer without moving it:
        // its reads take the interval search, the bridge-free log interpolation and the exp.
        let full = try Self.market(shocks: [PriceShock(at: 6_001, asset: 1, move: 0.5, over: 0)])
        #expect(!flat.flatPrices[1].isNaN)
        #expect(full.flatPrices[1].isNaN)
        #expect(flat.flatPrices[0].isNaN)
        let stream = RandomStream(seed: 11)
        for _ in 0..<2_000 {
            let time = stream.uniform() * 6_000
            // Alternate with the volatile asset, whose reads the flat one must not disturb.
            #expect(flat.price(asset: 0, at: time) == full.price(asset: 0, at: time))
            #expect(flat.price(asset: 1, at: time) == full.price(asset: 1, at: time))
        }
        #expect(flat.price(asset: 1, at: 6_000) == flat.price(asset: 1, block: 500))
    }

    @Test("A last asset that uses no draw keeps its first price at every block, correlated or not, and the asset before it keeps its own path")
    func lastAssetWithoutDraws() throws {
        let volatile = ReferenceAsset(symbol: "X", initialPrice: 2_000, process: .gbm(drift: 0, volatility: 0.8))
        let constant = ReferenceAsset(symbol: "S", initialPrice: 1.000_3, process: .gbm(drift: 0, volatility: 0))
        let alone = try ReferenceMarket(spec: ReferenceMarketSpec(assets: [volatile], blockTime: 12, blockCount: 500), replicationSeed: 5)
        for correlation: [[Double]]? in [nil, [[1, 0.6], [0.6, 1]], [[1, -0.9], [-0.9, 1]]] {
            let market = try ReferenceMarket(
                spec: ReferenceMarketSpec(assets: [volatile, constant], correlation: correlation, blockTime: 12, blockCount: 500),
                replicationSeed: 5)
            for block in 0...500 {
                #expect(market.price(asset: 0, block: block) == alone.price(asset: 0, block: block))
                #expect(market.price(asset: 1, block: block) == 1.000_3)
            }
        }
    }

    @Test("A drifting or shocked asset without volatility is not flat, and still moves")
    func driftAndShocksAreNotFlat() throws {
        let spec = ReferenceMarketSpec(
            assets: [ReferenceAsset(symbol: "D", initialPrice: 1, process: .gbm(drift: 5, volatility: 0)),
                     ReferenceAsset(symbol: "S", initialPrice: 1, process: .gbm(drift: 0, volatility: 0))],
            shocks: [PriceShock(at: 600, asset: 1, move: -0.3, over: 600)], blockTime: 12, blockCount: 500)
        let market = try ReferenceMarket(spec: spec, replicationSeed: 5)
        #expect(market.flatPrices[0].isNaN && market.flatPrices[1].isNaN)
        #expect(market.price(asset: 0, at: 3_000.5) > market.price(asset: 0, block: 250))
        #expect(Support.close(market.price(asset: 1, at: 900), pow(0.7, 0.5)))
    }
}
