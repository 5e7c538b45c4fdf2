import Foundation
import Pricing

/// The 50-digit mpmath reference (scripts/fixtures/make_pricing_fixture.py).
enum ReferenceFixture {
    struct Case {
        var option: OptionParameters
        var expected: [Double]  // price, delta, gamma, vega, theta, rho
        var line: Int
    }

    static let cases: [Case] = {
        guard let url = Bundle.module.url(forResource: "pricing_reference", withExtension: "csv", subdirectory: "Fixtures"),
              let text = try? String(contentsOf: url, encoding: .utf8)
        else { fatalError("pricing_reference.csv missing from the test bundle") }
        return text.split(separator: "\n").dropFirst().enumerated().map { index, line in
            let cells = line.split(separator: ",").map(String.init)
            let numbers = cells.dropFirst(2).map { Double($0)! }
            let option = OptionParameters(
                kind: OptionKind(rawValue: cells[1])!, model: PricingModel(rawValue: cells[0])!,
                spot: numbers[0], strike: numbers[1], expiry: numbers[2], rate: numbers[3],
                dividend: numbers[4], volatility: numbers[5]
            )
            return Case(option: option, expected: Array(numbers[6...]), line: index + 2)
        }
    }()

    static func components(_ v: OptionValuation) -> [Double] {
        [v.price, v.delta, v.gamma, v.vega, v.theta, v.rho]
    }

    static let names = ["price", "delta", "gamma", "vega", "theta", "rho"]

    /// Worst |got − ref|/(1 + |ref|) per output over all cases, with the line where it occurs.
    static func worstErrors(_ values: [OptionValuation]) -> [(error: Double, line: Int)] {
        var worst = Array(repeating: (error: 0.0, line: 0), count: 6)
        for (c, value) in zip(cases, values) {
            for (k, got) in components(value).enumerated() {
                let ref = c.expected[k]
                let error = got.isFinite ? abs(got - ref) / (1 + abs(ref)) : .infinity
                if error > worst[k].error { worst[k] = (error, c.line) }
            }
        }
        return worst
    }
}
