import Foundation
import Testing
@testable import ProtocolModel

@Suite("Reference market: configured prices read back exactly")
struct ReferenceMarketConfiguredPriceTests {
    /// Prices whose logarithm's exponential is not the price itself in double precision.
    static let inexact: [Double] = [3_000, 2_000, 100, 30_000, 0.038_2]

    @Test("exp(log p) differs from p for these prices, so the test can fail")
    func theCasesAreInexact() {
        for price in Self.inexact { #expect(exp(log(price)) != price) }
    }

    @Test("A GBM asset's block-0 price, and every read at time 0, is the configured price")
    func gbmStartsAtTheConfiguredPrice() throws {
        for price in Self.inexact {
            let spec = MarketTestSupport.single(.gbm(drift: 0.1, volatility: 0.8), initialPrice: price, blockTime: 12, blockCount: 50)
            let market = try ReferenceMarket(spec: spec, replicationSeed: 3)
            #expect(market.price(asset: 0, block: 0) == price)
            #expect(market.price(asset: 0, at: 0) == price)
        }
    }

    @Test("A constant asset reads its configured price at every block and between blocks, before and after a shock's window")
    func constantAssetKeepsItsPrice() throws {
        for price in Self.inexact {
            // The shock keeps the asset off the flat answer: its reads take the grid and the
            // between-block path.
            let spec = MarketTestSupport.single(.gbm(drift: 0, volatility: 0), initialPrice: price,
                                                shocks: [PriceShock(at: 300, asset: 0, move: -0.5, over: 60)],
                                                blockTime: 12, blockCount: 50)
            let market = try ReferenceMarket(spec: spec, replicationSeed: 3)
            #expect(market.flatPrices[0].isNaN)
            for block in 0...24 { #expect(market.price(asset: 0, block: block) == price) }
            for time in [0.5, 6, 11.999, 150.25, 299.9] { #expect(market.price(asset: 0, at: time) == price) }
            // After the window the price is half of it (the shock's factor, exactly 0.5).
            #expect(market.price(asset: 0, block: 40) == price * 0.5)
            #expect(market.price(asset: 0, at: 481.5) == price * 0.5)
        }
    }

    @Test("Between blocks a GBM price stays within its bridge's reach of the interval's start (continuity at the grid)")
    func betweenBlocksApproachesTheGrid() throws {
        let spec = MarketTestSupport.single(.gbm(drift: 0, volatility: 0.8), initialPrice: 3_000, blockTime: 12, blockCount: 50)
        let market = try ReferenceMarket(spec: spec, replicationSeed: 9)
        for block in 0..<50 {
            let start = market.price(asset: 0, block: block), end = market.price(asset: 0, block: block + 1)
            let justAfter = market.price(asset: 0, at: Double(block) * 12 + 1e-9)
            let justBefore = market.price(asset: 0, at: Double(block + 1) * 12 - 1e-9)
            #expect(abs(justAfter / start - 1) < 1e-9)
            #expect(abs(justBefore / end - 1) < 1e-9)
        }
    }
}

extension ReferenceMarketConfiguredPriceTests {
    @Test("The unshocked grid is the configured price at block 0, then exp of the log path (the block before's price where the log did not move)")
    func unshockedGrid() throws {
        let spec = ReferenceMarketSpec(
            assets: [ReferenceAsset(symbol: "X", initialPrice: 3_000, process: .gbm(drift: 0, volatility: 0.8)),
                     ReferenceAsset(symbol: "S", initialPrice: 0.038_2, process: .gbm(drift: 0, volatility: 0))],
            blockTime: 12, blockCount: 40)
        let market = try ReferenceMarket(spec: spec, replicationSeed: 4)
        for asset in 0..<2 {
            let row = asset * market.gridPoints
            #expect(market.basePrices[row] == spec.assets[asset].initialPrice)
            for block in 1...40 {
                let log = market.logBase[row + block]
                let expected = log == market.logBase[row + block - 1] ? market.basePrices[row + block - 1] : exp(log)
                #expect(market.basePrices[row + block] == expected)
            }
        }
        #expect(market.basePrices[market.gridPoints + 40] == 0.038_2)
    }
}
