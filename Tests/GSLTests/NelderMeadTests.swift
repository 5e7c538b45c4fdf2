import Testing
@testable import GSL

@Suite("Nelder–Mead")
struct NelderMeadTests {
    @Test("Finds the minimum of a shifted quadratic bowl to the size tolerance")
    func quadraticBowl() throws {
        // f = (x − 3)² + 10 (y + 1.5)² + 2, minimum 2 at (3, −1.5).
        let result = try NelderMead.minimize(start: [0, 0], steps: [1, 1], sizeTolerance: 1e-6, maxIterations: 2_000) { point in
            let x = point[0] - 3, y = point[1] + 1.5
            return x * x + 10 * y * y + 2
        }
        #expect(result.converged)
        #expect(abs(result.point[0] - 3) < 1e-5)
        #expect(abs(result.point[1] + 1.5) < 1e-5)
        #expect(abs(result.value - 2) < 1e-10)
    }

    @Test("Finds Rosenbrock's minimum at (1, 1) from the textbook start (−1.2, 1)")
    func rosenbrock() throws {
        let result = try NelderMead.minimize(start: [-1.2, 1], steps: [0.5, 0.5], sizeTolerance: 1e-10, maxIterations: 5_000) { point in
            let a = 1 - point[0], b = point[1] - point[0] * point[0]
            return a * a + 100 * b * b
        }
        #expect(result.converged)
        #expect(abs(result.point[0] - 1) < 1e-5)
        #expect(abs(result.point[1] - 1) < 1e-5)
    }

    @Test("Stops at the iteration limit without claiming convergence")
    func iterationLimit() throws {
        var evaluations = 0
        let result = try NelderMead.minimize(start: [5, 5, 5], steps: [1, 1, 1], sizeTolerance: 1e-12, maxIterations: 3) { point in
            evaluations += 1
            return point.reduce(0) { $0 + $1 * $1 }
        }
        #expect(result.iterations == 3)
        #expect(!result.converged)
        #expect(evaluations >= 4)  // the initial simplex alone costs dimension + 1
    }

    @Test("Treats non-finite objective values as the worst and moves away from them")
    func nonFiniteValues() throws {
        // NaN for x < 0: the minimum of (x − 1)² on x ≥ 0 is still found from x = 0.5.
        let result = try NelderMead.minimize(start: [0.5], steps: [2], sizeTolerance: 1e-9, maxIterations: 1_000) { point in
            point[0] < 0 ? .nan : (point[0] - 1) * (point[0] - 1)
        }
        #expect(abs(result.point[0] - 1) < 1e-6)
    }

    @Test("Rejects mismatched steps, non-positive steps and an empty start")
    func invalidArguments() {
        #expect(throws: GSLError.self) { try NelderMead.minimize(start: [1, 2], steps: [1], sizeTolerance: 1e-6, maxIterations: 10) { _ in 0 } }
        #expect(throws: GSLError.self) { try NelderMead.minimize(start: [1], steps: [0], sizeTolerance: 1e-6, maxIterations: 10) { _ in 0 } }
        #expect(throws: GSLError.self) { try NelderMead.minimize(start: [], steps: [], sizeTolerance: 1e-6, maxIterations: 10) { _ in 0 } }
    }
}
