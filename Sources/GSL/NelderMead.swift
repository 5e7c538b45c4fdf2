import CGSL

/// Derivative-free minimisation by GSL's Nelder–Mead simplex (`gsl_multimin_fminimizer_nmsimplex2`).
///
/// The objective is an ordinary Swift closure; a non-finite value counts as the worst possible
/// (`Double.greatestFiniteMagnitude`), so the simplex moves away from it. Deterministic: the
/// same start, steps and objective give the same sequence of evaluations.
public enum NelderMead {
    /// Where a minimisation stopped.
    public struct Result: Sendable, Equatable {
        /// The best point found.
        public var point: [Double]
        /// The objective at `point`.
        public var value: Double
        /// Simplex iterations made.
        public var iterations: Int
        /// Whether the simplex shrank below the size tolerance (else the iteration limit hit).
        public var converged: Bool
    }

    /// Minimises `objective` from `start`.
    ///
    /// - Parameters:
    ///   - start: the initial point (its dimension fixes the problem's; at least 1).
    ///   - steps: the initial simplex's step per coordinate (same count as `start`, each > 0).
    ///   - sizeTolerance: stop once the simplex's characteristic size (GSL's
    ///     `gsl_multimin_fminimizer_size`) is below this.
    ///   - maxIterations: stop after this many iterations at the latest.
    ///   - objective: the function to minimise.
    /// - Throws: ``GSLError`` for mismatched or invalid arguments and for GSL failures.
    /// - Complexity: at most about `maxIterations × (dimension + 2)` objective evaluations.
    public static func minimize(start: [Double], steps: [Double], sizeTolerance: Double, maxIterations: Int,
                                objective: ([Double]) -> Double) throws(GSLError) -> Result {
        GSLLibrary.configure()
        let dimension = start.count
        guard dimension >= 1, steps.count == dimension, steps.allSatisfy({ $0 > 0 && $0.isFinite }),
              start.allSatisfy(\.isFinite), sizeTolerance > 0, maxIterations >= 0 else {
            throw GSLError(status: Int32(GSL_EINVAL), context: "Nelder–Mead: \(dimension) coordinates, \(steps.count) steps, tolerance \(sizeTolerance)")
        }
        return try withoutActuallyEscaping(objective) { objective throws(GSLError) in
            let box = ObjectiveBox(objective)
            let minimizer = gsl_multimin_fminimizer_alloc(cgsl_multimin_nmsimplex2(), dimension)!
            let startVector = gsl_vector_alloc(dimension)!, stepVector = gsl_vector_alloc(dimension)!
            defer {
                gsl_multimin_fminimizer_free(minimizer)
                gsl_vector_free(startVector)
                gsl_vector_free(stepVector)
            }
            for index in 0..<dimension {
                gsl_vector_set(startVector, index, start[index])
                gsl_vector_set(stepVector, index, steps[index])
            }
            return try withExtendedLifetime(box) { () throws(GSLError) -> Result in
                var function = gsl_multimin_function(f: { vector, parameters in
                    let box = Unmanaged<ObjectiveBox>.fromOpaque(parameters!).takeUnretainedValue()
                    let size = Int(vector!.pointee.size)
                    let point = (0..<size).map { gsl_vector_get(vector, $0) }
                    let value = box.objective(point)
                    return value.isFinite ? value : .greatestFiniteMagnitude
                }, n: dimension, params: Unmanaged.passUnretained(box).toOpaque())
                try GSLError.check(gsl_multimin_fminimizer_set(minimizer, &function, startVector, stepVector),
                                   "gsl_multimin_fminimizer_set")
                var iterations = 0, converged = false
                while iterations < maxIterations {
                    iterations += 1
                    let status = gsl_multimin_fminimizer_iterate(minimizer)
                    // GSL_ENOPROG: the simplex cannot improve any further — a stop, not a failure.
                    if status == GSL_ENOPROG { converged = true; break }
                    try GSLError.check(status, "gsl_multimin_fminimizer_iterate")
                    if gsl_multimin_test_size(gsl_multimin_fminimizer_size(minimizer), sizeTolerance) == GSL_SUCCESS {
                        converged = true
                        break
                    }
                }
                let best = gsl_multimin_fminimizer_x(minimizer)
                return Result(point: (0..<dimension).map { gsl_vector_get(best, $0) },
                              value: gsl_multimin_fminimizer_minimum(minimizer),
                              iterations: iterations, converged: converged)
            }
        }
    }
}

/// Carries the Swift objective through GSL's `void *params`.
private final class ObjectiveBox {
    let objective: ([Double]) -> Double
    init(_ objective: @escaping ([Double]) -> Double) { self.objective = objective }
}
