import GSL

/// Maximises an objective over a box of ``SearchDimension``s: a coarse grid first, then any
/// warm-start ``seeds``, then GSL's Nelder–Mead simplex from the best of those points, with every
/// point reflected into the box.
///
/// Each distinct point is evaluated once (the objective is typically a batch of replications
/// with common random numbers, so it is deterministic and expensive); every evaluation is kept,
/// in order, for `optimize.csv`. The whole search is deterministic.
public struct BoundedSearch: Sendable {
    public var dimensions: [SearchDimension]
    /// Grid points per dimension (≥ 2: both bounds are always on the grid).
    public var gridPoints: Int
    /// Number of best grid points the simplex restarts from.
    public var starts: Int
    /// Simplex size in unit-box coordinates below which a start stops.
    public var sizeTolerance: Double
    /// Iteration limit per start.
    public var maxIterations: Int
    /// Warm-start points (parameter values in `dimensions` order, clamped into the box),
    /// evaluated after the grid and ranked with it for the simplex starts: a point known to be
    /// good elsewhere (a frontier's neighbouring defence value) is always tried.
    public var seeds: [[Double]]

    public init(dimensions: [SearchDimension], gridPoints: Int = 5, starts: Int = 3,
                sizeTolerance: Double = 1e-4, maxIterations: Int = 200, seeds: [[Double]] = []) {
        precondition(seeds.allSatisfy { $0.count == dimensions.count }, "a seed needs one value per dimension")
        self.dimensions = dimensions
        self.seeds = seeds
        self.gridPoints = max(2, gridPoints)
        self.starts = max(1, starts)
        self.sizeTolerance = sizeTolerance
        self.maxIterations = maxIterations
    }

    /// Which stage of the search evaluated a point.
    public enum Stage: String, Sendable {
        case grid
        /// A warm-start point from ``BoundedSearch/seeds``.
        case seed
        case simplex
        /// A frontier's second pass: a best point found at a later defence value, evaluated at
        /// a value already searched (``Frontier``); the search itself never makes one.
        case recheck
    }

    /// One evaluated point.
    public struct Evaluation: Sendable, Equatable {
        /// Parameter values, in `dimensions` order.
        public var parameters: [Double]
        public var value: Double
        public var stage: Stage
        /// The simplex start it belongs to (1-based; 0 for the grid and the seeds).
        public var start: Int
    }

    /// The best point and every evaluation made.
    public struct Outcome: Sendable {
        public var best: Evaluation
        public var evaluations: [Evaluation]
    }

    /// Runs the search; `objective` gets parameter values in `dimensions` order and returns the
    /// value to maximise (non-finite counts as the worst).
    ///
    /// - Throws: the objective's first error, or a ``GSLError``.
    /// - Complexity: `gridPoints^d` grid evaluations, one per distinct seed, plus at most about
    ///   `starts × maxIterations × (d + 2)` simplex evaluations (fewer with repeated points).
    public func maximize(_ objective: ([Double]) throws -> Double) throws -> Outcome {
        precondition(!dimensions.isEmpty, "a search needs at least one dimension")
        var memo = EvaluationMemo()
        var evaluations: [Evaluation] = []
        var failure: (any Error)?

        func evaluate(unit: [Double], stage: Stage, start: Int) -> Double {
            evaluate(parameters: zip(dimensions, unit).map { $0.value(atUnit: SearchDimension.reflectIntoUnit($1)) },
                     stage: stage, start: start)
        }

        func evaluate(parameters: [Double], stage: Stage, start: Int) -> Double {
            if failure != nil { return -.infinity }
            if let known = memo.value(at: parameters) { return known }
            do {
                let raw = try objective(parameters)
                let value = raw.isFinite ? raw : -.infinity
                memo.record(value, at: parameters)
                evaluations.append(Evaluation(parameters: parameters, value: value, stage: stage, start: start))
                return value
            } catch {
                failure = error
                return -.infinity
            }
        }

        var candidates: [(unit: [Double], value: Double)] = []
        for unit in gridUnits() {
            candidates.append((unit, evaluate(unit: unit, stage: .grid, start: 0)))
            if let failure { throw failure }
        }
        // A seed already on the grid is a candidate already: ranking it twice would waste a start.
        for parameters in clampedSeeds() where memo.value(at: parameters) == nil {
            let unit = zip(dimensions, parameters).map { $0.unit(ofValue: $1) }
            candidates.append((unit, evaluate(parameters: parameters, stage: .seed, start: 0)))
            if let failure { throw failure }
        }
        // Best first; ties keep grid-then-seed order, so the starts are deterministic.
        let ranked = candidates.enumerated().sorted { ($0.element.value, -$0.offset) > ($1.element.value, -$1.offset) }
        let step = 0.5 / Double(gridPoints - 1)
        for (number, entry) in ranked.prefix(starts).enumerated() {
            _ = try NelderMead.minimize(start: entry.element.unit, steps: Array(repeating: step, count: dimensions.count),
                                        sizeTolerance: sizeTolerance, maxIterations: maxIterations) { unit in
                -evaluate(unit: unit, stage: .simplex, start: number + 1)
            }
            if let failure { throw failure }
        }
        let best = evaluations.enumerated().max { ($0.element.value, -$0.offset) < ($1.element.value, -$1.offset) }!.element
        return Outcome(best: best, evaluations: evaluations)
    }

    /// ``seeds`` clamped into the box, each distinct one once, in order.
    func clampedSeeds() -> [[Double]] {
        var seen = Set<[UInt64]>()
        return seeds.map { zip(dimensions, $0).map { min(max($1, $0.lower), $0.upper) } }
            .filter { seen.insert($0.map(\.bitPattern)).inserted }
    }

    /// The grid in unit coordinates, first dimension varying slowest.
    func gridUnits() -> [[Double]] {
        let axis = (0..<gridPoints).map { Double($0) / Double(gridPoints - 1) }
        var points: [[Double]] = [[]]
        for _ in dimensions {
            points = points.flatMap { prefix in axis.map { prefix + [$0] } }
        }
        return points
    }
}

/// Objective values by exact parameter bits.
private struct EvaluationMemo {
    private var values: [[UInt64]: Double] = [:]

    func value(at parameters: [Double]) -> Double? { values[parameters.map(\.bitPattern)] }

    mutating func record(_ value: Double, at parameters: [Double]) { values[parameters.map(\.bitPattern)] = value }
}
