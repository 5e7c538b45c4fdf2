/// Whole-token decimal text ↔ raw integer units of an asset with `decimals` (0...36).
///
/// Raw units are exact; doubles appear only in `toDouble` / `fromDouble`, for reporting and for
/// agents that size trades in doubles (DESIGN.md §2).
public enum TokenUnits {
    /// 2^112: the largest raw amount a scenario may load (DESIGN.md §2), leaving 16 bits of
    /// headroom below `UInt128.max` for sums of balances and reserves.
    ///
    /// NOTE: a literal (2^112 in hexadecimal): `1 << 112` was a lazily initialised global, a
    /// `swift_once` check at each read (every `fromDouble`, ≈ 110 k calls a benchmark day):
    /// 1,110.6 M → 1,108.8 M instructions (benchmark-day full day, warm-up + 1).
    public static let loadLimit: UInt128 = 0x1_0000_0000_0000_0000_0000_0000_0000

    /// The decimals an asset may have.
    public static let decimalsRange = 0...36
}

/// A malformed, negative or too large token amount in scenario text.
public struct TokenUnitsError: Error, Sendable, CustomStringConvertible {
    /// What is wrong, for a human reading the scenario file.
    public let message: String

    /// Creates an error with a human-readable message.
    public init(message: String) { self.message = message }

    public var description: String { message }
}
