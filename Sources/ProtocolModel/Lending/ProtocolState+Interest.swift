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
    mutating func accrue(market: Int, at timestamp: Int64) throws(RevertReason) {
        for slot in markets[market].assets.indices {
            var reserve = markets[market].reserves[slot]
            guard timestamp > reserve.lastAccrual else { continue }
            let elapsed = UInt128(timestamp - reserve.lastAccrual)
            reserve.lastAccrual = timestamp
            if reserve.scaledDebt > 0 {
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
            }
            writeReserve(market, slot, reserve)
        }
    }
}
