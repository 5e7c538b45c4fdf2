import Synchronization

/// The name of the agent acting in a transaction (e.g. `arbitrageur-2`), as a small plain value:
/// the index of the name in a process-wide table of the names seen so far.
///
/// Equal names get equal tags, whoever made them and on whichever thread, so tags compare as
/// their names do; the order of the indices says nothing (it depends on which world was built
/// first), so tags are not ordered. The name is read back when a row is written (``name``).
/// The table only grows: it holds each distinct name once, however many worlds are built — the
/// scenario's agents, keepers and plans, and the borrowers that have acted (a borrower makes its
/// tag when it sends, not when it is built).
///
/// A string literal makes a tag: `Transaction(sender: account, agent: "attacker", …)`.
// NOTE: a tag instead of the name's `String`: the name was retained and released with every
// transaction and every event-log record, and kept both from being copied and destroyed as plain
// bytes (the step log's clearing and the mempool's removal of included transactions went through
// the runtime's value witnesses): 617.3 M -> 606.5 M instructions a benchmark day, warm-up + 1
// (callgrind).
public struct AgentTag: Hashable, Sendable, ExpressibleByStringLiteral, CustomStringConvertible {
    /// The name's index in the table.
    @usableFromInline let index: UInt32

    /// The tag of `name`: the one every earlier `AgentTag(name)` got, or a new one.
    /// - Complexity: a lock and a dictionary lookup; make it once per agent, not per transaction.
    public init(_ name: String) {
        index = Self.table.withLock { table in
            if let index = table.indices[name] { return index }
            let index = UInt32(table.names.count)
            table.names.append(name)
            table.indices[name] = index
            return index
        }
    }

    public init(stringLiteral name: String) { self.init(name) }

    /// The tags of `tags` as the bits of a mask for ``isIn(_:)``, or nil when one of them has no
    /// bit (its index in the table is 64 or more). O(tags).
    // NOTE: the block's accounting asks for each swap whether an arbitrageur made it: the walk of
    // the arbitrageurs' tags cost ≈ 27 instructions a swap, the mask's bit a few (benchmark-day,
    // warm-up + 1: 538.27 M → 537.64 M instructions; callgrind).
    @inlinable
    public static func mask(of tags: [AgentTag]) -> UInt64? {
        var mask: UInt64 = 0
        for tag in tags {
            guard tag.index < UInt64.bitWidth else { return nil }
            mask |= 1 << tag.index
        }
        return mask
    }

    /// Whether the tag is one of those of `mask` (``mask(of:)``). O(1).
    @inlinable
    public func isIn(_ mask: UInt64) -> Bool { index < UInt64.bitWidth && mask & 1 << index != 0 }

    /// The agent's name, as it was given.
    public var name: String { Self.table.withLock { $0.names[Int(index)] } }

    public var description: String { name }

    /// The names by index, and the index of each name.
    private struct Table {
        var names: [String] = []
        var indices: [String: UInt32] = [:]
    }

    private static let table = Mutex(Table())
}
