import Scenarios

extension SearchSpec {
    /// Adds or replaces searched parameters from `--search key.path=range:LOW:HIGH` (or
    /// `logrange:LOW:HIGH`) arguments, in order.
    ///
    /// - Throws: ``BatchArgumentError`` for a malformed argument or a SPEC that is not a range.
    public mutating func apply(searchArguments: [String]) throws(BatchArgumentError) {
        for (index, argument) in searchArguments.enumerated() {
            let axis = try SweepAxis.parse(argument, flag: "--search")
            guard case .range(let low, let high, let logarithmic) = axis.values else {
                throw BatchArgumentError("--search \(axis.keyPath): expected range:LOW:HIGH or logrange:LOW:HIGH")
            }
            parameters.removeAll { $0.keyPath == axis.keyPath }
            parameters.append(SearchParameterSpec(keyPath: axis.keyPath, min: low, max: high, logarithmic: logarithmic,
                                                  origin: .flag(label: "--search \(axis.keyPath)", position: index + 1)))
        }
    }

    /// The overrides that set the searched parameters to `values` (in ``parameters`` order), each
    /// reported at the entry or flag it came from.
    public func overrides(at values: [Double]) -> [ScenarioOverride] {
        zip(parameters, values).map { ScenarioOverride("\($0.keyPath)=\(SweepAxis.text($1))", origin: $0.origin) }
    }

    /// The box's two corners, every parameter at its min and every one at its max: both grid
    /// points of every search (``BoundedSearch``), so a bound the scenario refuses is found there.
    var corners: [[Double]] { [parameters.map(\.min), parameters.map(\.max)] }
}
