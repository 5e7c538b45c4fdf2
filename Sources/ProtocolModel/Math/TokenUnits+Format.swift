extension TokenUnits {
    /// The exact decimal text of a raw amount in whole tokens, trailing zeros of the fraction
    /// trimmed: 1_500_000 with 6 decimals → "1.5"; 2_000_000 → "2"; 1 → "0.000001"; 0 → "0".
    /// - Complexity: O(decimals + digits of raw).
    public static func format(_ raw: UInt128, decimals: Int) -> String {
        precondition(decimalsRange.contains(decimals), "decimals must be in 0...36")
        // NOTE: the digits are made in a stack buffer, 19 at a time in 64-bit arithmetic, and the
        // text built once: through `String(raw)` and arrays of its bytes a call cost ≈ 2,400
        // instructions, a third of a `run` of the benchmark day (events.csv, liquidations.csv;
        // callgrind).
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 48) { digits in
            // The digits of `raw`, least significant first, zero-padded to decimals + 1 of them.
            var count = 0, rest = raw
            repeat {
                let (quotient, remainder) = rest.quotientAndRemainder(dividingBy: 10_000_000_000_000_000_000)
                var part = UInt64(remainder), written = 0
                repeat {
                    digits[count] = UInt8(ascii: "0") + UInt8(part % 10)
                    part /= 10
                    count += 1
                    written += 1
                } while quotient == 0 ? part > 0 : written < 19
                rest = quotient
            } while rest > 0
            while count <= decimals {
                digits[count] = UInt8(ascii: "0")
                count += 1
            }
            var fractionEnd = 0  // the least significant fraction digit kept (trailing zeros trimmed)
            while fractionEnd < decimals, digits[fractionEnd] == UInt8(ascii: "0") { fractionEnd += 1 }
            let fractionLength = decimals - fractionEnd
            return String(unsafeUninitializedCapacity: count - decimals + (fractionLength > 0 ? 1 + fractionLength : 0)) { text in
                var end = 0
                for index in stride(from: count - 1, through: decimals, by: -1) {
                    text[end] = digits[index]
                    end += 1
                }
                guard fractionLength > 0 else { return end }
                text[end] = UInt8(ascii: ".")
                end += 1
                for index in stride(from: decimals - 1, through: fractionEnd, by: -1) {
                    text[end] = digits[index]
                    end += 1
                }
                return end
            }
        }
    }

    /// The signed variant for profit and loss: magnitude 1_500_000, negative, 6 decimals →
    /// "-1.5". Zero is never printed with a sign.
    public static func format(signedMagnitude raw: UInt128, negative: Bool, decimals: Int) -> String {
        let magnitude = format(raw, decimals: decimals)
        return negative && raw != 0 ? "-" + magnitude : magnitude
    }

    /// A wad value (18-decimal fixed point) in a unit of account as text, for revert reasons:
    /// 2_500·10^18 in USD → "2500 USD".
    static func wadText(_ value: UInt128, unit: String) -> String {
        format(value, decimals: 18) + " " + unit
    }
}
