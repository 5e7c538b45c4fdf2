import Foundation
import Scenarios

/// `advsim optimize`: searches the parameters of a scenario's `search:` section for the best mean
/// of a runs.csv metric (by default the attacker's net profit) over R replications with common
/// random numbers — a coarse grid, then Nelder–Mead from the best grid points (``BoundedSearch``).
public struct Optimizer: Sendable {
    public var scenarioPath: String
    /// Overrides applied before the searched parameters: `--set`, and a frontier's defence value.
    public var overrides: [ScenarioOverride]
    public var search: SearchSpec
    public var replications: Int
    public var threads: Int
    public var scenarioSeed: UInt64
    public var options: WorldOptions
    /// Simplex iteration limit per start.
    public var maxIterations = 60
    /// Warm-start parameter vectors (``BoundedSearch/seeds``), e.g. a frontier's best points
    /// at other defence values.
    public var seeds: [[Double]] = []
    /// The runs.csv columns averaged at every point besides the objective, as its cost and capital
    /// (empty when the scenario has no such feature).
    public var costColumn = "attack_cost"
    public var capitalColumn = "attack_capital"

    public init(scenarioPath: String, overrides: [ScenarioOverride], search: SearchSpec, replications: Int, threads: Int,
                scenarioSeed: UInt64, options: WorldOptions) {
        self.scenarioPath = scenarioPath
        self.overrides = overrides
        self.search = search
        self.replications = replications
        self.threads = threads
        self.scenarioSeed = scenarioSeed
        self.options = options
    }

    /// One evaluated point: its parameters and the objective's statistics over the replications.
    public struct Point: Sendable {
        public var parameters: [Double]
        public var stage: BoundedSearch.Stage
        public var start: Int
        /// The objective metric over the replications that defined it.
        public var summary: MetricSummary
        /// Replications whose objective was > 0.
        public var positive: Int
        /// Means of ``Optimizer/costColumn`` and ``Optimizer/capitalColumn`` (nil when empty).
        public var cost: Double?
        public var capital: Double?
    }

    /// The evaluated points in order, and the best one.
    public struct Report: Sendable {
        public var points: [Point]
        public var best: Point
    }

    /// The `key.path=value` overrides that set `parameters` (in `search.parameters` order).
    public func parameterOverrides(_ parameters: [Double]) -> [String] {
        search.overrides(at: parameters).map(\.assignment)
    }

    /// The overrides of the scenario at `parameters`: ``overrides``, then the parameters' with
    /// their origins.
    func scenarioOverrides(at parameters: [Double]) -> [ScenarioOverride] {
        overrides + search.overrides(at: parameters)
    }

    /// The scenario at `parameters`.
    public func scenario(at parameters: [Double]) throws -> Scenario {
        try Scenario.load(path: scenarioPath, with: scenarioOverrides(at: parameters))
    }

    /// Runs the search; `progress` hears about each point as it is evaluated (its stage is
    /// filled in only in the report).
    ///
    /// - Throws: ``BatchArgumentError`` for an unknown or empty objective column, ``InputError``
    ///   when a searched key path does not fit the scenario, ``ReplicationFailure`` when a
    ///   replication fails.
    public func run(progress: (Point) -> Void) throws -> Report {
        let cell = try objectiveCell()
        let dimensions = search.parameters.map {
            SearchDimension(name: $0.keyPath, lower: $0.min, upper: $0.max, logarithmic: $0.logarithmic)
        }
        var points: [Point] = []
        let template = try ScenarioTemplate(path: scenarioPath)
        // A bound the scenario refuses is reported before any replication runs, not when the
        // grid reaches it; so is a key that takes only integers, which every simplex step would
        // set to a decimal (tried at a point inside the bounds whose values are not whole).
        for corner in search.corners {
            _ = try template.scenario(with: scenarioOverrides(at: corner))
        }
        let inside = dimensions.map { $0.value(atUnit: Self.decimalProbe) }
        do {
            _ = try template.scenario(with: scenarioOverrides(at: inside))
        } catch var error as InputError {
            error.message += " (a value inside the bounds, tried before any point runs: searched values are decimals, "
                + "so a key that takes only integers cannot be searched)"
            throw error
        }
        let boundedSearch = BoundedSearch(dimensions: dimensions, gridPoints: search.grid, starts: search.starts,
                                          sizeTolerance: 1e-3, maxIterations: maxIterations, seeds: seeds)
        let outcome = try boundedSearch.maximize { parameters in
            let point = try evaluate(parameters, cell: cell, template: template)
            points.append(point)
            progress(point)
            guard let mean = point.summary.mean else { return -.infinity }
            return search.maximize ? mean : -mean
        }
        // One point per objective call, in the order of the search's evaluations.
        for (index, evaluation) in outcome.evaluations.enumerated() {
            points[index].stage = evaluation.stage
            points[index].start = evaluation.start
        }
        let bestIndex = outcome.evaluations.firstIndex { $0 == outcome.best }!
        return Report(points: points, best: points[bestIndex])
    }

    /// Evaluates `parameters` alone, as ``run(progress:)`` evaluates a point (the same
    /// replications and seeds), and labels it `stage` — a frontier's re-check of a best point
    /// found at another defence value.
    ///
    /// - Throws: as ``run(progress:)``.
    public func evaluate(_ parameters: [Double], stage: BoundedSearch.Stage) throws -> Point {
        var point = try evaluate(parameters, cell: objectiveCell(), template: ScenarioTemplate(path: scenarioPath))
        point.stage = stage
        return point
    }

    /// The runs.csv cell of ``SearchSpec/objective``.
    func objectiveCell() throws -> @Sendable (RunMetrics) -> String {
        guard let column = RunsTable.metrics.first(where: { $0.name == search.objective }) else {
            throw search.unknownObjectiveError()
        }
        return column.cell
    }

    /// Runs the replications at `parameters` and summarises the objective (read by `cell`)
    /// there; the stage is `grid` until the caller knows better.
    func evaluate(_ parameters: [Double], cell: (RunMetrics) -> String, template: ScenarioTemplate) throws -> Point {
        let scenario = try template.scenario(with: scenarioOverrides(at: parameters))
        let metrics = try ReplicationPool.run(scenario: scenario, scenarioSeed: scenarioSeed,
                                              replications: replications, threads: threads, options: options)
        let values = metrics.compactMap { Double(cell($0)) }
        guard !values.isEmpty else {
            throw BatchArgumentError("the objective column '\(search.objective)' is empty for this scenario (the feature it measures is absent)")
        }
        return Point(parameters: parameters, stage: .grid, start: 0, summary: Descriptive.summarize(values),
                     positive: values.filter { $0 > 0 }.count, cost: mean(of: costColumn, metrics),
                     capital: mean(of: capitalColumn, metrics))
    }

    /// Where in each parameter's unit interval the value is that ``run(progress:)`` tries before
    /// any point runs: √2 − 1, irrational, so the value is not whole for integer bounds of any practical size.
    static let decimalProbe = 2.0.squareRoot() - 1

    /// The mean of runs.csv column `name` over `metrics`; nil for an unknown or empty column.
    func mean(of name: String, _ metrics: [RunMetrics]) -> Double? {
        guard let column = RunsTable.metrics.first(where: { $0.name == name }) else { return nil }
        let values = metrics.compactMap { Double(column.cell($0)) }
        return values.isEmpty ? nil : Descriptive.meanOf(values)
    }
}
