/// The events of a world's queue: small values, no closures (STYLE.md habit 2).
public enum WorldEvent: Sendable {
    /// Build, execute and seal block k.
    case block(Int)
    /// Arbitrageur i wakes after its reaction latency.
    case arbitrageur(Int)
    /// Noise trader i's next Poisson arrival.
    case noiseTrader(Int)
    /// Liquidator i wakes after its reaction latency.
    case liquidator(Int)
    /// Borrower i (of the reacting borrowers) reacts to its fall in health.
    case borrower(Int)
    /// The attacker wakes (its plan's start).
    case attacker
    /// Option trader i's next Poisson arrival.
    case optionTrader(Int)
    /// Perp liquidator i wakes after its reaction latency.
    case perpLiquidator(Int)

    /// Blocks run before agents at the same instant, so agents see the block sealed.
    var priority: Int32 {
        switch self {
        case .block: return 0
        case .arbitrageur, .noiseTrader, .liquidator, .borrower, .attacker, .optionTrader, .perpLiquidator: return 1
        }
    }
}
