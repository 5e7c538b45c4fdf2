import GSL

extension InputNode {
    /// Distribution names accepted after `dist:`, with their parameter keys.
    static let distributionParameters: [String: [String]] = [
        "constant": ["value"], "uniform": ["min", "max"], "normal": ["mean", "sd"],
        "lognormal": ["mu", "sigma"], "exponential": ["mean"], "poisson": ["mean"],
        "gamma": ["shape", "scale"], "beta": ["a", "b"], "student-t": ["df", "loc", "scale"],
        "pareto": ["shape", "scale"],
    ]

    /// A distribution: a number is `.constant`, otherwise `{dist: NAME, ...params}` with NAME one
    /// of constant(value), uniform(min, max), normal(mean, sd), lognormal(mu, sigma),
    /// exponential(mean), poisson(mean), gamma(shape, scale), beta(a, b),
    /// student-t(df, loc = 0, scale = 1), pareto(shape, scale).
    /// - Throws: ``InputError`` located at the offending parameter (sd ≤ 0, min ≥ max, …), or at
    ///   `dist` for an unknown name, with a "did you mean".
    public func distribution() throws -> Distribution {
        if case .scalar = content { return .constant(try double()) }
        guard case .mapping(let entries) = content else {
            throw error("expected a number or {dist: NAME, ...}, got \(shortDescription)")
        }
        guard let nameEntry = entries.first(where: { $0.key == "dist" }) else {
            throw InputError("missing required key 'dist' in \(displayPath)", at: location)
        }
        let name = try nameEntry.value.string()
        guard let parameters = Self.distributionParameters[name] else {
            let names = Set(Self.distributionParameters.keys)
            throw nameEntry.value.error("unknown distribution '\(name)'; "
                + KeySuggestion.hint(for: name, among: names, noun: "distributions"))
        }
        let map = try mapping(allowedKeys: Set(parameters + ["dist"]))
        switch name {
        case "constant":
            return .constant(try map.required("value").double())
        case "uniform":
            let low = try map.required("min").double()
            let highNode = try map.required("max")
            let high = try highNode.double()
            guard low < high else {
                throw highNode.error("max must be greater than min (\(Self.format(low))), got \(highNode.shortDescription)")
            }
            return .uniform(min: low, max: high)
        case "normal":
            return .normal(mean: try map.required("mean").double(),
                           standardDeviation: try map.required("sd").positiveDouble())
        case "lognormal":
            return .lognormal(mu: try map.required("mu").double(), sigma: try map.required("sigma").positiveDouble())
        case "exponential":
            return .exponential(mean: try map.required("mean").positiveDouble())
        case "poisson":
            return .poisson(mean: try map.required("mean").positiveDouble())
        case "gamma":
            return .gamma(shape: try map.required("shape").positiveDouble(),
                          scale: try map.required("scale").positiveDouble())
        case "beta":
            return .beta(a: try map.required("a").positiveDouble(), b: try map.required("b").positiveDouble())
        case "student-t":
            return .studentT(degreesOfFreedom: try map.required("df").positiveDouble(),
                             location: try map.optional("loc")?.double() ?? 0,
                             scale: try map.optional("scale")?.positiveDouble() ?? 1)
        default:
            return .pareto(shape: try map.required("shape").positiveDouble(),
                           scale: try map.required("scale").positiveDouble())
        }
    }
}

extension InputNode {
    /// A delay in seconds (`latency`): a duration (`3`, `2s`, `1.5m`) or `{dist: …}` that cannot
    /// draw below zero.
    /// - Throws: ``InputError`` for a negative delay, or a distribution that can draw one (normal,
    ///   student-t, a uniform from below 0): a negative delay would act before the block it reacts to.
    public func delayDistribution() throws -> Distribution {
        if case .scalar = content { return .constant(try duration()) }
        let distribution = try distribution()
        guard distribution.lowerBound >= 0 else {
            throw error("a delay cannot be negative, but this distribution can draw below 0: use one that cannot "
                        + "(a uniform from 0, exponential, lognormal, gamma)")
        }
        return distribution
    }
}
