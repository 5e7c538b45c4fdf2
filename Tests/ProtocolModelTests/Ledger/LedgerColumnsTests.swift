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
            // The reference model: every balance, by asset then account, updated only when a
            // whole transaction stands.
            var reference: [[UInt128]] = [[0]]
            for _ in 0..<400 {
                switch stream.uniformInt(10) {
                case 0:
                    assets.append(ledger.addAsset(Asset(symbol: "A\(assets.count)", decimals: 0)))
                    reference.append([UInt128](repeating: 0, count: accounts.count))
                    continue
                case 1:
                    accounts.append(ledger.addAccount(named: "acct\(accounts.count)"))
                    for asset in reference.indices { reference[asset].append(0) }
                    continue
                default: break
                }
                let start = ledger.checkpoint()
                var scratch = reference
                var failed = false
                for _ in 0..<(1 + stream.uniformInt(3)) {
                    let asset = assets[stream.uniformInt(assets.count)], other = assets[stream.uniformInt(assets.count)]
                    let a = accounts[stream.uniformInt(accounts.count)], b = accounts[stream.uniformInt(accounts.count)]
                    let amount = UInt128(stream.uniformInt(1_000)), otherAmount = UInt128(stream.uniformInt(1_000))
                    do {
                        switch stream.uniformInt(4) {
                        case 0:
                            try ledger.mint(asset, amount: amount, to: a)
                            scratch[asset.index][a.index] += amount
                        case 1:
                            try ledger.burn(asset, amount: amount, from: a)
                            scratch[asset.index][a.index] -= amount
                        case 2:
                            try ledger.transfer(asset, amount: amount, from: a, to: b)
                            if a != b {
                                scratch[asset.index][a.index] -= amount
                                scratch[asset.index][b.index] += amount
                            }
                        default:
                            try ledger.exchange(asset, amountIn: amount, for: other, amountOut: otherAmount, trader: a, venue: b)
                            if a != b {
                                scratch[asset.index][a.index] -= amount
                                scratch[asset.index][b.index] += amount
                                scratch[other.index][b.index] -= otherAmount
                                scratch[other.index][a.index] += otherAmount
                            }
                        }
                    } catch {
                        failed = true
                        break
                    }
                }
                if failed || stream.bernoulli(0.2) {
                    ledger.rollback(to: start)
                } else {
                    try ledger.checkConservation(since: start)
                    reference = scratch
                }
                ledger.commit()
                try ledger.checkFullConservation()
                let stored = assets.map { asset in ledger.withStoredBalances(of: asset) { Array($0) } }
                #expect(zip(stored, assets).allSatisfy { $0.count <= accounts.count && $0.reduce(0, +) == ledger.supply[$1.index] },
                        "seed \(seed)")
                #expect(assets.map { asset in accounts.map { ledger.balance(asset, of: $0) } } == reference, "seed \(seed)")
            }
        }
    }

    @Test("A transfer to an account its asset has never reached throws as a short balance, or moves, as with every account held")
    func receiverPastTheColumn() throws {
        var ledger = Ledger()
        let eth = ledger.addAsset(Asset(symbol: "ETH", decimals: 18))
        let alice = ledger.addAccount(named: "alice"), bob = ledger.addAccount(named: "bob")
        #expect(ledger.withStoredBalances(of: eth) { $0.count } == 0)
        #expect(throws: LedgerError.insufficientBalance(asset: "ETH", account: "bob", needed: 1, available: 0)) {
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
