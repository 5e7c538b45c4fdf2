extension ProtocolState {
    /// Accrues interest on every asset of `market` up to `timestamp` (once per block: later
    /// calls in the same block do nothing), journalled.
    ///
    /// Per asset, with debt D = scaledDebt × borrowIndex and supply S = scaledSupply ×
    /// supplyIndex (both rounded down), utilisation u = D / (cash + D), rate r = the kinked
    /// model at u, elapsed seconds Δt:
    /// borrowIndex += ⌈borrowIndex · r · Δt / (wad · year)⌉ (simple interest per block), and the
    /// interest I = D' − D goes entirely to suppliers: supplyIndex += ⌊supplyIndex · I / S⌋
    /// (no reserve factor).
    // NOTE: inlined as far as the test that every asset is accrued already (every liquidation of
    // a block after its first; a market has one reserve per asset), the accrual itself out of
    // line (benchmark-day full day, warm-up + 1: 654.2 M -> 652.6 M; callgrind).
    @inline(__always)
    mutating func accrue(market: Int, at timestamp: Int64) throws(RevertReason) {
        for slot in markets[market].reserves.indices where timestamp > markets[market].reserves[slot].lastAccrual {
            return try accrueAssets(market: market, at: timestamp)
        }
    }

    /// ``accrue(market:at:)`` of a market with an asset to accrue.
    @inline(never)
    private mutating func accrueAssets(market: Int, at timestamp: Int64) throws(RevertReason) {
        for slot in markets[market].assets.indices {
            // NOTE: the accrual time is read alone first: a later call in the same block (every
            // liquidation's, ≈ 24 k a benchmark day) copied the whole per-asset state only to
            // find it current (callgrind, warm-up + 1: accrue 9.4 M -> 8.2 M).
            guard timestamp > markets[market].reserves[slot].lastAccrual else { continue }
            // NOTE: without debt, or under a model that charges nothing while both indices are
            // at most 1 (where such a market's indices stay: nothing raises them), only the accrual time changes:
            // the rate is 0 at any utilisation, so the growth and the suppliers' raise are 0, and
            // no product below can overflow (debt = scaledDebt, supply ≤ scaledSupply); of the
            // steps, only cash + debt can throw. Journalled as the time alone, not the whole
            // per-asset state (callgrind: seal 23.7 M -> 12.1 M a benchmark day, warm-up + 1).
            // NOTE: the fields this case needs are read in place; the whole per-asset state is
            // copied only past it (callgrind, warm-up + 1: accrue 7.74 M -> 7.38 M).
            let scaledDebt = markets[market].reserves[slot].scaledDebt
            if accruesTimeAlone(market, slot) {
                if scaledDebt > 0 {
                    do { _ = try FixedPoint.add(markets[market].reserves[slot].cash, scaledDebt) } catch { throw .arithmetic(error) }
                }
                writeLastAccrual(market, slot, timestamp)
                continue
            }
            var reserve = markets[market].reserves[slot]
            let elapsed = UInt128(timestamp - reserve.lastAccrual)
            reserve.lastAccrual = timestamp
            do {
                let model = markets[market].assets[slot].interest
                let debt = try FixedPoint.mulDiv(reserve.scaledDebt, reserve.borrowIndex, FixedPoint.wad, rounding: .down)
                let supply = try FixedPoint.mulDiv(reserve.scaledSupply, reserve.supplyIndex, FixedPoint.wad, rounding: .down)
                let utilisation = try FixedPoint.mulDiv(debt, FixedPoint.wad, try FixedPoint.add(reserve.cash, debt), rounding: .down)
                let rate = try model.borrowRate(utilisation: utilisation)
                let growth = try FixedPoint.mulDiv(reserve.borrowIndex, try FixedPoint.multiply(rate, elapsed),
                                                   FixedPoint.wad * InterestRateModel.secondsPerYear, rounding: .up)
                reserve.borrowIndex = try FixedPoint.add(reserve.borrowIndex, growth)
                let newDebt = try FixedPoint.mulDiv(reserve.scaledDebt, reserve.borrowIndex, FixedPoint.wad, rounding: .down)
                if supply > 0 {
                    let raise = try FixedPoint.mulDiv(reserve.supplyIndex, newDebt - debt, supply, rounding: .down)
                    reserve.supplyIndex = try FixedPoint.add(reserve.supplyIndex, raise)
                }
            } catch {
                throw .arithmetic(error)
            }
            writeReserve(market, slot, reserve)
        }
    }

    /// Accrues `market` at the seal of a block at `timestamp`, leaving it as it was when the
    /// accrual throws (``accrue(market:at:)``, rolled back).
    ///
    /// NOTE: when every slot due changes its accrual time alone and the one check on that path
    /// (cash + debt) passes, the times are written unjournalled: nothing can throw, so no
    /// rollback can be needed, and the seal commits right after (callgrind, benchmark-day
    /// warm-up + 1: seal 7.70 M -> 4.71 M; 914.6 M -> 911.6 M), in one write of the market
    /// (911.6 M -> 911.1 M).
    mutating func accrueAtSeal(market: Int, at timestamp: Int64) {
        for slot in markets[market].assets.indices where timestamp > markets[market].reserves[slot].lastAccrual {
            guard accruesTimeAlone(market, slot),
                  !markets[market].reserves[slot].cash.addingReportingOverflow(markets[market].reserves[slot].scaledDebt).overflow else {
                let start = checkpoint()
                do { try accrue(market: market, at: timestamp) } catch { rollback(to: start) }
                return
            }
        }
        markets[market].advanceAccrualTimes(to: timestamp)
    }

    /// Whether an accrual of slot `slot` of `market` changes its accrual time alone: without
    /// debt, or under a model that charges nothing while both indices are at most 1
    /// (``accrue(market:at:)``).
    @inline(__always)
    private func accruesTimeAlone(_ market: Int, _ slot: Int) -> Bool {
        markets[market].reserves[slot].scaledDebt == 0
            || (markets[market].assets[slot].interest.chargesNothing && markets[market].reserves[slot].borrowIndex == FixedPoint.wad
                && markets[market].reserves[slot].supplyIndex <= FixedPoint.wad)
    }
}
