import Foundation

/// A probability distribution a scenario parameter can be drawn from.
///
/// Any numeric scenario parameter that describes a population is either a constant or
/// `{dist: NAME, ...params}`; every draw goes through GSL via a ``RandomStream``.
public enum Distribution: Sendable, Equatable, Hashable {
    case constant(Double)
    /// Uniform on [min, max).
    case uniform(min: Double, max: Double)
    case normal(mean: Double, standardDeviation: Double)
    /// exp(N(mu, sigma²)).
    case lognormal(mu: Double, sigma: Double)
    case exponential(mean: Double)
    case poisson(mean: Double)
    /// Shape k, scale θ.
    case gamma(shape: Double, scale: Double)
    case beta(a: Double, b: Double)
    /// location + scale · t(ν).
    case studentT(degreesOfFreedom: Double, location: Double, scale: Double)
    /// Shape a, scale (minimum) b.
    case pareto(shape: Double, scale: Double)

    /// One draw from the distribution.
    // NOTE: the uniform draw (the agents' latencies, ≈ 216 k a benchmark day) is inlined into the
    // caller; with the whole switch called out of line it cost ≈ 13 instructions a draw more
    // (callgrind: 1,101.4 M -> 1,098.5 M a benchmark day, warm-up + 1).
    // NOTE: a lognormal draw (benchmark-day's noise-trade sizes and borrowers' collateral, ≈ 24 k
    // a replication) calls the stream's directly: through the switch it cost ≈ 18 instructions
    // more (callgrind, warm-up + 1: 553.37 M → 553.06 M).
    @inlinable @inline(__always)
    public func sample(_ stream: RandomStream) -> Double {
        if case .uniform(let min, let max) = self { return min + (max - min) * stream.uniform() }
        if case .lognormal(let mu, let sigma) = self { return stream.lognormal(mu: mu, sigma: sigma) }
        return sampleOtherThanUniform(stream)
    }

    /// One draw from a distribution other than ``uniform(min:max:)``.
    @inlinable
    func sampleOtherThanUniform(_ stream: RandomStream) -> Double {
        switch self {
        case .constant(let value): return value
        case .uniform(let min, let max): return min + (max - min) * stream.uniform()
        case .normal(let mean, let sd): return stream.normal(mean: mean, standardDeviation: sd)
        case .lognormal(let mu, let sigma): return stream.lognormal(mu: mu, sigma: sigma)
        case .exponential(let mean): return stream.exponential(mean: mean)
        case .poisson(let mean): return Double(stream.poisson(mean: mean))
        case .gamma(let shape, let scale): return stream.gamma(shape: shape, scale: scale)
        case .beta(let a, let b): return stream.beta(a: a, b: b)
        case .studentT(let nu, let location, let scale):
            return location + scale * stream.studentT(degreesOfFreedom: nu)
        case .pareto(let shape, let scale): return stream.pareto(shape: shape, scale: scale)
        }
    }

    /// The distribution's mean, or nil where it is undefined (Student-t with ν ≤ 1, Pareto
    /// with a ≤ 1).
    public var mean: Double? {
        switch self {
        case .constant(let value): return value
        case .uniform(let min, let max): return (min + max) / 2
        case .normal(let mean, _): return mean
        case .lognormal(let mu, let sigma): return exp(mu + sigma * sigma / 2)
        case .exponential(let mean): return mean
        case .poisson(let mean): return mean
        case .gamma(let shape, let scale): return shape * scale
        case .beta(let a, let b): return a / (a + b)
        case .studentT(let nu, let location, _): return nu > 1 ? location : nil
        case .pareto(let shape, let scale): return shape > 1 ? shape * scale / (shape - 1) : nil
        }
    }

    /// The smallest value a draw can take (−∞ where unbounded below).
    public var lowerBound: Double {
        switch self {
        case .constant(let value): return value
        case .uniform(let min, _): return min
        case .normal, .studentT: return -.infinity
        case .lognormal, .exponential, .poisson, .gamma, .beta: return 0
        case .pareto(_, let scale): return scale
        }
    }

    /// The largest value a draw can take (+∞ where unbounded above).
    public var upperBound: Double {
        switch self {
        case .constant(let value): return value
        case .uniform(_, let max): return max
        case .beta: return 1
        default: return .infinity
        }
    }
}
