/// A kinked ("jump rate") utilisation curve, Compound's JumpRateModel: below the kink the
/// borrow rate rises linearly from `base` to `base + slope1`, above it by `slope2` more at full
/// utilisation. Rates are per year (365 days), wad.
public struct InterestRateModel: Sendable, Equatable {
    public var base: UInt128
    public var slope1: UInt128
    public var slope2: UInt128
    /// Utilisation where the slope changes, wad, in (0, 1).
    public var kink: UInt128

    /// Seconds in a year (DESIGN.md §2: a year is 365 days).
    public static let secondsPerYear: UInt128 = 31_536_000

    /// A model that charges nothing.
    public static let zero = InterestRateModel(base: 0, slope1: 0, slope2: 0, kink: FixedPoint.wad / 2)

    public init(base: UInt128, slope1: UInt128, slope2: UInt128, kink: UInt128) {
        precondition(kink > 0 && kink < FixedPoint.wad, "the kink must be strictly between 0 and 1")
        self.base = base
        self.slope1 = slope1
        self.slope2 = slope2
        self.kink = kink
    }

    /// Whether the rate is 0 at every utilisation (base and both slopes 0).
    public var chargesNothing: Bool { base == 0 && slope1 == 0 && slope2 == 0 }

    /// Borrow rate per year at utilisation `utilisation` (wad, ≤ 1), rounded down:
    /// base + slope1·min(u, kink)/kink + slope2·max(0, u − kink)/(1 − kink).
    public func borrowRate(utilisation: UInt128) throws(ArithmeticError) -> UInt128 {
        let below = min(utilisation, kink)
        var rate = try FixedPoint.add(base, try FixedPoint.mulDiv(slope1, below, kink, rounding: .down))
        if utilisation > kink {
            rate = try FixedPoint.add(rate, try FixedPoint.mulDiv(slope2, utilisation - kink, FixedPoint.wad - kink, rounding: .down))
        }
        return rate
    }
}
