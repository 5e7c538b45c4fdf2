import Scenarios

extension SearchSpec {
    /// Adds or replaces searched parameters from `--search key.path=range:LOW:HIGH` (or
    /// `logrange:LOW:HIGH`) arguments, in order.
    ///
    /// - Throws: ``BatchArgumentError`` for a malformed argument or a SPEC that is not a range,
    ///   located at `<command line>:1:N` for the N-th `--search`.
    public mutating func apply(searchArguments: [String]) throws(BatchArgumentError) {
        for (index, argument) in searchArguments.enumerated() {
            let axis: SweepAxis
            do { axis = try SweepAxis.parse(argument, flag: "--search") } catch { throw error.located(atFlag: index + 1) }
            guard case .range(let low, let high, let logarithmic) = axis.values else {
                throw BatchArgumentError("--search \(axis.keyPath): expected range:LOW:HIGH or logrange:LOW:HIGH").located(atFlag: index + 1)
            }
            parameters.removeAll { $0.keyPath == axis.keyPath }
            parameters.append(SearchParameterSpec(keyPath: axis.keyPath, min: low, max: high, logarithmic: logarithmic,
                                                  origin: .flag(label: "--search \(axis.keyPath)", position: index + 1)))
        }
    }

    /// Sets ``SearchSpec/objective`` from `--objective`.
    ///
    /// - Throws: ``BatchArgumentError`` at `<command line>:1:1` when it is not a runs.csv metric column.
    public mutating func apply(objectiveArgument objective: String) throws(BatchArgumentError) {
        guard RunsTable.metricNames.contains(objective) else {
            throw Self.unknownObjective(objective, label: "--objective").located(atFlag: 1)
        }
        self.objective = objective
        objectiveLocation = nil
    }

    /// The error for ``objective`` when it is not a runs.csv metric column, located where it was
    /// written (``objectiveLocation``).
    func unknownObjectiveError() -> BatchArgumentError {
        let error = Self.unknownObjective(objective, label: "search.objective")
        return objectiveLocation.map { BatchArgumentError(error.message, at: $0) } ?? error
    }

    /// The error for an `objective` (given by `label`: `--objective`, `search.objective`) that is
    /// not a runs.csv metric column, listing them.
    static func unknownObjective(_ objective: String, label: String) -> BatchArgumentError {
        BatchArgumentError("\(label) '\(objective)' is not a runs.csv column (one of: \(RunsTable.metricNames.joined(separator: ", ")))")
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
