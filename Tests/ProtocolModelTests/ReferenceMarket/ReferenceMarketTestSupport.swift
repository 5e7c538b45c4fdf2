import Foundation
@testable import ProtocolModel

/// Shared helpers of the reference-market tests.
enum MarketTestSupport {
    static let day: Double = 86_400
    static let year: Double = 365 * 86_400

    /// A one-asset market spec.
    static func single(
        _ process: PriceProcess, initialPrice: Double = 100, shocks: [PriceShock] = [],
        blockTime: Double, blockCount: Int
    ) -> ReferenceMarketSpec {
        ReferenceMarketSpec(
            assets: [ReferenceAsset(symbol: "X", initialPrice: initialPrice, process: process)],
            shocks: shocks, blockTime: blockTime, blockCount: blockCount
        )
    }

    /// Sample mean and unbiased sample variance.
    static func moments(_ values: [Double]) -> (mean: Double, variance: Double) {
        let mean = values.reduce(0, +) / Double(values.count)
        let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count - 1)
        return (mean, variance)
    }

    /// Standard error of the sample variance, from the sample fourth central moment.
    static func varianceStandardError(_ values: [Double]) -> Double {
        let (mean, variance) = moments(values)
        let fourth = values.reduce(0) { $0 + pow($1 - mean, 4) } / Double(values.count)
        return ((fourth - variance * variance) / Double(values.count)).squareRoot()
    }

    /// Sample correlation of two series.
    static func correlation(_ x: [Double], _ y: [Double]) -> Double {
        let (meanX, varianceX) = moments(x)
        let (meanY, varianceY) = moments(y)
        var covariance = 0.0
        for index in x.indices { covariance += (x[index] - meanX) * (y[index] - meanY) }
        covariance /= Double(x.count - 1)
        return covariance / (varianceX * varianceY).squareRoot()
    }

    /// Whether `actual` is within `relative` of `expected`.
    static func close(_ actual: Double, _ expected: Double, relative: Double = 1e-12) -> Bool {
        abs(actual - expected) <= relative * abs(expected)
    }
}
