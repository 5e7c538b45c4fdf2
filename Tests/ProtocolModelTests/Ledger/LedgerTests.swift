import GSL
import Testing
@testable import ProtocolModel

@Suite("Ledger")
struct LedgerTests {
    @Test("Transfers, mints and burns move exact amounts and keep supply")
    func basicOperations() throws {
        var ledger = Ledger()
        let eth = ledger.addAsset(Asset(symbol: "ETH", decimals: 18))
        let alice = ledger.addAccount(named: "alice"), bob = ledger.addAccount(named: "bob")
        try ledger.mint(eth, amount: 1_000, to: alice)
        try ledger.transfer(eth, amount: 400, from: alice, to: bob)
        try ledger.burn(eth, amount: 100, from: bob)
        ledger.commit()
        #expect(ledger.balance(eth, of: alice) == 600)
        #expect(ledger.balance(eth, of: bob) == 300)
        #expect(ledger.supply[eth.index] == 900)
        try ledger.checkFullConservation()
    }

    @Test("An overdraft throws and changes nothing")
    func overdraft() throws {
        var ledger = Ledger()
        let eth = ledger.addAsset(Asset(symbol: "ETH", decimals: 18))
        let alice = ledger.addAccount(named: "alice"), bob = ledger.addAccount(named: "bob")
        try ledger.mint(eth, amount: 10, to: alice)
        ledger.commit()
        #expect(throws: LedgerError.insufficientBalance(asset: eth, account: "alice", needed: 11, available: 10)) {
            try ledger.transfer(eth, amount: 11, from: alice, to: bob)
        }
        #expect(ledger.balance(eth, of: alice) == 10)
        #expect(ledger.balance(eth, of: bob) == 0)
        // As events.csv prints it: raw wei in ETH (18 decimals).
        #expect(LedgerError.insufficientBalance(asset: eth, account: "alice", needed: 1_500_000_000_000_000_000, available: 11)
            .text(assets: ledger.assets) == "insufficient ETH balance of alice: needs 1.5 ETH, has 0.000000000000000011 ETH")
    }

    @Test("Minting beyond 2^128 throws instead of wrapping")
    func supplyOverflow() throws {
        var ledger = Ledger()
        let token = ledger.addAsset(Asset(symbol: "T", decimals: 0))
        let alice = ledger.addAccount(named: "alice")
        try ledger.mint(token, amount: .max, to: alice)
        #expect(throws: LedgerError.supplyOverflow(asset: token)) { try ledger.mint(token, amount: 1, to: alice) }
        #expect(LedgerError.supplyOverflow(asset: token).text(assets: ledger.assets) == "T supply would exceed 2^128 raw units")
    }

    @Test("Random transaction sequences conserve supply exactly and roll back failures completely")
    func randomSequences() throws {
        for seed in UInt64(1)...20 {
            let stream = RandomStream(seed: seed)
            var ledger = Ledger()
            let assets = (0..<3).map { ledger.addAsset(Asset(symbol: "A\($0)", decimals: 6 * $0)) }
            let accounts = (0..<6).map { ledger.addAccount(named: "acct\($0)") }
            var reference = LedgerReferenceModel(
                balances: [[UInt128]](repeating: [UInt128](repeating: 0, count: accounts.count), count: assets.count),
                supply: [UInt128](repeating: 0, count: assets.count))
            for _ in 0..<300 {
                // Amounts span small and huge values so that 128-bit limits are exercised.
                try reference.runRandomTransaction(on: &ledger, assets: assets, accounts: accounts, operations: [.mint, .burn, .transfer],
                                                   maxSteps: 4, stream: stream) {
                    stream.bernoulli(0.1) ? UInt128.max / 4 : UInt128(stream.uniformInt(1_000_000))
                }
                try ledger.checkFullConservation()
                for asset in assets {
                    #expect(ledger.supply[asset.index] == reference.supply[asset.index], "seed \(seed)")
                    for account in accounts {
                        #expect(ledger.balance(asset, of: account) == reference.balances[asset.index][account.index], "seed \(seed)")
                    }
                }
            }
        }
    }

    @Test("The journal-based conservation check detects a corrupted write")
    func conservationDetectsCorruption() throws {
        var ledger = Ledger()
        let eth = ledger.addAsset(Asset(symbol: "ETH", decimals: 18))
        let alice = ledger.addAccount(named: "alice")
        let start = ledger.checkpoint()
        try ledger.mint(eth, amount: 5, to: alice)
        ledger.supply[eth.index] = 4  // simulate a bug: supply out of step with balances
        #expect(throws: LedgerInvariantViolation.self) { try ledger.checkConservation(since: start) }
        #expect(throws: LedgerInvariantViolation.self) { try ledger.checkFullConservation() }
    }
}
