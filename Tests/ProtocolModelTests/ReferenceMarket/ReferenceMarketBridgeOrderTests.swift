import Testing
@testable import ProtocolModel

/// The table of a bridge's draws against the level-by-level construction it replaces.
@Suite("Reference market: the table of a bridge's draws")
struct ReferenceMarketBridgeOrderTests {
    @Test("Each draw bisects its sub-interval in level order, with the deviation of its level")
    func tableFollowsLevels() {
        var expected: [ReferenceMarket.BridgeDraw] = []
        var step = ReferenceMarket.bridgeSteps
        while step > 1 {
            let half = step / 2
            // √(step/16)/2: the conditional deviation of the midpoint of `step` sub-steps.
            let deviation = (Double(step) / Double(ReferenceMarket.bridgeSteps)).squareRoot() / 2
            for left in stride(from: 0, to: ReferenceMarket.bridgeSteps, by: step) {
                expected.append(.init(left: left, point: left + half, right: left + step, standardDeviation: deviation))
            }
            step = half
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
}
