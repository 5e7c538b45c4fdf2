import Foundation
import Testing
@testable import ProtocolModel

@Suite("Reference market: prices between blocks")
struct ReferenceMarketBridgeTests {
    typealias Support = MarketTestSupport

    static let spec = ReferenceMarketSpec(
        assets: [
            ReferenceAsset(symbol: "ETH", initialPrice: 2_000, process: .gbm(drift: 0.1, volatility: 0.9)),
            ReferenceAsset(symbol: "WBTC", initialPrice: 40_000,
                           process: .jumpDiffusion(drift: 0, volatility: 0.5, jumpIntensity: 50, jumpMean: 0, jumpStdDev: 0.05)),
        ],
        correlation: [[1, 0.5], [0.5, 1]], blockTime: 12, blockCount: 100
    )

    @Test("price(at:) at a block's timestamp is exactly the grid price")
    func exactOnGrid() throws {
        let market = try ReferenceMarket(spec: Self.spec, replicationSeed: 3)
        for asset in 0..<2 {
            for block in [0, 1, 17, 99, 100] {
                #expect(market.price(asset: asset, at: Double(block) * 12) == market.price(asset: asset, block: block))
            }
        }
    }

    @Test("price(at:) does not depend on which times were asked before, nor in which order")
    func orderIndependent() throws {
        let times: [Double] = (0..<300).map { (index: Int) -> Double in
            let whole = Double((index * 7_919) % 1_200)
            return whole + 0.37 * Double(index % 5)
        }
        let forward = try ReferenceMarket(spec: Self.spec, replicationSeed: 5)
        let backward = try ReferenceMarket(spec: Self.spec, replicationSeed: 5)
        let fresh = try ReferenceMarket(spec: Self.spec, replicationSeed: 5)
        var forwardValues: [[Double]] = []
        for time in times { forwardValues.append((0..<2).map { forward.price(asset: $0, at: time) }) }
        var backwardValues: [[Double]] = []
        for time in times.reversed() { backwardValues.append((0..<2).map { backward.price(asset: $0, at: time) }) }
        #expect(forwardValues == Array(backwardValues.reversed()))
        // A single late query on a fresh instance agrees too.
        #expect(fresh.price(asset: 1, at: times[150]) == forwardValues[150][1])
        // Between blocks the value is not simply the linear interpolation of the grid.
        let middle = forward.price(asset: 0, at: 6)
        #expect(middle != (forward.price(asset: 0, block: 0) + forward.price(asset: 0, block: 1)) / 2)
    }

    /// At the dyadic points (u = j/16, here 1/4, 1/2, 13/16) the refined bridge has the exact
    /// variance; between two of them, at w of a sub-step of length h = 1/16, the linear
    /// interpolation loses w(1 − w)·h of it.
    @Test("The bridge's variance at fraction u of a block is σ²Δ·u(1 − u), less the interpolation's loss",
          arguments: [0.25, 0.5, 0.75 + 1.0 / 16, 0.375 + 0.5 / 16, 0.75 + 0.25 / 16])
    func bridgeVariance(fraction: Double) throws {
        let volatility = 0.5
        let spec = Support.single(.gbm(drift: 0.2, volatility: volatility), blockTime: 3_600, blockCount: 1)
        let stepYears = 3_600 / Support.year
        var residuals: [Double] = []
        for seed in 0..<2_000 {
            let market = try ReferenceMarket(spec: spec, replicationSeed: UInt64(seed))
            let start = log(market.price(asset: 0, block: 0))
            let end = log(market.price(asset: 0, block: 1))
            residuals.append(log(market.price(asset: 0, at: fraction * 3_600)) - start - fraction * (end - start))
        }
        let subStep = 1 / Double(ReferenceMarket.bridgeSteps)
        let within = (fraction / subStep).truncatingRemainder(dividingBy: 1)
        let exact = fraction * (1 - fraction) - within * (1 - within) * subStep
        let expected = volatility * volatility * stepYears * exact
        let (mean, variance) = Support.moments(residuals)
        #expect(abs(mean) < 5 * (expected / 2_000).squareRoot(), "u = \(fraction)")
        #expect(abs(variance - expected) < 5 * expected * (2 / 1_999.0).squareRoot(), "u = \(fraction)")
    }

    @Test("A jump of a step happens at the end of its interval")
    func jumpAtEndOfInterval() throws {
        // Zero volatility: between blocks only the diffusion drift moves the price.
        let intensity = 2_000.0
        let process = PriceProcess.jumpDiffusion(drift: 0, volatility: 0, jumpIntensity: intensity, jumpMean: 0.01, jumpStdDev: 0)
        let market = try ReferenceMarket(spec: Support.single(process, blockTime: Support.day, blockCount: 20), replicationSeed: 9)
        let stepYears = Support.day / Support.year
        let diffusionDrift = -intensity * expm1(0.01)
        var jumpsSeen = 0
        for block in 0..<20 {
            let start = market.price(asset: 0, block: block)
            let end = market.price(asset: 0, block: block + 1)
            let jumps = (log(end / start) - diffusionDrift * stepYears) / 0.01
            #expect(abs(jumps - jumps.rounded()) < 1e-6, "a whole number of jumps in block \(block)")
            jumpsSeen += Int(jumps.rounded())
            let justBefore = market.price(asset: 0, at: (Double(block) + 0.999) * Support.day)
            #expect(Support.close(justBefore, start * exp(diffusionDrift * stepYears * 0.999), relative: 1e-10))
        }
        #expect(jumpsSeen > 0)
    }
}
