import GSL
import Testing
@testable import ProtocolModel

@Suite("Reference market: the resting factor of an asset's shocks")
struct ShockWindowTests {
    /// Shock lists covering none, one gradual move, a jump, overlapping and disjoint moves.
    static let cases: [(name: String, shocks: [PriceShock])] = [
        ("no shock", []),
        ("one gradual fall", [PriceShock(at: 600, asset: 0, move: -0.3, over: 3_600)]),
        ("one jump", [PriceShock(at: 606, asset: 0, move: 0.5, over: 0)]),
        ("a jump inside a move, then a later move", [
            PriceShock(at: 1_000, asset: 0, move: -0.2, over: 500),
            PriceShock(at: 1_200, asset: 0, move: 0.37, over: 0),
            PriceShock(at: 4_000, asset: 0, move: -0.11, over: 60),
        ]),
    ]

    @Test("Outside the window the resting factor is the shocks' product bit for bit; inside it is nil",
          arguments: 0..<4)
    func restingFactorEqualsProduct(caseIndex: Int) {
        let (name, shocks) = Self.cases[caseIndex]
        let window = ShockWindow(shocks)
        let stream = RandomStream(seed: 5)
        var outside = 0, inside = 0
        for query in 0..<2_000 {
            // Random times, plus every shock's own bounds, where the comparisons flip.
            let bounds = shocks.flatMap { [$0.at, $0.at + $0.over] }
            let time = query < bounds.count ? bounds[query] : stream.uniform() * 6_000
            let product = ReferenceMarket.shockFactor(shocks, at: time)
            if let resting = window.restingFactor(at: time) {
                #expect(resting == product, "\(name): t = \(time)")
                outside += 1
            } else {
                // Inside the window some shock has started and some move is not over.
                #expect(shocks.contains { time >= $0.at }, "\(name): t = \(time)")
                #expect(shocks.contains { $0.over > 0 && time < $0.at + $0.over }, "\(name): t = \(time)")
                inside += 1
            }
        }
        #expect(outside > 0)
        // Only a gradual move has times inside the window.
        #expect((inside > 0) == shocks.contains { $0.over > 0 }, "\(name)")
    }

    @Test("A market's prices between blocks before, during and after a shock equal the factors' product")
    func marketPricesUseTheWindow() throws {
        let shock = PriceShock(at: 300, asset: 0, move: -0.2, over: 120)
        var spec = ReferenceMarketSpec(
            assets: [ReferenceAsset(symbol: "A", initialPrice: 10, process: .gbm(drift: 0, volatility: 0.7))],
            blockTime: 12, blockCount: 100)
        let plain = try ReferenceMarket(spec: spec, replicationSeed: 4)
        spec.shocks = [shock]
        let shocked = try ReferenceMarket(spec: spec, replicationSeed: 4)
        for time in [100.5, 299.9, 300.5, 359.0, 419.9, 420.5, 1_000.1] {
            #expect(shocked.price(asset: 0, at: time) == plain.price(asset: 0, at: time) * shock.factor(at: time),
                    "t = \(time)")
        }
    }
}
