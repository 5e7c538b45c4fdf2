/// A lending market's positions, stored densely: each account that holds a position has a row
/// (rows numbered in the order the positions opened), found through a table by the ledger's
/// dense account index, and the scaled balances of every row sit in two flat arrays
/// (row × slots + slot). No heap object per position: a lookup is one array load, a balance
/// read another, and a write changes one element in place.
///
/// NOTE: a `[AccountID: LendingPosition]` whose positions each owned two arrays cost a SipHash
/// lookup (≈ 220 instructions) per read, two allocations per new position and a copy of both
/// arrays per write (issue 5, callgrind).
///
/// Iterating yields `(account, position)` pairs in row order (the order positions opened).
/// Two tables are equal when they hold the same accounts in the same rows with the same
/// balances.
public struct LendingPositions: Sendable, Equatable, RandomAccessCollection {
    /// Asset slots per position: the market's listed assets.
    public let slots: Int
    // NOTE: the storage is `@usableFromInline` and the reads below `@inlinable`, so that the
    // agents' and the world's reads compile to array loads: a call into this module copied the
    // table's arrays (a retain and a release each) per read (callgrind: Liquidator.largestPair
    // 25 M -> 5 M a benchmark day, warm-up + 1).
    /// The row of each account by `AccountID.index`; −1, or an index past the end: no position.
    @usableFromInline private(set) var rowByAccount: [Int32] = []
    /// The account of each row.
    public private(set) var accounts: [AccountID] = []
    /// Scaled supplied balances, row × slots + slot.
    @usableFromInline private(set) var scaledSupplied: [UInt128] = []
    /// Scaled debts, row × slots + slot.
    @usableFromInline private(set) var scaledDebt: [UInt128] = []

    init(slots: Int) { self.slots = slots }

    public static func == (lhs: LendingPositions, rhs: LendingPositions) -> Bool {
        lhs.slots == rhs.slots && lhs.accounts == rhs.accounts && lhs.scaledSupplied == rhs.scaledSupplied
            && lhs.scaledDebt == rhs.scaledDebt
    }

    @inlinable public var startIndex: Int { 0 }
    @inlinable public var endIndex: Int { accounts.count }

    /// The account and position of row `row`. O(1).
    @inlinable public subscript(row: Int) -> (account: AccountID, position: LendingPosition) {
        (accounts[row], LendingPosition(row: row, offset: row * slots))
    }

    /// `account`'s position, nil when it has none. O(1).
    @inlinable public subscript(account: AccountID) -> LendingPosition? {
        let index = account.index
        guard index < rowByAccount.count else { return nil }
        let row = Int(rowByAccount[index])
        return row < 0 ? nil : LendingPosition(row: row, offset: row * slots)
    }

    /// The scaled supplied balance of `position` in slot `slot` (supplied = scaled × supplyIndex). O(1).
    @inlinable public func scaledSupplied(_ position: LendingPosition, slot: Int) -> UInt128 {
        scaledSupplied[position.offset + slot]
    }

    /// The scaled debt of `position` in slot `slot` (debt = scaled × borrowIndex). O(1).
    @inlinable public func scaledDebt(_ position: LendingPosition, slot: Int) -> UInt128 {
        scaledDebt[position.offset + slot]
    }

    /// Calls `body` with every row's account and the scaled balances of every row
    /// (row × slots + slot), read in place: a walk over all positions without a bounds or
    /// uniqueness check per balance.
    @inlinable public func withRows<Result>(
        _ body: (_ accounts: UnsafeBufferPointer<AccountID>, _ scaledSupplied: UnsafeBufferPointer<UInt128>,
                 _ scaledDebt: UnsafeBufferPointer<UInt128>) throws -> Result
    ) rethrows -> Result {
        try accounts.withUnsafeBufferPointer { accounts in
            try scaledSupplied.withUnsafeBufferPointer { scaledSupplied in
                try scaledDebt.withUnsafeBufferPointer { try body(accounts, scaledSupplied, $0) }
            }
        }
    }

    /// Whether `position` owes anything (a scaled debt above zero in some slot). O(slots).
    public func owesAnything(_ position: LendingPosition) -> Bool {
        (position.offset ..< position.offset + slots).contains { scaledDebt[$0] > 0 }
    }

    /// Whether `position` has a scaled debt above zero in a slot other than `slot`. O(slots).
    func owesOtherThan(_ position: LendingPosition, slot: Int) -> Bool {
        (0..<slots).contains { $0 != slot && scaledDebt[position.offset + $0] > 0 }
    }

    /// Opens an empty position for `account`, in a new last row (not journalled).
    /// - Precondition: `account` has no position.
    mutating func open(_ account: AccountID) -> LendingPosition {
        let index = account.index
        if index >= rowByAccount.count {
            rowByAccount.append(contentsOf: repeatElement(-1, count: index + 1 - rowByAccount.count))
        }
        precondition(rowByAccount[index] < 0, "an account opens one position per market")
        let row = accounts.count
        rowByAccount[index] = Int32(row)
        accounts.append(account)
        for _ in 0..<slots {
            scaledSupplied.append(0)
            scaledDebt.append(0)
        }
        return LendingPosition(row: row, offset: row * slots)
    }

    /// Removes the last row, `account`'s position (a rollback of its opening; not journalled).
    mutating func removeLast(_ account: AccountID) {
        precondition(accounts.last == account, "positions close in the reverse order of their opening")
        accounts.removeLast()
        rowByAccount[account.index] = -1
        scaledSupplied.removeLast(slots)
        scaledDebt.removeLast(slots)
    }

    /// Opens positions at genesis (not journalled): makes room for `capacity` new rows, lets
    /// `body` write the scaled balances of the rows it opens, in order from the first new row,
    /// through buffers of the new rows' balances (row × slots + slot, uninitialised: `body` writes
    /// every slot of each row it opens), and keeps the rows of the accounts it returns, as
    /// ``open(_:)`` and the balance setters row by row would.
    /// - Precondition: none of the accounts returned has a position; each appears once.
    // NOTE: the tables are rebuilt at their final size and the new rows written once by `body`:
    // zeros appended first (`append(contentsOf: repeatElement(…))`, ≈ 10 instructions an
    // element) cost 40 instructions a borrower of benchmark-day, a `memset` more under callgrind
    // (`rep stosb` counts a byte an instruction); the rows' own zeros ≈ 35 (callgrind).
    mutating func openGenesisRows(capacity: Int, _ body: (_ scaledSupplied: UnsafeMutableBufferPointer<UInt128>,
                                                          _ scaledDebt: UnsafeMutableBufferPointer<UInt128>) -> UnsafeBufferPointer<AccountID>) {
        let first = accounts.count, slots = slots, oldSupplied = scaledSupplied, oldDebt = scaledDebt
        var opened = UnsafeBufferPointer<AccountID>(start: nil, count: 0), newDebt: [UInt128] = []
        let newSupplied = [UInt128](unsafeUninitializedCapacity: (first + capacity) * slots) { supplied, suppliedCount in
            newDebt = [UInt128](unsafeUninitializedCapacity: (first + capacity) * slots) { debt, debtCount in
                _ = supplied.initialize(fromContentsOf: oldSupplied)
                _ = debt.initialize(fromContentsOf: oldDebt)
                opened = body(UnsafeMutableBufferPointer(rebasing: supplied[(first * slots) ..< (first + capacity) * slots]),
                              UnsafeMutableBufferPointer(rebasing: debt[(first * slots) ..< (first + capacity) * slots]))
                precondition(opened.count <= capacity, "at most the rows made room for")
                debtCount = (first + opened.count) * slots
            }
            suppliedCount = (first + opened.count) * slots
        }
        scaledSupplied = newSupplied
        scaledDebt = newDebt
        guard let bound = opened.lazy.map(\.index).max() else { return }
        if bound >= rowByAccount.count {
            rowByAccount.append(contentsOf: repeatElement(-1, count: bound + 1 - rowByAccount.count))
        }
        rowByAccount.withUnsafeMutableBufferPointer { rows in
            for (offset, account) in opened.enumerated() {
                precondition(rows[account.index] < 0, "an account opens one position per market")
                rows[account.index] = Int32(first + offset)
            }
        }
        accounts.append(contentsOf: opened)
    }

    /// Sets a scaled supplied balance (not journalled: ``ProtocolState`` journals its writes).
    mutating func setScaledSupplied(_ position: LendingPosition, slot: Int, _ value: UInt128) {
        scaledSupplied[position.offset + slot] = value
    }

    /// Sets a scaled debt (not journalled: ``ProtocolState`` journals its writes).
    mutating func setScaledDebt(_ position: LendingPosition, slot: Int, _ value: UInt128) {
        scaledDebt[position.offset + slot] = value
    }

    /// `position`'s balance of slot `slot` of the kind `kind` is: its scaled supplied balance or
    /// its scaled debt. O(1).
    @inline(__always)
    func balance(_ position: LendingPosition, slot: Int, like kind: PositionBalance) -> PositionBalance {
        switch kind {
        case .scaledSupplied: .scaledSupplied(scaledSupplied(position, slot: slot))
        case .scaledDebt: .scaledDebt(scaledDebt(position, slot: slot))
        }
    }

    /// Sets `position`'s scaled supplied balance or scaled debt of slot `slot` (not journalled).
    @inline(__always)
    mutating func setBalance(_ position: LendingPosition, slot: Int, _ balance: PositionBalance) {
        switch balance {
        case .scaledSupplied(let value): setScaledSupplied(position, slot: slot, value)
        case .scaledDebt(let value): setScaledDebt(position, slot: slot, value)
        }
    }
}

/// A handle on one account's position in a market's ``LendingPositions`` (its row): the
/// balances are read through the market (``LendingMarket/supplied(_:slot:)``,
/// ``ProtocolState/supplied(of:market:slot:)``, ``LendingPositions/scaledDebt(_:slot:)``…). It
/// stays valid while the position exists: rows are only ever dropped by the rollback of the
/// transaction that opened them.
public struct LendingPosition: Sendable, Hashable {
    /// The position's row: positions are numbered in the order they opened.
    public let row: Int
    /// Index of its first slot in the balance arrays: row × slots.
    @usableFromInline let offset: Int

    @usableFromInline init(row: Int, offset: Int) {
        self.row = row
        self.offset = offset
    }
}
