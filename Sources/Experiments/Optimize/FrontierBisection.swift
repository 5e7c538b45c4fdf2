/// Bisection for the defence value where a protocol becomes safe, on any monotone yes/no test
/// (in a frontier, each test is a whole optimisation of the attack).
public enum FrontierBisection {
    /// Two defence values with different safety: `unsafe` was not shown safe, `safe` was. Either
    /// may be the larger one (safety reached upwards or downwards).
    public struct Bracket: Sendable, Equatable {
        public var unsafe: Double
        public var safe: Double

        public init(unsafe: Double, safe: Double) {
            self.unsafe = unsafe
            self.safe = safe
        }

        /// Safety is reached by raising the defence value.
        public var upward: Bool { safe > unsafe }
    }

    /// Narrows `bracket` with at most `steps` probes of `isSafe`: each probe is the midpoint
    /// (geometric when `logarithmic`, an integer when `integral`) and replaces the end whose
    /// status it shares. Stops early when the bracket cannot be split (adjacent integers or
    /// adjacent doubles).
    ///
    /// If `isSafe` is monotone between the ends, the threshold stays inside the returned
    /// bracket, which is `2^steps` times narrower (in log scale when `logarithmic`).
    /// - Complexity: at most `steps` calls of `isSafe`.
    public static func narrow(_ bracket: Bracket, steps: Int, logarithmic: Bool = false, integral: Bool = false,
                              isSafe: (Double) throws -> Bool) rethrows -> Bracket {
        var bracket = bracket
        for _ in 0..<max(0, steps) {
            guard let probe = midpoint(bracket.unsafe, bracket.safe, logarithmic: logarithmic, integral: integral) else { break }
            if try isSafe(probe) {
                bracket.safe = probe
            } else {
                bracket.unsafe = probe
            }
        }
        return bracket
    }

    /// A value strictly between `a` and `b`, or nil when there is none of the requested kind.
    /// Geometric midpoints need `a`, `b` > 0 (else the arithmetic one is used).
    static func midpoint(_ a: Double, _ b: Double, logarithmic: Bool, integral: Bool) -> Double? {
        let low = min(a, b), high = max(a, b)
        let middle: Double
        if integral {
            middle = (low + ((high - low) / 2).rounded(.down)).rounded(.down)
        } else if logarithmic, low > 0 {
            middle = low.squareRoot() * high.squareRoot()
        } else {
            middle = low + (high - low) / 2
        }
        return middle > low && middle < high ? middle : nil
    }
}
