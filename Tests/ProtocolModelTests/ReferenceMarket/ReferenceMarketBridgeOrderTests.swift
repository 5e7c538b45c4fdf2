import Testing
@testable import ProtocolModel

/// The table of a bridge's draws against a depth-first construction with an explicit stack.
@Suite("Reference market: the table of a bridge's draws")
struct ReferenceMarketBridgeOrderTests {
    @Test("Each draw bisects its sub-interval depth first, with the deviation of its length")
    func tableIsDepthFirst() {
        var expected: [ReferenceMarket.BridgeDraw] = []
        // Sub-intervals still to bisect, the next one last: a midpoint, then its left half,
        // then its right half.
        var pending = [(left: 0, right: ReferenceMarket.bridgeSteps)]
        while let (left, right) = pending.popLast() {
            let step = right - left, half = step / 2
            guard half > 0 else { continue }
            // √(step/16)/2: the conditional deviation of the midpoint of `step` sub-steps.
            let deviation = (Double(step) / Double(ReferenceMarket.bridgeSteps)).squareRoot() / 2
            expected.append(.init(left: left, point: left + half, right: right, standardDeviation: deviation))
            pending.append((left + half, right))
            pending.append((left, left + half))
        }
        #expect(ReferenceMarket.bridgeOrder == expected)
    }

    @Test("A point is set by the draw drawsThrough(point:) counts to, and its neighbours are set before it")
    func neighboursComeFirst() {
        var set: Set<Int> = [0, ReferenceMarket.bridgeSteps]
        for (place, draw) in ReferenceMarket.bridgeOrder.enumerated() {
            #expect(ReferenceMarket.drawsThrough(point: draw.point) == place + 1, "point \(draw.point)")
            #expect(set.contains(draw.left) && set.contains(draw.right), "point \(draw.point)")
            #expect(set.insert(draw.point).inserted, "point \(draw.point) set twice")
        }
        #expect(set.count == ReferenceMarket.bridgePoints)
    }

    @Test("A market's table of draw counts is drawsThrough(point:) at every interior point, 0 at the ends")
    func drawCountsFollowTheFormula() throws {
        let spec = MarketTestSupport.single(.gbm(drift: 0, volatility: 0.8), blockTime: 12, blockCount: 4)
        let market = try ReferenceMarket(spec: spec, replicationSeed: 1)
        let steps = ReferenceMarket.bridgeSteps
        #expect(market.drawCounts == [0] + (1..<steps).map { ReferenceMarket.drawsThrough(point: $0) } + [0])
    }
}
