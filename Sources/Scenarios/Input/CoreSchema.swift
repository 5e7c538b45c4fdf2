import Foundation

/// YAML 1.2 core-schema resolution of plain scalars and parsing of their numeric text.
///
/// `_` digit separators are accepted in numbers (`1_000_000`), as YAML 1.1 allowed.
enum CoreSchema {
    /// The type a plain scalar resolves to, or nil for null.
    static func resolve(plain text: String) -> InputNode.ScalarType? {
        switch text {
        case "", "~", "null", "Null", "NULL": return nil
        case "true", "True", "TRUE", "false", "False", "FALSE": return .bool
        case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF",
             ".nan", ".NaN", ".NAN":
            return .float
        default: break
        }
        if isIntegerText(text) { return .int }
        if isDecimalFloatText(text) { return .float }
        return .string
    }

    /// Whether `text` is integer syntax (decimal, `0x` hex or `0o` octal), whatever its size.
    static func isIntegerText(_ text: String) -> Bool {
        let clean = text.replacingOccurrences(of: "_", with: "")
        if clean.hasPrefix("0x") { return clean.count > 2 && clean.dropFirst(2).allSatisfy(\.isHexDigit) }
        if clean.hasPrefix("0o") { return clean.count > 2 && clean.dropFirst(2).allSatisfy { ("0"..."7").contains($0) } }
        var body = Substring(clean)
        if body.first == "-" || body.first == "+" { body = body.dropFirst() }
        return !body.isEmpty && body.allSatisfy(\.isASCIIDigit) && !text.hasPrefix("_")
    }

    /// The integer value of integer syntax, or nil when it is not an integer or overflows `Int`.
    static func integerValue(_ text: String) -> Int? {
        guard !text.hasPrefix("_") else { return nil }
        let clean = text.replacingOccurrences(of: "_", with: "")
        if clean.hasPrefix("0x") { return Int(clean.dropFirst(2), radix: 16) }
        if clean.hasPrefix("0o") { return Int(clean.dropFirst(2), radix: 8) }
        var body = Substring(clean)
        if body.first == "+" { body = body.dropFirst() }
        guard body.first != "+", body.first != "-" || body.count > 1 else { return nil }
        guard body.dropFirst(body.first == "-" ? 1 : 0).allSatisfy(\.isASCIIDigit) else { return nil }
        return Int(body)
    }

    /// Whether `text` is `[-+]? ( . digits | digits [. digits*] ) ([eE] [-+]? digits)?`.
    static func isDecimalFloatText(_ text: String) -> Bool {
        decimalParts(text) != nil
    }

    /// The pieces of decimal number text: sign, integer digits, fraction digits, exponent text.
    static func decimalParts(_ text: String) -> (negative: Bool, integer: String, fraction: String, exponent: String)? {
        guard !text.hasPrefix("_") else { return nil }
        var rest = Substring(text.replacingOccurrences(of: "_", with: ""))
        var negative = false
        if rest.first == "-" || rest.first == "+" {
            negative = rest.first == "-"
            rest = rest.dropFirst()
        }
        let integer = rest.prefix(while: \.isASCIIDigit)
        rest = rest.dropFirst(integer.count)
        var fraction = Substring("")
        if rest.first == "." {
            rest = rest.dropFirst()
            fraction = rest.prefix(while: \.isASCIIDigit)
            rest = rest.dropFirst(fraction.count)
        }
        guard !integer.isEmpty || !fraction.isEmpty else { return nil }
        var exponent = ""
        if rest.first == "e" || rest.first == "E" {
            rest = rest.dropFirst()
            var sign = ""
            if rest.first == "-" || rest.first == "+" {
                sign = rest.first == "-" ? "-" : ""
                rest = rest.dropFirst()
            }
            let digits = rest.prefix(while: \.isASCIIDigit)
            guard !digits.isEmpty else { return nil }
            rest = rest.dropFirst(digits.count)
            exponent = sign + digits
        }
        guard rest.isEmpty else { return nil }
        return (negative, String(integer), String(fraction), exponent)
    }

    /// The Double value of int or float text (may be infinite for huge text), or nil.
    static func doubleValue(_ text: String) -> Double? {
        switch text {
        case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF": return .infinity
        case "-.inf", "-.Inf", "-.INF": return -.infinity
        case ".nan", ".NaN", ".NAN": return .nan
        default: break
        }
        let clean = text.replacingOccurrences(of: "_", with: "")
        if clean.hasPrefix("0x") || clean.hasPrefix("0o") {
            let digits = clean.dropFirst(2)
            let radix = clean.hasPrefix("0x") ? 16.0 : 8.0
            var value = 0.0
            for digit in digits {
                guard let d = digit.hexDigitValue else { return nil }
                value = value * radix + Double(d)
            }
            return value
        }
        guard decimalParts(text) != nil else { return nil }
        return Double(clean)
    }
}

extension Character {
    /// Whether the character is one of the ASCII digits 0–9.
    var isASCIIDigit: Bool { isASCII && isNumber && ("0"..."9").contains(self) }
}
