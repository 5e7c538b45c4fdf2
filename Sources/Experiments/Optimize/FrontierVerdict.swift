/// Where a frontier found the protocol safe.
public enum FrontierVerdict: Sendable, Equatable {
    /// Safe at every evaluated value.
    case safeEverywhere
    /// Safe at none.
    case unsafeEverywhere
    /// A numeric grid whose safety changes: one narrowed bracket per change, in ascending order.
    case thresholds([FrontierBisection.Bracket])
    /// A non-numeric grid with both statuses (no bisection): the values of each, in grid order.
    case mixed(safe: [String], unsafe: [String])

    /// The verdict of grid points (in grid order) and the brackets their status changes narrowed to.
    init(grid: [Frontier.Point], brackets: [FrontierBisection.Bracket]) {
        if grid.allSatisfy(\.safe) {
            self = .safeEverywhere
        } else if !grid.contains(where: \.safe) {
            self = .unsafeEverywhere
        } else if grid.first?.number != nil {
            self = .thresholds(brackets)
        } else {
            self = .mixed(safe: grid.filter(\.safe).map(\.value), unsafe: grid.filter { !$0.safe }.map(\.value))
        }
    }

    /// The verdict in words, one line per threshold: "safe from KEY ≥ V (not safe at U)", "safe
    /// from KEY ≤ V …", "safe everywhere in KEY ∈ [LOW, HIGH]", "not safe anywhere in …".
    public func lines(for defence: FrontierDefence) -> [String] {
        let key = defence.keyPath
        let range = defence.numbers != nil
            ? "\(key) ∈ [\(defence.values.first ?? ""), \(defence.values.last ?? "")]"
            : "\(key) ∈ {\(defence.values.joined(separator: ", "))}"
        switch self {
        case .safeEverywhere:
            return ["safe everywhere in \(range)"]
        case .unsafeEverywhere:
            return ["not safe anywhere in \(range)"]
        case .thresholds(let brackets):
            var lines = brackets.map { bracket in
                "safe from \(key) \(bracket.upward ? "≥" : "≤") \(SweepAxis.text(bracket.safe)) (not safe at \(SweepAxis.text(bracket.unsafe)))"
            }
            if brackets.count > 1 {
                lines.append("the safety of \(key) changes \(brackets.count) times in [\(defence.values.first ?? ""), \(defence.values.last ?? "")]: the frontier is not monotone")
            }
            return lines
        case .mixed(let safe, let unsafe):
            return ["safe at \(key) = \(safe.joined(separator: ", ")); not safe at \(key) = \(unsafe.joined(separator: ", "))"]
        }
    }
}
