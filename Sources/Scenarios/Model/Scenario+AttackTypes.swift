/// The attacker (`agents.attacker`): one account, its strategy and how it sends (issue 6;
/// docs/scenario-format.md "Attacker").
public struct AttackerSpec: Sendable {
    public var strategy: AttackStrategySpec
    /// Simulated seconds of its first move (`at`; its transactions enter the next block).
    public var start: Double
    /// Its own holdings at the start (gas money, own capital).
    public var capital: CapitalSpec
    /// Priority fee, gwei.
    public var priorityFee: Double
    /// Sends private bundles (top of the block).
    public var isPrivate: Bool
    /// A flash-loan attack checks its on-chain result at the end and reverts if it lost.
    public var revertIfUnprofitable: Bool
}

/// A strategy and its parameters.
public enum AttackStrategySpec: Sendable {
    case spotOracleBorrow(SpotOracleBorrowSpec)
    case pumpAndArbitrage(PumpAndArbitrageSpec)
    case cascadeTrigger(CascadeTriggerSpec)
    case twapManipulation(TwapManipulationSpec)
    case oracleBribe(OracleBribeSpec)
    case sharePriceCycle(SharePriceCycleSpec)
    case oraclePumpPnL(OraclePumpPnLSpec)
    case settlementManipulation(SettlementManipulationSpec)
    case donationInflation(DonationInflationSpec)

    /// The `strategy:` name.
    public var name: String {
        switch self {
        case .spotOracleBorrow: return "spot-oracle-borrow"
        case .pumpAndArbitrage: return "pump-and-arbitrage"
        case .cascadeTrigger: return "cascade-trigger"
        case .twapManipulation: return "twap-manipulation"
        case .oracleBribe: return "oracle-bribe"
        case .sharePriceCycle: return "share-price-cycle"
        case .oraclePumpPnL: return "oracle-pump-pnl"
        case .settlementManipulation: return "settlement-manipulation"
        case .donationInflation: return "donation-inflation"
        }
    }
}

/// `strategy: spot-oracle-borrow`.
public struct SpotOracleBorrowSpec: Sendable {
    /// Lending-market id.
    public var market: String
    /// The asset bought and deposited.
    public var collateral: String
    /// The asset borrowed.
    public var borrow: String
    /// The asset the purchases spend and the profit is counted in (default: `borrow`).
    public var funding: String
    /// A `flash_loans` id lending `funding`; nil to pay from the attacker's own capital.
    public var flashLoan: String?
    /// Purchases in order: venue id (a pool) and whole tokens of `funding` sold (exact decimal text).
    public var buy: [(venue: String, amount: String)]
    /// A pool selling `borrow` for `funding` (needed when they differ).
    public var sellBack: String?
    /// LP-share collateral (`LP-<pool>`): whole tokens of `funding` offered to pair what `buy`
    /// bought when minting the shares (exact decimal text); nil otherwise.
    public var liquidity: String?
    /// LP-share collateral: whole tokens of `funding` sold into the LP's pool after the deposit
    /// (exact decimal text); nil otherwise.
    public var pump: String?
}
