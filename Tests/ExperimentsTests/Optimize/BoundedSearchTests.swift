import Foundation
import Testing
@testable import Experiments

@Suite("Bounded search (grid + Nelder–Mead)")
struct BoundedSearchTests {
    @Test("Finds an interior maximum on a linear and a logarithmic dimension")
    func interiorMaximum() throws {
        // Maximum 7 at x = 3.3, y = 120 (log scale on [1, 10^4]).
        let search = BoundedSearch(dimensions: [
            SearchDimension(name: "x", lower: 0, upper: 10, logarithmic: false),
            SearchDimension(name: "y", lower: 1, upper: 10_000, logarithmic: true),
        ], sizeTolerance: 1e-7, maxIterations: 500)
        let outcome = try search.maximize { p in
            let dx = p[0] - 3.3, dy = log10(p[1]) - log10(120)
            return 7 - dx * dx - 4 * dy * dy
        }
        #expect(abs(outcome.best.parameters[0] - 3.3) < 1e-4)
        #expect(abs(outcome.best.parameters[1] / 120 - 1) < 1e-4)
        #expect(abs(outcome.best.value - 7) < 1e-8)
        #expect(outcome.evaluations.filter { $0.stage == .grid }.count == 25)
    }

    @Test("Respects the bounds: a maximum outside the box ends on its edge, never beyond")
    func maximumOnTheBound() throws {
        let search = BoundedSearch(dimensions: [
            SearchDimension(name: "a", lower: -1, upper: 2, logarithmic: false),
            SearchDimension(name: "b", lower: 0, upper: 1, logarithmic: false),
        ])
        // Unconstrained maximum at a = 5, b = 0.25.
        let outcome = try search.maximize { p in -(p[0] - 5) * (p[0] - 5) - (p[1] - 0.25) * (p[1] - 0.25) }
        #expect(outcome.best.parameters[0] == 2)
        #expect(abs(outcome.best.parameters[1] - 0.25) < 1e-3)
        for evaluation in outcome.evaluations {
            #expect((-1...2).contains(evaluation.parameters[0]) && (0...1).contains(evaluation.parameters[1]))
        }
    }

    @Test("Evaluates each distinct point once and is deterministic")
    func memoAndDeterminism() throws {
        let search = BoundedSearch(dimensions: [SearchDimension(name: "x", lower: 0, upper: 1, logarithmic: false)], starts: 2)
        var calls = 0
        let first = try search.maximize { p in calls += 1; return sin(7 * p[0]) }
        #expect(calls == first.evaluations.count)
        #expect(Set(first.evaluations.map { $0.parameters[0].bitPattern }).count == calls)
        let second = try search.maximize { p in sin(7 * p[0]) }
        #expect(first.evaluations == second.evaluations)
        // sin(7x) on [0, 1] peaks at x = π/14.
        #expect(abs(first.best.parameters[0] - Double.pi / 14) < 1e-3)
    }

    @Test("Stops at the objective's first error and rethrows it")
    func objectiveErrors() {
        struct Boom: Error {}
        let search = BoundedSearch(dimensions: [SearchDimension(name: "x", lower: 0, upper: 1, logarithmic: false)])
        var calls = 0
        #expect(throws: Boom.self) {
            try search.maximize { _ in
                calls += 1
                if calls == 3 { throw Boom() }
                return 0
            }
        }
        #expect(calls == 3)
    }

    /// A narrow peak at x = 0.37 (value 10) between grid points; elsewhere −x, so the grid's best
    /// is the "no attack" corner x = 0 (value 0), and the simplex from there stays near it.
    static func narrowPeak(_ p: [Double]) -> Double { abs(p[0] - 0.37) < 0.01 ? 10 : -p[0] }

    @Test("A seed better than every grid point is evaluated after the grid and becomes the best")
    func seedBeatsTheGrid() throws {
        let dimension = SearchDimension(name: "x", lower: 0, upper: 1, logarithmic: false)
        let cold = try BoundedSearch(dimensions: [dimension], starts: 1).maximize(Self.narrowPeak)
        #expect(cold.best.value == 0 && cold.best.parameters == [0])
        // Seeds outside the box are clamped (−3 → 0, a grid point, not evaluated again); repeats run once.
        let warm = try BoundedSearch(dimensions: [dimension], starts: 1, seeds: [[0.37], [-3], [0.37]])
            .maximize(Self.narrowPeak)
        #expect(warm.evaluations.prefix(5).allSatisfy { $0.stage == .grid })
        #expect(warm.evaluations[5] == BoundedSearch.Evaluation(parameters: [0.37], value: 10, stage: .seed, start: 0))
        #expect(warm.evaluations.filter { $0.stage == .seed }.count == 1)
        #expect(warm.best.value == 10 && abs(warm.best.parameters[0] - 0.37) < 0.01)
        // The single simplex start is the seed (the best candidate), so every simplex point is near it.
        #expect(warm.evaluations.filter { $0.stage == .simplex }.allSatisfy { abs($0.parameters[0] - 0.37) < 0.2 })
        // Seeds on the grid change nothing: the search is the one without them.
        let onGrid = try BoundedSearch(dimensions: [dimension], starts: 2, seeds: [[1], [0.5]]).maximize { sin(7 * $0[0]) }
        #expect(onGrid.evaluations == (try BoundedSearch(dimensions: [dimension], starts: 2).maximize { sin(7 * $0[0]) }).evaluations)
    }

    @Test("unit(ofValue:) inverts value(atUnit:) on linear and logarithmic scales and clamps")
    func unitInverse() {
        let linear = SearchDimension(name: "x", lower: 2, upper: 6, logarithmic: false)
        let log = SearchDimension(name: "y", lower: 1, upper: 10_000, logarithmic: true)
        #expect(linear.unit(ofValue: 3) == 0.25 && linear.unit(ofValue: 1) == 0 && linear.unit(ofValue: 7) == 1)
        #expect(abs(log.unit(ofValue: 100) - 0.5) < 1e-15 && log.unit(ofValue: 10_000) == 1)
    }

    @Test("Reflection folds the real line into [0, 1] at the bounds")
    func reflection() {
        #expect(SearchDimension.reflectIntoUnit(0.25) == 0.25)
        #expect(SearchDimension.reflectIntoUnit(-0.25) == 0.25)
        #expect(SearchDimension.reflectIntoUnit(1.25) == 0.75)
        #expect(SearchDimension.reflectIntoUnit(2.25) == 0.25)
        #expect(SearchDimension.reflectIntoUnit(-1.5) == 0.5)
        #expect(SearchDimension.reflectIntoUnit(1) == 1)
    }
}
