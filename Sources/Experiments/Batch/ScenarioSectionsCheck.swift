import Scenarios

/// What `advsim validate` checks beyond the scenario itself, so that an error `batch` or
/// `optimize` would meet only later is found at once: the scenario's own `sweep:` lays out, and
/// every swept key takes the values at the ends of its axis (the smallest and largest of the
/// sweep's points), and the search the corners of its box (every parameter at its min, then at
/// its max), as `optimize` tries them first. Values in between are not tried.
public enum ScenarioSectionsCheck {
    /// Checks `scenario` (loaded from `path` with the `--set` `overrides`).
    ///
    /// - Throws: ``BatchArgumentError`` for a sweep that does not lay out, ``InputError`` for a
    ///   value the scenario refuses, located at its `sweep:` or `search:` entry.
    public static func check(_ scenario: Scenario, path: String, overrides: [String]) throws {
        guard scenario.sweep != nil || scenario.search != nil else { return }
        let template = try ScenarioTemplate(path: path)
        func load(_ extra: [ScenarioOverride]) throws {
            _ = try template.scenario(with: ScenarioOverride.set(overrides) + extra)
        }
        if scenario.sweep != nil {
            let plan = try SweepPlan(scenario: scenario, sweeps: [], design: nil, seed: scenario.seed ?? 1)
            for axis in plan.keyPaths.indices {
                let values = plan.values(ofAxis: axis)
                for value in extremes(values) {
                    let origin = plan.origin(ofAxis: axis, item: plan.design == .grid ? values.firstIndex(of: value) : nil)
                    try load([ScenarioOverride("\(plan.keyPaths[axis])=\(value)", origin: origin)])
                }
            }
        }
        if let search = scenario.search {
            for corner in search.corners { try load(search.overrides(at: corner)) }
        }
    }

    /// The smallest and largest of `values` when all are numbers, else the first and the last.
    static func extremes(_ values: [String]) -> [String] {
        guard let first = values.first, let last = values.last else { return [] }
        let numbers = values.compactMap { text in Double(text).map { (text, $0) } }
        guard numbers.count == values.count, let low = numbers.min(by: { $0.1 < $1.1 }), let high = numbers.max(by: { $0.1 < $1.1 }) else {
            return first == last ? [first] : [first, last]
        }
        return low.0 == high.0 ? [low.0] : [low.0, high.0]
    }
}
