import Foundation
import Testing
@testable import ProtocolModel

@Suite("Reference market: seeds and draw order")
struct ReferenceMarketSeedTests {
    static let eth = ReferenceAsset(symbol: "ETH", initialPrice: 2_000, process: .gbm(drift: 0.05, volatility: 0.8))
    static let btc = ReferenceAsset(
        symbol: "BTC", initialPrice: 40_000,
        process: .jumpDiffusion(drift: 0, volatility: 0.6, jumpIntensity: 100, jumpMean: -0.01, jumpStdDev: 0.03)
    )
    static let sol = ReferenceAsset(symbol: "SOL", initialPrice: 100, process: .gbm(drift: 0, volatility: 1.2))
    static let times = [0.0, 5, 12, 17.5, 600, 1_199.9]

    static func spec(_ assets: [ReferenceAsset], correlation: [[Double]]? = nil) -> ReferenceMarketSpec {
        ReferenceMarketSpec(assets: assets, correlation: correlation, blockTime: 12, blockCount: 100)
    }

    /// Grid and between-block prices of `asset`.
    static func path(_ market: ReferenceMarket, asset: Int) -> [Double] {
        (0...100).map { market.price(asset: asset, block: $0) } + times.map { market.price(asset: asset, at: $0) }
    }

    @Test("Two markets with the same seed are identical; different seeds differ")
    func sameSeedSamePath() throws {
        let spec = Self.spec([Self.eth, Self.btc], correlation: [[1, 0.3], [0.3, 1]])
        let first = try ReferenceMarket(spec: spec, replicationSeed: 42)
        let second = try ReferenceMarket(spec: spec, replicationSeed: 42)
        let other = try ReferenceMarket(spec: spec, replicationSeed: 43)
        for asset in 0..<2 {
            #expect(Self.path(first, asset: asset) == Self.path(second, asset: asset))
            #expect(Self.path(first, asset: asset) != Self.path(other, asset: asset))
        }
    }

    @Test("Appending an uncorrelated asset at the end leaves the existing paths unchanged")
    func appendUncorrelated() throws {
        let before = try ReferenceMarket(spec: Self.spec([Self.eth, Self.btc]), replicationSeed: 8)
        let after = try ReferenceMarket(spec: Self.spec([Self.eth, Self.btc, Self.sol]), replicationSeed: 8)
        for asset in 0..<2 { #expect(Self.path(before, asset: asset) == Self.path(after, asset: asset)) }
        #expect(after.assetIndex(symbol: "SOL") == 2 && after.assetIndex(symbol: "DOGE") == nil)
    }

    @Test("Appending a correlated asset at the end leaves the existing correlated paths unchanged")
    func appendCorrelated() throws {
        let before = try ReferenceMarket(
            spec: Self.spec([Self.eth, Self.btc], correlation: [[1, 0.4], [0.4, 1]]), replicationSeed: 8)
        let after = try ReferenceMarket(
            spec: Self.spec([Self.eth, Self.btc, Self.sol], correlation: [[1, 0.4, 0.2], [0.4, 1, -0.3], [0.2, -0.3, 1]]),
            replicationSeed: 8)
        for asset in 0..<2 {
            let old = Self.path(before, asset: asset)
            let new = Self.path(after, asset: asset)
            for index in old.indices { #expect(MarketTestSupport.close(new[index], old[index], relative: 1e-13)) }
        }
    }

    @Test("Inserting an asset before another changes that asset's path")
    func insertChangesLaterAssets() throws {
        let before = try ReferenceMarket(spec: Self.spec([Self.eth]), replicationSeed: 8)
        let after = try ReferenceMarket(spec: Self.spec([Self.sol, Self.eth]), replicationSeed: 8)
        #expect(Self.path(before, asset: 0) != Self.path(after, asset: 1))
    }

    @Test("Invalid market specifications are rejected")
    func invalidSpecs() {
        #expect(throws: ReferenceMarketError.noAssets) { try ReferenceMarket(spec: Self.spec([]), replicationSeed: 1) }
        var spec = Self.spec([Self.eth])
        spec.blockTime = 0
        #expect(throws: ReferenceMarketError.invalidBlockTime(0)) { try ReferenceMarket(spec: spec, replicationSeed: 1) }
        spec = Self.spec([ReferenceAsset(symbol: "Z", initialPrice: 1, process: .gbm(drift: 0, volatility: -1))])
        #expect(throws: ReferenceMarketError.invalidAsset(symbol: "Z", reason: "volatility must be finite and ≥ 0")) {
            try ReferenceMarket(spec: spec, replicationSeed: 1)
        }
        spec = Self.spec([ReferenceAsset(symbol: "Z", initialPrice: 0, process: .gbm(drift: 0, volatility: 1))])
        #expect(throws: ReferenceMarketError.invalidAsset(symbol: "Z", reason: "initial price 0.0 must be finite and > 0")) {
            try ReferenceMarket(spec: spec, replicationSeed: 1)
        }
    }
}
