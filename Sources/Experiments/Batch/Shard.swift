/// One of N disjoint slices of a batch's (sweep point, replication) space: item g (in canonical
/// order, g = point × replications + replication) belongs to shard g mod N.
public struct Shard: Sendable, Equatable, CustomStringConvertible {
    public var index: Int
    public var count: Int

    /// The whole batch.
    public static let whole = Shard(index: 0, count: 1)

    public init(index: Int, count: Int) {
        self.index = index
        self.count = count
    }

    /// Parses `I/N` with 0 ≤ I < N.
    public static func parse(_ text: String) throws(BatchArgumentError) -> Shard {
        let parts = text.split(separator: "/").map { Int($0) }
        guard parts.count == 2, let index = parts[0], let count = parts[1], count >= 1, index >= 0, index < count else {
            throw BatchArgumentError("--shard '\(text)': expected I/N with 0 ≤ I < N")
        }
        return Shard(index: index, count: count)
    }

    public var description: String { "\(index)/\(count)" }

    /// How many of `total` items belong to this shard. O(1).
    public func itemCount(total: Int) -> Int {
        total > index ? (total - index + count - 1) / count : 0
    }

    /// The canonical indices of this shard's items among `total`.
    public func items(total: Int) -> StrideTo<Int> {
        stride(from: index, to: total, by: count)
    }
}
