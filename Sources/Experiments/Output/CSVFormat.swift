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
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// One CSV line (without the newline) from already formatted cells.
    public static func line(_ cells: [String]) -> String {
        cells.joined(separator: ",")
    }
}
