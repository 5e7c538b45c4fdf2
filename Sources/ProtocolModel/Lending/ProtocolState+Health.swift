/// An account's position valued in its market's unit of account, wad.
public struct AccountValues: Sendable, Equatable {
    /// Σ collateral value × effective liquidation threshold (rounded down; see
    /// ``ProtocolState/effectiveFactors(market:slot:)``).
    public var weightedCollateral: UInt128
    /// Σ collateral value × effective collateral factor (rounded down).
    public var borrowingPower: UInt128
    /// Σ debt value (rounded up).
    public var debt: UInt128

    /// weightedCollateral / debt, wad, rounded down; `UInt128.max` without debt.
    ///
    /// NOTE: inlined into the valuations that read it (≈ 64 k a benchmark day: liquidation plans
    /// and records, the index's verifications): 729.0 M -> 728.4 M instructions (callgrind,
    /// benchmark-day full day, warm-up + 1).
    public var health: UInt128 {
        @inline(__always) get {
            guard debt > 0 else { return .max }
            return (try? FixedPoint.mulDiv(weightedCollateral, FixedPoint.wad, debt, rounding: .down)) ?? .max
        }
    }
}

extension ProtocolState {
    /// Values `account`'s position in `market` at `timestamp` through each asset's guarded
    /// price (read only for the assets it holds), at the market's last accrual.
    /// - Complexity: O(market assets) oracle reads.
    public func accountValues(market: Int, account: AccountID, at timestamp: Int64) throws(RevertReason) -> AccountValues {
        guard let position = markets[market].positions[account] else {
            return AccountValues(weightedCollateral: 0, borrowingPower: 0, debt: 0)
        }
        return try accountValues(market: market, position: position, at: timestamp)
    }

    /// ``accountValues(market:account:at:)`` of `position`, an account's position in `market`
    /// that the caller already looked up (one lookup fewer).
    /// - Complexity: O(market assets) oracle reads.
    public func accountValues(market: Int, position: LendingPosition, at timestamp: Int64) throws(RevertReason) -> AccountValues {
        try valuation(market: market, position: position, at: timestamp, weighingBorrowingPower: true) { _ in }
    }

    /// What ``valuation(market:position:at:weighingBorrowingPower:read:)`` read of one slot a
    /// position holds.
    struct SlotReading {
        let slot: Int
        /// The asset's guarded price, wad.
        let price: UInt128
        /// The collateral supplied, raw units, rounded down (0 unless the slot counts as collateral: LT > 0).
        let supplied: UInt128
        /// The debt owed, raw units, rounded up (0 without debt in the slot).
        let owed: UInt128
    }

    /// ``accountValues(market:position:at:)``, handing what it reads of each held slot to `read`,
    /// so a caller that needs those prices and amounts afterwards reads no oracle twice and
    /// converts no balance twice. Without `weighingBorrowingPower` the borrowing power is left 0
    /// (a health read needs none): it never changes what is thrown, since each slot's
    /// ⌊value × CF⌋ ≤ ⌊value × LT⌋ (CF ≤ LT, scaled alike), so its sum cannot overflow first.
    /// A price `known` holds is used as read: it must be what a read on this state at `timestamp`
    /// answers — read on this state at that time (every read on one state at one time answers
    /// alike), or on an earlier one whose later writes cannot change it.
    @inline(__always)
    func valuation(
        market: Int, position: LendingPosition, at timestamp: Int64, weighingBorrowingPower: Bool, prices known: QuotePrices? = nil,
        read: (SlotReading) -> Void
    ) throws(RevertReason) -> AccountValues {
        // Fields read one by one: a copy of the whole market (`let book = markets[market]`)
        // retains each of its buffers, and this runs for every health check.
        var values = AccountValues(weightedCollateral: 0, borrowingPower: 0, debt: 0)
        for slot in 0..<markets[market].positions.slots {
            let scaledSupplied = markets[market].positions.scaledSupplied(position, slot: slot)
            let scaledDebt = markets[market].positions.scaledDebt(position, slot: slot)
            guard scaledSupplied > 0 || scaledDebt > 0 else { continue }
            // NOTE: the slot's configuration and reserve are read field by field, not copied
            // whole (two structs of ≈ 10 fields per slot valued; ≈ 72 k valuations a benchmark day).
            let price: UInt128
            if let kept = known?.price(of: slot) {
                price = kept
            } else {
                price = try guardedPrice(markets[market].assets[slot].price, at: timestamp)
            }
            var supplied: UInt128 = 0, owed: UInt128 = 0
            do {
                if scaledSupplied > 0, markets[market].assets[slot].liquidationThreshold > 0 {
                    // Only collateral needs the factors (a debt slot skips the defences' state).
                    let factors = effectiveFactors(market: market, slot: slot)
                    let value: UInt128
                    (supplied, value) = try suppliedAndValue(market: market, slot: slot, scaled: scaledSupplied, price: price)
                    // The configured LT through its reduced ratio (the same quotient and errors).
                    let weighted = factors.liquidationThreshold == markets[market].assets[slot].liquidationThreshold
                        ? try markets[market].assets[slot].thresholdRatio.floor(value)
                        : try FixedPoint.mulDiv(value, factors.liquidationThreshold, FixedPoint.wad, rounding: .down)
                    values.weightedCollateral = try FixedPoint.add(values.weightedCollateral, weighted)
                    if weighingBorrowingPower {
                        values.borrowingPower = try FixedPoint.add(values.borrowingPower,
                            try FixedPoint.mulDiv(value, factors.collateralFactor, FixedPoint.wad, rounding: .down))
                    }
                }
                if scaledDebt > 0 {
                    let value: UInt128
                    (owed, value) = try owedAndValue(market: market, slot: slot, scaled: scaledDebt, price: price)
                    values.debt = try FixedPoint.add(values.debt, value)
                }
            } catch {
                throw .arithmetic(error)
            }
            read(SlotReading(slot: slot, price: price, supplied: supplied, owed: owed))
        }
        return values
    }

    /// The amount of `slot` of `market` that `scaled` supplied stands for (rounded down) and its
    /// value at `price` (rounded down): a position's collateral as every valuation reads it.
    @inline(__always)
    func suppliedAndValue(market: Int, slot: Int, scaled: UInt128, price: UInt128) throws(ArithmeticError)
        -> (amount: UInt128, value: UInt128) {
        let amount = try FixedPoint.mulDiv(scaled, markets[market].reserves[slot].supplyIndex, FixedPoint.wad, rounding: .down)
        return (amount, try tokenValue(amount, markets[market].assets[slot].asset, price: price, rounding: .down))
    }

    /// The amount of `slot` of `market` that `scaled` debt stands for (rounded up) and its value at
    /// `price` (rounded up): a position's debt as every valuation reads it.
    @inline(__always)
    func owedAndValue(market: Int, slot: Int, scaled: UInt128, price: UInt128) throws(ArithmeticError)
        -> (amount: UInt128, value: UInt128) {
        let amount = try FixedPoint.mulDiv(scaled, markets[market].reserves[slot].borrowIndex, FixedPoint.wad, rounding: .up)
        return (amount, try tokenValue(amount, markets[market].assets[slot].asset, price: price, rounding: .up))
    }

    /// The health factor of `account` in `market`: Σ collateral × price × LT / debt value,
    /// wad, rounded down; `UInt128.max` without debt.
    public func health(market: Int, account: AccountID, at timestamp: Int64) throws(RevertReason) -> UInt128 {
        try health(market: market, account: account, at: timestamp, prices: nil)
    }

    /// ``health(market:account:at:)`` through the prices `known` holds, read on this state at
    /// `timestamp` (nil: none).
    func health(market: Int, account: AccountID, at timestamp: Int64, prices known: QuotePrices?) throws(RevertReason) -> UInt128 {
        guard let position = markets[market].positions[account] else { return .max }
        return try valuation(market: market, position: position, at: timestamp, weighingBorrowingPower: false, prices: known) { _ in }.health
    }

    /// How much more of `asset` `account` can borrow now: the least of (borrowing power −
    /// debt) converted at the asset's price (rounded down), the market's cash and the room
    /// under the borrow cap; 0 when the asset is not borrowable or an isolated position
    /// already owes another asset.
    public func maxBorrow(market: Int, asset: AssetID, account: AccountID, at timestamp: Int64) throws(RevertReason) -> UInt128 {
        let slot = try listedSlot(market, asset)
        let config = markets[market].assets[slot], reserve = markets[market].reserves[slot]
        guard config.borrowable else { return 0 }
        if markets[market].mode == .isolated, let position = markets[market].positions[account],
           markets[market].positions.owesOtherThan(position, slot: slot) {
            return 0
        }
        let values = try accountValues(market: market, account: account, at: timestamp)
        guard values.borrowingPower > values.debt else { return 0 }
        let price = try guardedPrice(config.price, at: timestamp)
        var amount: UInt128
        do {
            amount = try FixedPoint.mulDiv(values.borrowingPower - values.debt,
                                           FixedPoint.powerOfTen(ledger.assets[asset.index].decimals), price, rounding: .down)
        } catch { throw .arithmetic(error) }
        amount = min(amount, reserve.cash)
        if let cap = config.borrowCap {
            let total = Self.scaledToAmount(reserve.scaledDebt, reserve.borrowIndex, rounding: .up)
            amount = min(amount, cap > total ? cap - total : 0)
        }
        return amount
    }

    /// amount × price / 10^decimals: the value of raw units of `asset` at a wad price.
    // NOTE: a product that fits in 128 bits (a debt in a 6-decimal stablecoin, a repayment's
    // value) is divided at once, as ``ReducedRatio/floor(_:)`` does: the same quotient and
    // rounding as `mulDiv`, which cannot throw for it (10^decimals ≥ 1), without its out-of-line
    // wide product and shortcut tests (callgrind, benchmark-day full day, warm-up + 1: 709.2 M ->
    // 708.5 M instructions; a quotient and remainder in one call gained nothing).
    @inline(__always)
    func tokenValue(_ amount: UInt128, _ asset: AssetID, price: UInt128, rounding: Rounding) throws(ArithmeticError) -> UInt128 {
        try Self.tokenValue(amount, scale: FixedPoint.powerOfTen(ledger.assets[asset.index].decimals), price: price, rounding: rounding)
    }

    /// ``tokenValue(_:_:price:rounding:)`` of an asset whose 10^decimals is `scale`.
    @inline(__always)
    static func tokenValue(_ amount: UInt128, scale: UInt128, price: UInt128, rounding: Rounding) throws(ArithmeticError) -> UInt128 {
        let (product, overflow) = FixedPoint.multipliedReportingOverflow(amount, price)
        guard !overflow else { return try splitTokenValue(amount, scale: scale, price: price, rounding: rounding) }
        let quotient = product / scale
        return rounding == .up && quotient &* scale != product ? quotient + 1 : quotient
    }

    /// ``tokenValue(_:scale:price:rounding:)`` of a product beyond 128 bits: amount·p/u =
    /// amount·⌊p/u⌋ + amount·(p mod u)/u, whose first term is whole, so the rounding and the
    /// remainder are the second term's; both products fit in 128 bits for an amount below 2^68
    /// and a unit up to 10^18. `FixedPoint.mulDiv` otherwise, or when the sum overflows.
    // NOTE: a collateral amount at an 18-decimal price of thousands overflows 128 bits; split,
    // it needs two 128-bit divisions by small divisors instead of the 256-bit product, its
    // out-of-line division and two 128-by-64-bit divisions (callgrind, benchmark-day full day,
    // warm-up + 1: 555.12 M -> 554.89 M; left to the compiler's inlining: 554.87 M).
    @inline(never)
    static func splitTokenValue(_ amount: UInt128, scale: UInt128, price: UInt128, rounding: Rounding) throws(ArithmeticError) -> UInt128 {
        let whole = price / scale, fraction = price &- whole &* scale
        let wholeProduct = FixedPoint.multipliedReportingOverflow(amount, whole)
        let fractionProduct = FixedPoint.multipliedReportingOverflow(amount, fraction)
        if !wholeProduct.overflow, !fractionProduct.overflow {
            let quotient = fractionProduct.partialValue / scale
            let up = rounding == .up && quotient &* scale != fractionProduct.partialValue ? 1 as UInt128 : 0
            let (sum, carry) = wholeProduct.partialValue.addingReportingOverflow(quotient)
            let (rounded, carryUp) = sum.addingReportingOverflow(up)
            if !carry, !carryUp { return rounded }
        }
        return try FixedPoint.mulDiv(amount, price, scale, rounding: rounding)
    }

    /// ``price(_:at:)`` with its failure as a revert reason.
    func guardedPrice(_ source: PriceSource, at timestamp: Int64) throws(RevertReason) -> UInt128 {
        do { return try price(source, at: timestamp) } catch { throw .oracle(error) }
    }
}
