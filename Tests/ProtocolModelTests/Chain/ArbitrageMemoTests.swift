import GSL
import Testing
@testable import ProtocolModel

@Suite("Arbitrage memo")
struct ArbitrageMemoTests {
    /// Random pools (reserves, fee, decimals), prices and swaps over three pool indices, asked of
    /// one memo that is told to forget after each write, in an order that repeats the last
    /// question about half the time (a back-run pair's second check): every answer is a fresh
    /// call's.
    @Test("between writes, a memo's answer is ConstantProductPool.arbitrage(towards:)'s, bit for bit (seed 11)")
    func memoMatchesFreshCalls() throws {
        let stream = RandomStream(seed: 11)
        var memo = ArbitrageMemo()
        var pools = (0..<3).map { _ in Self.randomPool(stream) }
        var index = 0
        var price = pools[index].spotPrice * stream.lognormal(mu: 0, sigma: 0.3)
        var repeats = 0
        for trial in 0..<4_000 {
            switch stream.uniformInt(6) {
            case 0: index = stream.uniformInt(pools.count)
            case 1: price = pools[index].spotPrice * stream.lognormal(mu: 0, sigma: 0.3)
            case 2:
                memo.forget()
                pools[index] = Self.randomPool(stream)
            case 3:
                memo.forget()
                if let trade = pools[index].arbitrage(towards: price) {
                    _ = try? pools[index].swapExactIn(trade.amountIn / 2 + 1, zeroForOne: trade.zeroForOne)
                }
            default: repeats += 1
            }
            let fresh = pools[index].arbitrage(towards: price)
            let remembered = memo.arbitrage(pools[index], index: index, towards: price)
            #expect(remembered?.amountIn == fresh?.amountIn && remembered?.zeroForOne == fresh?.zeroForOne,
                    "seed 11 trial \(trial): memo \(String(describing: remembered)) fresh \(String(describing: fresh))")
        }
        #expect(repeats > 1_000, "seed 11: the repeated questions are asked")
    }

    @Test("a memo answers from memory only the same pool index and price, and nothing after forget()")
    func memoKey() {
        var memo = ArbitrageMemo()
        let pool = ConstantProductPool(reserve0: 1_000_000_000_000_000_000, reserve1: 500_000_000, feePips: 3000,
                                       decimals0: 18, decimals1: 6, timestamp: 0)
        // 3 % fee: 510 lies inside its band around 500, no trade.
        let dear = ConstantProductPool(reserve0: 1_000_000_000_000_000_000, reserve1: 500_000_000, feePips: 30_000,
                                       decimals0: 18, decimals1: 6, timestamp: 0)
        #expect(memo.arbitrage(pool, index: 0, towards: 510)?.zeroForOne == false)
        #expect(memo.arbitrage(dear, index: 1, towards: 510) == nil)
        #expect(memo.arbitrage(pool, index: 1, towards: 490)?.zeroForOne == true)
        // The same index and price: the remembered answer, even of another pool (the caller's
        // duty is to forget on a write).
        #expect(memo.arbitrage(dear, index: 1, towards: 490)?.zeroForOne == true)
        memo.forget()
        #expect(memo.arbitrage(dear, index: 1, towards: 490) == nil)
    }

    /// A pool with random reserves, fee (up to 1 %) and token1 decimals (6 or 18).
    static func randomPool(_ stream: RandomStream) -> ConstantProductPool {
        let decimals1 = stream.uniformInt(2) == 0 ? 6 : 18
        return ConstantProductPool(reserve0: ConstantProductPoolTests.randomRaw(stream, maxShift: 30) + 1_000_000_000_000_000_000_000,
                                   reserve1: ConstantProductPoolTests.randomRaw(stream, maxShift: 30) + 1_000_000_000_000,
                                   feePips: UInt128(stream.uniformInt(10_001)), decimals0: 18, decimals1: decimals1, timestamp: 0)
    }
}
