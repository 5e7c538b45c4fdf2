/// The option positions of many accounts in one flat structure: every position in one
/// contiguous array, each account a range of it, so no account owns a heap allocation and
/// margining every account is one pass over one array.
///
/// Account `a` holds `positions[ends[a − 1] ..< ends[a]]` (from 0 for the first account).
public struct OptionAccounts: Sendable {
    /// Every account's positions, account after account.
    public private(set) var positions: [OptionPosition] = []
    /// One past the last position of each account, non-decreasing.
    public private(set) var ends: [Int] = []

    /// No accounts.
    public init() {}

    /// The number of accounts.
    public var count: Int { ends.count }

    /// Appends an account holding `positions` (possibly none) and returns its index.
    /// Complexity: amortised O(positions).
    @discardableResult
    public mutating func append(_ positions: some Sequence<OptionPosition>) -> Int {
        for position in positions {
            precondition(position.series >= 0, "OptionAccounts: negative series index")
            precondition(position.quantity.isFinite, "OptionAccounts: non-finite quantity")
            self.positions.append(position)
        }
        ends.append(self.positions.count)
        return ends.count - 1
    }

    /// The indices in `positions` of account `account`'s positions. Complexity: O(1).
    public func range(of account: Int) -> Range<Int> {
        (account == 0 ? 0 : ends[account - 1]) ..< ends[account]
    }

    /// Account `account`'s positions. Complexity: O(1).
    public subscript(account: Int) -> ArraySlice<OptionPosition> {
        positions[range(of: account)]
    }

    /// Removes every account, keeping the capacity.
    public mutating func removeAll() {
        positions.removeAll(keepingCapacity: true)
        ends.removeAll(keepingCapacity: true)
    }
}
