import Foundation

extension InputNode {
    /// Seconds per duration unit suffix.
    private static let durationUnits: [(suffix: String, seconds: Double)] = [
        ("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600), ("d", 86_400), ("w", 604_800),
    ]

    /// A duration in seconds: `"12s"`, `"30m"`, `"1h"`, `"7d"`, `"2w"`, `"250ms"`, `"1.5h"`, or a
    /// bare number of seconds.
    /// - Throws: ``InputError`` for negative, non-finite or malformed durations.
    public func duration() throws -> Double {
        guard case .scalar(let text, let type) = content, type != .bool else {
            throw error("expected a duration such as 12s, 30m, 1h, 7d or 250ms, got \(shortDescription)")
        }
        let seconds: Double
        if type == .int || type == .float {
            guard let value = CoreSchema.doubleValue(text) else {
                throw error("expected a duration such as 12s, 30m, 1h, 7d or 250ms, got \(shortDescription)")
            }
            seconds = value
        } else {
            let trimmed = text.trimmingSpaces
            guard let unit = Self.durationUnits.first(where: { unit in
                      trimmed.hasSuffix(unit.suffix)
                          && CoreSchema.isDecimalFloatText(String(trimmed.dropLast(unit.suffix.count)))
                  }),
                  let amount = Double(CoreSchema.withoutUnderscores(String(trimmed.dropLast(unit.suffix.count))))
            else {
                throw error("expected a duration such as 12s, 30m, 1h, 7d or 250ms, got \(shortDescription)")
            }
            seconds = amount * unit.seconds
        }
        guard seconds.isFinite else { throw error("\(text) is not a finite duration") }
        guard seconds >= 0 else { throw error("a duration must not be negative, got \(text)") }
        return seconds
    }

    /// A duration in seconds greater than zero.
    public func positiveDuration() throws -> Double {
        let seconds = try duration()
        guard seconds > 0 else { throw error("expected a positive duration, got \(shortDescription)") }
        return seconds
    }
}
