import Foundation
import Testing
@testable import ProtocolModel

@Suite("Reference market: correlated assets")
struct ReferenceMarketCorrelationTests {
    typealias Support = MarketTestSupport

    static func twoAssets(correlation: [[Double]]?) -> ReferenceMarketSpec {
        ReferenceMarketSpec(
            assets: [
                ReferenceAsset(symbol: "ETH", initialPrice: 2_000, process: .gbm(drift: 0, volatility: 0.8)),
                ReferenceAsset(symbol: "BTC", initialPrice: 40_000, process: .gbm(drift: 0.05, volatility: 0.5)),
            ],
            correlation: correlation, blockTime: 3_600, blockCount: 2_000
        )
    }

    @Test("Realised correlation of log increments matches the configured one")
    func realisedCorrelation() throws {
        let rho = 0.6
        let market = try ReferenceMarket(spec: Self.twoAssets(correlation: [[1, rho], [rho, 1]]), replicationSeed: 11)
        let increments = (0..<2).map { asset in
            (1...2_000).map { log(market.price(asset: asset, block: $0) / market.price(asset: asset, block: $0 - 1)) }
        }
        let standardError = (1 - rho * rho) / 2_000.0.squareRoot()
        #expect(abs(Support.correlation(increments[0], increments[1]) - rho) < 5 * standardError)
        let independent = try ReferenceMarket(spec: Self.twoAssets(correlation: nil), replicationSeed: 11)
        let independentIncrements = (0..<2).map { asset in
            (1...2_000).map { log(independent.price(asset: asset, block: $0) / independent.price(asset: asset, block: $0 - 1)) }
        }
        #expect(abs(Support.correlation(independentIncrements[0], independentIncrements[1])) < 5 / 2_000.0.squareRoot())
    }

    @Test("Between blocks the bridges of correlated assets are correlated too")
    func bridgeCorrelation() throws {
        let rho = -0.7
        let spec = ReferenceMarketSpec(
            assets: [
                ReferenceAsset(symbol: "A", initialPrice: 1, process: .gbm(drift: 0, volatility: 1)),
                ReferenceAsset(symbol: "B", initialPrice: 1, process: .gbm(drift: 0, volatility: 1)),
            ],
            correlation: [[1, rho], [rho, 1]], blockTime: 60, blockCount: 1
        )
        var residuals: [[Double]] = [[], []]
        for seed in 0..<1_000 {
            let market = try ReferenceMarket(spec: spec, replicationSeed: UInt64(seed))
            for asset in 0..<2 {
                let end = log(market.price(asset: asset, block: 1))
                residuals[asset].append(log(market.price(asset: asset, at: 30)) - end / 2)
            }
        }
        let standardError = (1 - rho * rho) / 1_000.0.squareRoot()
        #expect(abs(Support.correlation(residuals[0], residuals[1]) - rho) < 5 * standardError)
    }

    @Test("A correlation matrix that is not positive definite is rejected")
    func notPositiveDefinite() {
        var spec = Self.twoAssets(correlation: nil)
        spec.assets.append(ReferenceAsset(symbol: "SOL", initialPrice: 100, process: .gbm(drift: 0, volatility: 1)))
        spec.correlation = [[1, 0.9, -0.9], [0.9, 1, 0.9], [-0.9, 0.9, 1]]
        #expect(throws: ReferenceMarketError.correlationNotPositiveDefinite(pivot: 2)) {
            try ReferenceMarket(spec: spec, replicationSeed: 1)
        }
        spec.correlation = [[1, 1.2, 0], [1.2, 1, 0], [0, 0, 1]]
        #expect(throws: ReferenceMarketError.correlationNotPositiveDefinite(pivot: 1)) {
            try ReferenceMarket(spec: spec, replicationSeed: 1)
        }
    }

    @Test("Malformed correlation matrices are rejected with the reason")
    func malformed() {
        #expect(throws: ReferenceMarketError.correlationShape(expected: 2)) {
            try ReferenceMarket(spec: Self.twoAssets(correlation: [[1]]), replicationSeed: 1)
        }
        #expect(throws: ReferenceMarketError.correlationNotSymmetric(row: 1, column: 0)) {
            try ReferenceMarket(spec: Self.twoAssets(correlation: [[1, 0.5], [0.4, 1]]), replicationSeed: 1)
        }
        #expect(throws: ReferenceMarketError.correlationDiagonal(index: 1)) {
            try ReferenceMarket(spec: Self.twoAssets(correlation: [[1, 0.5], [0.5, 0.9]]), replicationSeed: 1)
        }
        let error = ReferenceMarketError.correlationNotPositiveDefinite(pivot: 2)
        #expect(error.description.contains("not positive definite"))
    }
}
