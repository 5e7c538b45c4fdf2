/// The ledger's account names, by account index: names registered one by one
/// (``Ledger/addAccount(named:)``), and numbered runs registered at once
/// (``Ledger/addAccounts(count:prefix:)``: "borrower-0", "borrower-1", …) whose names are
/// written when read.
///
/// NOTE: the 10,000 borrowers of benchmark-day registered one by one cost ≈ 480 instructions
/// per account (its name built and stored, a zero appended to each asset's balances through the
/// nested arrays); as a run ≈ 30 (a zero-fill per asset), its names written only for the few
/// rows that print them (callgrind, warm-up + 1: buildDrawnBorrowers 73.9 M -> 63.2 M).
///
/// Two name lists are equal when they list the same names in the same order.
public struct AccountNames: RandomAccessCollection, Equatable, Sendable {
    /// The names registered one by one, in account order.
    private var single: [String] = []
    /// The numbered runs, in account order.
    private var runs: [NumberedRun] = []
    /// Number of accounts.
    public private(set) var endIndex = 0

    /// Accounts `start ..< start + count`, named `prefix` followed by 0, 1, … .
    private struct NumberedRun: Sendable {
        let start: Int
        let count: Int
        let prefix: String
        /// Accounts of the runs before this one.
        let numberedBefore: Int
    }

    public var startIndex: Int { 0 }

    /// The name of account `index`.
    /// - Complexity: O(numbered runs) (there are few), plus the name's length for a numbered one.
    public subscript(index: Int) -> String {
        precondition(index >= 0 && index < endIndex, "account index out of range")
        var numberedBefore = 0
        for run in runs {
            if index < run.start { break }
            if index < run.start + run.count { return Self.numberedName(run.prefix, index - run.start) }
            numberedBefore = run.numberedBefore + run.count
        }
        return single[index - numberedBefore]
    }

    public static func == (lhs: AccountNames, rhs: AccountNames) -> Bool {
        lhs.elementsEqual(rhs)
    }

    /// Adds an account named `name`.
    mutating func append(_ name: String) {
        single.append(name)
        endIndex += 1
    }

    /// Adds `count` accounts named `prefix` followed by 0, 1, …, `count` − 1.
    mutating func appendNumbered(count: Int, prefix: String) {
        precondition(count >= 0, "a run of accounts is not negative")
        guard count > 0 else { return }
        let numberedBefore = runs.last.map { $0.numberedBefore + $0.count } ?? 0
        runs.append(NumberedRun(start: endIndex, count: count, prefix: prefix, numberedBefore: numberedBefore))
        endIndex += count
    }

    /// `prefix` followed by `number` in decimal: the same string as `"\(prefix)\(number)"`,
    /// its bytes written into the new string directly (a name of up to 15 bytes is a small
    /// string: no allocation).
    static func numberedName(_ prefix: String, _ number: Int) -> String {
        precondition(number >= 0, "an account number is not negative")
        var digits = 1, rest = number
        while rest >= 10 {
            rest /= 10
            digits += 1
        }
        let prefixLength = prefix.utf8.count
        return String(unsafeUninitializedCapacity: prefixLength + digits) { bytes in
            _ = bytes.initialize(from: prefix.utf8)
            var cursor = bytes.baseAddress! + prefixLength + digits, value = number
            repeat {
                cursor -= 1
                cursor.initialize(to: UInt8(truncatingIfNeeded: value % 10) &+ UInt8(ascii: "0"))
                value /= 10
            } while value > 0
            return prefixLength + digits
        }
    }
}
