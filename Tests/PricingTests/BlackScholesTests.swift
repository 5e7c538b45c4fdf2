import Foundation
import Pricing
import Testing

@Suite("Black–Scholes and Black-76 values")
struct BlackScholesTests {
    static let bound = 1e-13

    @Test("Hull's textbook call S=60 K=65 T=0.25 r=0.08 σ=0.30 is worth 2.1334")
    func textbookCall() {
        let option = OptionParameters(kind: .call, spot: 60, strike: 65, expiry: 0.25, rate: 0.08, volatility: 0.30)
        let price = BlackScholes.value(option).price
        #expect(abs(price - 2.1334) < 5e-5)
        #expect(abs(price - 2.133368444916199888598185) < 1e-13 * 3.2)  // mpmath, 50 digits
    }

    @Test("The scalar reference matches the 50-digit mpmath fixture within 1e-13·(1+|ref|)")
    func scalarMatchesFixture() {
        let values = ReferenceFixture.cases.map { BlackScholes.value($0.option) }
        for (k, worst) in ReferenceFixture.worstErrors(values).enumerated() {
            #expect(worst.error <= Self.bound, "\(ReferenceFixture.names[k]) worst \(worst.error) at fixture line \(worst.line)")
        }
    }

    @Test("The batch kernel matches the fixture on every path this CPU supports, including the portable one",
          arguments: PricingPath.allCases)
    func batchMatchesFixture(path: PricingPath) {
        let batch = OptionBatch(ReferenceFixture.cases.map(\.option))
        let output = BlackScholes.value(batch, path: path)
        let values = (0..<output.count).map { output[$0] }
        for (k, worst) in ReferenceFixture.worstErrors(values).enumerated() {
            #expect(worst.error <= Self.bound, "\(path) \(ReferenceFixture.names[k]) worst \(worst.error) at fixture line \(worst.line)")
        }
    }

    @Test("Put–call parity C − P = S·e^{−qT} − K·e^{−rT} holds to rounding on the fixture's inputs")
    func putCallParity() {
        for c in ReferenceFixture.cases {
            var call = c.option, put = c.option
            call.kind = .call
            put.kind = .put
            let q = c.option.model == .black76 ? c.option.rate : c.option.dividend
            let forward = c.option.spot * exp(-q * c.option.expiry)
            let strike = c.option.strike * exp(-c.option.rate * c.option.expiry)
            let difference = BlackScholes.value(call).price - BlackScholes.value(put).price
            let scale = forward + strike
            #expect(abs(difference - (forward - strike)) <= 4e-16 * scale, "fixture line \(c.line)")
        }
    }

    @Test("Expiry zero and zero vol give the discounted intrinsic value and finite Greeks, never NaN")
    func degenerateLimits() {
        let batch = OptionBatch([
            OptionParameters(kind: .call, spot: 110, strike: 100, expiry: 0, rate: 0.05, volatility: 0.2),
            OptionParameters(kind: .put, spot: 110, strike: 100, expiry: 0, rate: 0.05, volatility: 0.2),
            OptionParameters(kind: .call, spot: 100, strike: 100, expiry: 0, rate: 0, volatility: 0.2),
            OptionParameters(kind: .call, spot: 100, strike: 100, expiry: 1, rate: 0.05, volatility: 0),
            OptionParameters(kind: .put, spot: 100, strike: 100, expiry: 1, rate: 0.05, volatility: 0),
            OptionParameters(kind: .put, model: .black76, spot: 90, strike: 100, expiry: 2, rate: 0, volatility: 0),
            OptionParameters(kind: .call, spot: 1e-300, strike: 1e300, expiry: 1, rate: 0, volatility: 1),
        ])
        let expectedPrices = [10.0, 0, 0, 100 - 100 * exp(-0.05), 0, 10, 0]
        for path in PricingPath.allCases {
            let output = BlackScholes.value(batch, path: path)
            for index in 0..<batch.count {
                let scalar = BlackScholes.value(batch[index])
                for x in ReferenceFixture.components(output[index]) + ReferenceFixture.components(scalar) {
                    #expect(x.isFinite, "option \(index) on \(path)")
                }
                #expect(abs(output[index].price - expectedPrices[index]) <= 1e-13, "option \(index) on \(path)")
                #expect(abs(scalar.price - expectedPrices[index]) <= 1e-13, "option \(index)")
            }
        }
        let itmCall = BlackScholes.value(batch[0])
        #expect(itmCall.delta == 1 && itmCall.gamma == 0 && itmCall.vega == 0)
    }

    @Test("Batch lanes agree with the scalar reference to a few ulp for odd batch sizes on every path",
          arguments: [1, 7, 9, 255, 257, 1000])
    func batchAgreesWithScalar(count: Int) {
        let options = (0..<count).map { (i: Int) -> OptionParameters in
            let kind: OptionKind = i % 2 == 0 ? .call : .put
            let model: PricingModel = i % 3 == 0 ? .black76 : .blackScholes
            let spot: Double = 50 + Double(i % 101), strike: Double = 75 + Double(i % 53)
            let expiry: Double = 0.01 + Double(i % 37) / 10, rate: Double = Double(i % 11) / 100
            let dividend: Double = Double(i % 5) / 100, volatility: Double = 0.05 + Double(i % 29) / 20
            return OptionParameters(
                kind: kind, model: model, spot: spot, strike: strike, expiry: expiry,
                rate: rate, dividend: dividend, volatility: volatility
            )
        }
        let batch = OptionBatch(options)
        for path in PricingPath.allCases {
            let output = BlackScholes.value(batch, path: path)
            #expect(output.count == count)
            for (index, option) in options.enumerated() {
                let a = ReferenceFixture.components(output[index]), b = ReferenceFixture.components(BlackScholes.value(option))
                for k in 0..<6 {
                    #expect(abs(a[k] - b[k]) <= 1e-13 * (1 + abs(b[k])), "\(path) option \(index) \(ReferenceFixture.names[k])")
                }
            }
        }
    }
}
