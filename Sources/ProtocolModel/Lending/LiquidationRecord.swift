/// What an executed liquidation step did beyond its token flows (liquidations.csv): the step's
/// ``StepRecord`` holds the repaid (`assetIn`/`amountIn`) and seized (`assetOut`/`amountOut`)
/// amounts, this the market, the borrower, the price and the health on either side.
public struct LiquidationRecord: Sendable, Equatable {
    // NOTE: the two integers sit in the padding after an optional price or health (17 bytes
    // each): 113 bytes (stride 128) instead of 129 (144), whose larger step records were copied
    // through memcpy (callgrind, benchmark-day full day, warm-up + 1: 688.1 M -> 682.4 M
    // instructions; 681.5 M with a health before that was not optional).
    // NOTE: the penalty is kept in three parts in the padding after the price (32 bits), the
    // health before (32) and the health after (64): a UInt128 field needs 16 aligned bytes the
    // record has no room for, and grew it to 129 bytes — so a step record by 16 bytes, as did
    // two 64-bit halves, one after the debt price (its optional then needs a tag byte of its own).
    // Still 113 bytes.

    /// The price used for one whole collateral token in the market's unit, wad
    /// (``LiquidationQuote/price``); nil when an English auction's settlement cannot compute its
    /// clearing price (its debt price read fails, or the price exceeds 128 bits).
    public var price: UInt128?
    /// Bits 64–95 of ``penalty``.
    private var penaltyMiddle: UInt32
    /// Index into ``ProtocolState/markets``.
    public var market: Int
    /// The borrower's health factor before the step, wad; nil when it had no debt, when an
    /// English auction's settlement or a Dutch-auction purchase could not read it (an oracle read
    /// failed: neither needs it, and both execute all the same), or when a `liquidate` step ran
    /// without ``ExecutionContext/liquidationDetail``.
    public var healthBefore: UInt128?
    /// Bits 96–127 of ``penalty``.
    private var penaltyHigh: UInt32
    /// The liquidated account.
    public var borrower: AccountID
    /// Its health factor after the step (after any bad-debt write-off), wad; nil when no debt is
    /// left, an oracle read failed, or a `liquidate` step ran without
    /// ``ExecutionContext/liquidationDetail``.
    public var healthAfter: UInt128?
    /// Bits 0–63 of ``penalty``.
    private var penaltyLow: UInt64
    /// The price of one whole debt token in the market's unit the step used, wad (nil when the
    /// read for the record failed, or without ``ExecutionContext/liquidationDetail``): with
    /// ``price`` it makes the penalty checkable exactly.
    public var debtPrice: UInt128?

    /// What of the step's input (``StepRecord/amountIn``, raw units of the debt asset) repaid no
    /// debt: in an English auction's settlement, the winning bid above the debt owed, which goes
    /// to the insurance fund as the penalty; 0 in any other liquidation. The debt repaid is the
    /// input less this.
    public var penalty: UInt128 {
        get { UInt128(penaltyHigh) << 96 | UInt128(penaltyMiddle) << 64 | UInt128(penaltyLow) }
        set { (penaltyLow, penaltyMiddle, penaltyHigh) = Self.parts(of: newValue) }
    }

    public init(market: Int, borrower: AccountID, price: UInt128?, healthBefore: UInt128?, healthAfter: UInt128?,
                debtPrice: UInt128? = nil, penalty: UInt128 = 0) {
        self.market = market
        self.borrower = borrower
        self.price = price
        self.healthBefore = healthBefore
        self.healthAfter = healthAfter
        self.debtPrice = debtPrice
        (penaltyLow, penaltyMiddle, penaltyHigh) = Self.parts(of: penalty)
    }

    /// `value`'s bits 0–63, 64–95 and 96–127.
    private static func parts(of value: UInt128) -> (low: UInt64, middle: UInt32, high: UInt32) {
        (UInt64(truncatingIfNeeded: value), UInt32(truncatingIfNeeded: value >> 64), UInt32(truncatingIfNeeded: value >> 96))
    }
}
