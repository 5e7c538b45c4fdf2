/// The fixed metric set of one replication (runs.csv; DESIGN.md §5). Money is in the
/// scenario's numeraire; an absent feature is nil (an empty cell).
public struct RunMetrics: Sendable, Equatable {
    /// Simulated seconds at the end.
    public var endTime: Double = 0
    public var blocks = 0
    /// Transactions included in blocks (executed + reverted).
    public var transactions = 0
    public var revertedTransactions = 0
    /// Transactions left out because their sender could not pay gas.
    public var droppedTransactions = 0
    public var gasUsed: UInt64 = 0
    /// Gas paid by everyone, numeraire.
    public var gasCost = 0.0
    /// Executed swaps.
    public var swaps = 0
    /// Input value of executed swaps at reference prices, numeraire.
    public var swapVolume = 0.0
    /// Fees paid to pools, numeraire.
    public var swapFees = 0.0
    /// Executed arbitrage swaps.
    public var arbitrageTrades = 0
    /// Arbitrageurs' total P&L (final − initial holdings, both at end reference prices).
    public var arbitrageurPnl: Double?
    /// Liquidity providers' total P&L, same convention.
    public var lpPnl: Double?
    /// Noise traders' total P&L, same convention.
    public var noiseTraderPnl: Double?
    public var lpWithdrawals = 0
    /// Largest |pool price / reference price − 1| over pools and sealed blocks.
    public var maxPoolDeviation: Double?
    /// Mean of the same over pools and sealed blocks.
    public var meanPoolDeviation: Double?
    /// The same at the last block, mean over pools.
    public var finalPoolDeviation: Double?
    /// Executed liquidations (nil without a lending market).
    public var liquidations: Int?
    /// Debt repaid by executed liquidations (an English auction's penalty excluded), at reference
    /// prices, numeraire.
    public var liquidatedVolume: Double?
    /// Debt written off because its account had no collateral left, at end reference prices,
    /// numeraire (covered by insurance funds or socialised).
    public var badDebt: Double?
    /// The part of the bad debt the insurance funds paid, same convention.
    public var insuranceFundUsed: Double?
    /// Lowest health factor of any borrower with debt at any sealed block.
    public var minHealth: Double?
    /// Longest chain of liquidation rounds in any market (DESIGN.md §3, ``CascadeChain``).
    public var cascadeDepth: Int?
    /// Debt of accounts whose collateral at end reference prices is below their debt, numeraire.
    public var underwaterDebt: Double?
    /// That debt less the collateral of its accounts at end reference prices, numeraire: what
    /// the lenders lose on them when their borrowers walk away. `badDebt` plus this is the
    /// lenders' loss to defaults; `underwaterDebt` alone counts the collateral as worth nothing.
    public var underwaterShortfall: Double?
    /// Largest |oracle answer / reference price − 1| over sealed blocks and the oracles that
    /// price a lending-market asset (reference: the asset's reference price in the oracle's
    /// unit); nil without a lending market.
    public var maxOracleDeviation: Double?
    /// Times a circuit breaker tripped (from the unpaused state), summed over markets; nil
    /// when no market has one.
    public var circuitBreakerTrips: Int?
    /// The attacker's executed and reverted transactions (nil without an attacker, as are all
    /// the attack columns below; DESIGN.md §4).
    public var attackExecuted: Int?
    public var attackReverted: Int?
    /// Final − initial wealth of the attacker, both at end reference prices; a position under
    /// water at the end is walked away from (it counts as the lenders').
    public var attackNetProfit: Double?
    /// Flash-loan fees + swap fees + gas + bribes + price-impact loss.
    public var attackCost: Double?
    /// Net profit + cost.
    public var attackGrossProfit: Double?
    /// Peak of the attacker's own funds committed (balances, and collateral in positions above
    /// water, below their start) over sealed blocks; flash loans are repaid within their
    /// transaction, so excluded.
    public var attackCapital: Double?
    /// Gross profit / cost (nil when the cost is zero).
    public var attackProfitToCost: Double?
    /// Value of the attacker's flash loans, at the reference prices of their block.
    public var flashLoanVolume: Double?
    /// Flash-loan fees the attacker paid.
    public var flashLoanFees: Double?
    /// Pool fees on the attacker's swaps.
    public var attackSwapFees: Double?
    /// Value lost on the attacker's trades against reference prices, fees excluded (may be negative).
    public var priceImpactLoss: Double?
    /// Gas the attacker paid.
    public var attackGasCost: Double?
    /// Bribes the attacker paid.
    public var bribes: Double?
    /// Σ long option contracts held by traders at the end, whole underlying units (nil without
    /// an option vault, as are the option columns below).
    public var optionsOpenInterest: Double?
    /// The option vaults' LPs' (and keepers') P&L at end reference prices, numeraire: the
    /// `option_vaults` rows of pnl.csv.
    public var vaultPnl: Double?
    /// Executed option liquidations.
    public var optionLiquidations: Int?
    /// Largest |settlement price − reference price at the settlement block| / reference price
    /// over settled series (nil when none settled).
    public var settlementPriceDeviation: Double?

    public init() {}
}
