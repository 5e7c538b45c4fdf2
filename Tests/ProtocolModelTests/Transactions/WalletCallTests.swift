import Testing
@testable import ProtocolModel

/// Wallet calls: a step run as another account the sender owns (Cream v1's two attack contracts).
@Suite("Wallet call")
struct WalletCallTests {
    /// Owner `alice` holds 100 USD, her wallet 7 USD; `mallory` holds 50 USD.
    struct World {
        var state = ProtocolState()
        let usd: AssetID, alice: AccountID, wallet: AccountID, mallory: AccountID

        init() throws {
            usd = state.addAsset(Asset(symbol: "USD", decimals: 0))
            alice = state.addAccount(named: "alice")
            wallet = state.addAccount(named: "alice:wallet")
            mallory = state.addAccount(named: "mallory")
            try state.endow(usd, amount: 100, to: alice)
            try state.endow(usd, amount: 7, to: wallet)
            try state.endow(usd, amount: 50, to: mallory)
            state.setWalletOwner(wallet: wallet, owner: alice)
        }

        mutating func run(_ sender: AccountID, _ steps: [Step]) throws -> (TransactionOutcome, [StepRecord]) {
            var log: [StepRecord] = []
            let start = state.checkpoint()
            let outcome = state.runSteps(of: Transaction(sender: sender, agent: "agent", steps: steps, submittedAt: 0),
                                         context: ExecutionContext(block: 1, timestamp: 12, recordSteps: true), log: &log)
            try state.checkInvariants(since: start)
            state.commit()
            return (outcome, log)
        }

        func balance(_ account: AccountID) -> UInt128 { state.ledger.balance(usd, of: account) }
    }

    @Test("The owner's call runs the step as the wallet: the wallet pays, and the record is the inner step's kind")
    func ownerCalls() throws {
        var world = try World()
        let (outcome, log) = try world.run(world.alice, [
            .walletCall(wallet: world.wallet, step: .transfer(asset: world.usd, amount: .exact(5), to: world.mallory)),
        ])
        #expect(outcome == .executed)
        #expect(world.balance(world.wallet) == 2 && world.balance(world.mallory) == 55 && world.balance(world.alice) == 100)
        #expect(log.map(\.kind) == [.transfer] && log[0].amountIn == 5)
        #expect(Step.walletCall(wallet: world.wallet, step: .swap(pool: 3, zeroForOne: true, amountIn: .exact(1), minAmountOut: 0)).pool == 3)
    }

    @Test("A wallet call nested in a wallet call reports the innermost step's kind, pool and amounts")
    func nestedCallReadsInnermostStep() {
        let wallet = AccountID(1), inner = AccountID(2)
        let step = Step.walletCall(wallet: wallet, step: .walletCall(wallet: inner, step: .addLiquidity(
            pool: 4, amount0: .exact(3), amount1: .balance(AssetID(0)))))
        #expect(step.kind == .addLiquidity && step.pool == 4)
        #expect(step.amountPair.first == .exact(3) && step.amountPair.second == .balance(AssetID(0)))
        #expect(step.amounts == [.exact(3), .balance(AssetID(0))])
    }

    @Test("Another sender's call reverts and changes nothing")
    func strangerReverts() throws {
        var world = try World()
        let (outcome, _) = try world.run(world.mallory, [
            .transfer(asset: world.usd, amount: .exact(1), to: world.alice),
            .walletCall(wallet: world.wallet, step: .transfer(asset: world.usd, amount: .exact(7), to: world.mallory)),
        ])
        guard case .reverted(step: 1, reason: .guardFailed) = outcome else {
            Issue.record("expected a revert at step 1, got \(outcome)")
            return
        }
        #expect(world.balance(world.wallet) == 7 && world.balance(world.mallory) == 50 && world.balance(world.alice) == 100)
    }

    @Test("`received` and `requireGain` inside a call read the wallet's own balance before the transaction")
    func walletBaselines() throws {
        var world = try World()
        // Alice sends 10 to the wallet; the wallet returns what it received (10, not its 17), and
        // its gain check (≥ 0 after returning it) passes.
        var (outcome, _) = try world.run(world.alice, [
            .transfer(asset: world.usd, amount: .exact(10), to: world.wallet),
            .walletCall(wallet: world.wallet, step: .transfer(asset: world.usd, amount: .received(world.usd), to: world.alice)),
            .walletCall(wallet: world.wallet, step: .requireGain(asset: world.usd, atLeast: 0)),
        ])
        #expect(outcome == .executed)
        #expect(world.balance(world.wallet) == 7 && world.balance(world.alice) == 100)
        // Had it given away 1 of its own, its gain check would fail.
        (outcome, _) = try world.run(world.alice, [
            .walletCall(wallet: world.wallet, step: .transfer(asset: world.usd, amount: .exact(1), to: world.alice)),
            .walletCall(wallet: world.wallet, step: .requireGain(asset: world.usd, atLeast: 0)),
        ])
        guard case .reverted(step: 1, reason: .unprofitable) = outcome else {
            Issue.record("expected the gain check to revert, got \(outcome)")
            return
        }
        #expect(world.balance(world.wallet) == 7)
    }

    @Test("The sender's and its wallet's baselines of one asset are kept apart, and a later transaction notes its own")
    func senderAndWalletBaselines() throws {
        var world = try World()
        // Alice's baseline (100) is noted first, the wallet's (7) second; the wallet returns the 10
        // it received, not 17 − 100, and both gain checks pass.
        let (outcome, log) = try world.run(world.alice, [
            .requireGain(asset: world.usd, atLeast: 0),
            .walletCall(wallet: world.wallet, step: .requireGain(asset: world.usd, atLeast: 0)),
            .transfer(asset: world.usd, amount: .exact(10), to: world.wallet),
            .walletCall(wallet: world.wallet, step: .transfer(asset: world.usd, amount: .received(world.usd), to: world.alice)),
            .requireGain(asset: world.usd, atLeast: 0),
        ])
        #expect(outcome == .executed)
        #expect(log.count == 5 && log[3].amountIn == 10)
        #expect(world.balance(world.wallet) == 7 && world.balance(world.alice) == 100)
        // Mallory pays alice 20; alice's next transaction received nothing since its own start.
        _ = try world.run(world.mallory, [.transfer(asset: world.usd, amount: .exact(20), to: world.alice)])
        let (next, nextLog) = try world.run(world.alice, [
            .transfer(asset: world.usd, amount: .received(world.usd), to: world.mallory),
        ])
        #expect(next == .executed && nextLog.first?.amountIn == 0)
        #expect(world.balance(world.alice) == 120 && world.balance(world.mallory) == 30)
    }
}
