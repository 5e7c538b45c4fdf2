import Foundation
import Testing
@testable import ProtocolModel

@Suite("Reference market: scheduled shocks")
struct ReferenceMarketShockTests {
    typealias Support = MarketTestSupport

    @Test("A −30 % shock over 10 minutes moves a flat price log-linearly from start to end")
    func gradualShock() throws {
        let shock = PriceShock(at: 600, asset: 0, move: -0.3, over: 600)
        let spec = Support.single(.gbm(drift: 0, volatility: 0), initialPrice: 2_000, shocks: [shock],
                                  blockTime: 12, blockCount: 200)
        let market = try ReferenceMarket(spec: spec, replicationSeed: 1)
        #expect(Support.close(market.price(asset: 0, block: 49), 2_000))
        #expect(Support.close(market.price(asset: 0, block: 50), 2_000))
        #expect(Support.close(market.price(asset: 0, block: 75), 2_000 * 0.7.squareRoot()))
        #expect(Support.close(market.price(asset: 0, at: 750), 2_000 * pow(0.7, 0.25)))
        #expect(Support.close(market.price(asset: 0, block: 100), 1_400))
        #expect(Support.close(market.price(asset: 0, at: 1_500.5), 1_400))
        #expect(Support.close(market.price(asset: 0, block: 200), 1_400))
    }

    @Test("An instantaneous shock takes effect at its time, between blocks too, and shocks multiply")
    func instantaneousShocks() throws {
        let shocks = [
            PriceShock(at: 606, asset: 0, move: 0.5, over: 0),
            PriceShock(at: 1_200, asset: 0, move: -0.5, over: 0),
        ]
        let spec = Support.single(.gbm(drift: 0, volatility: 0), initialPrice: 2_000, shocks: shocks,
                                  blockTime: 12, blockCount: 200)
        let market = try ReferenceMarket(spec: spec, replicationSeed: 1)
        #expect(Support.close(market.price(asset: 0, at: 605.9), 2_000))
        #expect(Support.close(market.price(asset: 0, at: 606), 3_000))
        #expect(Support.close(market.price(asset: 0, block: 50), 2_000))
        #expect(Support.close(market.price(asset: 0, block: 51), 3_000))
        #expect(Support.close(market.price(asset: 0, block: 100), 1_500))
        #expect(Support.close(market.price(asset: 0, at: 1_199.99), 3_000))
    }

    @Test("Shocks multiply the stochastic path and touch only their own asset")
    func shockOnStochasticPath() throws {
        var spec = ReferenceMarketSpec(
            assets: [
                ReferenceAsset(symbol: "A", initialPrice: 10, process: .gbm(drift: 0, volatility: 0.7)),
                ReferenceAsset(symbol: "B", initialPrice: 20, process: .gbm(drift: 0, volatility: 0.7)),
            ],
            blockTime: 12, blockCount: 100
        )
        let plain = try ReferenceMarket(spec: spec, replicationSeed: 4)
        spec.shocks = [PriceShock(at: 300, asset: 1, move: -0.2, over: 120)]
        let shocked = try ReferenceMarket(spec: spec, replicationSeed: 4)
        for time in [100.0, 299.0, 330.5, 360.0, 425.0, 1_000.0] {
            let factor = spec.shocks[0].factor(at: time)
            #expect(shocked.price(asset: 0, at: time) == plain.price(asset: 0, at: time))
            #expect(Support.close(shocked.price(asset: 1, at: time), plain.price(asset: 1, at: time) * factor))
        }
        #expect(Support.close(spec.shocks[0].factor(at: 360), pow(0.8, 0.5)))
    }

    @Test("Invalid shocks are rejected with their index")
    func invalidShocks() {
        let base = Support.single(.gbm(drift: 0, volatility: 0), blockTime: 12, blockCount: 10)
        for shock in [PriceShock(at: 0, asset: 1, move: 0.1, over: 0), PriceShock(at: 0, asset: 0, move: -1, over: 0),
                      PriceShock(at: 0, asset: 0, move: 0.1, over: -5)] {
            var spec = base
            spec.shocks = [shock]
            #expect {
                try ReferenceMarket(spec: spec, replicationSeed: 1)
            } throws: { error in
                (error as? ReferenceMarketError).map { "\($0)".hasPrefix("shock 0:") } ?? false
            }
        }
    }
}
