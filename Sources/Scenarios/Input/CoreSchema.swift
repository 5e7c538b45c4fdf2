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

    /// `text` without its `_` digit separators (no Foundation bridging: this runs for every number read).
    static func withoutUnderscores(_ text: String) -> String {
        text.utf8.contains(UInt8(ascii: "_")) ? String(text.filter { $0 != "_" }) : text
    }

    /// Whether `text` is integer syntax (decimal, `0x` hex or `0o` octal), whatever its size.
    static func isIntegerText(_ text: String) -> Bool {
        let clean = withoutUnderscores(text)
        if clean.hasPrefix("0x") { return clean.count > 2 && clean.dropFirst(2).allSatisfy(\.isHexDigit) }
        if clean.hasPrefix("0o") { return clean.count > 2 && clean.dropFirst(2).allSatisfy { ("0"..."7").contains($0) } }
        var body = Substring(clean)
        if body.first == "-" || body.first == "+" { body = body.dropFirst() }
        return !body.isEmpty && body.allSatisfy(\.isASCIIDigit) && !text.hasPrefix("_")
    }

    /// The integer value of integer syntax, or nil when it is not an integer or overflows `Int`.
    static func integerValue(_ text: String) -> Int? {
        guard !text.hasPrefix("_") else { return nil }
        let clean = withoutUnderscores(text)
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
    /// Reads UTF-8 bytes (every number of a scenario goes through here).
    static func decimalParts(_ text: String) -> (negative: Bool, integer: String, fraction: String, exponent: String)? {
        guard !text.hasPrefix("_") else { return nil }
        let bytes = Array(withoutUnderscores(text).utf8)
        var index = 0
        func isDigit(_ at: Int) -> Bool { at < bytes.count && (48...57).contains(bytes[at]) }
        func byte(_ at: Int, is character: Character) -> Bool { at < bytes.count && bytes[at] == character.asciiValue! }
        func digits(from start: Int) -> (String, Int) {
            var end = start
            while isDigit(end) { end += 1 }
            return (String(decoding: bytes[start..<end], as: UTF8.self), end)
        }
        var negative = false
        if byte(index, is: "-") || byte(index, is: "+") {
            negative = byte(index, is: "-")
            index += 1
        }
        let (integer, afterInteger) = digits(from: index)
        index = afterInteger
        var fraction = ""
        if byte(index, is: ".") {
            (fraction, index) = digits(from: index + 1)
        }
        guard !integer.isEmpty || !fraction.isEmpty else { return nil }
        var exponent = ""
        if byte(index, is: "e") || byte(index, is: "E") {
            index += 1
            var sign = ""
            if byte(index, is: "-") || byte(index, is: "+") {
                sign = byte(index, is: "-") ? "-" : ""
                index += 1
            }
            let (exponentDigits, end) = digits(from: index)
            guard !exponentDigits.isEmpty else { return nil }
            index = end
            exponent = sign + exponentDigits
        }
        guard index == bytes.count else { return nil }
        return (negative, integer, fraction, exponent)
    }

    /// The Double value of int or float text (may be infinite for huge text), or nil.
    static func doubleValue(_ text: String) -> Double? {
        switch text {
        case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF": return .infinity
        case "-.inf", "-.Inf", "-.INF": return -.infinity
        case ".nan", ".NaN", ".NAN": return .nan
        default: break
        }
        let clean = withoutUnderscores(text)
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
    var isASCIIDigit: Bool { asciiValue.map { (48...57).contains($0) } ?? false }
}

extension StringProtocol {
    /// The text without leading and trailing spaces and tabs; without any, the text itself, with
    /// no Foundation bridging (this runs for every number and key read).
    var trimmingSpaces: String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(self[first...last])
    }
}
