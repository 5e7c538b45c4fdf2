/// What an executed liquidation step did beyond its token flows (liquidations.csv): the step's
/// ``StepRecord`` holds the repaid (`assetIn`/`amountIn`) and seized (`assetOut`/`amountOut`)
/// amounts, this the market, the borrower, the price and the health on either side.
public struct LiquidationRecord: Sendable, Equatable {
    /// Index into ``ProtocolState/markets``.
    public var market: Int
    /// The liquidated account.
    public var borrower: AccountID
    /// The price used for one whole collateral token in the market's unit, wad
    /// (``LiquidationQuote/price``); nil when an English auction's settlement cannot compute its
    /// clearing price (its debt price read fails, or the price exceeds 128 bits).
    public var price: UInt128?
    /// The borrower's health factor before the step, wad; 0 when a `liquidate` step ran without
    /// ``ExecutionContext/liquidationDetail``.
    public var healthBefore: UInt128
    /// Its health factor after the step (after any bad-debt write-off), wad; nil when no debt is
    /// left, an oracle read failed, or a `liquidate` step ran without
    /// ``ExecutionContext/liquidationDetail``.
    public var healthAfter: UInt128?
    /// The price of one whole debt token in the market's unit the step used, wad (nil when the
    /// read for the record failed, or without ``ExecutionContext/liquidationDetail``): with
    /// ``price`` it makes the penalty checkable exactly.
    public var debtPrice: UInt128?

    public init(market: Int, borrower: AccountID, price: UInt128?, healthBefore: UInt128, healthAfter: UInt128?,
                debtPrice: UInt128? = nil) {
        self.market = market
        self.borrower = borrower
        self.price = price
        self.healthBefore = healthBefore
        self.healthAfter = healthAfter
        self.debtPrice = debtPrice
    }
}
