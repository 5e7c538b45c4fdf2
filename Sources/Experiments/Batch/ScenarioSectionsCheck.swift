import Scenarios

/// What `advsim validate` checks beyond the scenario itself, so that an error `batch` or
/// `optimize` would meet only later is found at once: the scenario's own `sweep:` lays out and
/// its points' scenarios pass the check `batch` makes before it starts
/// (``PointScenarios/check(everyPointUpTo:)``: every point of a sweep of at most 10,000, so a
/// refused combination of swept values too; each swept value alone in a larger one), and the
/// search names a runs.csv column as its objective and takes the corners of its box (every
/// parameter at its min, then at its max), as `optimize` tries them first. A search's values in
/// between are not tried.
public enum ScenarioSectionsCheck {
    /// Checks `scenario` (loaded from `path` with the `--set` `overrides`); a Latin hypercube is
    /// laid out from `seed` (`--seed`) as `batch` lays it out: else from the scenario's seed, else 1.
    ///
    /// - Throws: ``BatchArgumentError`` for a sweep that does not lay out, ``InputError`` for a
    ///   value the scenario refuses or an objective that is not a runs.csv column, located at its
    ///   `sweep:` or `search:` entry.
    public static func check(_ scenario: Scenario, path: String, overrides: [String], seed: UInt64? = nil) throws {
        guard scenario.sweep != nil || scenario.search != nil else { return }
        let template = try ScenarioTemplate(path: path)
        if scenario.sweep != nil {
            let plan = try SweepPlan(scenario: scenario, sweeps: [], design: nil, seed: seed ?? scenario.seed ?? 1)
            _ = try PointScenarios(template: template, overrides: ScenarioOverride.set(overrides), plan: plan).check()
        }
        if let search = scenario.search {
            guard RunsTable.metricNames.contains(search.objective) else { throw search.unknownObjectiveError() }
            for corner in search.corners { _ = try template.scenario(with: ScenarioOverride.set(overrides) + search.overrides(at: corner)) }
        }
    }
}
