import Foundation

/// One parameter an optimiser searches: a closed interval on a linear or logarithmic scale.
///
/// The search works in the unit interval; `value(atUnit:)` maps 0 to `lower` and 1 to `upper`
/// (geometrically on a logarithmic scale), so a simplex step means the same relative change
/// anywhere on a log scale.
public struct SearchDimension: Sendable, Equatable {
    /// The scenario key path it sets, e.g. `agents.attacker.flash_loan`.
    public var name: String
    public var lower: Double
    public var upper: Double
    public var logarithmic: Bool

    /// - Precondition: `lower < upper`, both finite, and both > 0 on a logarithmic scale
    ///   (callers validate user input with located errors first).
    public init(name: String, lower: Double, upper: Double, logarithmic: Bool) {
        precondition(lower.isFinite && upper.isFinite && lower < upper && (!logarithmic || lower > 0),
                     "invalid search bounds for \(name)")
        self.name = name
        self.lower = lower
        self.upper = upper
        self.logarithmic = logarithmic
    }

    /// The parameter value at `unit` ∈ [0, 1]; the ends are exact.
    public func value(atUnit unit: Double) -> Double {
        if unit <= 0 { return lower }
        if unit >= 1 { return upper }
        return logarithmic ? exp(log(lower) + unit * (log(upper) - log(lower))) : lower + unit * (upper - lower)
    }

    /// The unit coordinate of `value` (the inverse of ``value(atUnit:)``), clamped to [0, 1].
    public func unit(ofValue value: Double) -> Double {
        if value <= lower { return 0 }
        if value >= upper { return 1 }
        return logarithmic ? (log(value) - log(lower)) / (log(upper) - log(lower)) : (value - lower) / (upper - lower)
    }

    /// Folds any real number into [0, 1] by reflection at the bounds (…, −0.2 → 0.2, 1.3 → 0.7, …),
    /// so an unconstrained simplex only ever evaluates points inside the box.
    public static func reflectIntoUnit(_ unit: Double) -> Double {
        let period = unit - 2 * (unit / 2).rounded(.down)  // in [0, 2)
        return period <= 1 ? period : 2 - period
    }
}
