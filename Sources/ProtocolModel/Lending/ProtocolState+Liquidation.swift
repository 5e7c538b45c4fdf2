/// What a liquidation would repay and seize.
public struct LiquidationQuote: Sendable, Equatable {
    /// Debt asset the liquidator pays, raw units.
    public var repay: UInt128
    /// Collateral the liquidator receives, raw units.
    public var seize: UInt128
    /// The borrower's health before, wad; nil when a Dutch-auction purchase, which does not need
    /// it, could not read it (an oracle read failed).
    public var healthBefore: UInt128?
    /// The price used for one whole collateral token in the market's unit, wad: the oracle's
    /// answer with a fixed bonus, the auction's current price in a Dutch auction.
    public var price: UInt128
}

/// The guarded prices of up to two slots of one lending market, read on one state at one time
/// by a liquidation quote and kept for the next quote on the same state and time
/// (``ProtocolState/quoteLiquidation(market:borrower:health:debtSlot:collateralSlot:requested:prices:at:)``).
///
/// NOTE: two prices in the value itself, not an array by slot: an array's allocation per
/// liquidator wake-up cost more than the oracle reads it saved (callgrind, benchmark-day).
public struct QuotePrices: Sendable {
    private var first: (slot: Int, price: UInt128)?
    private var second: (slot: Int, price: UInt128)?
    /// The quotient by the kept price of one collateral slot that its seized amounts take.
    private var seizing: (slot: Int, quotient: ScaledQuotient)?

    /// No price kept yet.
    public init() {}

    /// The kept price of slot `slot`, nil when not kept.
    func price(of slot: Int) -> UInt128? {
        if let first, first.slot == slot { return first.price }
        if let second, second.slot == slot { return second.price }
        return nil
    }

    /// Keeps `price` for slot `slot` (in place of the older of two kept).
    mutating func keep(_ price: UInt128, of slot: Int) {
        if first == nil { first = (slot, price) } else { (first, second) = (second ?? first, (slot, price)) }
    }

    /// ⌊value·`scale`/price⌋ of the kept price of collateral slot `slot` (whose tokens are
    /// `scale` raw units), kept for the next quote: nil when that price is not above the scale
    /// (or not below 2^127), or not kept.
    mutating func seizing(of slot: Int, scale: UInt128) -> ScaledQuotient? {
        if let seizing, seizing.slot == slot { return seizing.quotient }
        guard let price = price(of: slot), let quotient = ScaledQuotient(scale: scale, divisor: price) else { return nil }
        seizing = (slot, quotient)
        return quotient
    }
}

/// The one asset a borrower owes and the one other it pledges (supplied with LT > 0) in a lending
/// market, as slots (`assets` index), with the amounts a fixed-bonus quote of them needs
/// (``ProtocolState/soleLiquidationPair(market:borrower:)``).
public struct LiquidationPair: Sendable, Equatable {
    /// The slot of the only asset owed.
    public let debtSlot: Int
    /// The slot of the only collateral.
    public let collateralSlot: Int
    /// The debt owed of the debt slot, raw units, rounded up: ``ProtocolState/debt(of:market:slot:)``.
    public let owed: UInt128
    /// The collateral held of the collateral slot, raw units, rounded down: ``ProtocolState/supplied(of:market:slot:)``.
    public let held: UInt128
}

extension ProtocolState {
    /// The ``LiquidationPair`` of `borrower` in `market` at the last accrual: nil unless it owes
    /// exactly one asset (a scaled debt above 0) and pledges exactly one other (a supplied
    /// balance of an asset with LT > 0). Those are then its largest debt and collateral.
    /// - Complexity: O(market assets).
    public func soleLiquidationPair(market: Int, borrower: AccountID) -> LiquidationPair? {
        guard let position = markets[market].positions[borrower] else { return nil }
        // The scaled balances are converted as ``debt(of:market:slot:)`` and
        // ``supplied(of:market:slot:)`` do, from the reads that found the slots.
        var debtSlot = -1, collateralSlot = -1, scaledOwed: UInt128 = 0, scaledHeld: UInt128 = 0
        for slot in 0..<markets[market].positions.slots {
            let scaledDebt = markets[market].positions.scaledDebt(position, slot: slot)
            if scaledDebt > 0 {
                guard debtSlot < 0 else { return nil }
                (debtSlot, scaledOwed) = (slot, scaledDebt)
            }
            let scaledSupplied = markets[market].positions.scaledSupplied(position, slot: slot)
            if scaledSupplied > 0, markets[market].assets[slot].liquidationThreshold > 0 {
                guard collateralSlot < 0 else { return nil }
                (collateralSlot, scaledHeld) = (slot, scaledSupplied)
            }
        }
        guard debtSlot >= 0, collateralSlot >= 0, debtSlot != collateralSlot else { return nil }
        return LiquidationPair(debtSlot: debtSlot, collateralSlot: collateralSlot,
                               owed: Self.scaledToAmount(scaledOwed, markets[market].reserves[debtSlot].borrowIndex, rounding: .up),
                               held: Self.scaledToAmount(scaledHeld, markets[market].reserves[collateralSlot].supplyIndex, rounding: .down))
    }

    /// Quotes a liquidation of `borrower` at the market's last accrual: with a fixed bonus
    /// (DESIGN.md §3), or a purchase from its running Dutch auction at the auction's current
    /// price (`ProtocolState+DutchAuction.swift`).
    public func quoteLiquidation(
        market: Int, borrower: AccountID, debtAsset: AssetID, collateralAsset: AssetID, requested: UInt128, at timestamp: Int64
    ) throws(RevertReason) -> LiquidationQuote {
        let debtSlot = try listedSlot(market, debtAsset), collateralSlot = try listedSlot(market, collateralAsset)
        return try quoteLiquidation(market: market, borrower: borrower, debtSlot: debtSlot, collateralSlot: collateralSlot,
                                    requested: requested, at: timestamp)
    }

    /// ``quoteLiquidation(market:borrower:debtAsset:collateralAsset:requested:at:)`` of a borrower
    /// whose `health` (wad) on this state at `timestamp` the caller already has, from
    /// ``accountsAndHealthBelow(_:market:at:)`` on the same state and time: a fixed-bonus quote
    /// then reads the two slots' prices and amounts without valuing the whole position again.
    /// The same quote, or the same revert, as without it. The assets are given by their slots in
    /// the market (`assets` index), as the caller found them in the borrower's position.
    ///
    /// `prices` holds prices that earlier quotes of `market` on this state at `timestamp` read,
    /// and keeps those this one reads: every read on one state at one time answers alike, so a
    /// liquidator quoting several borrowers reads each oracle once. A failed read is not kept (it
    /// reverts as before).
    /// - Precondition: `health` is ``health(market:account:at:)`` of `borrower` on this state at
    ///   `timestamp`, and both slots are slots of `market`.
    public func quoteLiquidation(
        market: Int, borrower: AccountID, health: UInt128, debtSlot: Int, collateralSlot: Int, requested: UInt128,
        prices known: inout QuotePrices, at timestamp: Int64
    ) throws(RevertReason) -> LiquidationQuote {
        guard case .fixedBonus = markets[market].liquidation else {
            return try quoteLiquidation(market: market, borrower: borrower, debtSlot: debtSlot, collateralSlot: collateralSlot,
                                        requested: requested, at: timestamp)
        }
        guard let position = markets[market].positions[borrower] else { throw .lending(.notLiquidatable(health: .max)) }
        // What the position's valuation read of the two slots, with the same rounding: a slot
        // not held reads 0, and collateral with LT = 0 counts as none. The prices of the slots
        // held are read in slot order, as the valuation read them (so a failing read fails alike).
        // NOTE: the scaled balances read here are the ones converted below (two position reads
        // fewer a quote than converting through ``debt(of:market:slot:)`` and
        // ``supplied(of:market:slot:)``; ≈ 24.7 k quotes a benchmark day, warm-up + 1: 798.00 M ->
        // 797.88 M instructions, callgrind).
        var prices: (debt: UInt128, collateral: UInt128) = (0, 0), scaledOwed: UInt128 = 0, scaledHeld: UInt128 = 0
        for turn in 0..<2 {
            let slot = turn == 0 ? min(debtSlot, collateralSlot) : max(debtSlot, collateralSlot)
            let scaledSupplied = markets[market].positions.scaledSupplied(position, slot: slot)
            let scaledDebt = markets[market].positions.scaledDebt(position, slot: slot)
            if slot == debtSlot { scaledOwed = scaledDebt }
            if slot == collateralSlot { scaledHeld = scaledSupplied }
            guard scaledSupplied > 0 || scaledDebt > 0 else { continue }
            let price = try keptPrice(market: market, slot: slot, prices: &known, at: timestamp)
            if slot == debtSlot { prices.debt = price }
            if slot == collateralSlot { prices.collateral = price }
        }
        let owed = Self.scaledToAmount(scaledOwed, markets[market].reserves[debtSlot].borrowIndex, rounding: .up)
        let collateral = markets[market].assets[collateralSlot].liquidationThreshold > 0
            ? Self.scaledToAmount(scaledHeld, markets[market].reserves[collateralSlot].supplyIndex, rounding: .down) : 0
        return try quoteFixedBonus(market: market, debtSlot: debtSlot, collateralSlot: collateralSlot, health: health, owed: owed,
                                   collateral: collateral, debtPrice: prices.debt, collateralPrice: prices.collateral, requested: requested)
    }

    /// ``quoteLiquidation(market:borrower:health:debtSlot:collateralSlot:requested:prices:at:)``
    /// of a borrower whose `pair` (``soleLiquidationPair(market:borrower:)`` on this state) the
    /// caller has: a fixed-bonus quote reads only the two slots' prices (in slot order, as the
    /// valuation read them), and neither looks the position up nor converts its balances again.
    /// The same quote, or the same revert.
    /// - Precondition: as for the quote through `health` alone, and `pair` is `borrower`'s on
    ///   this state.
    public func quoteLiquidation(
        market: Int, borrower: AccountID, health: UInt128, pair: LiquidationPair, requested: UInt128,
        prices known: inout QuotePrices, at timestamp: Int64
    ) throws(RevertReason) -> LiquidationQuote {
        guard case .fixedBonus = markets[market].liquidation else {
            return try quoteLiquidation(market: market, borrower: borrower, debtSlot: pair.debtSlot,
                                        collateralSlot: pair.collateralSlot, requested: requested, at: timestamp)
        }
        let first = try keptPrice(market: market, slot: min(pair.debtSlot, pair.collateralSlot), prices: &known, at: timestamp)
        let second = try keptPrice(market: market, slot: max(pair.debtSlot, pair.collateralSlot), prices: &known, at: timestamp)
        let (debtPrice, collateralPrice) = pair.debtSlot < pair.collateralSlot ? (first, second) : (second, first)
        let collateralAsset = markets[market].assets[pair.collateralSlot].asset
        let seizing = known.seizing(of: pair.collateralSlot, scale: FixedPoint.powerOfTen(ledger.assets[collateralAsset.index].decimals))
        return try quoteFixedBonus(market: market, debtSlot: pair.debtSlot, collateralSlot: pair.collateralSlot, health: health,
                                   owed: pair.owed, collateral: pair.held, debtPrice: debtPrice, collateralPrice: collateralPrice,
                                   requested: requested, seizing: seizing)
    }

    /// The guarded price of `slot` of `market` at `timestamp`: the one `known` keeps, or read and
    /// kept there (a failed read is not kept).
    private func keptPrice(market: Int, slot: Int, prices known: inout QuotePrices, at timestamp: Int64) throws(RevertReason) -> UInt128 {
        if let read = known.price(of: slot) { return read }
        let price = try guardedPrice(markets[market].assets[slot].price, at: timestamp)
        known.keep(price, of: slot)
        return price
    }

    /// ``quoteLiquidation(market:borrower:debtAsset:collateralAsset:requested:at:)`` for a caller
    /// that already resolved the two assets' slots.
    private func quoteLiquidation(
        market: Int, borrower: AccountID, debtSlot: Int, collateralSlot: Int, requested: UInt128, at timestamp: Int64
    ) throws(RevertReason) -> LiquidationQuote {
        switch markets[market].liquidation {
        case .fixedBonus:
            return try quoteFixedBonus(market: market, borrower: borrower, debtSlot: debtSlot, collateralSlot: collateralSlot,
                                       requested: requested, at: timestamp)
        case .englishAuction:
            throw .lending(.auction("market \(markets[market].name) sells collateral by English auction: bid instead"))
        case .dutchAuction(let parameters):
            return try quoteAuctionTake(market: market, borrower: borrower, debtSlot: debtSlot, collateralSlot: collateralSlot,
                                        requested: requested, parameters: parameters, at: timestamp)
        }
    }

    /// Fixed bonus: repay = min(`requested`, ⌊close factor × debt⌋) (the whole debt when that
    /// floors to zero), seize = ⌊repay × p_debt × (1 + bonus) / p_collateral⌋ (each product
    /// rounded down). When the borrower holds less collateral, all of it is seized and the
    /// repayment shrinks to ⌈collateral × p_collateral / ((1 + bonus) × p_debt)⌉.
    ///
    /// Reverts unless the borrower's health is below 1 and it owes the debt asset and holds
    /// the collateral asset.
    private func quoteFixedBonus(
        market: Int, borrower: AccountID, debtSlot: Int, collateralSlot: Int, requested: UInt128, at timestamp: Int64
    ) throws(RevertReason) -> LiquidationQuote {
        // The borrower's position is looked up once, and the prices and amounts of the two
        // slots are the ones its valuation read: ``debt(of:market:slot:)`` and
        // ``supplied(of:market:slot:)`` with the same rounding (0 for a slot it does not hold,
        // or for collateral with LT = 0, which the guards below reject alike).
        guard let position = markets[market].positions[borrower] else { throw .lending(.notLiquidatable(health: .max)) }
        return try quoteFixedBonus(market: market, position: position, debtSlot: debtSlot, collateralSlot: collateralSlot,
                                   requested: requested, exactHealth: true, at: timestamp).quote
    }

    /// ``quoteFixedBonus(market:borrower:debtSlot:collateralSlot:requested:at:)`` of the borrower's
    /// `position`, with the debt it owes of the debt slot and the collateral it holds of the
    /// collateral slot (raw units) that its valuation read: ``debt(of:market:slot:)`` and
    /// ``supplied(of:market:slot:)`` whenever the quote succeeds.
    ///
    /// Also hands back the two slots' prices the valuation read (wad): whenever the quote succeeds
    /// it read both. Without `exactHealth`, the quote of a position below health 1 has a
    /// `healthBefore` of 0: its health is below 1 exactly when its weighted collateral is below its
    /// debt value, and is then not divided out (a revert still names the exact health).
    /// NOTE: inlined into the liquidation's plan: the call and its five-value return cost ≈ 60
    /// instructions a liquidation (callgrind, benchmark-day full day, warm-up + 1: 715.5 M ->
    /// 713.2 M instructions).
    @inline(__always)
    private func quoteFixedBonus(
        market: Int, position: LendingPosition, debtSlot: Int, collateralSlot: Int, requested: UInt128, exactHealth: Bool,
        at timestamp: Int64
    ) throws(RevertReason) -> (quote: LiquidationQuote, owed: UInt128, held: UInt128, debtPrice: UInt128, collateralPrice: UInt128) {
        // A slot not held reads 0. NOTE: four scalars, not two optional readings copied whole
        // (callgrind, benchmark-day full day, warm-up + 1: 769.7 M -> 768.7 M instructions).
        var owed: UInt128 = 0, held: UInt128 = 0, debtPrice: UInt128 = 0, collateralPrice: UInt128 = 0
        let values = try valuation(market: market, position: position, at: timestamp, weighingBorrowingPower: false) { reading in
            if reading.slot == debtSlot {
                owed = reading.owed
                debtPrice = reading.price
            }
            if reading.slot == collateralSlot {
                held = reading.supplied
                collateralPrice = reading.price
            }
        }
        // ⌊w·wad/d⌋ < wad ⟺ w < d (and a health without debt, UInt128.max, is not below 1).
        let health = exactHealth || values.weightedCollateral >= values.debt ? values.health : 0
        let quote = try quoteFixedBonus(market: market, debtSlot: debtSlot, collateralSlot: collateralSlot, health: health,
                                        owed: owed, collateral: held, debtPrice: debtPrice,
                                        collateralPrice: collateralPrice, requested: requested)
        return (quote, owed, held, debtPrice, collateralPrice)
    }

    /// ``quoteFixedBonus(market:position:debtSlot:collateralSlot:requested:exactHealth:at:)`` of a
    /// position of a two-asset market that owes only the debt slot and pledges only the
    /// collateral slot (at its configured LT, which no dynamic factor scales): nil, having read
    /// nothing, for any other. The same quote, or the same revert: the two slots' prices are read
    /// and their amounts valued in slot order, with the valuation's arithmetic.
    ///
    /// NOTE: the valuation's loop over the slots, with what it carries from one slot to the next,
    /// cost ≈ 200 instructions a liquidation more than the two slots' straight-line reads
    /// (callgrind, benchmark-day full day, warm-up + 1: 635.9 M -> 630.5 M; its crash window
    /// 103.3 M -> 101.3 M a replication).
    @inline(__always)
    private func quoteSolePair(
        market: Int, position: LendingPosition, debtSlot: Int, collateralSlot: Int, requested: UInt128, exactHealth: Bool,
        at timestamp: Int64
    ) throws(RevertReason) -> (quote: LiquidationQuote, owed: UInt128, held: UInt128, debtPrice: UInt128, collateralPrice: UInt128)? {
        guard markets[market].positions.slots == 2, debtSlot != collateralSlot else { return nil }
        let scaledDebt = markets[market].positions.scaledDebt(position, slot: debtSlot)
        let scaledSupplied = markets[market].positions.scaledSupplied(position, slot: collateralSlot)
        let liquidationThreshold = markets[market].assets[collateralSlot].liquidationThreshold
        guard scaledDebt > 0, scaledSupplied > 0, liquidationThreshold > 0,
              markets[market].positions.scaledSupplied(position, slot: debtSlot) == 0,
              markets[market].positions.scaledDebt(position, slot: collateralSlot) == 0,
              // ``effectiveFactors(market:slot:)``'s LT is the configured one (a scale below 1 lowers it).
              markets[market].defences.dynamicCollateral == nil
                || markets[market].defenceState.collateralScale[collateralSlot] >= FixedPoint.wad
        else { return nil }
        let debtPrice: UInt128, collateralPrice: UInt128
        let debt: (owed: UInt128, value: UInt128), collateral: (held: UInt128, weighted: UInt128)
        if debtSlot < collateralSlot {
            debtPrice = try guardedPrice(markets[market].assets[debtSlot].price, at: timestamp)
            debt = try valueDebt(market: market, slot: debtSlot, scaled: scaledDebt, price: debtPrice)
            collateralPrice = try guardedPrice(markets[market].assets[collateralSlot].price, at: timestamp)
            collateral = try valueCollateral(market: market, slot: collateralSlot, scaled: scaledSupplied, price: collateralPrice)
        } else {
            collateralPrice = try guardedPrice(markets[market].assets[collateralSlot].price, at: timestamp)
            collateral = try valueCollateral(market: market, slot: collateralSlot, scaled: scaledSupplied, price: collateralPrice)
            debtPrice = try guardedPrice(markets[market].assets[debtSlot].price, at: timestamp)
            debt = try valueDebt(market: market, slot: debtSlot, scaled: scaledDebt, price: debtPrice)
        }
        let (owed, debtValue) = debt, (held, weighted) = collateral
        let values = AccountValues(weightedCollateral: weighted, borrowingPower: 0, debt: debtValue)
        let health = exactHealth || weighted >= debtValue ? values.health : 0
        let quote = try quoteFixedBonus(market: market, debtSlot: debtSlot, collateralSlot: collateralSlot, health: health,
                                        owed: owed, collateral: held, debtPrice: debtPrice,
                                        collateralPrice: collateralPrice, requested: requested)
        return (quote, owed, held, debtPrice, collateralPrice)
    }

    /// ``owedAndValue(market:slot:scaled:price:)``, an arithmetic failure a revert.
    @inline(__always)
    private func valueDebt(market: Int, slot: Int, scaled: UInt128, price: UInt128) throws(RevertReason)
        -> (owed: UInt128, value: UInt128) {
        do {
            let (owed, value) = try owedAndValue(market: market, slot: slot, scaled: scaled, price: price)
            return (owed, value)
        } catch {
            throw .arithmetic(error)
        }
    }

    /// ``suppliedAndValue(market:slot:scaled:price:)`` with the value weighted by the configured LT
    /// (rounded down), an arithmetic failure a revert.
    @inline(__always)
    private func valueCollateral(market: Int, slot: Int, scaled: UInt128, price: UInt128) throws(RevertReason)
        -> (held: UInt128, weighted: UInt128) {
        do {
            let (held, value) = try suppliedAndValue(market: market, slot: slot, scaled: scaled, price: price)
            return (held, try markets[market].assets[slot].thresholdRatio.floor(value))
        } catch {
            throw .arithmetic(error)
        }
    }

    /// The fixed-bonus quote of a position with health `health`, owing `owed` of the debt slot
    /// and holding `collateral` of the collateral slot (0 when it counts as none), at the two
    /// slots' prices: what ``quoteFixedBonus(market:borrower:debtSlot:collateralSlot:requested:at:)``
    /// computes once it has valued the position. `seizing`, when given, is the quotient by
    /// `collateralPrice` of products by the collateral's 10^decimals.
    // NOTE: inlined into its three callers (the liquidators' quotes and the liquidation's plan):
    // the call passed nine values (benchmark-day full day, warm-up + 1: 651.2 M -> 649.8 M;
    // callgrind).
    @inline(__always)
    private func quoteFixedBonus(
        market: Int, debtSlot: Int, collateralSlot: Int, health: UInt128, owed: UInt128, collateral: UInt128,
        debtPrice: UInt128, collateralPrice: UInt128, requested: UInt128, seizing: ScaledQuotient? = nil
    ) throws(RevertReason) -> LiquidationQuote {
        // NOTE: the two slots' configurations are read field by field, not copied whole (≈ 48 k
        // quotes a benchmark day, warm-up + 1).
        let closeFactor = markets[market].closeFactor
        let debtAsset = markets[market].assets[debtSlot].asset, collateralAsset = markets[market].assets[collateralSlot].asset
        guard health < FixedPoint.wad else { throw .lending(.notLiquidatable(health: health)) }
        guard owed > 0 else { throw .lending(.noDebt) }
        guard collateral > 0, markets[market].assets[collateralSlot].liquidationThreshold > 0 else { throw .lending(.nothingToSeize) }
        // The reduced (wad + bonus) / wad; none when that sum overflows 128 bits.
        guard let bonusRatio = markets[market].assets[collateralSlot].bonusRatio else { throw .arithmetic(.overflow) }
        let bonusFactor = FixedPoint.wad + markets[market].assets[collateralSlot].liquidationBonus
        let collateralScale = FixedPoint.powerOfTen(ledger.assets[collateralAsset.index].decimals)
        // NOTE: a product that fits in 128 bits (any debt below 2^68 raw units) is divided at once:
        // mulDiv's quotient, which cannot throw, without its out-of-line wide product (callgrind,
        // benchmark-day full day, warm-up + 1: 708.5 M -> 707.3 M instructions).
        let (product, overflow) = FixedPoint.multipliedReportingOverflow(owed, closeFactor)
        var maxRepay = product / FixedPoint.wad
        if overflow {
            do { maxRepay = try FixedPoint.mulDiv(owed, closeFactor, FixedPoint.wad, rounding: .down) } catch { throw .arithmetic(error) }
        }
        var repay = min(requested, maxRepay == 0 ? owed : maxRepay)
        guard repay > 0 else { throw .lending(.zeroAmount) }
        do {
            let repaidValue = try tokenValue(repay, debtAsset, price: debtPrice, rounding: .down)
            // ⌊repaid × (wad + bonus) / wad⌋ through the reduced ratio (the same quotient and errors).
            let seizedValue = try bonusRatio.floor(repaidValue)
            var seize = if let seizing { seizing.floor(seizedValue) } else {
                try FixedPoint.mulDiv(seizedValue, collateralScale, collateralPrice, rounding: .down)
            }
            if seize > collateral {
                seize = collateral
                let collateralValue = try tokenValue(collateral, collateralAsset, price: collateralPrice, rounding: .up)
                let neededValue = try FixedPoint.mulDiv(collateralValue, FixedPoint.wad, bonusFactor, rounding: .up)
                let debtScale = FixedPoint.powerOfTen(ledger.assets[debtAsset.index].decimals)
                repay = min(repay, try FixedPoint.mulDiv(neededValue, debtScale, debtPrice, rounding: .up))
            }
            return LiquidationQuote(repay: repay, seize: seize, healthBefore: health, price: collateralPrice)
        } catch {
            throw .arithmetic(error)
        }
    }

    /// The liquidation step: accrues, quotes, takes the repayment from `sender`, moves the
    /// seized collateral from the market to `sender`, ends a Dutch auction once its debt or
    /// collateral is gone, then writes off the borrower's debt as bad debt if no collateral is
    /// left (``writeOffBadDebt(market:account:)``). When steps are recorded, its flows carry a
    /// ``LiquidationRecord`` (one more health read with ``ExecutionContext/liquidationDetail``).
    // NOTE: out of line: inlined into the block loop (`Chain.produceBlock`, where the compiler put
    // it or not as other edits moved its heuristics), its share of that frame cost every
    // transaction of the block (benchmark-day full day, warm-up + 1: 665.1 M -> 663.0 M; callgrind).
    @inline(never)
    mutating func liquidate(
        market: Int, borrower: AccountID, debtAsset: AssetID, collateralAsset: AssetID, repay: Amount,
        sender: AccountID, context: ExecutionContext
    ) throws(RevertReason) -> StepFlows {
        try requireNotPaused(market, .liquidate, at: context.timestamp)
        try accrue(market: market, at: context.timestamp)
        let plan = try planLiquidation(market: market, borrower: borrower, debtAsset: debtAsset, collateralAsset: collateralAsset,
                                       repay: repay, sender: sender, detailed: context.recordSteps && context.liquidationDetail,
                                       at: context.timestamp)
        let quote = plan.quote, position = plan.position, debtSlot = plan.debtSlot, collateralSlot = plan.collateralSlot
        try consumeLiquidationCap(market, borrower: borrower, debtSlot: debtSlot, repay: quote.repay, at: context.timestamp)
        try reduceDebt(market: market, slot: debtSlot, position: position, by: quote.repay, owed: plan.owed, payer: sender)

        // Fields read one by one: a copy of the whole market retains each of its buffers.
        var reserve = markets[market].reserves[collateralSlot]
        guard quote.seize <= reserve.cash else {
            throw .lending(.insufficientLiquidity(asset: collateralAsset, needed: quote.seize, available: reserve.cash))
        }
        let scaledHeld = markets[market].positions.scaledSupplied(position, slot: collateralSlot)
        let scaled = quote.seize == plan.held
            ? scaledHeld
            : min(try Self.amountToScaled(quote.seize, reserve.supplyIndex, rounding: .up), scaledHeld)
        reserve.scaledSupply -= scaled
        reserve.cash -= quote.seize
        writeBalances(market, collateralSlot, scaledSupply: reserve.scaledSupply, scaledDebt: reserve.scaledDebt, cash: reserve.cash,
                      position, .scaledSupplied(scaledHeld - scaled))
        do { try ledger.transfer(collateralAsset, amount: quote.seize, from: markets[market].account, to: sender) } catch { throw .ledger(error) }
        if !markets[market].auctions.isEmpty, markets[market].auctions[borrower] != nil,
           scaledHeld == scaled || markets[market].positions.scaledDebt(position, slot: debtSlot) == 0 {
            writeAuction(market, borrower, nil)
        }
        // NOTE: while the seized slot keeps collateral (LT > 0) there is nothing to write off,
        // which ``writeOffBadDebt(market:position:)`` would find by scanning the slots: 3.7 k
        // calls instead of 21.2 k (callgrind, benchmark-day full day, warm-up + 1: 734.1 M ->
        // 731.3 M instructions).
        if scaledHeld == scaled || markets[market].assets[collateralSlot].liquidationThreshold == 0 {
            try writeOffBadDebt(market: market, position: position)
        }
        // NOTE: the flows are built in the returned value, not in a local copied out (≈ 30
        // instructions a liquidation; benchmark-day full day, warm-up + 1: 661.0 M -> 660.3 M;
        // callgrind).
        guard context.recordSteps else {
            return StepFlows(assetIn: debtAsset, amountIn: quote.repay, assetOut: collateralAsset, amountOut: quote.seize)
        }
        // NOTE: the healths before and after the step (≈ 800 instructions a liquidation) are
        // read only for liquidations.csv.
        return StepFlows(assetIn: debtAsset, amountIn: quote.repay, assetOut: collateralAsset, amountOut: quote.seize,
                         liquidation: context.liquidationDetail
                             ? liquidationRecord(market: market, borrower: borrower, position: position, debtSlot: debtSlot,
                                                 quote: quote, prices: plan.prices, at: context.timestamp)
                             : LiquidationRecord(market: market, borrower: borrower, price: quote.price, healthBefore: nil,
                                                 healthAfter: nil))
    }

    /// What a liquidation reads before it writes: the two assets' slots, the quote, the
    /// borrower's position, the debt it owes and the collateral it holds (raw units), and, when
    /// its record has detail, the prices of the two slots that the
    /// step's own writes cannot change (``priceIgnoresLendingWrites(_:)``).
    private struct LiquidationPlan {
        let debtSlot: Int
        let collateralSlot: Int
        let quote: LiquidationQuote
        let position: LendingPosition
        let owed: UInt128
        let held: UInt128
        var prices = QuotePrices()
    }

    /// The reads of ``liquidate(market:borrower:debtAsset:collateralAsset:repay:sender:context:)``
    /// after its accrual, in its order: the repayment asked for, the slots, the quote; then the
    /// position's debt and collateral, which the cap and the repayment that follow do not change
    /// (they write the cap's counts and the debt slot's debt, cash and totals). Only when
    /// `detailed` (a record with ``ExecutionContext/liquidationDetail``) does a fixed-bonus plan
    /// divide out the health before (its quote's is 0 otherwise) and keep the prices its record
    /// can reuse.
    ///
    /// NOTE: one non-mutating call instead of five from the mutating step: each call of a
    /// method of `self` from a mutating one copied the whole state (152 bytes) for it, and this
    /// one copies it once (callgrind, benchmark-day full day, warm-up + 1: liquidate 131.9 M ->
    /// 128.1 M with ``liquidationRecord(market:borrower:position:debtSlot:quote:at:)``). Kept out
    /// of line for that reason: inlined, its calls would copy again.
    @inline(never)
    private func planLiquidation(
        market: Int, borrower: AccountID, debtAsset: AssetID, collateralAsset: AssetID, repay: Amount, sender: AccountID,
        detailed: Bool, at timestamp: Int64
    ) throws(RevertReason) -> LiquidationPlan {
        // NOTE: an exact repayment (every liquidator's) is read here, not through the call
        // (benchmark-day full day, warm-up + 1: 660.3 M -> 659.6 M; callgrind).
        let requested: UInt128
        if case .exact(let exact) = repay { requested = exact } else { requested = try evaluate(repay, sender: sender, at: timestamp) }
        let debtSlot = try listedSlot(market, debtAsset), collateralSlot = try listedSlot(market, collateralAsset)
        // The borrower's position is looked up once, for the quote, the debt owed, the repayment
        // and the seizure. NOTE: a fixed-bonus quote hands back the debt and collateral its
        // valuation read, not converted again (two conversions a liquidation; callgrind,
        // benchmark-day full day, warm-up + 1: planLiquidation 53.9 M -> 50.8 M).
        if case .fixedBonus = markets[market].liquidation {
            guard let position = markets[market].positions[borrower] else { throw .lending(.notLiquidatable(health: .max)) }
            let read: (quote: LiquidationQuote, owed: UInt128, held: UInt128, debtPrice: UInt128, collateralPrice: UInt128)
            if let solePair = try quoteSolePair(market: market, position: position, debtSlot: debtSlot, collateralSlot: collateralSlot,
                                                requested: requested, exactHealth: detailed, at: timestamp) {
                read = solePair
            } else {
                read = try quoteFixedBonus(market: market, position: position, debtSlot: debtSlot, collateralSlot: collateralSlot,
                                           requested: requested, exactHealth: detailed, at: timestamp)
            }
            var plan = LiquidationPlan(debtSlot: debtSlot, collateralSlot: collateralSlot, quote: read.quote, position: position,
                                       owed: read.owed, held: read.held)
            // NOTE: the record values the position again after the writes; the prices those
            // writes cannot change are kept for it, not read again (two oracle reads a
            // liquidation; callgrind, benchmark-day full day, warm-up + 1: liquidationRecord
            // 19.4 M -> 15.8 M, planLiquidation 43.2 M -> 44.9 M; 735.6 M -> 734.1 M in all).
            guard detailed else { return plan }
            if priceIgnoresLendingWrites(markets[market].assets[debtSlot].price) { plan.prices.keep(read.debtPrice, of: debtSlot) }
            if priceIgnoresLendingWrites(markets[market].assets[collateralSlot].price) {
                plan.prices.keep(read.collateralPrice, of: collateralSlot)
            }
            return plan
        }
        let quote = try quoteLiquidation(market: market, borrower: borrower, debtSlot: debtSlot, collateralSlot: collateralSlot,
                                         requested: requested, at: timestamp)
        // A quote needs a position: the borrower has one.
        guard let position = markets[market].positions[borrower] else { preconditionFailure("a quoted borrower without a position") }
        return LiquidationPlan(debtSlot: debtSlot, collateralSlot: collateralSlot, quote: quote, position: position,
                               owed: debt(of: position, market: market, slot: debtSlot),
                               held: supplied(of: position, market: market, slot: collateralSlot))
    }

    /// The record of a liquidation of `borrower` by `quote` that left `position`: its health
    /// after (``health(market:account:at:)`` of the position in hand; nil without debt or when a
    /// read fails) and the debt slot's price (nil when the read fails). `known` holds prices the
    /// step read before its writes that those writes cannot change (``priceIgnoresLendingWrites(_:)``):
    /// each is what a read now answers.
    /// NOTE: out of line like ``planLiquidation(market:borrower:debtAsset:collateralAsset:repay:sender:detailed:at:)``:
    /// one copy of the state for the two reads.
    @inline(never)
    private func liquidationRecord(
        market: Int, borrower: AccountID, position: LendingPosition, debtSlot: Int, quote: LiquidationQuote,
        prices known: QuotePrices, at timestamp: Int64
    ) -> LiquidationRecord {
        // The debt slot's price as the valuation read it, when it did (every read on one state at
        // one time answers alike): one oracle read fewer while debt is left (callgrind,
        // benchmark-day full day, warm-up + 1: 21.4 M -> 20.4 M).
        var debtPrice: UInt128?
        let after = try? valuation(market: market, position: position, at: timestamp, weighingBorrowingPower: false,
                                   prices: known) { reading in
            if reading.slot == debtSlot { debtPrice = reading.price }
        }.health
        if debtPrice == nil {
            debtPrice = known.price(of: debtSlot) ?? (try? guardedPrice(markets[market].assets[debtSlot].price, at: timestamp))
        }
        return LiquidationRecord(market: market, borrower: borrower, price: quote.price, healthBefore: quote.healthBefore,
                                 healthAfter: after == .max ? nil : after, debtPrice: debtPrice)
    }

    /// Whether `source` answers alike before and after a lending step's writes at one time (the
    /// ledger's balances, a market's positions, reserves, indices, caps and auctions): a constant,
    /// spot, TWAP or push oracle without a fallback reads only its own feed and the pools, which
    /// no lending step writes (a read that succeeds succeeds again; a staleness limit compares the
    /// same answer with the same time).
    func priceIgnoresLendingWrites(_ source: PriceSource) -> Bool {
        guard source.fallback == nil else { return false }
        switch oracles[source.oracle].kind {
        case .constant, .spot, .twap, .push: return true
        default: return false
        }
    }

    /// When `account` has debt but no collateral left (no supplied balance of an asset with
    /// LT > 0), writes every debt off as bad debt: the insurance fund pays what it holds of
    /// the asset into the market, and the rest is socialised — the asset's supplyIndex is
    /// scaled by (S − loss)/S (rounded down), so every supplier of that asset loses the same
    /// fraction. Recorded per asset in `badDebt` = `badDebtCovered` + `badDebtSocialised`.
    mutating func writeOffBadDebt(market: Int, account: AccountID) throws(RevertReason) {
        guard let position = markets[market].positions[account] else { return }  // no debt to write off
        try writeOffBadDebt(market: market, position: position)
    }

    /// ``writeOffBadDebt(market:account:)`` for a caller that holds the account's `position` in
    /// `market`: one position lookup fewer.
    private mutating func writeOffBadDebt(market: Int, position: LendingPosition) throws(RevertReason) {
        // The market's fields read one by one, in place: a copy of the whole market, or of its
        // asset list, retains buffers, and this runs after every liquidation that empties a
        // collateral slot.
        // NOTE: a position that owes nothing needs no test of its own: the write-off below skips
        // every slot without debt (with the asset list read in place: writeOffBadDebt 925 -> 840
        // instructions a call, ≈ 4 k calls a replication of benchmark-day; callgrind).
        let slots = markets[market].assets.count
        for slot in 0..<slots
        where markets[market].assets[slot].liquidationThreshold > 0 && markets[market].positions.scaledSupplied(position, slot: slot) > 0 {
            return
        }
        let insuranceFund = markets[market].insuranceFund, marketAccount = markets[market].account
        for slot in 0..<slots {
            let scaledDebt = markets[market].positions.scaledDebt(position, slot: slot)
            guard scaledDebt > 0 else { continue }
            let asset = markets[market].assets[slot].asset
            var reserve = markets[market].reserves[slot]
            let owed = Self.scaledToAmount(scaledDebt, reserve.borrowIndex, rounding: .up)
            reserve.scaledDebt -= scaledDebt
            let covered = min(owed, ledger.balance(asset, of: insuranceFund))
            do { try ledger.transfer(asset, amount: covered, from: insuranceFund, to: marketAccount) } catch { throw .ledger(error) }
            let loss = owed - covered
            do {
                reserve.cash = try FixedPoint.add(reserve.cash, covered)
                let supply = Self.scaledToAmount(reserve.scaledSupply, reserve.supplyIndex, rounding: .down)
                if loss > 0, supply > 0 {
                    let remaining = supply - min(loss, supply)
                    reserve.supplyIndex = max(1, try FixedPoint.mulDiv(reserve.supplyIndex, remaining, supply, rounding: .down))
                }
                reserve.badDebt = try FixedPoint.add(reserve.badDebt, owed)
                reserve.badDebtCovered = try FixedPoint.add(reserve.badDebtCovered, covered)
                reserve.badDebtSocialised = try FixedPoint.add(reserve.badDebtSocialised, loss)
            } catch { throw .arithmetic(error) }
            // The position's debt is written with the totals (a throw above reverts the whole
            // transaction). NOTE: two journal records in one append and one market access, not
            // three records in two (≈ 4 k write-offs a replication; callgrind, benchmark-day full
            // day, warm-up + 1: 587.86 M -> 586.73 M).
            writeReserve(market, slot, reserve, position, .scaledDebt(0))
        }
    }
}
