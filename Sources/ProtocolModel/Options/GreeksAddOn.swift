/// The Greeks add-on of portfolio margin: what the risk array's grid can miss.
///
///     addOn = volatilityBuffer · |Σ qᵢ·vegaᵢ| + ½ · spotGap² · |Σ qᵢ·Γᵢ·Sᵢ²|
///
/// with qᵢ the signed quantity, vegaᵢ = ∂Vᵢ/∂σ (per 1.00 of vol), Γᵢ = ∂²Vᵢ/∂S² and Sᵢ the
/// current spot of series i's underlying, all at the current market. The first term
/// charges a parallel volatility move of `volatilityBuffer` (absolute vol) on the net
/// vega; the second is the second-order loss of a relative spot gap `spotGap` on the net
/// dollar gamma (Σ qᵢ·Γᵢ·Sᵢ² = d²P/dε² for S → S·(1 + ε) on every underlying at once, as
/// the risk array moves them), charged long or short.
public struct GreeksAddOn: Sendable, Equatable {
    /// Absolute volatility move charged on the net vega (0.02 = 2 vol points); ≥ 0.
    public var volatilityBuffer: Double
    /// Relative spot gap charged on the net dollar gamma (0.05 = 5 %); ≥ 0.
    public var spotGap: Double

    /// Creates an add-on; both parameters ≥ 0.
    public init(volatilityBuffer: Double, spotGap: Double) {
        precondition(volatilityBuffer >= 0 && spotGap >= 0, "GreeksAddOn: negative parameter")
        self.volatilityBuffer = volatilityBuffer
        self.spotGap = spotGap
    }

    /// No add-on: the margin is the risk array's worst loss alone.
    public static let none = GreeksAddOn(volatilityBuffer: 0, spotGap: 0)

    /// The add-on of a portfolio with net vega `netVega` and net dollar gamma
    /// `netDollarGamma` (Σ q·Γ·S²).
    public func amount(netVega: Double, netDollarGamma: Double) -> Double {
        volatilityBuffer * abs(netVega) + 0.5 * spotGap * spotGap * abs(netDollarGamma)
    }
}

/// One account's portfolio margin and the numbers behind it.
public struct MarginBreakdown: Sendable, Equatable {
    /// Loss of the portfolio in each risk-array scenario, Σ q·(base value − scenario value).
    public var scenarioLosses: [Double]
    /// Net vega Σ q·vega (value per 1.00 of vol).
    public var netVega: Double
    /// Net dollar gamma Σ q·Γ·S² (value per unit of relative spot move, squared).
    public var netDollarGamma: Double
    /// The margin: max(0, worst scenario loss) + the Greeks add-on.
    public var margin: Double

    /// The largest scenario loss (negative when every scenario gains).
    public var worstLoss: Double { scenarioLosses.max() ?? 0 }
}
