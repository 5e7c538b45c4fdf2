/// Valuing perp accounts at a mark: notional, unrealised PnL and health, exact integer math in
/// quote raw units, every rounding in the market's favour (assets down, liabilities up).
extension PerpMarket {
    /// The quote raw units `base` raw units of the underlying are worth at `mark` (wad):
    /// base · mark · 10^quoteDecimals / (10^baseDecimals · 10^18), rounded as asked.
    /// - Complexity: O(1), one 256-bit multiply-divide.
    public func notional(_ base: UInt128, mark: UInt128, rounding: Rounding) throws(ArithmeticError) -> UInt128 {
        let shift = baseDecimals + 18 - quoteDecimals
        if shift >= 0 { return try FixedPoint.mulDiv(base, mark, FixedPoint.powerOfTen(shift), rounding: rounding) }
        return try FixedPoint.multiply(try FixedPoint.multiply(base, mark), FixedPoint.powerOfTen(-shift))
    }

    /// `account`'s unrealised PnL at `mark`: base · mark + quote, quote raw units (a long's value
    /// rounded down, a short's liability rounded up).
    public func unrealisedPnL(_ account: PerpAccount, mark: UInt128) throws(ArithmeticError) -> Int128 {
        let value = try signed(try notional(account.base.magnitude, mark: mark, rounding: account.base >= 0 ? .down : .up))
        return try Self.sum(account.base >= 0 ? value : -value, account.quote)
    }

    /// `account`'s health at `mark` with margin fraction `margin` (wad): collateral − borrowed +
    /// PnL counted − |base| · mark · margin, quote raw units. Negative PnL always counts; positive
    /// PnL counts, less the haircut, only with ``pnlAsCollateral``. Initial health (margin =
    /// ``initialMargin``) must stay ≥ 0 after a trade, a borrow or a withdrawal; maintenance
    /// health (``maintenanceMargin``) below 0 makes the account liquidatable.
    /// - Complexity: O(1).
    public func health(_ account: PerpAccount, mark: UInt128, margin: UInt128) throws(ArithmeticError) -> Int128 {
        let pnl = try unrealisedPnL(account, mark: mark)
        var counted = pnl
        if pnl > 0 {
            counted = pnlAsCollateral
                ? try signed(try FixedPoint.mulDiv(pnl.magnitude, FixedPoint.wad - pnlHaircut, FixedPoint.wad, rounding: .down))
                : 0
        }
        let requirement = try FixedPoint.mulDiv(try notional(account.base.magnitude, mark: mark, rounding: .up), margin, FixedPoint.wad,
                                                rounding: .up)
        let equity = try Self.sum(try signed(account.collateral), -(try signed(account.borrowed)))
        return try Self.sum(try Self.sum(equity, counted), -(try signed(requirement)))
    }

    /// `liquidator` after taking over `position` (whose base is not 0) whole at `mark`, as
    /// `perp_liquidate` does: it takes the base and pays for it at the notional less the
    /// liquidation fee on it (a long; the notional plus the fee for a short), rounded down; the
    /// fee is its gain at the mark. Returns the liquidator's account, the quote it pays (signed:
    /// the liquidated account's quote changes by minus it) and the fee, quote raw units.
    /// - Complexity: O(1).
    public func takeover(of position: PerpAccount, by liquidator: PerpAccount, mark: UInt128)
        throws(ArithmeticError) -> (liquidator: PerpAccount, price: Int128, fee: UInt128) {
        let notional = try notional(position.base.magnitude, mark: mark, rounding: .down)
        let fee = try FixedPoint.mulDiv(notional, liquidationFee, FixedPoint.wad, rounding: .down)
        let price = position.base > 0 ? -(try signed(notional - min(fee, notional))) : try signed(try FixedPoint.add(notional, fee))
        var taker = liquidator
        taker.base = try Self.sum(taker.base, position.base)
        taker.quote = try Self.sum(taker.quote, price)
        return (taker, price, fee)
    }

    /// An amount as a signed value (overflow beyond `Int128.max`).
    func signed(_ amount: UInt128) throws(ArithmeticError) -> Int128 {
        guard amount <= UInt128(Int128.max) else { throw .overflow }
        return Int128(amount)
    }

    /// a + b, checked.
    static func sum(_ a: Int128, _ b: Int128) throws(ArithmeticError) -> Int128 {
        let (result, overflow) = a.addingReportingOverflow(b)
        if overflow { throw a < 0 ? .underflow : .overflow }
        return result
    }
}
