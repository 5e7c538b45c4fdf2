import Pricing
import Testing

@Suite("Implied volatility")
struct ImpliedVolatilityTests {
    @Test("Round trips σ → price → σ to 1e-10 wherever vega is not negligible")
    func roundTrip() {
        var checked = 0
        for c in ReferenceFixture.cases {
            let value = BlackScholes.value(c.option)
            guard value.vega > 1e-4 * c.option.spot, c.option.volatility < 3 else { continue }
            let result = ImpliedVolatility.solve(price: value.price, for: c.option)
            guard case .success(let sigma) = result else {
                Issue.record("no vol at fixture line \(c.line): \(result)")
                continue
            }
            #expect(abs(sigma - c.option.volatility) <= 1e-10, "fixture line \(c.line): \(sigma)")
            checked += 1
        }
        #expect(checked > 1000)
    }

    @Test("Prices outside the no-arbitrage bounds give a reason instead of a vol")
    func failures() {
        let call = OptionParameters(kind: .call, spot: 100, strike: 90, expiry: 1, rate: 0, volatility: 0)
        #expect(ImpliedVolatility.solve(price: 5, for: call) == .failure(.belowIntrinsic))
        #expect(ImpliedVolatility.solve(price: 100, for: call) == .failure(.aboveUpperBound))
        var expired = call
        expired.expiry = 0
        #expect(ImpliedVolatility.solve(price: 10, for: expired) == .failure(.zeroExpiry))
        #expect(ImpliedVolatility.solve(price: .nan, for: call) == .failure(.invalidInput))
        let (vols, reasons) = ImpliedVolatility.solve(prices: [5, 12], for: OptionBatch([call, call]))
        #expect(vols[0].isNaN && reasons[0] == .belowIntrinsic)
        #expect(reasons[1] == nil && abs(BlackScholes.value(OptionParameters(kind: .call, spot: 100, strike: 90, expiry: 1, rate: 0, volatility: vols[1])).price - 12) < 1e-12)
    }
}
