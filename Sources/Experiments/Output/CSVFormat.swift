import Foundation
import ProtocolModel

/// Cell formatting of every CSV advsim writes (DESIGN.md §5): RFC 4180 quoting, doubles in the
/// shortest form that round-trips, an undefined value as an empty field, token amounts as
/// exact decimals, booleans `true`/`false`.
public enum CSVFormat {
    /// A double in shortest round-trip form (Swift's description: `0.1`, `1e-07`, `2.5e+20`);
    /// non-finite values are undefined → empty.
    public static func double(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }

    /// An integer, or empty when absent.
    public static func int<T: BinaryInteger>(_ value: T?) -> String {
        value.map { "\($0)" } ?? ""
    }

    /// An exact whole-token decimal of a raw amount.
    public static func amount(_ raw: UInt128, decimals: Int) -> String {
        TokenUnits.format(raw, decimals: decimals)
    }

    public static func bool(_ value: Bool?) -> String {
        value.map { $0 ? "true" : "false" } ?? ""
    }

    /// A text field, quoted when it contains a comma, a quote, CR or LF (quotes doubled).
    public static func text(_ value: String?) -> String {
        guard let value else { return "" }
        // NOTE: the bytes are scanned, not the characters: a comma or line break joined into one
        // character with what follows it (CR LF, or a combining mark after a comma) did not
        // compare equal to "," or "\n" and went unquoted; and the character scan cost ≈ 2,000
        // instructions a field (callgrind, `advsim bench batch amm-arbitrage -n 200`).
        guard value.utf8.contains(where: { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\n")
            || $0 == UInt8(ascii: "\r") }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// One CSV line (without the newline) from already formatted cells.
    public static func line(_ cells: [String]) -> String {
        joined(cells, separator: UInt8(ascii: ","))
    }

    /// `parts` joined by the ASCII byte `separator`: `joined(separator:)`'s result.
    // NOTE: the parts' bytes are copied into one string of the final length: the standard
    // library's unspecialised `joined(separator:)` cost ≈ 4,200 instructions for a seven-cell
    // pnl.csv row (callgrind, `advsim bench batch amm-arbitrage -n 200`), appending to a reserved
    // string as much; this takes ≈ 1/3 of the time of either (1/4 for a 55-cell runs.csv row).
    static func joined(_ parts: [String], separator: UInt8) -> String {
        var length = max(parts.count - 1, 0)
        for part in parts { length += part.utf8.count }
        return String(unsafeUninitializedCapacity: length) { buffer in
            var end = 0
            for index in parts.indices {
                if index > 0 {
                    buffer[end] = separator
                    end += 1
                }
                var part = parts[index]
                part.withUTF8 { bytes in
                    _ = UnsafeMutableBufferPointer(rebasing: buffer[end...]).initialize(fromContentsOf: bytes)
                    end += bytes.count
                }
            }
            return end
        }
    }
}
