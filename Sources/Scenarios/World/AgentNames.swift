/// A few agents' names (the arbitrageurs'), asked about once per swap record of a block.
///
/// NOTE: searched without hashing: a name is compared only with the names of its UTF-8 length
/// (a native string stores its length), and lengths no name has are ruled out by one bit
/// test. ≈ 20 instructions for another agent's name, instead of a `Set<String>` lookup
/// (≈ 300 instructions of hashing, once per swap in benchmark-day).
struct AgentNames {
    private let names: [String]
    /// Bit n is set when some name is n UTF-8 bytes long (bit 63: 63 bytes or more).
    private let lengths: UInt64

    init(_ names: [String]) {
        self.names = names
        lengths = names.reduce(0) { $0 | Self.bit(ofLength: $1.utf8.count) }
    }

    /// Whether `name` is one of the names.
    /// - Complexity: O(1) for a length no name has, else O(names).
    ///
    /// NOTE: always inlined into the block's swap tally: as a call it cost ≈ 44 instructions a
    /// swap record, most of them its frame (≈ 57 k records a benchmark day; with the watched
    /// oracles read in place, 771.2 M → 769.7 M instructions a benchmark day, warm-up + 1).
    @inline(__always)
    func contains(_ name: String) -> Bool {
        let length = name.utf8.count
        guard lengths & Self.bit(ofLength: length) != 0 else { return false }
        return names.contains { $0.utf8.count == length && $0 == name }
    }

    @inline(__always)
    private static func bit(ofLength length: Int) -> UInt64 { 1 << UInt64(min(length, 63)) }
}
