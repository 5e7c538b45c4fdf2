/// A fixed-price depot: sells its inventory of token Y for token X at a set price, up to what it
/// holds (the Synthetix sUSD depot of bZx #2, which sold at the oracle's price however much was
/// bought; Qin et al., FC 2021, App. C), up to its inventory, refunding the rest. One direction
/// only, as the depot was.
public struct FixedPriceDepot: Sendable, Equatable {
    public let decimalsX: Int
    public let decimalsY: Int
    /// Y paid per whole X, wad. Settable: a depot may follow an oracle between trades.
    public var price: UInt128
    /// Y held, raw units: the cap on what it can sell.
    public internal(set) var inventoryY: UInt128

    public init(decimalsX: Int, decimalsY: Int, price: UInt128, inventoryY: UInt128) {
        self.decimalsX = decimalsX
        self.decimalsY = decimalsY
        self.price = price
        self.inventoryY = inventoryY
    }

    /// Y paid for `amountX` of X, raw units (rounded down); refused beyond the inventory.
    public func quote(xIn amountX: UInt128) throws(VenueError) -> UInt128 {
        // amountX · price · 10^decimalsY / (10^decimalsX · 10^18), one rounding: the decimal
        // factors cancel into one power of ten (a scale-up when Y has more than 18 extra digits).
        let out = try VenueError.arithmetic { () throws(ArithmeticError) in
            let shift = decimalsX + 18 - decimalsY
            return shift >= 0
                ? try FixedPoint.mulDiv(amountX, price, FixedPoint.powerOfTen(shift), rounding: .down)
                : try FixedPoint.multiply(try FixedPoint.multiply(amountX, price), FixedPoint.powerOfTen(-shift))
        }
        guard out <= inventoryY else { throw .insufficientInventory }
        return out
    }

    /// Buys Y with up to `amountX` of X. Beyond the inventory the depot sells all it holds and
    /// takes only the X that pays for it, rounded up in its favour (the Synthetix depot refunded
    /// the rest); an empty depot refuses.
    /// - Returns: the X taken and the Y paid out, raw units.
    public mutating func sell(xIn amountX: UInt128) throws(VenueError) -> (used: UInt128, out: UInt128) {
        guard inventoryY > 0 else { throw .insufficientInventory }
        var used = amountX
        var out: UInt128
        do { out = try quote(xIn: amountX) } catch .insufficientInventory {
            out = inventoryY
            // X worth the whole inventory: inventoryY · 10^(decimalsX + 18 − decimalsY) / price, rounded up.
            used = try VenueError.arithmetic { () throws(ArithmeticError) in
                let shift = decimalsX + 18 - decimalsY
                return shift >= 0
                    ? try FixedPoint.mulDiv(inventoryY, FixedPoint.powerOfTen(shift), price, rounding: .up)
                    : try FixedPoint.mulDiv(inventoryY, 1, try FixedPoint.multiply(price, FixedPoint.powerOfTen(-shift)), rounding: .up)
            }
            used = min(used, amountX)
        }
        inventoryY -= out
        return (used, out)
    }
}
