/// A Kyber-style automated price reserve: it quotes token Y in token X at a price that grows
/// exponentially with its X inventory, P(k) = minPrice · e^(rate·k), within [minPrice, maxPrice]
/// (bZx #2's second venue; Qin et al., FC 2021, App. C).
///
/// Trades follow the curve continuously: selling h of X into the reserve pays
/// j = (1 − e^(−rate·h)) / (rate·P) of Y and lifts the price to P·e^(rate·h); selling j of Y pays
/// h = ln(1 + rate·P·j) / rate of X and lowers the price to P / (1 + rate·P·j). A trade that would
/// leave the price outside its range, or needs more inventory than the reserve holds, is refused
/// (Kyber quotes a zero rate). Integer fixed point throughout (``FixedPoint/exp(_:rounding:)``);
/// every rounding is in the reserve's favour.
public struct AutomatedPriceReserve: Sendable, Equatable {
    public let decimalsX: Int
    public let decimalsY: Int
    /// Price bounds, wad (X per Y).
    public let minPrice: UInt128
    public let maxPrice: UInt128
    /// Exponential rate per whole X token, wad.
    public let rate: UInt128
    /// Holdings, raw units (the reserve account's balances).
    public internal(set) var inventoryX: UInt128
    public internal(set) var inventoryY: UInt128

    public init(decimalsX: Int, decimalsY: Int, minPrice: UInt128, maxPrice: UInt128, rate: UInt128,
                inventoryX: UInt128, inventoryY: UInt128) {
        self.decimalsX = decimalsX
        self.decimalsY = decimalsY
        self.minPrice = minPrice
        self.maxPrice = maxPrice
        self.rate = rate
        self.inventoryX = inventoryX
        self.inventoryY = inventoryY
    }

    /// The current price of Y in X, P(inventoryX), wad.
    public func price(rounding: Rounding) throws(VenueError) -> UInt128 {
        try VenueError.arithmetic { () throws(ArithmeticError) in
            let exponent = try FixedPoint.mulDiv(rate, inventoryX, FixedPoint.powerOfTen(decimalsX), rounding: rounding)
            return try FixedPoint.mulDiv(minPrice, try FixedPoint.exp(exponent, rounding: rounding), FixedPoint.wad, rounding: rounding)
        }
    }

    /// Y paid for `amountX` of X sold into the reserve, raw units.
    public func quote(xIn amountX: UInt128) throws(VenueError) -> UInt128 {
        let start = try price(rounding: .up)
        let (out, end) = try VenueError.arithmetic { () throws(ArithmeticError) in
            let exponent = try FixedPoint.mulDiv(rate, amountX, FixedPoint.powerOfTen(decimalsX), rounding: .down)
            let end = try FixedPoint.mulDiv(start, try FixedPoint.exp(exponent, rounding: .up), FixedPoint.wad, rounding: .up)
            let decay = FixedPoint.expNegative(exponent, rounding: .up)
            // rate·P kept at wad² scale: as a wad it would keep only ~13 significant digits.
            let ratePrice = try FixedPoint.multiply(rate, start)
            let out = try FixedPoint.mulDiv(FixedPoint.wad - min(decay, FixedPoint.wad),
                                            try FixedPoint.multiply(FixedPoint.powerOfTen(decimalsY), FixedPoint.wad),
                                            ratePrice, rounding: .down)
            return (out, end)
        }
        guard start >= minPrice, end <= maxPrice else { throw .priceOutOfRange }
        guard out <= inventoryY else { throw .insufficientInventory }
        return out
    }

    /// X paid for `amountY` of Y sold into the reserve, raw units.
    public func quote(yIn amountY: UInt128) throws(VenueError) -> UInt128 {
        let start = try price(rounding: .down)
        let (out, end) = try VenueError.arithmetic { () throws(ArithmeticError) in
            let ratePrice = try FixedPoint.multiply(rate, start)  // wad² scale, as above
            let growth = try FixedPoint.add(FixedPoint.wad, try FixedPoint.mulDiv(
                ratePrice, amountY, try FixedPoint.multiply(FixedPoint.powerOfTen(decimalsY), FixedPoint.wad), rounding: .down))
            let end = try FixedPoint.mulDiv(start, FixedPoint.wad, growth, rounding: .down)
            let out = try FixedPoint.mulDiv(try FixedPoint.log(growth, rounding: .down), FixedPoint.powerOfTen(decimalsX),
                                            rate, rounding: .down)
            return (out, end)
        }
        guard start <= maxPrice, end >= minPrice else { throw .priceOutOfRange }
        guard out <= inventoryX else { throw .insufficientInventory }
        return out
    }

    /// Sells `amountX` of X into the reserve; returns the Y paid out.
    public mutating func sell(xIn amountX: UInt128) throws(VenueError) -> UInt128 {
        let out = try quote(xIn: amountX)
        inventoryX = try VenueError.arithmetic { () throws(ArithmeticError) in try FixedPoint.add(inventoryX, amountX) }
        inventoryY -= out
        return out
    }

    /// Sells `amountY` of Y into the reserve; returns the X paid out.
    public mutating func sell(yIn amountY: UInt128) throws(VenueError) -> UInt128 {
        let out = try quote(yIn: amountY)
        inventoryY = try VenueError.arithmetic { () throws(ArithmeticError) in try FixedPoint.add(inventoryY, amountY) }
        inventoryX -= out
        return out
    }
}
