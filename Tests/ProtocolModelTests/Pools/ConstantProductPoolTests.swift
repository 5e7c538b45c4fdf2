import GSL
import Testing
@testable import ProtocolModel

@Suite("Constant-product pool")
struct ConstantProductPoolTests {
    static let wad: UInt128 = 1_000_000_000_000_000_000

    /// The ETH/WBTC Uniswap v2 pool of bZx #1 (Qin et al.): 2,817.77 ETH (18 decimals) against
    /// 77.09 WBTC (8 decimals), fee 0.3 %.
    static func bzxPool() -> ConstantProductPool {
        ConstantProductPool(reserve0: 2_817_770_000_000_000_000_000, reserve1: 7_709_000_000,
                            feePips: 3000, decimals0: 18, decimals1: 8, timestamp: 0)
    }

    @Test("bZx #1: 5,637.62 ETH in gives 51.348 WBTC out, then 112 WBTC in gives 6,871.34 ETH out")
    func bzxHandValues() throws {
        var pool = Self.bzxPool()
        // Python integers: 5637.62e18·997000·7709e6 // (2817.77e18·10^6 + 5637.62e18·997000)
        let wbtcOut = try pool.swapExactIn(5_637_620_000_000_000_000_000, zeroForOne: true)
        #expect(wbtcOut == 5_134_816_463)  // 51.34816463 WBTC
        #expect(pool.reserve0 == 8_455_390_000_000_000_000_000)
        #expect(pool.reserve1 == 2_574_183_537)
        let ethOut = try pool.swapExactIn(11_200_000_000, zeroForOne: false)
        #expect(ethOut == 6_871_343_319_718_576_519_724)  // 6,871.34… ETH
        #expect(TokenUnits.format(ethOut, decimals: 18) == "6871.343319718576519724")
    }

    @Test("getAmountIn matches Python big integers on 300 fixture cases")
    func amountInFixture() throws {
        var checked = 0
        for line in MulDivFixture.text.split(separator: "\n") where line.hasPrefix("amountin ") {
            let f = line.split(separator: " ").map(String.init)
            let (out, rIn, rOut, fee) = (UInt128(f[1])!, UInt128(f[2])!, UInt128(f[3])!, UInt128(f[4])!)
            if f[5] == "overflow" {
                #expect(throws: ArithmeticError.overflow, "\(line)") {
                    try ConstantProductPool.amountIn(amountOut: out, reserveIn: rIn, reserveOut: rOut, feePips: fee)
                }
            } else {
                #expect(try ConstantProductPool.amountIn(amountOut: out, reserveIn: rIn, reserveOut: rOut, feePips: fee) == UInt128(f[5])!, "\(line)")
            }
            checked += 1
        }
        #expect(checked == 300)
    }

    @Test("amountOut equals getAmountOut through mulDiv, errors included, on 20,000 random and boundary inputs (seed 13)")
    func amountOutMatchesMulDiv() {
        func result(_ body: () throws(ArithmeticError) -> UInt128) -> Result<UInt128, ArithmeticError> {
            do { return .success(try body()) } catch { return .failure(error) }
        }
        let stream = RandomStream(seed: 13)
        let fees: [UInt128] = [0, 1, 3000, 999_999, 1_000_000, 1_000_001]
        var outcomes = (quoted: 0, overflow: 0, divisionByZero: 0)
        for _ in 0..<20_000 {
            // Operands of every size, shifted down often enough that most quotes succeed.
            func operand() -> UInt128 {
                switch stream.uniformInt(6) {
                case 0: return UInt128(stream.uniformInt(3))
                default: return WideArithmeticTests.operand(stream) >> UInt128(stream.uniformInt(100))
                }
            }
            let amountIn = operand(), reserveIn = operand(), reserveOut = operand()
            let fee = stream.uniformInt(2) == 0 ? fees[stream.uniformInt(fees.count)] : UInt128(stream.uniformInt(1_000_000))
            let quoted = result { () throws(ArithmeticError) in
                try ConstantProductPool.amountOut(amountIn: amountIn, reserveIn: reserveIn, reserveOut: reserveOut, feePips: fee)
            }
            let reference = result { () throws(ArithmeticError) in
                let withFee = try FixedPoint.multiply(amountIn, try FixedPoint.subtract(1_000_000, fee))
                let denominator = try FixedPoint.add(try FixedPoint.multiply(reserveIn, 1_000_000), withFee)
                return try FixedPoint.mulDiv(withFee, reserveOut, denominator, rounding: .down)
            }
            #expect(quoted == reference, "\(amountIn) in, reserves \(reserveIn) / \(reserveOut), fee \(fee)")
            switch reference {
            case .success: outcomes.quoted += 1
            case .failure(.overflow): outcomes.overflow += 1
            case .failure(.divisionByZero): outcomes.divisionByZero += 1
            case .failure: break
            }
        }
        #expect(outcomes.quoted > 5_000 && outcomes.overflow > 100 && outcomes.divisionByZero > 10, "\(outcomes)")
    }

    @Test("amountOut(amountIn(x)) ≥ x, and two raw units less input buy less than x (seed 11)")
    func quoteConsistency() throws {
        let stream = RandomStream(seed: 11)
        for trial in 0..<2000 {
            // Reserves < 2^93 and x ≤ 99.9 % of the reserve keep amountIn·10^6 below 2^128.
            let reserveIn = Self.randomRaw(stream, maxShift: 40) + 1
            let reserveOut = Self.randomRaw(stream, maxShift: 40) + 2
            let fee = UInt128(stream.uniformInt(30_001))
            let wanted = UInt128(stream.uniform() * 0.999 * Double(reserveOut - 1)) + 1
            let x = min(wanted, reserveOut - 1)
            let input = try ConstantProductPool.amountIn(amountOut: x, reserveIn: reserveIn, reserveOut: reserveOut, feePips: fee)
            let output = try ConstantProductPool.amountOut(amountIn: input, reserveIn: reserveIn, reserveOut: reserveOut, feePips: fee)
            #expect(output >= x, "seed 11 trial \(trial): in \(input) out \(output) < \(x)")
            // One raw unit less input must not buy x: amountIn is the least sufficient input up to Uniswap's +1.
            let less = try ConstantProductPool.amountOut(amountIn: input - 2, reserveIn: reserveIn, reserveOut: reserveOut, feePips: fee)
            #expect(input < 2 || less < x, "seed 11 trial \(trial)")
        }
        #expect(throws: ArithmeticError.underflow) {
            try ConstantProductPool.amountIn(amountOut: 10, reserveIn: 10, reserveOut: 10, feePips: 3000)
        }
    }

    @Test("k = reserve0·reserve1 never decreases over random swap sequences (seeds 1…8)")
    func invariantNeverDecreases() throws {
        for seed: UInt64 in 1...8 {
            let stream = RandomStream(seed: seed)
            var pool = ConstantProductPool(reserve0: Self.randomRaw(stream, maxShift: 70) + 1_000_000,
                                           reserve1: Self.randomRaw(stream, maxShift: 70) + 1_000_000,
                                           feePips: UInt128(stream.uniformInt(10_001)), decimals0: 18, decimals1: 6, timestamp: 0)
            for step in 0..<300 {
                let before = pool.invariant
                let zeroForOne = stream.bernoulli(0.5)
                let reserveIn = zeroForOne ? pool.reserve0 : pool.reserve1
                let reserveOut = zeroForOne ? pool.reserve1 : pool.reserve0
                let saved = pool
                do {
                    if stream.bernoulli(0.5) {
                        _ = try pool.swapExactIn(UInt128(stream.uniform() * Double(reserveIn)) + 1, zeroForOne: zeroForOne)
                    } else {
                        _ = try pool.swapExactOut(UInt128(stream.uniform() * 0.9 * Double(reserveOut)) + 1, zeroForOne: zeroForOne)
                    }
                } catch {
                    #expect(pool == saved, "seed \(seed) step \(step): a reverted swap changed state")
                }
                let after = pool.invariant
                #expect(after.high > before.high || (after.high == before.high && after.low >= before.low),
                        "seed \(seed) step \(step): k decreased")
            }
        }
    }

    @Test("Swaps revert without state change on zero amounts and on the whole reserve")
    func swapReverts() throws {
        var pool = ConstantProductPool(reserve0: 1000, reserve1: 1000, feePips: 3000, decimals0: 0, decimals1: 0, timestamp: 0)
        let saved = pool
        #expect(throws: PoolError.zeroAmount) { try pool.swapExactIn(0, zeroForOne: true) }
        #expect(throws: PoolError.zeroAmount) { try pool.swapExactIn(1, zeroForOne: true) }  // ⌊997·1000/1000997⌋ = 0
        #expect(throws: PoolError.insufficientLiquidity) { try pool.swapExactOut(1000, zeroForOne: true) }
        #expect(throws: PoolError.arithmetic(.overflow)) { try pool.swapExactIn(.max, zeroForOne: true) }
        #expect(pool == saved)
        // 100 out of 1000/1000 costs ⌊1000·100·10^6/(900·997000)⌋ + 1 = 111 + 1.
        #expect(try pool.swapExactOut(100, zeroForOne: true) == 112)
        #expect(pool.reserve0 == 1112 && pool.reserve1 == 900)
    }

    @Test("Accumulators integrate the closing price of previous blocks over a hand-made block sequence")
    func accumulators() throws {
        // 1000 / 2000 tokens, 18 decimals both, fee 0.3 %, created at t = 0; blocks every 12 s.
        var pool = ConstantProductPool(reserve0: 1000 * Self.wad, reserve1: 2000 * Self.wad,
                                       feePips: 3000, decimals0: 18, decimals1: 18, timestamp: 0)
        // Block 1 (t = 12): price0 = 2 wad, price1 = 0.5 wad for 12 s → 24 wad, 6 wad.
        pool.accrue(timestamp: 12)
        #expect(pool.price0Cumulative == 24 * Self.wad && pool.price1Cumulative == 6 * Self.wad)
        // Swap 10 token0 in: out = ⌊10e18·997000·2000e18/(1000e18·10^6 + 10e18·997000)⌋
        //   = 19_743_160_687_941_225_977 → reserves 1010e18 / 1_980_256_839_312_058_774_023.
        #expect(try pool.swapExactIn(10 * Self.wad, zeroForOne: true) == 19_743_160_687_941_225_977)
        pool.accrue(timestamp: 12)  // a second touch in block 1: no change
        #expect(pool.price0Cumulative == 24 * Self.wad)
        // Block 2 (t = 24): price0 = ⌊1980.2568…e18·10^18/1010e18⌋ = 1_960_650_335_952_533_439,
        // price1 = ⌊1010e18·10^18/1980.2568…e18⌋ = 510_034_849_999_999_999; ×12 added:
        //   C0 = 24e18 + 23_527_804_031_430_401_268 = 47_527_804_031_430_401_268,
        //   C1 = 6e18 + 6_120_418_199_999_999_988 = 12_120_418_199_999_999_988.
        pool.accrue(timestamp: 24)
        #expect(pool.price0Cumulative == 47_527_804_031_430_401_268)
        #expect(pool.price1Cumulative == 12_120_418_199_999_999_988)
        // Swap 50 token1 in: out = 24_800_911_471_763_510_458 token0 → reserves
        //   985_199_088_528_236_489_542 / 2_030_256_839_312_058_774_023.
        #expect(try pool.swapExactIn(50 * Self.wad, zeroForOne: false) == 24_800_911_471_763_510_458)
        // Block 3 (t = 36): price0 = 2_060_757_935_073_820_568, price1 = 485_258_352_269_393_519; ×12:
        //   C0 = 47_527_804_031_430_401_268 + 24_729_095_220_885_846_816 = 72_256_899_252_316_248_084,
        //   C1 = 12_120_418_199_999_999_988 + 5_823_100_227_232_722_228 = 17_943_518_427_232_722_216.
        pool.accrue(timestamp: 36)
        #expect(pool.price0Cumulative == 72_256_899_252_316_248_084)
        #expect(pool.price1Cumulative == 17_943_518_427_232_722_216)
        #expect(pool.lastTimestamp == 36)
        pool.accrue(timestamp: 30)  // time never runs backwards for the accumulators
        #expect(pool.price0Cumulative == 72_256_899_252_316_248_084 && pool.lastTimestamp == 36)
    }

    @Test("Accumulator prices adjust for decimals and wrap instead of trapping")
    func accumulatorDecimalsAndWrap() {
        var pool = Self.bzxPool()
        // 77.09 WBTC / 2817.77 ETH = 0.027358514002207419… WBTC per ETH (Python integers).
        #expect(pool.price0Wad == 27_358_514_002_207_419)
        #expect(pool.price1Wad == 36_551_692_826_566_351_018)
        pool.price0Cumulative = .max
        pool.accrue(timestamp: 1)
        #expect(pool.price0Cumulative == 27_358_514_002_207_419 - 1)
        // Extreme decimals (36 vs 0): the scale 10^54 exceeds UInt128 but the price is exact.
        let skewed = ConstantProductPool(reserve0: 3 * 1_000_000_000_000_000_000_000_000_000_000_000_000, reserve1: 6,
                                         feePips: 0, decimals0: 36, decimals1: 0, timestamp: 0)
        #expect(skewed.price0Wad == 2 * Self.wad)
        #expect(skewed.price1Wad == Self.wad / 2)
    }

    @Test("LP mint takes the current ratio, rounds shares down, and burn returns proportional amounts")
    func liquidity() throws {
        var pool = ConstantProductPool(reserve0: 4_000, reserve1: 9_000, feePips: 3000, decimals0: 0, decimals1: 0, timestamp: 0)
        #expect(pool.totalShares == 6_000)  // √(4000·9000)
        // Offer 1000 / 5000: ratio needs 1000·9000/4000 = 2250 of token1.
        let minted = try pool.addLiquidity(amount0: 1000, amount1: 5000)
        #expect(minted.shares == 1_500 && minted.used0 == 1000 && minted.used1 == 2250)
        #expect(pool.reserve0 == 5_000 && pool.reserve1 == 11_250 && pool.totalShares == 7_500)
        // Offer 1000 / 1000: token1 binds, token0 used = ⌊1000·5000/11250⌋ = 444;
        // shares = min(⌊444·7500/5000⌋ = 666, ⌊1000·7500/11250⌋ = 666) = 666.
        let second = try pool.addLiquidity(amount0: 1000, amount1: 1000)
        #expect(second.used0 == 444 && second.used1 == 1000 && second.shares == 666)
        #expect(pool.totalShares == 8_166 && pool.reserve0 == 5_444 && pool.reserve1 == 12_250)
        // Burn 1000 shares: ⌊1000·5444/8166⌋ = 666, ⌊1000·12250/8166⌋ = 1500.
        let burned = try pool.removeLiquidity(shares: 1000)
        #expect(burned.amount0 == 666 && burned.amount1 == 1500)
        #expect(pool.totalShares == 7_166 && pool.reserve0 == 4_778 && pool.reserve1 == 10_750)
        let saved = pool
        #expect(throws: PoolError.insufficientLiquidity) { try pool.removeLiquidity(shares: 7_167) }
        #expect(throws: PoolError.zeroAmount) { try pool.addLiquidity(amount0: 0, amount1: 1000) }
        #expect(pool == saved)
        // Burning everything empties the pool; a new deposit then mints √(a0·a1).
        _ = try pool.removeLiquidity(shares: 7_166)
        #expect(pool.reserve0 == 0 && pool.reserve1 == 0 && pool.totalShares == 0)
        let fresh = try pool.addLiquidity(amount0: 100, amount1: 400)
        #expect(fresh.shares == 200 && pool.totalShares == 200)
    }

    @Test("arbitrage(towards:) brings the spot price inside the fee band of random prices (seed 5)")
    func arbitrageBand() throws {
        let stream = RandomStream(seed: 5)
        var trades = 0
        for trial in 0..<500 {
            let fee = UInt128(stream.uniformInt(10_001))
            var pool = ConstantProductPool(reserve0: Self.randomRaw(stream, maxShift: 30) + 1_000_000_000_000_000_000_000,
                                           reserve1: Self.randomRaw(stream, maxShift: 10) + 1_000_000_000_000,
                                           feePips: fee, decimals0: 18, decimals1: 6, timestamp: 0)
            let gamma = 1 - Double(fee) / 1e6
            let target = pool.spotPrice * stream.lognormal(mu: 0, sigma: 0.5)
            guard let trade = pool.arbitrage(towards: target) else {
                #expect(target >= pool.spotPrice * gamma * (1 - 1e-12) && target <= pool.spotPrice / gamma * (1 + 1e-12),
                        "seed 5 trial \(trial): no trade outside the band")
                continue
            }
            _ = try pool.swapExactIn(trade.amountIn, zeroForOne: trade.zeroForOne)
            trades += 1
            let spot = pool.spotPrice
            #expect(target >= spot * gamma * (1 - 1e-9) && target <= spot / gamma * (1 + 1e-9),
                    "seed 5 trial \(trial): target \(target) spot \(spot) fee \(fee)")
            #expect(pool.arbitrage(towards: target) == nil || pool.arbitrage(towards: target)!.amountIn < 1_000_000,
                    "seed 5 trial \(trial): a second arbitrage is left")
        }
        #expect(trades > 300, "seed 5: most random prices lie outside the band and must trade")
    }

    /// A random raw amount: a 53-bit mantissa shifted left by up to maxShift bits.
    static func randomRaw(_ stream: RandomStream, maxShift: Int) -> UInt128 {
        UInt128(stream.uniform() * 0x1p53) << stream.uniformInt(maxShift + 1)
    }

    @Test("The fee fraction is the fee's exact decimal value as a double (0.3 % → 0.003), for every fee in millionths")
    func feeFraction() {
        for pips in 0..<UInt128(1_000_000) {
            let pool = ConstantProductPool(reserve0: 1, reserve1: 1, feePips: pips, decimals0: 0, decimals1: 0, timestamp: 0)
            guard pool.feeFraction == TokenUnits.toDouble(pips, decimals: 6) else {
                Issue.record("fee \(pips): \(pool.feeFraction) vs \(TokenUnits.toDouble(pips, decimals: 6))")
                return
            }
        }
        #expect(ConstantProductPool(reserve0: 1, reserve1: 1, feePips: 3000, decimals0: 0, decimals1: 0, timestamp: 0).feeFraction == 0.003)
    }
}
