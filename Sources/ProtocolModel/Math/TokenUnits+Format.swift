extension TokenUnits {
    /// The exact decimal text of a raw amount in whole tokens, trailing zeros of the fraction
    /// trimmed: 1_500_000 with 6 decimals → "1.5"; 2_000_000 → "2"; 1 → "0.000001"; 0 → "0".
    /// - Complexity: O(decimals + digits of raw).
    public static func format(_ raw: UInt128, decimals: Int) -> String {
        precondition(decimalsRange.contains(decimals), "decimals must be in 0...36")
        var digits = Array(String(raw).utf8)
        if digits.count <= decimals {
            digits.insert(contentsOf: repeatElement(UInt8(ascii: "0"), count: decimals + 1 - digits.count), at: 0)
        }
        let pointIndex = digits.count - decimals
        var end = digits.count
        while end > pointIndex, digits[end - 1] == UInt8(ascii: "0") { end -= 1 }
        let integerPart = String(decoding: digits[..<pointIndex], as: UTF8.self)
        guard end > pointIndex else { return integerPart }
        return integerPart + "." + String(decoding: digits[pointIndex..<end], as: UTF8.self)
    }

    /// The signed variant for profit and loss: magnitude 1_500_000, negative, 6 decimals →
    /// "-1.5". Zero is never printed with a sign.
    public static func format(signedMagnitude raw: UInt128, negative: Bool, decimals: Int) -> String {
        let magnitude = format(raw, decimals: decimals)
        return negative && raw != 0 ? "-" + magnitude : magnitude
    }
}
