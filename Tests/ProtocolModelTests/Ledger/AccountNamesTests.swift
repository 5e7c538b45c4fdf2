@testable import ProtocolModel
import Testing

/// Accounts registered as numbered runs are the accounts registered one by one with the
/// interpolated names.
@Suite("Ledger: account names")
struct AccountNamesTests {
    @Test("Runs among single accounts: the same names, count, indices and zero balances as one-by-one registration")
    func runsAmongSingles() {
        var bulk = Ledger(), reference = Ledger()
        let eth = bulk.addAsset(Asset(symbol: "ETH", decimals: 18))
        _ = reference.addAsset(Asset(symbol: "ETH", decimals: 18))
        var usdc: AssetID?
        var generator = SystemRandomNumberGenerator()
        for step in 0..<40 {
            if Bool.random(using: &generator) {
                let name = "agent-\(step)"
                #expect(bulk.addAccount(named: name) == reference.addAccount(named: name))
            } else {
                let count = Int.random(in: 0...30, using: &generator), prefix = step % 3 == 0 ? "" : "borrower-"
                let indices = bulk.addAccounts(count: count, prefix: prefix)
                #expect(indices == reference.accountCount ..< reference.accountCount + count)
                for number in 0..<count { _ = reference.addAccount(named: "\(prefix)\(number)") }
            }
            if step == 20 {  // an asset registered between runs: a balance per account so far
                usdc = bulk.addAsset(Asset(symbol: "USDC", decimals: 6))
                _ = reference.addAsset(Asset(symbol: "USDC", decimals: 6))
            }
        }
        #expect(bulk.accountCount == reference.accountCount)
        #expect(Array(bulk.accountNames) == Array(reference.accountNames))
        #expect(bulk.accountNames == reference.accountNames)
        for account in 0..<bulk.accountCount {
            #expect([eth, usdc!].allSatisfy { bulk.balance($0, of: AccountID(account)) == 0 })
        }
        let last = reference.accountNames.last ?? ""  // numbered names repeat across runs: the first one is found
        #expect(bulk.accountNames.firstIndex(of: last) == reference.accountNames.firstIndex(of: last))
    }

    @Test("A numbered name is the interpolated name: every digit count, powers of ten and their neighbours, random numbers")
    func numberedNameSameAsInterpolation() {
        var numbers = [0, 1, 9, 10, 11, 99, 100, 12_345, 99_999, 100_000, Int.max]
        var power = 1
        while power <= Int.max / 10 {
            power *= 10
            numbers += [power - 1, power, power + 1]
        }
        var generator = SystemRandomNumberGenerator()
        numbers += (0..<1_000).map { _ in Int.random(in: 0...Int.max, using: &generator) >> Int.random(in: 0..<63, using: &generator) }
        for number in numbers {
            #expect(AccountNames.numberedName("borrower-", number) == "borrower-\(number)", "\(number)")
        }
        #expect(AccountNames.numberedName("", 7) == "7")
        #expect(AccountNames.numberedName("é-", 3) == "é-3")
        #expect(AccountNames.numberedName("a-much-longer-prefix-than-fifteen-bytes-", 42) == "a-much-longer-prefix-than-fifteen-bytes-42")
    }
}
