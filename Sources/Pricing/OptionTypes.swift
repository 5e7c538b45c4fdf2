/// Call or put.
public enum OptionKind: String, Sendable, CaseIterable {
    /// The right to buy at the strike.
    case call
    /// The right to sell at the strike.
    case put

    /// +1 for a call, −1 for a put: the sign ω in V = ω·(S·e^{−qT}·N(ω·d1) − K·e^{−rT}·N(ω·d2)).
    public var sign: Double { self == .call ? 1 : -1 }
}

/// Which closed-form model prices the option.
public enum PricingModel: String, Sendable, CaseIterable {
    /// Black–Scholes–Merton (1973) on a spot with a continuous dividend yield or carry q.
    case blackScholes = "bs"
    /// Black (1976) on a forward or futures price F (the `spot` field); q is ignored and
    /// rho is the derivative with F held fixed, −T·V.
    case black76
}

/// The inputs of one European option. Rates and vols are per year, continuously compounded.
public struct OptionParameters: Sendable, Equatable {
    /// Call or put.
    public var kind: OptionKind
    /// Black–Scholes or Black-76.
    public var model: PricingModel
    /// Spot price S (or the forward F under Black-76); must be > 0.
    public var spot: Double
    /// Strike K; must be > 0.
    public var strike: Double
    /// Time to expiry T in years; must be ≥ 0.
    public var expiry: Double
    /// Risk-free rate r per year (continuous compounding).
    public var rate: Double
    /// Continuous dividend yield or carry q per year (Black–Scholes only).
    public var dividend: Double
    /// Volatility σ per √year; must be ≥ 0.
    public var volatility: Double

    /// Creates the inputs of one option.
    public init(
        kind: OptionKind, model: PricingModel = .blackScholes, spot: Double, strike: Double,
        expiry: Double, rate: Double, dividend: Double = 0, volatility: Double
    ) {
        self.kind = kind
        self.model = model
        self.spot = spot
        self.strike = strike
        self.expiry = expiry
        self.rate = rate
        self.dividend = dividend
        self.volatility = volatility
    }
}

/// Price and the five first-order Greeks of one option.
///
/// Conventions: vega per 1.00 of vol, theta = −∂V/∂T per year (calendar decay), rho per
/// 1.00 of rate; delta and gamma are with respect to S (or F under Black-76).
public struct OptionValuation: Sendable, Equatable {
    /// Present value V.
    public var price: Double
    /// ∂V/∂S.
    public var delta: Double
    /// ∂²V/∂S².
    public var gamma: Double
    /// ∂V/∂σ.
    public var vega: Double
    /// −∂V/∂T, per year.
    public var theta: Double
    /// ∂V/∂r.
    public var rho: Double

    /// Creates a valuation from its six numbers.
    public init(price: Double, delta: Double, gamma: Double, vega: Double, theta: Double, rho: Double) {
        self.price = price
        self.delta = delta
        self.gamma = gamma
        self.vega = vega
        self.theta = theta
        self.rho = rho
    }
}
