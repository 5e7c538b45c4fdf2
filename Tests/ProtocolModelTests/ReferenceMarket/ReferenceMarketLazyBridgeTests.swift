import Foundation
import GSL
import Testing
@testable import ProtocolModel

/// The bridge is drawn only as far into its substream as the prices read need; reading further
/// later in the same interval continues the substream where it stopped.
@Suite("Reference market: bridges drawn as far as read")
struct ReferenceMarketLazyBridgeTests {
    @Test("A point's place in the substream follows the depth-first order 8; 4; 2; 1, 3; 6; 5, 7; 12; …")
    func drawOrder() {
        let order = [8, 4, 2, 1, 3, 6, 5, 7, 12, 10, 9, 11, 14, 13, 15]
        #expect(ReferenceMarket.bridgeOrder.map(\.point) == order)
        for (place, point) in order.enumerated() {
            #expect(ReferenceMarket.drawsThrough(point: point) == place + 1, "point \(point)")
        }
    }

    @Test("Within one interval, reads that go forward, back, and to a later asset equal the plain refinement bit for bit",
          arguments: [false, true])
    func extendsWithinInterval(correlated: Bool) throws {
        let gbm = PriceProcess.gbm(drift: 0.05, volatility: 0.8)
        let assets = (0..<3).map { ReferenceAsset(symbol: "A\($0)", initialPrice: 100, process: gbm) }
        let correlation: [[Double]]? = correlated ? [[1, 0.4, 0.2], [0.4, 1, -0.3], [0.2, -0.3, 1]] : nil
        let spec = ReferenceMarketSpec(assets: assets, correlation: correlation, shocks: [], blockTime: 12, blockCount: 20)
        let market = try ReferenceMarket(spec: spec, replicationSeed: 5)
        // Interval 7 (84 s to 96 s): the first sub-step, the middle, back to an early point, the
        // last sub-step, on assets in an order that needs more of the substream each time but once.
        let reads: [(asset: Int, offset: Double)] = [
            (0, 0.1), (0, 6.05), (1, 0.4), (0, 2.9), (2, 11.95), (0, 11.99), (1, 7.3), (2, 0.2),
        ]
        for (asset, offset) in reads {
            let time = 84 + offset
            let expected = ReferenceMarketBridgeReferenceTests.plainPrice(market, asset: asset, at: time)
            #expect(market.price(asset: asset, at: time) == expected, "asset \(asset) at t = \(time)")
        }
        #expect(market.cachedInterval == 7 && market.drawnCount == 3 * 15)
        // Another interval starts its own substream; coming back restarts interval 7's.
        _ = market.price(asset: 0, at: 100)
        #expect(market.cachedInterval == 8 && market.drawnCount < 15)
        let time = 84 + 5.5
        #expect(market.price(asset: 2, at: time) == ReferenceMarketBridgeReferenceTests.plainPrice(market, asset: 2, at: time))
    }
}
