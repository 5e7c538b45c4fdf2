import Testing
@testable import ProtocolModel

@Suite("Flash loans")
struct FlashLoanTests {
    static let usdc: UInt128 = 1_000_000
    static let gwei: UInt64 = 1_000_000_000

    /// The chain fixture plus a provider holding 1,000,000 USDC at a 0.09 % fee.
    static func world() throws -> (fixture: ChainFixture, provider: Int, lender: AccountID) {
        var fixture = try ChainFixture()
        let lender = fixture.state.addAccount(named: "aave")
        try fixture.state.endow(fixture.usdc, amount: 1_000_000 * usdc, to: lender)
        let provider = fixture.state.addFlashLoanProvider(name: "aave", account: lender, feePips: 900)
        return (fixture, provider, lender)
    }

    @Test("A repaid flash loan: the transaction's other effects stand and the provider gains exactly the fee")
    func repaid() throws {
        var (fixture, provider, lender) = try Self.world()
        let (sender, receiver) = (fixture.senders[0], fixture.senders[1])
        let steps: [Step] = [
            .flashBorrow(provider: provider, asset: fixture.usdc, amount: .exact(500_000 * Self.usdc)),
            .transfer(asset: fixture.usdc, amount: .exact(7 * Self.usdc), to: receiver),
            .flashRepay(provider: provider, asset: fixture.usdc, amount: .flashDebt(provider: provider, asset: fixture.usdc)),
        ]
        fixture.chain.submit(Transaction(sender: sender, agent: "borrower", steps: steps, submittedAt: 1))
        var log: [StepRecord] = []
        let receipt = try fixture.chain.produceBlock(1, gasPrice: Self.gwei, state: &fixture.state, checkInvariants: true,
                                                     recordSteps: true, log: &log)
        #expect(receipt.outcomes.map(\.outcome) == [.executed])
        // Fee ⌈500,000 · 900 / 10^6⌉ = 450 USDC.
        #expect(fixture.state.ledger.balance(fixture.usdc, of: lender) == 1_000_450 * Self.usdc)
        #expect(fixture.state.ledger.balance(fixture.usdc, of: sender) == 1_000 * Self.usdc - 457 * Self.usdc)
        #expect(fixture.state.ledger.balance(fixture.usdc, of: receiver) == 1_007 * Self.usdc)
        #expect(log.map(\.kind) == [.flashBorrow, .transfer, .flashRepay])
        #expect(log.last?.amountIn == 500_450 * Self.usdc)
        #expect(fixture.state.flashDebts.isEmpty)
    }

    @Test("`received` is what the transaction brought in so far: the borrowed 500,000 USDC, not the sender's 1,000 of its own; zero outside a transaction")
    func receivedAmount() throws {
        var (fixture, provider, _) = try Self.world()
        let (sender, receiver) = (fixture.senders[0], fixture.senders[1])
        // Borrow 500,000, pass on exactly what came in, then repay from the sender's own 1,000 USDC
        // — which cannot cover 500,450: the transaction must revert. A transaction that only passes
        // on `received` received nothing and sends nothing.
        let passOn: [Step] = [
            .flashBorrow(provider: provider, asset: fixture.usdc, amount: .exact(500_000 * Self.usdc)),
            .transfer(asset: fixture.usdc, amount: .received(fixture.usdc), to: receiver),
        ]
        var log: [StepRecord] = []
        let context = ExecutionContext(block: 1, timestamp: 12, recordSteps: true)
        let outcome = fixture.state.runSteps(of: Transaction(sender: sender, agent: "t", steps: passOn, submittedAt: 1),
                                             context: context, log: &log)
        #expect(log[1].amountIn == 500_000 * Self.usdc)
        #expect(outcome == .reverted(step: 2, reason: .flashLoanNotRepaid(provider: "aave", asset: fixture.usdc, owed: 500_450 * Self.usdc)))
        #expect(try fixture.state.evaluate(.received(fixture.usdc), sender: sender, at: 12) == 0)
        let nothing = fixture.state.runSteps(
            of: Transaction(sender: sender, agent: "t", steps: [.transfer(asset: fixture.usdc, amount: .received(fixture.usdc), to: receiver)],
                            submittedAt: 1), context: context, log: &log)
        #expect(nothing == .executed)
        #expect(log.last?.amountIn == 0)
        #expect(fixture.state.ledger.balance(fixture.usdc, of: receiver) == 1_000 * Self.usdc)
    }

    @Test("`requireGain` compares with the balance before the first step: a transaction that ends 7 USDC down reverts, one that ends even passes a zero requirement")
    func requireGain() throws {
        var (fixture, provider, _) = try Self.world()
        let (sender, receiver) = (fixture.senders[0], fixture.senders[1])
        let context = ExecutionContext(block: 1, timestamp: 12, recordSteps: false)
        var log: [StepRecord] = []
        let loses: [Step] = [
            .flashBorrow(provider: provider, asset: fixture.usdc, amount: .exact(1_000 * Self.usdc)),
            .transfer(asset: fixture.usdc, amount: .exact(7 * Self.usdc), to: receiver),
            .flashRepay(provider: provider, asset: fixture.usdc, amount: .flashDebt(provider: provider, asset: fixture.usdc)),
            .requireGain(asset: fixture.usdc, atLeast: 0),
        ]
        let before = fixture.state.ledger.balance(fixture.usdc, of: sender)
        let outcome = fixture.state.runSteps(of: Transaction(sender: sender, agent: "t", steps: loses, submittedAt: 1),
                                             context: context, log: &log)
        // 1,000 USDC before; 7 given away and the 0.9 fee (0.09 % of 1,000) paid: 992.1 left.
        let unprofitable = RevertReason.unprofitable(asset: fixture.usdc, balance: 992_100_000, before: 1_000 * Self.usdc, requiredGain: 0)
        #expect(outcome == .reverted(step: 3, reason: unprofitable))
        #expect(unprofitable.text(assets: fixture.state.ledger.assets)
                == "unprofitable: balance 992.1 USDC, 1000 USDC before the transaction, required gain 0 USDC")
        #expect(fixture.state.ledger.balance(fixture.usdc, of: sender) == before)
        let even: [Step] = [.transfer(asset: fixture.usdc, amount: .exact(0), to: receiver), .requireGain(asset: fixture.usdc, atLeast: 0)]
        #expect(fixture.state.runSteps(of: Transaction(sender: sender, agent: "t", steps: even, submittedAt: 1),
                                       context: context, log: &log) == .executed)
        let gain: [Step] = [.requireGain(asset: fixture.usdc, atLeast: 1)]
        #expect(fixture.state.runSteps(of: Transaction(sender: sender, agent: "t", steps: gain, submittedAt: 1),
                                       context: context, log: &log) != .executed)
    }

    @Test("An unpaid flash loan reverts the whole transaction at its end; only gas is paid")
    func notRepaid() throws {
        var (fixture, provider, lender) = try Self.world()
        let (sender, receiver) = (fixture.senders[0], fixture.senders[1])
        let ethBefore = fixture.state.ledger.balance(fixture.eth, of: sender)
        let steps: [Step] = [
            .flashBorrow(provider: provider, asset: fixture.usdc, amount: .exact(500_000 * Self.usdc)),
            .transfer(asset: fixture.usdc, amount: .exact(7 * Self.usdc), to: receiver),
            .flashRepay(provider: provider, asset: fixture.usdc, amount: .exact(500_000 * Self.usdc)),  // the fee is missing
        ]
        fixture.chain.submit(Transaction(sender: sender, agent: "borrower", steps: steps, submittedAt: 1))
        var log: [StepRecord] = []
        let receipt = try fixture.chain.produceBlock(1, gasPrice: Self.gwei, state: &fixture.state, checkInvariants: true,
                                                     recordSteps: true, log: &log)
        #expect(receipt.outcomes.map(\.outcome)
                == [.reverted(step: 3, reason: .flashLoanNotRepaid(provider: "aave", asset: fixture.usdc, owed: 450 * Self.usdc))])
        #expect(fixture.state.ledger.balance(fixture.usdc, of: lender) == 1_000_000 * Self.usdc)
        #expect(fixture.state.ledger.balance(fixture.usdc, of: sender) == 1_000 * Self.usdc)
        #expect(fixture.state.ledger.balance(fixture.usdc, of: receiver) == 1_000 * Self.usdc)
        // Gas: (21,000 + 50,000 + 30,000 + 30,000) units at 1 gwei.
        #expect(ethBefore - fixture.state.ledger.balance(fixture.eth, of: sender) == 131_000 * UInt128(Self.gwei))
        #expect(log.map(\.executed) == [false, false, false, false])
        // events.csv's reason: the 450 USDC fee (450,000,000 raw, 6 decimals) in USDC.
        #expect(log.last?.reason(assets: fixture.state.ledger.assets) == "flash loan from aave not repaid: 450 USDC owed at the end of the transaction")
        #expect(fixture.state.flashDebts.isEmpty)
        try fixture.state.checkAllInvariants()
    }

    @Test("Borrowing more than the provider holds reverts at the borrow step")
    func liquidityLimit() throws {
        var (fixture, provider, _) = try Self.world()
        var log: [StepRecord] = []
        let outcome = fixture.state.runSteps(
            of: Transaction(sender: fixture.senders[0], agent: "b", steps: [
                .flashBorrow(provider: provider, asset: fixture.usdc, amount: .exact(1_000_000 * Self.usdc + 1)),
            ], submittedAt: 0),
            context: ExecutionContext(block: 1, timestamp: 12, recordSteps: false), log: &log)
        guard case .reverted(step: 0, reason: .ledger(.insufficientBalance)) = outcome else {
            Issue.record("expected an insufficient-balance revert, got \(outcome)")
            return
        }
    }
}
