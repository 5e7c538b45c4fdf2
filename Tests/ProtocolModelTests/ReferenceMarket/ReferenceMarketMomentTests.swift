import Foundation
import Testing
@testable import ProtocolModel

@Suite("Reference market: distribution of the grid path")
struct ReferenceMarketMomentTests {
    typealias Support = MarketTestSupport

    @Test("GBM log returns have mean (μ − σ²/2)T and variance σ²T, and E[S_T] = S0·e^{μT}")
    func gbmMoments() throws {
        let drift = 0.1, volatility = 0.8, initial = 100.0
        let spec = Support.single(.gbm(drift: drift, volatility: volatility), initialPrice: initial,
                                  blockTime: 30 * Support.day, blockCount: 4)
        let horizon = 120 * Support.day / Support.year
        var logReturns: [Double] = []
        var finals: [Double] = []
        for seed in 0..<4_000 {
            let market = try ReferenceMarket(spec: spec, replicationSeed: UInt64(seed))
            let final = market.price(asset: 0, block: 4)
            finals.append(final)
            logReturns.append(log(final / initial))
        }
        let (mean, variance) = Support.moments(logReturns)
        let n = Double(logReturns.count)
        let expectedMean = (drift - volatility * volatility / 2) * horizon
        let expectedVariance = volatility * volatility * horizon
        #expect(abs(mean - expectedMean) < 5 * (expectedVariance / n).squareRoot())
        #expect(abs(variance - expectedVariance) < 5 * expectedVariance * (2 / (n - 1)).squareRoot())
        let expectedFinal = initial * exp(drift * horizon)
        let finalStandardError = expectedFinal * (expm1(expectedVariance) / n).squareRoot()
        #expect(abs(Support.moments(finals).mean - expectedFinal) < 5 * finalStandardError)
    }

    @Test("Jump-diffusion log returns match Merton's compensated mean and variance")
    func jumpDiffusionMoments() throws {
        let drift = 0.05, volatility = 0.3, intensity = 20.0, jumpMean = -0.05, jumpStdDev = 0.1
        let process = PriceProcess.jumpDiffusion(drift: drift, volatility: volatility, jumpIntensity: intensity,
                                                 jumpMean: jumpMean, jumpStdDev: jumpStdDev)
        let spec = Support.single(process, blockTime: 30 * Support.day, blockCount: 4)
        let horizon = 120 * Support.day / Support.year
        var logReturns: [Double] = []
        for seed in 0..<4_000 {
            let market = try ReferenceMarket(spec: spec, replicationSeed: UInt64(seed))
            logReturns.append(log(market.price(asset: 0, block: 4) / 100))
        }
        let (mean, variance) = Support.moments(logReturns)
        let k = exp(jumpMean + jumpStdDev * jumpStdDev / 2) - 1
        let expectedMean = (drift - volatility * volatility / 2 - intensity * k) * horizon + intensity * horizon * jumpMean
        let expectedVariance = volatility * volatility * horizon
            + intensity * horizon * (jumpStdDev * jumpStdDev + jumpMean * jumpMean)
        let n = Double(logReturns.count)
        #expect(abs(mean - expectedMean) < 5 * (expectedVariance / n).squareRoot())
        #expect(abs(variance - expectedVariance) < 5 * Support.varianceStandardError(logReturns))
    }

    @Test("Realised volatility of a long GBM path estimates its volatility")
    func realisedVolatilityOfGBM() throws {
        let spec = Support.single(.gbm(drift: 0, volatility: 0.6), blockTime: 12, blockCount: 5_000)
        let market = try ReferenceMarket(spec: spec, replicationSeed: 7)
        let estimate = market.realisedVolatility(asset: 0, block: 5_000, window: 5_000)
        #expect(abs(estimate - 0.6) < 5 * 0.6 / (2 * 5_000.0).squareRoot())
    }

    @Test("Realised volatility is the annualised sample deviation of the window's log returns")
    func realisedVolatilityByHand() throws {
        let prices = [100.0, 110, 99, 108.9, 104]
        let replay = try PriceReplay(times: [0, 12, 24, 36, 48], prices: prices)
        let market = try ReferenceMarket(spec: Support.single(.replay(replay), blockTime: 12, blockCount: 4),
                                         replicationSeed: 1)
        // Window of 3 blocks ending at block 4: returns of blocks 2, 3, 4.
        let returns = (2...4).map { log(prices[$0] / prices[$0 - 1]) }
        let (_, variance) = Support.moments(returns)
        let expected = (variance / (12 / Support.year)).squareRoot()
        #expect(Support.close(market.realisedVolatility(asset: 0, block: 4, window: 3), expected, relative: 1e-10))
        #expect(market.realisedVolatility(asset: 0, block: 1, window: 3) == 0)
    }
}
