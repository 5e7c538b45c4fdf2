import Scenarios

extension SweepPlan {
    /// The plan of a batch of `scenario`: its own sweep (`sweep:`), then the command line's
    /// `sweeps` (`--sweep`, which replace a key the scenario sweeps) under `design` (`--design`,
    /// which replaces the scenario's `sweep.design`; grid when neither sets one). An error in the
    /// scenario's section is located at its line; one in a flag names the flag.
    public init(scenario: Scenario, sweeps: [String], design: String?, seed: UInt64) throws(BatchArgumentError) {
        var commandLineAxes: [SweepAxis] = []
        for (index, sweep) in sweeps.enumerated() {
            do { commandLineAxes.append(try SweepAxis.parse(sweep)) } catch { throw error.located(atFlag: index + 1) }
        }
        let swept = Set(commandLineAxes.map(\.keyPath))
        // A scenario axis that a flag replaces is not read: its errors are not the user's concern.
        let scenarioAxes = try (scenario.sweep?.parameters ?? []).filter { !swept.contains($0.keyPath) }.map(SweepAxis.parse)
        let designSource: SweepDesignSource = design != nil ? .commandLine
            : scenario.sweep.flatMap { $0.design == nil ? nil : .scenario($0.designLocation) } ?? .byDefault
        let designText = design ?? scenario.sweep?.design ?? "grid"
        try self.init(axes: scenarioAxes + commandLineAxes,
                      design: SweepDesign.parse(designText, source: designSource), designSource: designSource, seed: seed)
    }

    /// Where an error the value numbered `item` of `axis` causes is reported: at the scenario's
    /// `sweep.parameters` entry — an error about the key at the key, one about the value at its
    /// item when the scenario lists the values as a YAML list, else at the entry's value — or
    /// naming the `--sweep` flag (located by its place among them). `item` is nil for a design's
    /// sampled value.
    func origin(ofAxis axis: Int, item: Int?) -> ScenarioOverride.Origin {
        let keyPath = keyPaths[axis]
        switch axisSources[axis] {
        case .commandLine:
            return .flag(label: "--sweep \(keyPath)", position: Self.flagPosition(ofAxis: axis, sources: axisSources))
        case .scenario(let key, let value):
            let items = axisItemLocations[axis]
            let itemLocation = item.flatMap { items.indices.contains($0) ? items[$0] : nil }
            return .scenario(label: "sweep.parameters.\(keyPath)", location: key, valueLocation: itemLocation ?? value)
        }
    }

    /// The place (1-based) among the `--sweep` flags of axis `axis`, a command-line one, among
    /// axes from `sources`.
    static func flagPosition(ofAxis axis: Int, sources: [SweepSource]) -> Int {
        sources[...axis].count { $0 == .commandLine }
    }

    /// An error about axis `index` of `axes`, located at its `--sweep` flag when it is one
    /// (one from the scenario is located there already).
    static func located(_ error: BatchArgumentError, axis index: Int, of axes: [SweepAxis]) -> BatchArgumentError {
        axes[index].source == .commandLine ? error.located(atFlag: flagPosition(ofAxis: index, sources: axes.map(\.source))) : error
    }

    /// ``origin(ofAxis:item:)`` of every axis's value at point `index`.
    func origins(ofPoint index: Int) -> [ScenarioOverride.Origin] {
        keyPaths.indices.map { origin(ofAxis: $0, item: item(ofPoint: index, axis: $0)) }
    }

    /// The place in `axis`'s list of its value at point `index`; nil for a design's point.
    func item(ofPoint index: Int, axis: Int) -> Int? {
        guard case .grid(let values, let strides) = layout else { return nil }
        return index / strides[axis] % values[axis].count
    }

    /// Refuses a grid of more than 10^7 points before laying it out.
    static func checkGridSize(_ axes: [SweepAxis]) throws(BatchArgumentError) {
        var count = 1
        for (index, axis) in axes.enumerated() {
            guard case .list(let values) = axis.values else { continue }
            count *= values.count
            guard count <= 10_000_000 else {
                guard let first = axes.first(where: { $0.source != .commandLine }), case .scenario(let key, _) = first.source else {
                    throw located(BatchArgumentError("--sweep: more than 10^7 sweep points"), axis: index, of: axes)
                }
                let withFlags = axes.contains { $0.source == .commandLine } ? " (with the --sweep axes)" : ""
                throw BatchArgumentError("sweep.parameters: more than 10^7 sweep points\(withFlags)", at: key)
            }
        }
    }

    /// A range axis under a grid design.
    static func rangeInGrid(_ axis: SweepAxis, designSource: SweepDesignSource) -> BatchArgumentError {
        switch (axis.source, designSource) {
        case (.commandLine, .scenario(let location)):
            axis.error("a range needs --design lhs:COUNT or sobol:COUNT (the scenario's sweep.design, at \(location), is grid)")
        case (.commandLine, _):
            axis.error("a range needs --design lhs:COUNT or sobol:COUNT")
        case (.scenario, .commandLine):
            axis.error("the scenario's range cannot be sampled by --design grid (command line): a range needs lhs:COUNT or sobol:COUNT")
        case (.scenario, _):
            axis.error("a range needs sweep.design lhs:COUNT or sobol:COUNT")
        }
    }

    /// A list axis under an `lhs` or `sobol` design.
    static func listInDesign(_ axis: SweepAxis, design: SweepDesign, designSource: SweepDesignSource) -> BatchArgumentError {
        switch (axis.source, designSource) {
        case (.commandLine, .scenario(let location)):
            axis.error("the scenario's sweep.design \(design) (at \(location)) needs range:LOW:HIGH or logrange:LOW:HIGH")
        case (.commandLine, _):
            axis.error("lhs and sobol designs need range:LOW:HIGH or logrange:LOW:HIGH")
        case (.scenario, .commandLine):
            axis.error("the scenario's list of values cannot be sampled by --design \(design) (command line): it needs range:LOW:HIGH or logrange:LOW:HIGH")
        case (.scenario, _):
            axis.error("sweep.design \(design) needs range:LOW:HIGH or logrange:LOW:HIGH, not a list of values")
        }
    }
}
