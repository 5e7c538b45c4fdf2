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

    /// Parses `I/N` with 0 ≤ I < N: shards count from 0.
    public static func parse(_ text: String) throws(BatchArgumentError) -> Shard {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false).map { Int($0) }
        guard parts.count == 2, let index = parts[0], let count = parts[1] else {
            throw BatchArgumentError("--shard '\(text)': expected I/N, shard I of N counted from 0 (0 ≤ I < N)")
        }
        guard count >= 1 else { throw BatchArgumentError("--shard '\(text)': N must be at least 1 (0 ≤ I < N)") }
        guard index >= 0, index < count else {
            throw BatchArgumentError("--shard '\(text)': shards count from 0 (0 ≤ I < N): the \(count) shard\(count == 1 ? " is" : "s are") "
                                     + (count == 1 ? "0/1" : count == 2 ? "0/2 and 1/2" : "0/\(count), 1/\(count), …, \(count - 1)/\(count)"))
        }
        return Shard(index: index, count: count)
    }

    public var description: String { "\(index)/\(count)" }

    /// How many of `total` items belong to this shard: item `index` and the next
    /// `(total - index - 1) / count`. O(1); no intermediate sum overflows, for any `total` and `count`.
    public func itemCount(total: Int) -> Int {
        total > index ? (total - index - 1) / count + 1 : 0
    }

    /// The canonical indices of this shard's items among `total`.
    public func items(total: Int) -> StrideTo<Int> {
        stride(from: index, to: total, by: count)
    }
}
