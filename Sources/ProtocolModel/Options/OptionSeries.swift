import Pricing

/// One listed option series: a cash-settled European call or put on an underlying, at a
/// strike, expiring at a point of simulated time.
///
/// The series fixes everything but the market inputs (spot and volatility), which
/// `PortfolioMargin.revalue(spots:volatilities:now:)` supplies at each revaluation.
public struct OptionSeries: Sendable, Equatable {
    /// Seconds in the year of the pricing formulas (365 days, as DESIGN.md §2 counts time).
    public static let secondsPerYear = 365.0 * 86_400

    /// Index of the underlying in the spot array passed to `revalue` (0-based).
    public var underlying: Int
    /// Call or put.
    public var kind: OptionKind
    /// Strike K, in the underlying's quote units; > 0.
    public var strike: Double
    /// Expiry, in seconds of simulated time from the scenario start.
    public var expiry: Double
    /// Black–Scholes on the spot (with `rate` and `dividend`), or Black-76 on a forward
    /// (the underlying's price read as the forward).
    public var model: PricingModel
    /// Risk-free rate r per year, continuously compounded.
    public var rate: Double
    /// Continuous dividend yield or carry q per year (Black–Scholes only).
    public var dividend: Double

    /// Creates a series; `underlying` ≥ 0, `strike` > 0.
    public init(
        underlying: Int, kind: OptionKind, strike: Double, expiry: Double,
        model: PricingModel = .blackScholes, rate: Double = 0, dividend: Double = 0
    ) {
        precondition(underlying >= 0, "OptionSeries: negative underlying index")
        precondition(strike > 0 && strike.isFinite, "OptionSeries: strike must be positive and finite")
        self.underlying = underlying
        self.kind = kind
        self.strike = strike
        self.expiry = expiry
        self.model = model
        self.rate = rate
        self.dividend = dividend
    }

    /// Time to expiry in years at simulated time `now` (seconds), never negative: an
    /// expired series is worth its intrinsic value.
    public func yearsToExpiry(at now: Double) -> Double {
        max(0, expiry - now) / Self.secondsPerYear
    }

    /// The pricing inputs of this series at `spot`, `volatility` (per √year) and time `now`.
    public func parameters(spot: Double, volatility: Double, now: Double) -> OptionParameters {
        OptionParameters(
            kind: kind, model: model, spot: spot, strike: strike, expiry: yearsToExpiry(at: now),
            rate: rate, dividend: dividend, volatility: volatility
        )
    }
}

/// A holding of one series: long when `quantity` > 0, short when < 0.
public struct OptionPosition: Sendable, Equatable {
    /// Index of the series in `PortfolioMargin.series`.
    public var series: Int
    /// Signed number of contracts (one contract = one unit of the underlying).
    public var quantity: Double

    /// Creates a position in series `series` of signed size `quantity`.
    public init(series: Int, quantity: Double) {
        self.series = series
        self.quantity = quantity
    }
}
