/// One row of events.csv: an executed or reverted step.
public struct StepRecord: Sendable, Equatable {
    public var time: Double
    public var block: Int
    public var transaction: Int
    /// The acting agent (its name: ``AgentTag/name``).
    public var agent: AgentTag
    public var kind: StepKind
    /// The pool the step traded with, if any (index into ``ProtocolState/pools``); for a margin
    /// venue's steps, the pool the venue traded through; for a `stable_swap` step, an index into
    /// ``ProtocolState/stablePools`` instead; for a `buy_option` or `sell_option` step, the option
    /// series traded, an index into every option vault's listed series in vault order
    /// (``ProtocolState/listedSeries(vault:series:)``), whose contracts (raw underlying units) are
    /// ``amountOut`` of a purchase and ``amountIn`` of a sale, with no asset (``kind`` says which).
    public var pool: Int?
    /// The asset that left the sender (or was moved), if any.
    public var assetIn: AssetID?
    public var amountIn: UInt128
    /// The asset that reached the sender, if any.
    public var assetOut: AssetID?
    public var amountOut: UInt128
    /// `executed` or `reverted` (a step of a reverted transaction is reverted too).
    public var executed: Bool
    /// Why the step failed, on the failing step only. Kept as the error value: its text is only
    /// built when an events.csv row is written (``reason(assets:)``).
    public var revert: RevertReason?
    /// An executed liquidation's details (nil for other steps and reverted ones).
    public var liquidation: LiquidationRecord?
    /// For an `open_short` or `close_short` step, what the margin venue sold into ``pool`` on the
    /// sender's behalf, raw units of the token the pool took (the loan asset when opening, the
    /// position's asset when closing: the pool's token that is not the venue's loan asset); 0
    /// for every other step. The record's own amounts are the sender's (margin in, payout out),
    /// not the pool trade's.
    public var poolInput: UInt128 = 0

    // NOTE: built by the model only, with the memberwise initializer: an explicit initializer
    // made every record be built twice, copied and destroyed before it was moved into the log
    // (≈ 260 instructions a record: 1,151.8 M -> 1,130.0 M a benchmark day, warm-up + 1; callgrind).

    /// The revert reason's text, on the failing step only (``RevertReason/text(assets:)``;
    /// `assets`: the ledger's assets).
    public func reason(assets: [Asset]) -> String? { revert?.text(assets: assets) }

    /// What a margin venue's step sold into its pool on the sender's behalf: the token and raw
    /// amount of ``poolInput`` (the loan asset the sender paid in when opening; when closing, the
    /// token of `pools[pool]` that is not the loan asset paid out); nil for other steps and for
    /// a pool trade of nothing.
    public func marginPoolSale(pools: [PoolVenue]) -> (asset: AssetID, amount: UInt128)? {
        guard kind.isMarginTrade, poolInput > 0, let pool else { return nil }
        if kind == .openShort { return assetIn.map { ($0, poolInput) } }
        guard let loan = assetOut else { return nil }
        return (pools[pool].token0 == loan ? pools[pool].token1 : pools[pool].token0, poolInput)
    }
}
