import Foundation
import GSL
import Testing
@testable import ProtocolModel

/// The cached, partly skipped bridge refinement against a plain one that draws every asset's
/// bridge into a fresh array and correlates it point by point (the documented construction).
@Suite("Reference market: the refined bridge equals the plain construction")
struct ReferenceMarketBridgeReferenceTests {
    static let gbm = PriceProcess.gbm(drift: 0.05, volatility: 0.8)
    static let constant = PriceProcess.gbm(drift: 0, volatility: 0)
    static let jumps = PriceProcess.jumpDiffusion(drift: 0, volatility: 0.5, jumpIntensity: 40, jumpMean: 0, jumpStdDev: 0.05)

    /// Asset lists covering: a trailing constant asset (not drawn), a leading constant asset
    /// (drawn: a later asset needs its place in the substream), a constant asset between two
    /// stochastic ones, correlated and independent drivers, and no diffusion at all.
    static let cases: [(name: String, processes: [PriceProcess], correlation: [[Double]]?)] = [
        ("GBM then constant", [gbm, constant], nil),
        ("constant then GBM, correlated", [constant, gbm], [[1, 0.3], [0.3, 1]]),
        ("GBM, constant, jump diffusion, correlated", [gbm, constant, jumps],
         [[1, 0.2, 0.5], [0.2, 1, -0.1], [0.5, -0.1, 1]]),
        ("constant only", [constant, constant], nil),
    ]

    /// The price of `asset` at `time` from a plain refinement of its interval.
    static func plainPrice(_ market: ReferenceMarket, asset: Int, at time: Double) -> Double {
        var block = Int((time / market.blockTime).rounded(.down))
        if Double(block) * market.blockTime > time { block -= 1 }
        if block < market.blockCount, Double(block + 1) * market.blockTime <= time { block += 1 }
        let start = Double(block) * market.blockTime
        if start == time || block >= market.blockCount { return market.price(asset: asset, block: block) }
        let shock = ReferenceMarket.shockFactor(market.shocksByAsset[asset], at: time)
        let fraction = (time - start) / market.blockTime
        let row = asset * market.gridPoints + block
        let diffusion = market.logBase[row + 1] - market.logBase[row] - market.logJumps[asset * market.blockCount + block]
        // The move is applied to the interval's unshocked start price (the grid's own,
        // checked in ReferenceMarketConfiguredPriceTests).
        var logMove = fraction * diffusion
        let scale = market.bridgeScales[asset]
        if scale > 0 {
            let steps = ReferenceMarket.bridgeSteps, points = ReferenceMarket.bridgePoints
            let stream = RandomStream(seed: SeedDerivation.mix(market.bridgeSeed, UInt64(block)))
            var independent = [Double](repeating: 0, count: market.assetCount * points)
            // Depth first: a sub-interval's midpoint, then its left half, then its right half.
            func bisect(_ left: Int, _ right: Int) {
                let half = (right - left) / 2
                guard half > 0 else { return }
                let standardDeviation = (Double(right - left) / Double(steps)).squareRoot() / 2
                independent[left + half] = (independent[left] + independent[right]) / 2
                    + standardDeviation * stream.standardNormal()
                bisect(left, left + half)
                bisect(left + half, right)
            }
            for drawn in 0..<market.assetCount { bisect(drawn * points, drawn * points + steps) }
            let position = fraction * Double(steps)
            let index = min(Int(position), steps - 1)
            let left = market.factor.correlate(row: asset, independent, base: index, stride: points)
            let right = market.factor.correlate(row: asset, independent, base: index + 1, stride: points)
            logMove += scale * (left + (position - Double(index)) * (right - left))
        }
        return market.basePrices[row] * exp(logMove) * shock
    }

    @Test("Prices between blocks equal the plain refinement's bit for bit, whatever the query order",
          arguments: 0..<4)
    func equalsPlainRefinement(caseIndex: Int) throws {
        let (name, processes, correlation) = Self.cases[caseIndex]
        let assets = processes.enumerated().map { ReferenceAsset(symbol: "A\($0.offset)", initialPrice: 100, process: $0.element) }
        let spec = ReferenceMarketSpec(
            assets: assets, correlation: correlation,
            shocks: [PriceShock(at: 300, asset: 0, move: -0.2, over: 120)], blockTime: 12, blockCount: 50)
        let market = try ReferenceMarket(spec: spec, replicationSeed: 17)
        let stream = RandomStream(seed: 99)
        var checked = 0
        for query in 0..<600 {
            // Runs of queries inside one interval, then jumps to another: both cache paths.
            let time = query % 6 == 0 ? Double(stream.uniformInt(50)) * 12 : stream.uniform() * 600
            let asset = stream.uniformInt(processes.count)
            let expected = Self.plainPrice(market, asset: asset, at: time)
            #expect(market.price(asset: asset, at: time) == expected, "\(name): asset \(asset) at t = \(time)")
            // Asked again at once (the remembered answer) and after another asset.
            #expect(market.price(asset: asset, at: time) == expected, "\(name): repeated, asset \(asset) at t = \(time)")
            _ = market.price(asset: (asset + 1) % processes.count, at: time)
            #expect(market.price(asset: asset, at: time) == expected, "\(name): after another, asset \(asset) at t = \(time)")
            checked += 1
        }
        #expect(checked == 600)
        #expect(market.bridgedAssets == (processes.lastIndex { $0.diffusionVolatility > 0 } ?? -1) + 1, "\(name)")
    }
}
