import Foundation

extension InputNode {
    /// The text of a scalar; numbers and booleans are accepted as their text.
    /// - Throws: ``InputError`` for null, mappings and lists.
    public func string() throws -> String {
        guard case .scalar(let text, _) = content else {
            throw error("expected a string, got \(shortDescription)")
        }
        return text
    }

    /// A YAML int or float as a finite Double.
    /// - Throws: ``InputError`` for strings, booleans, `.nan`, `.inf` and numbers too large for a Double.
    public func double() throws -> Double {
        guard case .scalar(let text, let type) = content, type == .int || type == .float,
              let value = CoreSchema.doubleValue(text)
        else {
            throw error("expected a finite number, got \(shortDescription)")
        }
        guard value.isFinite else { throw error("\(text) is not a finite number") }
        return value
    }

    /// A finite number in `range`.
    public func double(in range: ClosedRange<Double>) throws -> Double {
        let value = try double()
        guard range.contains(value) else {
            throw error("expected a number in [\(Self.format(range.lowerBound)), \(Self.format(range.upperBound))], got \(shortDescription)")
        }
        return value
    }

    /// A finite number in `[min, exclusiveMax)`, e.g. a fee in [0, 1).
    public func double(min: Double, exclusiveMax: Double) throws -> Double {
        let value = try double()
        guard value >= min, value < exclusiveMax else {
            throw error("expected a number in [\(Self.format(min)), \(Self.format(exclusiveMax))), got \(shortDescription)")
        }
        return value
    }

    /// A fee in `[0, 1)` that stays below 100 % when rounded to millionths, as pools and
    /// flash-loan providers hold it (`0.9999999` would round to 1 and take everything).
    public func feeInMillionths() throws -> Double {
        let fee = try double(min: 0, exclusiveMax: 1)
        guard (fee * 1_000_000).rounded() < 1_000_000 else {
            throw error("expected a fee below 100 % in millionths (at most 0.999999), got \(shortDescription)")
        }
        return fee
    }

    /// A number in `(exclusiveMin, max]`, e.g. a probability that cannot be 0.
    public func double(exclusiveMin: Double, max: Double) throws -> Double {
        let value = try double()
        guard value > exclusiveMin, value <= max else {
            throw error("expected a number in (\(Self.format(exclusiveMin)), \(Self.format(max))], got \(shortDescription)")
        }
        return value
    }

    /// A finite number greater than zero.
    public func positiveDouble() throws -> Double {
        let value = try double()
        guard value > 0 else { throw error("expected a positive number, got \(shortDescription)") }
        return value
    }

    /// A YAML integer in `range`; `3.0` and numbers beyond `Int` are rejected.
    public func int(in range: ClosedRange<Int>) throws -> Int {
        let expected = "an integer in [\(range.lowerBound), \(range.upperBound)]"
        guard case .scalar(let text, let type) = content, type == .int else {
            throw error("expected \(expected), got \(shortDescription)")
        }
        guard let value = CoreSchema.integerValue(text), range.contains(value) else {
            throw error("expected \(expected), got \(text)")
        }
        return value
    }

    /// A seed: a YAML integer in [0, 2^64 − 1], the range `--seed` takes (decimal digits beyond
    /// `Int` included).
    public func seed() throws -> UInt64 {
        let expected = "expected an integer in [0, \(UInt64.max)]"
        guard case .scalar(let text, let type) = content, type == .int else {
            throw error("\(expected), got \(shortDescription)")
        }
        if let value = UInt64(text.hasPrefix("+") ? String(text.dropFirst()) : text) { return value }
        guard let value = CoreSchema.integerValue(text), value >= 0 else { throw error("\(expected), got \(text)") }
        return UInt64(value)
    }

    /// `true` or `false` (YAML 1.2: `yes`, `on` and friends are strings, and rejected).
    public func bool() throws -> Bool {
        guard case .scalar(let text, .bool) = content else {
            throw error("expected true or false, got \(shortDescription)")
        }
        return text.lowercased() == "true"
    }

    /// The items of a list.
    public func sequence() throws -> [InputNode] {
        guard case .sequence(let items) = content else {
            throw error("expected a list, got \(shortDescription)")
        }
        return items
    }

    /// The entries of a free-form mapping whose keys are ids (e.g. assets by symbol), in file order,
    /// without those whose value is null: a null is as if the entry were absent, which is how an
    /// extending file or `--set id=null` removes an inherited entry (a pool, a sweep axis).
    public func mappingEntries() throws -> [(key: String, keyLocation: SourceLocation, value: InputNode)] {
        guard case .mapping(let entries) = content else {
            throw error("expected a mapping, got \(shortDescription)")
        }
        return entries.filter { $0.value.kind != .null }.map { ($0.key, $0.keyLocation, $0.value) }
    }

    /// The value at `key` of a mapping already decoded, nil when the node is not a mapping or
    /// the key is absent or null: to locate a message about a value the decoding has checked
    /// (a warning found after the whole scenario is read).
    func child(_ key: String) -> InputNode? {
        (try? mappingEntries())?.first { $0.key == key }?.value
    }

    /// The scalar's number as canonical decimal text `[-][digits][.digits][e[-]digits]`, for
    /// exact token amounts; the caller converts it with the token's decimals and checks the sign.
    /// Quoted numeric text is accepted; hexadecimal integers are converted to decimal digits.
    /// - Throws: ``InputError`` for non-numeric text, `.nan`, `.inf`, null and collections.
    public func decimalText() throws -> String {
        guard case .scalar(let text, let type) = content, type != .bool else {
            throw error("expected a decimal number, got \(shortDescription)")
        }
        let trimmed = text.trimmingSpaces
        if let parts = CoreSchema.decimalParts(trimmed) {
            var result = parts.negative ? "-" : ""
            result += parts.integer.isEmpty ? "0" : parts.integer
            if !parts.fraction.isEmpty { result += "." + parts.fraction }
            if !parts.exponent.isEmpty { result += "e" + parts.exponent }
            return result
        }
        if CoreSchema.isIntegerText(trimmed) {
            let clean = CoreSchema.withoutUnderscores(trimmed)
            if let value = UInt64(clean.dropFirst(2), radix: clean.hasPrefix("0x") ? 16 : 8) {
                return String(value)
            }
            throw error("\(text) is too large")
        }
        if let value = CoreSchema.doubleValue(trimmed), !value.isFinite {
            throw error("\(text) is not a finite number")
        }
        throw error("expected a decimal number, got \(shortDescription)")
    }

    /// A number for messages: integral values without a fraction, others in Swift's shortest form.
    static func format(_ value: Double) -> String {
        if value.isFinite, value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
        return "\(value)"
    }
}
