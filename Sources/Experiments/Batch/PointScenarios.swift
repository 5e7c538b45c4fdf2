import Scenarios

/// The scenario of each sweep point of a batch, decoded when it is asked for from the scenario
/// file read and parsed once (``ScenarioTemplate``): a sweep of 10^7 points never holds 10^7
/// scenarios. ``check(everyPointUpTo:)`` finds bad input before a batch writes anything.
public struct PointScenarios: Sendable {
    private let template: ScenarioTemplate
    /// The `--set` overrides, applied at every point before its swept values.
    private let overrides: [ScenarioOverride]
    let plan: SweepPlan

    /// Reads and parses the file of `spec`'s scenario.
    ///
    /// - Throws: ``InputError`` for a file that does not parse.
    public init(spec: BatchSpec) throws {
        self.init(template: try ScenarioTemplate(path: spec.scenarioPath), overrides: ScenarioOverride.set(spec.overrides), plan: spec.plan)
    }

    /// The points of `plan` over the scenario `template`, with the `--set` `overrides`.
    init(template: ScenarioTemplate, overrides: [ScenarioOverride], plan: SweepPlan) {
        self.template = template
        self.overrides = overrides
        self.plan = plan
    }

    /// The scenario of sweep point `index`: the `--set` overrides, then the point's values.
    ///
    /// - Throws: ``InputError`` (bad input); one a swept key causes is located at the scenario's
    ///   `sweep:` entry or names the `--sweep` flag that sweeps it.
    public func scenario(ofPoint index: Int) throws -> Scenario {
        try scenario(values: plan.values(ofPoint: index), origins: plan.origins(ofPoint: index))
    }

    /// The scenario with the swept keys at `values` (one per axis), an error a value causes
    /// reported at its `origins` entry (``SweepPlan/origin(ofAxis:item:)``).
    func scenario(values: [String], origins: [ScenarioOverride.Origin]) throws -> Scenario {
        let swept = zip(zip(plan.keyPaths, values), origins).map { ScenarioOverride("\($0.0)=\($0.1)", origin: $1) }
        return try template.scenario(with: overrides + swept)
    }
}
