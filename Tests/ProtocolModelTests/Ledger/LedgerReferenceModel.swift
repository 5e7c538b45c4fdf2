import GSL
@testable import ProtocolModel

/// The reference model of the randomised ledger tests: plain balances (by asset, then account)
/// and supplies, updated only when a whole transaction stands.
struct LedgerReferenceModel {
    var balances: [[UInt128]]
    var supply: [UInt128]

    /// The operations a random transaction draws from.
    enum Operation: CaseIterable { case mint, burn, transfer, exchange }

    /// Runs one transaction of 1 to `maxSteps` operations drawn from `operations` on `ledger`
    /// (accounts and assets drawn from `accounts` and `assets`, amounts from `amount`), rolled
    /// back when a step throws or, one time in five, at random, else checked for conservation;
    /// the model takes it only when it stands. Then commits.
    mutating func runRandomTransaction(on ledger: inout Ledger, assets: [AssetID], accounts: [AccountID],
                                       operations: [Operation], maxSteps: Int, stream: RandomStream,
                                       amount: () -> UInt128) throws {
        let start = ledger.checkpoint()
        var scratch = self
        var failed = false
        for _ in 0..<(1 + stream.uniformInt(maxSteps)) {
            let asset = assets[stream.uniformInt(assets.count)], other = assets[stream.uniformInt(assets.count)]
            let a = accounts[stream.uniformInt(accounts.count)], b = accounts[stream.uniformInt(accounts.count)]
            let value = amount(), otherValue = amount()
            do {
                switch operations[stream.uniformInt(operations.count)] {
                case .mint:
                    try ledger.mint(asset, amount: value, to: a)
                    scratch.balances[asset.index][a.index] += value
                    scratch.supply[asset.index] += value
                case .burn:
                    try ledger.burn(asset, amount: value, from: a)
                    scratch.balances[asset.index][a.index] -= value
                    scratch.supply[asset.index] -= value
                case .transfer:
                    try ledger.transfer(asset, amount: value, from: a, to: b)
                    scratch.move(value, of: asset, from: a, to: b)
                case .exchange:
                    try ledger.exchange(asset, amountIn: value, for: other, amountOut: otherValue, trader: a, venue: b)
                    scratch.move(value, of: asset, from: a, to: b)
                    scratch.move(otherValue, of: other, from: b, to: a)
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
            self = scratch
        }
        ledger.commit()
    }

    private mutating func move(_ amount: UInt128, of asset: AssetID, from: AccountID, to: AccountID) {
        guard from != to else { return }
        balances[asset.index][from.index] -= amount
        balances[asset.index][to.index] += amount
    }
}
