/// The scenarios of a SPAN-like risk array: every spot shock crossed with every volatility
/// multiplier.
///
/// A scenario moves every underlying by the same relative shock (S → S·(1 + shock)) and
/// scales every series' volatility by the same multiplier (σ → σ·multiplier). Scenario
/// `index` is spot shock `index % spotShocks.count` with multiplier
/// `index / spotShocks.count`.
public struct RiskArray: Sendable, Equatable {
    /// Relative spot shocks, each > −1 (−0.15 = spot down 15 %).
    public let spotShocks: [Double]
    /// Volatility multipliers, each ≥ 0 (1 = unchanged).
    public let volatilityMultipliers: [Double]

    /// A risk array of `spotShocks` × `volatilityMultipliers`; neither may be empty.
    public init(spotShocks: [Double], volatilityMultipliers: [Double]) {
        precondition(!spotShocks.isEmpty && !volatilityMultipliers.isEmpty, "RiskArray: no scenarios")
        precondition(spotShocks.allSatisfy { $0 > -1 && $0.isFinite }, "RiskArray: a spot shock ≤ −100 %")
        precondition(volatilityMultipliers.allSatisfy { $0 >= 0 && $0.isFinite }, "RiskArray: a negative vol multiplier")
        self.spotShocks = spotShocks
        self.volatilityMultipliers = volatilityMultipliers
    }

    /// `spotSteps` spot shocks evenly spaced over ±`spotRange` (inclusive; `spotSteps` ≥ 2)
    /// crossed with `volatilityMultipliers`.
    public static func uniform(
        spotRange: Double = 0.15, spotSteps: Int = 7, volatilityMultipliers: [Double] = [0.7, 1, 1.3]
    ) -> RiskArray {
        precondition(spotSteps >= 2, "RiskArray: at least two spot steps")
        let shocks = (0..<spotSteps).map { -spotRange + 2 * spotRange * Double($0) / Double(spotSteps - 1) }
        return RiskArray(spotShocks: shocks, volatilityMultipliers: volatilityMultipliers)
    }

    /// Spot ±15 % in 7 steps × vol ×{0.7, 1, 1.3}: 21 scenarios.
    public static let standard = RiskArray.uniform()

    /// The number of scenarios, spot shocks × volatility multipliers.
    public var scenarioCount: Int { spotShocks.count * volatilityMultipliers.count }

    /// The spot shock and volatility multiplier of scenario `index`.
    public func scenario(_ index: Int) -> (spotShock: Double, volatilityMultiplier: Double) {
        (spotShocks[index % spotShocks.count], volatilityMultipliers[index / spotShocks.count])
    }
}
