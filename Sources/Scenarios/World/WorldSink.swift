import ProtocolModel

/// One sealed block as the time series records it.
public struct BlockRow: Sendable {
    public var time: Double
    public var block: Int
    /// Reference USD price per market asset, in scenario order.
    public var referencePrices: [Double]
    /// Per pool: spot price (token1 per token0) and raw reserves.
    public var pools: [(price: Double, reserve0: UInt128, reserve1: UInt128)]
    /// Base gas price, gwei.
    public var gasPrice: Double
    public var gasUsed: UInt64
    public var executed: Int
    public var reverted: Int
    public var dropped: Int
    /// Per lending market, in scenario order: total collateral and total debt in the market's
    /// unit at its oracle prices (nil when a price read fails), and the accounts with health
    /// below 1.
    public var markets: [(collateral: Double?, debt: Double?, liquidatable: Int)] = []
    /// Each oracle's answer in its unit, in scenario order (nil when the read fails).
    public var oracles: [Double?] = []
    /// Per lending market, in scenario order: whether its circuit breaker pauses borrowing or
    /// liquidations in the next block.
    public var paused: [Bool] = []
    /// The option vaults' net delta, gamma and vega summed over vaults (nil without vaults; NaN
    /// when a vault's price oracle cannot be read).
    public var vaultGreeks: (delta: Double, gamma: Double, vega: Double)?
    /// Per StableSwap pool, in scenario order.
    public var stablePools: [StablePoolCells] = []
    /// Per share vault, in scenario order.
    public var shareVaults: [ShareVaultCells] = []
    /// Per perpetual-futures market, in scenario order.
    public var perpMarkets: [PerpMarketCells] = []
}

/// Receives a world's detailed output as it happens (time series and event log), so a single
/// run can stream them to disk. Batches pass no sink.
public protocol WorldSink: AnyObject {
    /// Called once per sealed block, and once for the genesis state (block 0).
    func record(_ row: BlockRow) throws
    /// Called after each block with the steps it executed or reverted.
    func record(_ steps: [StepRecord]) throws
    /// Called after a block with executed liquidations, with one row per liquidation.
    func record(_ liquidations: [LiquidationRow]) throws
}

extension WorldSink {
    /// Sinks that keep no liquidation log ignore the rows.
    public func record(_ liquidations: [LiquidationRow]) throws {}
}
