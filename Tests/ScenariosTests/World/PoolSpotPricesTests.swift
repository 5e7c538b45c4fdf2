import GSL
import ProtocolModel
import Testing
@testable import Scenarios

/// The world's kept spot prices answer what the pools compute.
@Suite("Pool spot prices kept by the world")
struct PoolSpotPricesTests {
    @Test("the kept price of each pool is its spot price, bit for bit, over random reserve changes (seeds 1…6)")
    func keptPriceIsTheSpotPrice() {
        for seed: UInt64 in 1...6 {
            let stream = RandomStream(seed: seed)
            let kept = PoolSpotPrices(count: 5)
            func random() -> UInt128 { UInt128(stream.uniform() * 0x1p53) << stream.uniformInt(60) }
            var pools = (0..<5).map { index in
                ConstantProductPool(reserve0: random() + 1, reserve1: random() + 1, feePips: 3000,
                                    decimals0: [18, 6, 8, 0, 36][index], decimals1: 6, timestamp: 0)
            }
            for _ in 0..<200 {
                // Some pools change, some keep their reserves (kept), some are emptied.
                for index in pools.indices where stream.bernoulli(0.3) {
                    pools[index].reserve0 = stream.bernoulli(0.1) ? 0 : random()
                    pools[index].reserve1 = stream.bernoulli(0.5) ? pools[index].reserve1 : random()
                }
                for index in pools.indices {
                    let price = kept.price(of: pools[index], at: index)
                    #expect(price.bitPattern == pools[index].spotPrice.bitPattern)
                }
            }
        }
    }
}
