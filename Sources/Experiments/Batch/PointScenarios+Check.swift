import Scenarios

/// The check `batch` and `slurm` make before anything is written, so that bad input exits 2 at
/// once rather than partway through a batch.
///
/// A sweep of at most ``PointScenarios/everyPointLimit`` points has every point's scenario
/// decoded: complete. A larger one would take long to check that way, so each value of every
/// axis is decoded once, with the other axes at point 0's values: every value of a grid axis, the
/// smallest and largest of a design's axis (a key's range checks are intervals; a design's values
/// are all distinct, so its every value would cost more decodes than its points). That finds
/// every error of a key taken alone — an unknown key, a wrong type, a value out of its range —
/// but not one of a combination of swept values (a uniform distribution's `min` swept above its
/// `max`). Such a point is refused when the batch reaches it: the batch stops there cleanly
/// (``SweepPointRefusal``, exit code 2), the rows of the points before it kept.
extension PointScenarios {
    /// The largest sweep whose every point is checked before the batch starts.
    public static let everyPointLimit = 10_000

    /// Whether ``check(everyPointUpTo:)`` decodes every point of this sweep.
    public func checksEveryPoint(upTo limit: Int = everyPointLimit) -> Bool { plan.count <= limit }

    /// Checks the points' scenarios (every point's when there are at most `limit`, else each
    /// axis's values, as the extension's overview says).
    ///
    /// - Returns: point 0's scenario.
    /// - Throws: ``InputError``, located as ``scenario(ofPoint:)``'s are.
    /// - Complexity: min(points, Σ grid axis lengths) scenario decodes.
    public func check(everyPointUpTo limit: Int = everyPointLimit) throws -> Scenario {
        let first = try scenario(ofPoint: 0)
        guard !checksEveryPoint(upTo: limit) else {
            for point in 1..<plan.count { _ = try scenario(ofPoint: point) }
            return first
        }
        let base = plan.values(ofPoint: 0), baseOrigins = plan.origins(ofPoint: 0)
        for axis in plan.keyPaths.indices {
            let values = plan.values(ofAxis: axis)
            var tried: Set<String> = [base[axis]]
            // A grid axis's every value, at its item; a design's extremes (sampled: no item).
            let checked = plan.design == .grid ? Array(values.enumerated()).map { ($0.element, Optional($0.offset)) }
                : Self.extremes(values).map { ($0, nil) }
            for (value, item) in checked where tried.insert(value).inserted {
                var point = base, origins = baseOrigins
                point[axis] = value
                origins[axis] = plan.origin(ofAxis: axis, item: item)
                _ = try scenario(values: point, origins: origins)
            }
        }
        return first
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

/// A sweep point whose scenario is refused when the batch reaches it: a combination of swept
/// values the up-front check did not try (``PointScenarios/check(everyPointUpTo:)``). The batch
/// stops there as on Ctrl-C — the rows of the points before it written whole, manifest.json
/// `partial` — and `batch` exits with code 2.
public struct SweepPointRefusal: Error, Sendable, CustomStringConvertible {
    /// The sweep point.
    public let point: Int
    /// Its swept values, as `key.path=value`.
    public let overrides: [String]
    /// The decoder's message, `file:line:column: message`.
    public let message: String

    /// The located message, then where the batch stopped.
    public var description: String {
        "\(message)\nbatch: stopped at sweep point \(point) (\(overrides.joined(separator: ", "))), whose scenario is refused; "
            + "the points before it are written and manifest.json says partial"
    }
}
