import Foundation
import ProtocolModel

/// A pool's initial reserves: the errors for a reserve that is not a positive number of raw
/// units say which amount to change, and to what.
extension PoolSpec {
    /// reserve1 when the scenario leaves it out: the value of `raw0` (reserve0, in `token0`'s raw
    /// units) at the initial reference prices, in whole `token1` (exact decimal text).
    ///
    /// - Throws: ``InputError`` at `reserve0Node` when that value rounds down to zero raw units of
    ///   `token1`, or reaches the load limit (2^112 raw units), naming the keys to change.
    static func derivedReserve1(raw0: UInt128, token0: AssetSpec, token1: AssetSpec, poolPath: String,
                                reserve0Node: InputNode) throws -> String {
        let value = TokenUnits.toDouble(raw0, decimals: token0.decimals) * token0.price / token1.price
        let raw1 = exactValue(raw0, token0: token0, token1: token1) ?? TokenUnits.fromDouble(value, decimals: token1.decimals)
        let derivation = "\(poolPath).reserve1 is not given, so it is reserve0's value at the initial prices, "
            + "\(rounded(value)) \(token1.symbol)"
        guard raw1 > 0 else {
            let smallest = pow(10, -Double(token1.decimals)) * token1.price / token0.price
            throw InputError("\(reserve0Node.path): \(derivation), which rounds down to zero in \(token1.symbol)'s "
                             + "\(token1.decimals) decimals: give \(poolPath).reserve1 explicitly, or a reserve0 of at least "
                             + "about \(rounded(smallest)) \(token0.symbol) (or a higher \(token0.symbol) price)", at: reserve0Node.location)
        }
        guard raw1 < TokenUnits.loadLimit else {
            throw InputError("\(reserve0Node.path): \(derivation), which reaches the load limit of 2^112 raw units of "
                             + "\(token1.symbol) (\(token1.decimals) decimals): give a smaller reserve0 (or a lower "
                             + "\(token0.symbol) price)", at: reserve0Node.location)
        }
        return TokenUnits.format(raw1, decimals: token1.decimals)
    }

    /// ⌊raw0 · price0 / price1⌋ in raw units of `token1`, computed exactly from the prices as the
    /// scenario writes them (3000, 0.997: decimals, which doubles hold only approximately) —
    /// through doubles, 100,000 ETH at 3,000 came to 299,999,999.999999 USDC, a pool one raw
    /// unit off its price. nil when a price has more than 18 decimal places or the product
    /// outgrows 256 bits (then the doubles' value stands).
    static func exactValue(_ raw0: UInt128, token0: AssetSpec, token1: AssetSpec) -> UInt128? {
        /// The price as wad when its shortest decimal text has at most 18 decimal places.
        func wad(_ price: Double) -> UInt128? {
            guard let wad = try? TokenUnits.parse("\(price)", decimals: 18), wad > 0,
                  Double(TokenUnits.format(wad, decimals: 18)) == price else { return nil }
            return wad
        }
        guard let price0 = wad(token0.price), let price1 = wad(token1.price) else { return nil }
        // raw1 = raw0 · price0 · 10^(d1 − d0) / price1, the power of ten on the side it multiplies.
        let shift = token1.decimals - token0.decimals
        var numerator = price0, denominator = price1
        if shift >= 0 {
            let (scaled, overflow) = price0.multipliedReportingOverflow(by: FixedPoint.powerOfTen(shift))
            guard !overflow else { return nil }
            numerator = scaled
        } else {
            let (scaled, overflow) = price1.multipliedReportingOverflow(by: FixedPoint.powerOfTen(-shift))
            guard !overflow else { return nil }
            denominator = scaled
        }
        return try? FixedPoint.mulDiv(raw0, numerator, denominator, rounding: .down)
    }

    /// `value` to three significant digits, for a message.
    private static func rounded(_ value: Double) -> String {
        String(format: "%.3g", value)
    }

    /// The error for a reserve whose text `text` is zero in raw units of `asset`.
    static func zeroReserve(_ text: String, of asset: AssetSpec, at node: InputNode) -> InputError {
        InputError("\(node.path): a pool reserve must be positive" + roundedDown(text, decimals: asset.decimals, symbol: asset.symbol),
                   at: node.location)
    }

    /// When the amount `text` is above zero but below one raw unit of an asset with `decimals`:
    /// a clause saying it rounds down to zero and the smallest amount there is; else "".
    static func roundedDown(_ text: String, decimals: Int, symbol: String? = nil) -> String {
        let mantissa = text.prefix { $0 != "e" && $0 != "E" }
        guard mantissa.contains(where: { "123456789".contains($0) }) else { return "" }
        let asset = symbol.map { "\($0)'s" } ?? "the asset's"
        return "; \(text) rounds down to zero in \(asset) \(decimals) decimals (the smallest amount is "
            + "\(TokenUnits.format(1, decimals: decimals)))"
    }
}
