/// A bound on the floating-point rounding a sum of valued terms has collected, so that a result
/// that is zero up to that rounding can be reported as zero.
///
/// Each term is a value in the numeraire (an amount times a price, a few roundings of its own)
/// added to a running sum (one rounding per addition). With n terms of total magnitude M = Σ|term|,
/// the sum is within (n + 2)·4·ε·M of the exact sum of the exact terms (ε the double's unit
/// roundoff; the factor 4 covers the valuation's own roundings); a difference of two such sums is
/// within the sum of their bounds.
struct RoundingBound {
    /// Σ |term| over the terms added.
    private(set) var magnitude = 0.0
    /// How many terms were added.
    private(set) var terms = 0

    /// Counts `term` into the bound.
    mutating func add(_ term: Double) {
        magnitude += abs(term)
        terms += 1
    }

    /// The largest error the sums of the terms added can carry.
    var error: Double { Double(terms + 2) * 4 * Double.ulpOfOne * magnitude }

    /// `value`, or exactly zero when it is within the rounding of the terms added (its sign is
    /// then not known).
    func zeroingResidue(_ value: Double) -> Double {
        abs(value) <= error ? 0 : value
    }
}
