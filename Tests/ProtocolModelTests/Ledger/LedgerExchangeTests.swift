import GSL
import Testing
@testable import ProtocolModel

@Suite("Ledger: a swap's two legs in one call")
struct LedgerExchangeTests {
    /// The outcome of a ledger operation: nil when it succeeded, else its error.
    private static func outcome(_ body: () throws(LedgerError) -> Void) -> LedgerError? {
        do { try body() } catch { return error }
        return nil
    }

    @Test("exchange writes the same balances, throws the same errors and rolls back the same as two transfers, over random legs")
    func exchangeMatchesTwoTransfers() throws {
        for seed in UInt64(1)...20 {
            let stream = RandomStream(seed: seed)
            var ledger = Ledger()
            let assets = (0..<3).map { ledger.addAsset(Asset(symbol: "A\($0)", decimals: 6 * $0)) }
            let accounts = (0..<4).map { ledger.addAccount(named: "acct\($0)") }
            for asset in assets {
                for account in accounts { try ledger.mint(asset, amount: UInt128(stream.uniformInt(1_000_000)), to: account) }
            }
            ledger.commit()
            for _ in 0..<300 {
                // Same or different assets and accounts, zero amounts, and amounts beyond the
                // balances, so that every guard and both legs' failures are drawn.
                let input = assets[stream.uniformInt(assets.count)], output = assets[stream.uniformInt(assets.count)]
                let trader = accounts[stream.uniformInt(accounts.count)], venue = accounts[stream.uniformInt(accounts.count)]
                let amountIn = UInt128(stream.uniformInt(4) == 0 ? 0 : stream.uniformInt(1_200_000))
                let amountOut = UInt128(stream.uniformInt(4) == 0 ? 0 : stream.uniformInt(1_200_000))
                var reference = ledger, exchanged = ledger
                let start = ledger.checkpoint()
                let expected = Self.outcome { () throws(LedgerError) in
                    try reference.transfer(input, amount: amountIn, from: trader, to: venue)
                    try reference.transfer(output, amount: amountOut, from: venue, to: trader)
                }
                let actual = Self.outcome { () throws(LedgerError) in
                    try exchanged.exchange(input, amountIn: amountIn, for: output, amountOut: amountOut, trader: trader, venue: venue)
                }
                #expect(actual == expected, "seed \(seed)")
                for asset in assets {
                    for account in accounts {
                        #expect(exchanged.balance(asset, of: account) == reference.balance(asset, of: account), "seed \(seed)")
                    }
                }
                try exchanged.checkConservation(since: start)
                exchanged.rollback(to: start)
                for asset in assets {
                    for account in accounts {
                        #expect(exchanged.balance(asset, of: account) == ledger.balance(asset, of: account), "seed \(seed)")
                    }
                }
                // Carry on from the reference's state when the legs stood.
                if expected == nil {
                    reference.commit()
                    ledger = reference
                }
            }
        }
    }
}
