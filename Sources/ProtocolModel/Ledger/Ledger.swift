/// An asset of the ledger: a symbol and its `decimals` (raw units per whole token = 10^decimals).
public struct Asset: Sendable, Hashable {
    public var symbol: String
    public var decimals: Int

    public init(symbol: String, decimals: Int) {
        self.symbol = symbol
        self.decimals = decimals
    }
}

/// Identifies an asset by its index in the ledger.
public struct AssetID: Hashable, Sendable, Comparable {
    public let index: Int
    public init(_ index: Int) { self.index = index }
    public static func < (lhs: AssetID, rhs: AssetID) -> Bool { lhs.index < rhs.index }
}

/// Identifies an account (an agent's wallet, a pool, a fee recipient…) by its index.
public struct AccountID: Hashable, Sendable, Comparable {
    public let index: Int
    public init(_ index: Int) { self.index = index }
    public static func < (lhs: AccountID, rhs: AccountID) -> Bool { lhs.index < rhs.index }
}

/// Why a ledger operation failed; inside a transaction, a revert reason. Amounts are raw units
/// of `asset`.
public enum LedgerError: Error, Sendable, Equatable, AssetAmountText {
    case insufficientBalance(asset: AssetID, account: String, needed: UInt128, available: UInt128)
    case supplyOverflow(asset: AssetID)

    /// The text, amounts in their asset's units (``AssetAmountText``):
    /// "insufficient ETH balance of attacker: needs 1.5 ETH, has 0.25 ETH".
    public func text(assets: [Asset]) -> String {
        switch self {
        case .insufficientBalance(let asset, let account, let needed, let available):
            let asset = assets[asset.index]
            return "insufficient \(asset.symbol) balance of \(account): needs \(asset.text(needed)), has \(asset.text(available))"
        case .supplyOverflow(let asset):
            return "\(assets[asset.index].symbol) supply would exceed 2^128 raw units"
        }
    }
}

/// Exact balances of every account in every asset, in raw `UInt128` units.
///
/// Balances are stored densely per asset (`[asset][account]`), so a transfer is two array
/// writes. An asset's column runs only as far as the last account it has been written for (the
/// accounts after hold none: ``balance(_:of:)`` reads zero past a column's end), so a new account
/// or asset costs O(1), not a zero in every column. Every write is journalled while a
/// transaction is open, so ``rollback(to:)`` restores the state exactly, and
/// ``checkConservation(since:)`` verifies supply conservation from the journal alone — costing
/// only what the transaction touched (DESIGN.md §2).
///
/// Invariants: for every asset, Σ balances = supply; no balance is negative (by type; an
/// underdraft is a thrown ``LedgerError`` and never a wrap).
public struct Ledger: Sendable {
    /// The registered assets, indexed by ``AssetID``.
    public private(set) var assets: [Asset] = []
    /// The registered accounts' names, indexed by ``AccountID``.
    public private(set) var accountNames = AccountNames()
    /// Total supply per asset (raw units).
    public internal(set) var supply: [UInt128] = []
    @usableFromInline var balances: [[UInt128]] = []
    /// Undo records of the open transaction(s), oldest first.
    var journal = UndoJournal<LedgerUndo>()

    public init() {}

    /// Number of accounts.
    public var accountCount: Int { accountNames.count }

    /// Registers an asset with zero supply.
    // NOTE: columns end at the last account written, so that registering an account or an asset
    // does not touch every column: each pool adds an account and an LP asset, and a world of
    // 1,000 pools spent ≈ 90 M instructions appending zeros and copying columns (callgrind).
    public mutating func addAsset(_ asset: Asset) -> AssetID {
        assets.append(asset)
        supply.append(0)
        balances.append([])
        return AssetID(assets.count - 1)
    }

    /// Registers an account with zero balances. Not journalled: accounts are created while a
    /// world is built, never inside a transaction. O(1).
    public mutating func addAccount(named name: String) -> AccountID {
        precondition(journal.isEmpty, "accounts cannot be created inside a transaction")
        accountNames.append(name)
        return AccountID(accountNames.count - 1)
    }

    /// Registers `count` accounts with zero balances, named `prefix` followed by 0, 1, …,
    /// `count` − 1 (``AccountNames``), as many ``addAccount(named:)`` calls would; returns their
    /// indices. Not journalled. O(1).
    public mutating func addAccounts(count: Int, prefix: String) -> Range<Int> {
        precondition(journal.isEmpty, "accounts cannot be created inside a transaction")
        let first = accountNames.count
        accountNames.appendNumbered(count: count, prefix: prefix)
        return first ..< accountNames.count
    }

    /// The balance of `account` in `asset`. O(1).
    @inlinable @inline(__always)
    public func balance(_ asset: AssetID, of account: AccountID) -> UInt128 {
        balances[asset.index].withUnsafeBufferPointer { column in
            UInt(bitPattern: account.index) < UInt(bitPattern: column.count) ? column[account.index] : 0
        }
    }

    /// Calls `body` with the balances of `asset` stored for accounts 0, 1, …: every account after
    /// them holds none. For walks over every holder (O(stored balances), not O(accounts)).
    @inlinable
    public func withStoredBalances<Result>(of asset: AssetID, _ body: (UnsafeBufferPointer<UInt128>) throws -> Result) rethrows -> Result {
        try balances[asset.index].withUnsafeBufferPointer(body)
    }

    /// Extends `asset`'s column with zeros to hold `account` (a registered account), if it does
    /// not already; returns whether it did. A column's length is not state: no journal record,
    /// and a rollback leaves it.
    @discardableResult
    mutating func cover(_ asset: AssetID, _ account: AccountID) -> Bool {
        guard account.index >= balances[asset.index].count else { return false }
        extend(asset, through: account.index)
        return true
    }

    /// Extends `asset`'s column with zeros through account `index`.
    @inline(never)
    mutating func extend(_ asset: AssetID, through index: Int) {
        precondition(index >= 0 && index < accountNames.count, "a registered account")
        balances[asset.index].append(contentsOf: repeatElement(0, count: index + 1 - balances[asset.index].count))
    }

    /// Moves `amount` of `asset` from one account to another. Throws, with no state change, when
    /// the sender's balance is short. O(1).
    // NOTE: always inlined: with the receiver's column check (``moveCovering``) the compiler
    // stopped inlining the row's closure into the gas payment of every transaction (+1.7 M
    // instructions a benchmark day); inlined, 683.4 M → 681.2 M (warm-up + 1; callgrind).
    @inline(__always)
    public mutating func transfer(_ asset: AssetID, amount: UInt128, from: AccountID, to: AccountID) throws(LedgerError) {
        guard amount > 0, from != to else { return }
        // NOTE: both balances are read, checked and written through one access to the asset's
        // row, and both undo records pushed at once: the row's and the journal's uniqueness and
        // bounds were checked at every read and write. Ledger.transfer 28.6 M → 24.9 M over 166 k
        // transfers; 993.2 M → 987.8 M instructions (benchmark-day full day, warm-up + 1; callgrind).
        let old = balances[asset.index].withUnsafeMutableBufferPointer { row in Self.move(amount, from: from, to: to, in: row) }
        guard let old = old ?? moveCovering(asset, amount, from: from, to: to) else {
            throw insufficientBalance(asset, amount: amount, of: from)
        }
        journal.append(.balance(asset: asset, account: from, old: old.from),
                       .balance(asset: asset, account: to, old: old.to))
    }

    /// Moves `amountIn` of `input` from `trader` to `venue`, then `amountOut` of `output` from
    /// `venue` to `trader` (a swap's two legs), exactly as two ``transfer(_:amount:from:to:)``
    /// calls in that order would: the same balances, undo records and errors (when the second
    /// leg throws, the first stands, journalled). O(1).
    // NOTE: one call and one access to the balance rows for both legs of a swap, instead of two
    // transfers (≈ 57 k swaps a benchmark day: 762.9 M → 757.4 M instructions, warm-up + 1;
    // callgrind); the four undo records in one push (757.4 M → 755.2 M).
    public mutating func exchange(_ input: AssetID, amountIn: UInt128, for output: AssetID, amountOut: UInt128,
                                  trader: AccountID, venue: AccountID) throws(LedgerError) {
        guard amountIn > 0, amountOut > 0, trader != venue else {
            try transfer(input, amount: amountIn, from: trader, to: venue)
            try transfer(output, amount: amountOut, from: venue, to: trader)
            return
        }
        var (first, second) = balances.withUnsafeMutableBufferPointer { rows in
            guard let first = rows[input.index].withUnsafeMutableBufferPointer({ row in
                Self.move(amountIn, from: trader, to: venue, in: row)
            }) else { return ((from: UInt128, to: UInt128)?.none, (from: UInt128, to: UInt128)?.none) }
            let second = rows[output.index].withUnsafeMutableBufferPointer { row in
                Self.move(amountOut, from: venue, to: trader, in: row)
            }
            return (first, second)
        }
        if first == nil {
            first = moveCovering(input, amountIn, from: trader, to: venue)
            if first != nil { second = balances[output.index].withUnsafeMutableBufferPointer { Self.move(amountOut, from: venue, to: trader, in: $0) } }
        }
        if first != nil && second == nil { second = moveCovering(output, amountOut, from: venue, to: trader) }
        guard let first else { throw insufficientBalance(input, amount: amountIn, of: trader) }
        guard let second else {
            journal.append(.balance(asset: input, account: trader, old: first.from),
                           .balance(asset: input, account: venue, old: first.to))
            throw insufficientBalance(output, amount: amountOut, of: venue)
        }
        journal.append(.balance(asset: input, account: trader, old: first.from),
                       .balance(asset: input, account: venue, old: first.to),
                       .balance(asset: output, account: venue, old: second.from),
                       .balance(asset: output, account: trader, old: second.to))
    }

    /// A move that did not happen (``move(_:from:to:in:)`` gave nil), made again once `to`'s
    /// column holds it, when it did not: returns the balances before, or nil when nothing moved
    /// (the sender's balance is short; past the column's end, none).
    // NOTE: out of line, so that the transfers' common path stays as small as when every
    // column held every account (the compiler then inlines it).
    @inline(never)
    private mutating func moveCovering(_ asset: AssetID, _ amount: UInt128, from: AccountID, to: AccountID) -> (from: UInt128, to: UInt128)? {
        guard cover(asset, to) else { return nil }
        return balances[asset.index].withUnsafeMutableBufferPointer { Self.move(amount, from: from, to: to, in: $0) }
    }

    /// Moves `amount` from `from` to `to` (distinct accounts) in `row`, one asset's balances;
    /// returns their balances before, or nil, writing nothing, when `from`'s is short or either
    /// account is past the row's end.
    @inline(__always)
    private static func move(_ amount: UInt128, from: AccountID, to: AccountID,
                             in row: UnsafeMutableBufferPointer<UInt128>) -> (from: UInt128, to: UInt128)? {
        guard UInt(bitPattern: from.index) < UInt(bitPattern: row.count),
              UInt(bitPattern: to.index) < UInt(bitPattern: row.count) else { return nil }
        let available = row[from.index]
        guard available >= amount else { return nil }
        let received = row[to.index]
        row[from.index] = available - amount
        // The receiver cannot overflow: its balance plus amount is at most the supply.
        row[to.index] = received + amount
        return (available, received)
    }

    /// The error of moving `amount` of `asset` out of `account`, whose balance is short.
    private func insufficientBalance(_ asset: AssetID, amount: UInt128, of account: AccountID) -> LedgerError {
        .insufficientBalance(asset: asset, account: accountNames[account.index], needed: amount,
                             available: balance(asset, of: account))
    }

    /// Creates `amount` of `asset` in `account`. Throws when the supply would overflow.
    public mutating func mint(_ asset: AssetID, amount: UInt128, to account: AccountID) throws(LedgerError) {
        guard amount > 0 else { return }
        let (newSupply, overflow) = supply[asset.index].addingReportingOverflow(amount)
        guard !overflow else { throw .supplyOverflow(asset: asset) }
        journal.append(.supply(asset: asset, old: supply[asset.index]))
        supply[asset.index] = newSupply
        cover(asset, account)
        let balance = balances[asset.index][account.index]
        write(asset, account, old: balance, new: balance + amount)
    }

    /// Destroys `amount` of `asset` held by `account`. Throws when the balance is short.
    public mutating func burn(_ asset: AssetID, amount: UInt128, from account: AccountID) throws(LedgerError) {
        guard amount > 0 else { return }
        let available = balance(asset, of: account)
        guard available >= amount else {
            throw .insufficientBalance(asset: asset, account: accountNames[account.index],
                                       needed: amount, available: available)
        }
        journal.append(.supply(asset: asset, old: supply[asset.index]))
        supply[asset.index] -= amount
        write(asset, account, old: available, new: available - amount)
    }

    /// Sets `account`'s balance of `asset` (its column covers the account) from `old` (the
    /// caller has just read it: not read again) to `new`, journalled.
    private mutating func write(_ asset: AssetID, _ account: AccountID, old: UInt128, new: UInt128) {
        journal.append(.balance(asset: asset, account: account, old: old))
        balances[asset.index][account.index] = new
    }
}

/// One undo record of the ledger's journal.
enum LedgerUndo: Sendable {
    case balance(asset: AssetID, account: AccountID, old: UInt128)
    case supply(asset: AssetID, old: UInt128)
}
