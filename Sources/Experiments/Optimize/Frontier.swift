import Foundation
import Scenarios

/// `advsim frontier`: the attacker's best response at each value of a defence parameter, and
/// the value from which the protocol is safe (DESIGN.md §4: the upper 95 % bound of the best
/// mean objective is ≤ 0).
///
/// At every grid value of the defence it runs an ``Optimizer`` over the scenario's `search:`
/// parameters — replications 0…R−1 at every value (common random numbers), so neighbouring
/// values are paired comparisons — then bisects the defence between adjacent grid values whose
/// safety differs, each probe a whole optimisation. Each optimisation is warm-started from the
/// best points found at the values optimised before it (nearest value first); between the grid
/// and the bisection, each grid value called safe is re-checked with the best points of the
/// later grid values not called safe. So a strategy that pays at one grid value is always tried
/// at the others, and "safe" means none of the attacker's best known strategies pays there.
/// Everything runs in a fixed order, so the result does not depend on the thread count.
public struct Frontier: Sendable {
    public var scenarioPath: String
    /// `--set` overrides applied before the defence value and the searched parameters.
    public var overrides: [String]
    public var defence: FrontierDefence
    /// The attacker's search; its goal must be `maximize`.
    public var search: SearchSpec
    /// Replications per evaluated point (≥ 2 for a confidence interval).
    public var replications: Int
    public var threads: Int
    public var scenarioSeed: UInt64
    public var options: WorldOptions
    /// Bisection probes per status change (each a whole optimisation).
    public var bisectionSteps = 6
    /// Simplex iteration limit per start of each optimisation.
    public var maxIterations = 60
    /// The runs.csv column averaged at the best point for `cost` (empty while runs.csv lacks it).
    public var costColumn = "attack_cost"
    /// The runs.csv column averaged at the best point for `capital` (empty while runs.csv lacks it).
    public var capitalColumn = "attack_capital"

    public init(scenarioPath: String, overrides: [String], defence: FrontierDefence, search: SearchSpec, replications: Int,
                threads: Int, scenarioSeed: UInt64, options: WorldOptions) {
        self.scenarioPath = scenarioPath
        self.overrides = overrides
        self.defence = defence
        self.search = search
        self.replications = replications
        self.threads = threads
        self.scenarioSeed = scenarioSeed
        self.options = options
    }

    /// Which stage evaluated a defence value.
    public enum Stage: String, Sendable {
        case grid
        case bisect
    }

    /// The attack's best response at one defence value.
    public struct Point: Sendable {
        /// The defence value as applied (a YAML scalar text).
        public var value: String
        /// `value` as a number, when the defence grid is numeric.
        public var number: Double?
        public var stage: Stage
        /// The best point evaluated at this value.
        public var best: Optimizer.Point
        /// Every point evaluated at this value, in order: the optimisation's, then any re-check's.
        public var points: [Optimizer.Point]

        /// Points evaluated at this value.
        public var evaluations: Int { points.count }
        /// Mean of ``Frontier/costColumn`` at the best point (nil when runs.csv lacks it).
        public var cost: Double? { best.cost }
        /// Mean of ``Frontier/capitalColumn`` at the best point (nil when runs.csv lacks it).
        public var capital: Double? { best.capital }

        /// Safe by DESIGN.md §4's rule (``Frontier/isSafe(_:)``).
        public var safe: Bool { Frontier.isSafe(best.summary) }

        /// Share of the best point's replications whose objective was > 0.
        public var profitShare: Double? { Self.profitShare(best) }

        /// The largest share of replications whose objective was > 0 over every point evaluated
        /// at this value — how often the attacker's most often profitable known strategy profits,
        /// whatever its mean.
        public var maxProfitShare: Double? { points.compactMap(Self.profitShare).max() }

        static func profitShare(_ point: Optimizer.Point) -> Double? {
            point.summary.count > 0 ? Double(point.positive) / Double(point.summary.count) : nil
        }
    }

    /// Every evaluated defence value (sorted by value when numeric, else in grid order) and the verdict.
    public struct Report: Sendable {
        public var points: [Point]
        public var verdict: FrontierVerdict
    }

    /// DESIGN.md §4: safe when the upper 95 % confidence bound of the best mean objective is
    /// ≤ 0. Without an interval (one defined replication) safety is not shown: false.
    public static func isSafe(_ summary: MetricSummary) -> Bool {
        summary.ciHigh.map { $0 <= 0 } ?? false
    }

    /// The `--set` overrides, then the one that sets the defence to `value` (its errors name
    /// `--defence`).
    func overrides(atDefence value: String) -> [ScenarioOverride] {
        ScenarioOverride.set(overrides)
            + [ScenarioOverride(defence.override(value), origin: .flag(label: "--defence \(defence.keyPath)", position: 1))]
    }

    /// The optimiser at defence value `value`, warm-started from `seeds` (parameter vectors).
    public func optimizer(at value: String, seeds: [[Double]] = []) -> Optimizer {
        var optimizer = Optimizer(scenarioPath: scenarioPath, overrides: overrides(atDefence: value), search: search,
                                  replications: replications, threads: threads, scenarioSeed: scenarioSeed, options: options)
        optimizer.maxIterations = maxIterations
        optimizer.seeds = seeds
        optimizer.costColumn = costColumn
        optimizer.capitalColumn = capitalColumn
        return optimizer
    }

    /// Optimises at every grid value, re-checks the values called safe with the attacks found
    /// at later ones (``recheck(_:progress:)``), then bisects each status change (numeric grids only).
    ///
    /// - Throws: ``BatchArgumentError`` for a minimising search, a defence key that is also
    ///   searched, or an unknown objective; ``InputError`` when a defence value or searched key
    ///   does not fit the scenario (checked for every grid value before any replication runs);
    ///   ``ReplicationFailure`` when a replication fails.
    /// - Complexity: (grid values + bisection probes) optimisations, and at most one point per
    ///   pair of grid values in the re-check.
    public func run(progress: (FrontierProgress) -> Void) throws -> Report {
        try validate()
        var grid: [Point] = []
        for (index, value) in defence.values.enumerated() {
            let number = defence.numbers?[index]
            grid.append(try optimize(at: value, number: number, stage: .grid, seeds: Self.seeds(from: grid, nearest: number),
                                     progress: progress))
        }
        grid = try recheck(grid, progress: progress)
        guard defence.numbers != nil else {
            return Report(points: grid, verdict: FrontierVerdict(grid: grid, brackets: []))
        }
        var probes: [Point] = []
        var brackets: [FrontierBisection.Bracket] = []
        for (left, right) in zip(grid, grid.dropFirst()) where left.safe != right.safe {
            let start = left.safe ? FrontierBisection.Bracket(unsafe: right.number!, safe: left.number!)
                                  : FrontierBisection.Bracket(unsafe: left.number!, safe: right.number!)
            let narrowed = try FrontierBisection.narrow(start, steps: bisectionSteps, logarithmic: defence.logarithmic,
                                                        integral: bisectsOnIntegers(start)) { probe in
                let point = try optimize(at: SweepAxis.text(probe), number: probe, stage: .bisect,
                                         seeds: Self.seeds(from: grid + probes, nearest: probe), progress: progress)
                probes.append(point)
                return point.safe
            }
            brackets.append(narrowed)
        }
        // Defence values are distinct, so the order is total.
        let points = (grid + probes).sorted { $0.number! < $1.number! }
        return Report(points: points, verdict: FrontierVerdict(grid: grid, brackets: brackets))
    }

    /// Refuses what cannot give a frontier before anything runs.
    func validate() throws {
        guard search.maximize else {
            throw BatchArgumentError("a frontier maximises the attacker's objective; the search's goal is minimize")
        }
        guard !search.parameters.isEmpty else {
            throw BatchArgumentError("\(scenarioPath): nothing to search — add a `search:` section or --search key.path=range:LOW:HIGH")
        }
        if search.parameters.contains(where: { $0.keyPath == defence.keyPath }) {
            throw BatchArgumentError("--defence \(defence.keyPath) is also a searched parameter; the attacker cannot choose the defence")
                .located(atFlag: 1)
        }
        guard RunsTable.metrics.contains(where: { $0.name == search.objective }) else {
            throw search.unknownObjectiveError()
        }
        for value in defence.values {
            _ = try Scenario.load(path: scenarioPath, with: overrides(atDefence: value))
        }
    }

    /// The warm starts for an optimisation at defence value `number`: the best parameters of
    /// every point in `earlier`, nearest defence value first (ties and text grids: most recent first).
    /// A bisection probe's nearest known values are its bracket's two ends.
    static func seeds(from earlier: [Point], nearest number: Double?) -> [[Double]] {
        let recentFirst = Array(earlier.reversed())
        guard let number else { return recentFirst.map(\.best.parameters) }
        return recentFirst.enumerated()
            .sorted { (abs($0.element.number! - number), $0.offset) < (abs($1.element.number! - number), $1.offset) }
            .map(\.element.best.parameters)
    }

    /// The second pass over `grid` (in grid order): each value called safe is re-checked with
    /// the best points of the later grid values not called safe — attacks found after its
    /// search, which it was not warm-started with. Values are re-checked from the last down, so
    /// one the re-check makes unsafe passes its new best point on to the smaller values.
    func recheck(_ grid: [Point], progress: (FrontierProgress) -> Void) throws -> [Point] {
        var grid = grid
        for index in grid.indices.reversed() where grid[index].safe {
            let later = grid[(index + 1)...].filter { !$0.safe }
            grid[index] = try recheck(grid[index], with: Self.seeds(from: later, nearest: grid[index].number), progress: progress)
        }
        return grid
    }

    /// `point` after evaluating there, in order, each of `candidates` (parameter vectors) not
    /// evaluated there yet, as its optimisation evaluates a point (evaluations.csv stage `recheck`);
    /// one with a higher mean becomes the best. Unchanged when every candidate was evaluated.
    func recheck(_ point: Point, with candidates: [[Double]], progress: (FrontierProgress) -> Void) throws -> Point {
        var known = Set(point.points.map { $0.parameters.map(\.bitPattern) })
        let fresh = candidates.filter { known.insert($0.map(\.bitPattern)).inserted }
        guard !fresh.isEmpty else { return point }
        progress(.rechecking(value: point.value, candidates: fresh.count))
        let optimizer = optimizer(at: point.value)
        var point = point
        for parameters in fresh {
            let evaluated = try optimizer.evaluate(parameters, stage: .recheck)
            point.points.append(evaluated)
            progress(.evaluated(value: point.value, point: evaluated, evaluation: point.points.count))
            if (evaluated.summary.mean ?? -.infinity) > (point.best.summary.mean ?? -.infinity) {
                point.best = evaluated
            }
        }
        progress(.rechecked(point))
        return point
    }

    /// One whole optimisation at `value`, warm-started from `seeds`, with the cost and capital
    /// means at its best point.
    func optimize(at value: String, number: Double?, stage: Stage, seeds: [[Double]],
                  progress: (FrontierProgress) -> Void) throws -> Point {
        progress(.started(value: value, stage: stage))
        let optimizer = optimizer(at: value, seeds: seeds)
        var evaluations = 0
        let report = try optimizer.run { point in
            evaluations += 1
            progress(.evaluated(value: value, point: point, evaluation: evaluations))
        }
        let point = Point(value: value, number: number, stage: stage, best: report.best, points: report.points)
        progress(.finished(point))
        return point
    }

    /// True when the bracket's ends are integers and the scenario refuses a fraction between
    /// them (a count, a number of sources): then bisection probes integers only.
    func bisectsOnIntegers(_ bracket: FrontierBisection.Bracket) -> Bool {
        let low = min(bracket.unsafe, bracket.safe), high = max(bracket.unsafe, bracket.safe)
        guard low == low.rounded(), high == high.rounded() else { return false }
        do {
            _ = try Scenario.load(path: scenarioPath, with: overrides(atDefence: SweepAxis.text(low + 0.5)))
            return false
        } catch {
            return true
        }
    }
}

/// What a running ``Frontier`` reports, in order.
public enum FrontierProgress: Sendable {
    /// An optimisation at a defence value begins.
    case started(value: String, stage: Frontier.Stage)
    /// The optimisation at `value` evaluated its `evaluation`-th point (1-based).
    case evaluated(value: String, point: Optimizer.Point, evaluation: Int)
    /// The optimisation at a defence value is done.
    case finished(Frontier.Point)
    /// A grid value called safe is re-checked with `candidates` best points of later values.
    case rechecking(value: String, candidates: Int)
    /// The re-check of a grid value is done: its final best point and verdict.
    case rechecked(Frontier.Point)
}
