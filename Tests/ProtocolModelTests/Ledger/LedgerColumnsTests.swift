import GSL
import Testing
@testable import ProtocolModel

@Suite("Ledger: columns that end at the last account written")
struct LedgerColumnsTests {
    @Test("Accounts and assets registered between transactions, in any order, hold exact balances through every operation and rollback")
    func interleavedRegistration() throws {
        for seed in UInt64(1)...20 {
            let stream = RandomStream(seed: seed)
            var ledger = Ledger()
            var assets = [ledger.addAsset(Asset(symbol: "A0", decimals: 0))]
            var accounts = [ledger.addAccount(named: "acct0")]
            var reference = LedgerReferenceModel(balances: [[0]], supply: [0])
            for _ in 0..<400 {
                switch stream.uniformInt(10) {
                case 0:
                    assets.append(ledger.addAsset(Asset(symbol: "A\(assets.count)", decimals: 0)))
                    reference.balances.append([UInt128](repeating: 0, count: accounts.count))
                    reference.supply.append(0)
                    continue
                case 1:
                    accounts.append(ledger.addAccount(named: "acct\(accounts.count)"))
                    for asset in reference.balances.indices { reference.balances[asset].append(0) }
                    continue
                default: break
                }
                try reference.runRandomTransaction(on: &ledger, assets: assets, accounts: accounts,
                                                   operations: LedgerReferenceModel.Operation.allCases, maxSteps: 3,
                                                   stream: stream) { UInt128(stream.uniformInt(1_000)) }
                try ledger.checkFullConservation()
                let stored = assets.map { asset in ledger.withStoredBalances(of: asset) { Array($0) } }
                #expect(zip(stored, assets).allSatisfy { $0.count <= accounts.count && $0.reduce(0, +) == ledger.supply[$1.index] },
                        "seed \(seed)")
                #expect(assets.map { asset in accounts.map { ledger.balance(asset, of: $0) } } == reference.balances, "seed \(seed)")
                #expect(assets.map { ledger.supply[$0.index] } == reference.supply, "seed \(seed)")
            }
        }
    }

    @Test("A transfer to an account its asset has never reached throws as a short balance, or moves, as with every account held")
    func receiverPastTheColumn() throws {
        var ledger = Ledger()
        let eth = ledger.addAsset(Asset(symbol: "ETH", decimals: 18))
        let alice = ledger.addAccount(named: "alice"), bob = ledger.addAccount(named: "bob")
        #expect(ledger.withStoredBalances(of: eth) { $0.count } == 0)
        #expect(throws: LedgerError.insufficientBalance(asset: eth, account: "bob", needed: 1, available: 0)) {
            try ledger.transfer(eth, amount: 1, from: bob, to: alice)
        }
        let start = ledger.checkpoint()
        try ledger.mint(eth, amount: 10, to: alice)
        #expect(ledger.withStoredBalances(of: eth) { $0.count } == 1)
        try ledger.transfer(eth, amount: 4, from: alice, to: bob)
        #expect(ledger.withStoredBalances(of: eth) { Array($0) } == [6, 4])
        ledger.rollback(to: start)
        #expect(ledger.balance(eth, of: alice) == 0 && ledger.balance(eth, of: bob) == 0)
    }
}
