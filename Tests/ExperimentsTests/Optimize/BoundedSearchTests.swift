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
