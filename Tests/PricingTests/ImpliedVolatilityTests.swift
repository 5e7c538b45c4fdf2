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

@Suite("Implied volatility, batch")
struct ImpliedVolatilityBatchTests {
    @Test("Solving the fixture's 50-digit mpmath prices recovers the known vols to 1e-10 wherever vega is not negligible, on every path",
          arguments: PricingPath.allCases)
    func recoversKnownVols(path: PricingPath) {
        let cases = ReferenceFixture.cases.filter { c in
            // σ error ≈ price error / vega: require vega ≥ 1e-3·(1 + price).
            c.expected[3] >= 1e-3 * (1 + abs(c.expected[0])) && c.option.expiry > 0
        }
        let (vols, failures) = ImpliedVolatility.solve(
            prices: cases.map { $0.expected[0] }, for: OptionBatch(cases.map(\.option)), path: path
        )
        for (index, c) in cases.enumerated() {
            #expect(failures[index] == nil, "fixture line \(c.line): \(String(describing: failures[index]))")
            #expect(abs(vols[index] - c.option.volatility) <= 1e-10, "fixture line \(c.line): \(vols[index]) vs \(c.option.volatility)")
        }
        #expect(cases.count > 1500)
    }

    @Test("On the portable path the batch gives exactly the scalar solver's vol or reason for every option, in input order")
    func batchMatchesScalar() {
        let options = Array(ReferenceFixture.cases.prefix(400).map(\.option))
        let prices = ReferenceFixture.cases.prefix(400).enumerated().map { index, c in
            // Every fifth price pushed outside the no-arbitrage bounds.
            index % 5 == 0 ? -1 - c.expected[0] : c.expected[0]
        }
        let (vols, failures) = ImpliedVolatility.solve(prices: prices, for: OptionBatch(options), path: .portable)
        for index in options.indices {
            switch ImpliedVolatility.solve(price: prices[index], for: options[index]) {
            case .success(let sigma):
                #expect(failures[index] == nil && vols[index] == sigma, "option \(index)")
            case .failure(let reason):
                #expect(failures[index] == reason && vols[index].isNaN, "option \(index)")
            }
        }
    }
}
