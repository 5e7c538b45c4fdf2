import Testing
@testable import ProtocolModel

@Suite("Block receipts and block-closing bundles")
struct BlockReceiptTests {
    /// A transfer of 1 raw USDC then a guard that fails (no sender holds 10^12 raw USDC).
    private func failing(_ fixture: ChainFixture, from: Int, closesBlock: Bool) -> Transaction {
        Transaction(sender: fixture.senders[from], agent: AgentTag("s\(from)"),
                    steps: [.transfer(asset: fixture.usdc, amount: .exact(1), to: fixture.senders[(from + 1) % 3]),
                            .requireBalance(asset: fixture.usdc, atLeast: 1_000_000_000_000)],
                    closesBlock: closesBlock, submittedAt: 1)
    }

    @Test("Each receipt entry names its transaction's id and sender, its outcome and the gas it paid")
    func entries() throws {
        var fixture = try ChainFixture()
        let paid = fixture.chain.submit(fixture.pay(1, 2, usdc: 5))
        let reverted = fixture.chain.submit(failing(fixture, from: 2, closesBlock: false))
        var log: [StepRecord] = []
        let receipt = try fixture.chain.produceBlock(1, gasPrice: 10, state: &fixture.state, checkInvariants: true,
                                                     recordSteps: true, log: &log)
        #expect(receipt.outcomes.map(\.id) == [paid, reverted])
        #expect(receipt.outcomes.map(\.sender) == [fixture.senders[1], fixture.senders[2]])
        #expect(receipt.outcomes[0].outcome == .executed)
        // 21,000 + 30,000 gas at 10 wei; 21,000 + 30,000 + 5,000 for the reverted one.
        #expect(receipt.outcomes.map(\.gasPaid) == [510_000, 560_000])
        guard case .reverted(let step, _) = receipt.outcomes[1].outcome else {
            Issue.record("expected a revert, got \(receipt.outcomes[1].outcome)")
            return
        }
        #expect(step == 1)
    }

    @Test("A block-closing bundle that would revert is left out with its records and pays nothing; a reverted transaction keeps its records")
    func revertingBundle() throws {
        var fixture = try ChainFixture()
        let before = fixture.state.ledger
        let dropped = fixture.chain.submit(failing(fixture, from: 0, closesBlock: true))
        let closing = fixture.chain.submit(Transaction(sender: fixture.senders[1], agent: "s1",
                                                       steps: [.transfer(asset: fixture.usdc, amount: .exact(7), to: fixture.senders[2])],
                                                       closesBlock: true, submittedAt: 1))
        let reverted = fixture.chain.submit(failing(fixture, from: 2, closesBlock: false))
        var log: [StepRecord] = []
        let receipt = try fixture.chain.produceBlock(1, gasPrice: 10, state: &fixture.state, checkInvariants: true,
                                                     recordSteps: true, log: &log)
        #expect(receipt.outcomes.map(\.id) == [reverted, dropped, closing])
        #expect(receipt.outcomes[1].outcome == .dropped)
        #expect(receipt.outcomes[1].gasPaid == 0)
        #expect(receipt.outcomes[2] == TransactionReceipt(id: closing, sender: fixture.senders[1], outcome: .executed, gasPaid: 510_000))
        #expect((receipt.executed, receipt.reverted, receipt.dropped) == (1, 1, 1))
        #expect(receipt.gasUsed == 56_000 + 51_000)
        // The reverted transaction's two records (the failing one with its reason), then the
        // closing bundle's; nothing of the dropped bundle.
        #expect(log.map(\.transaction) == [reverted, reverted, closing])
        #expect(log.map(\.executed) == [false, false, true])
        #expect(log.map { $0.revert != nil } == [false, true, false])
        // The dropped bundle's sender paid no gas and moved nothing.
        #expect(fixture.state.ledger.balance(fixture.eth, of: fixture.senders[0]) == before.balance(fixture.eth, of: fixture.senders[0]))
        #expect(fixture.state.ledger.balance(fixture.usdc, of: fixture.senders[0]) == before.balance(fixture.usdc, of: fixture.senders[0]))
        #expect(fixture.chain.mempool.isEmpty)
    }

    @Test("A block-closing back-run with nothing to sell is left out without paying gas, on the state the block's earlier transactions left")
    func backRunWithNothingToSell() throws {
        var fixture = try ChainFixture()
        // 1 ETH / 500 USDC: token0 at 500 USDC; a back-run towards 400 sells ETH into it.
        let pool = try fixture.state.addPool(name: "eth_usdc", token0: fixture.eth, token1: fixture.usdc,
                                             reserve0: 1_000_000_000_000_000_000, reserve1: 500_000_000, feePips: 3000,
                                             provider: fixture.senders[0], timestamp: 0)
        let senders = fixture.senders
        func backRun(_ sender: Int, zeroForOne: Bool, closesBlock: Bool = true) -> Transaction {
            Transaction(sender: senders[sender], agent: AgentTag("s\(sender)"),
                        steps: [.swap(pool: pool, zeroForOne: zeroForOne,
                                      amountIn: .toPrice(pool: pool, price0: 400, zeroForOne: zeroForOne), minAmountOut: 0)],
                        closesBlock: closesBlock, submittedAt: 1)
        }
        let before = fixture.state.ledger
        let buys = fixture.chain.submit(backRun(1, zeroForOne: false))
        let sells = fixture.chain.submit(backRun(1, zeroForOne: true))
        let sellsAgain = fixture.chain.submit(backRun(2, zeroForOne: true))
        let plainBuy = fixture.chain.submit(backRun(2, zeroForOne: false, closesBlock: false))
        var log: [StepRecord] = []
        let receipt = try fixture.chain.produceBlock(1, gasPrice: 10, state: &fixture.state, checkInvariants: true,
                                                     recordSteps: true, log: &log)
        #expect(receipt.outcomes.map(\.id) == [plainBuy, buys, sells, sellsAgain])
        // Outside a closing bundle, nothing to sell reverts and pays gas (21,000 + 100,000 at 10 wei).
        guard case .reverted(0, .pool(.zeroAmount)) = receipt.outcomes[0].outcome else {
            Issue.record("expected a zero-amount revert, got \(receipt.outcomes[0].outcome)")
            return
        }
        #expect(receipt.outcomes[0].gasPaid == 1_210_000)
        #expect(receipt.outcomes[1] == TransactionReceipt(id: buys, sender: fixture.senders[1], outcome: .dropped, gasPaid: 0))
        #expect(receipt.outcomes[2] == TransactionReceipt(id: sells, sender: fixture.senders[1], outcome: .executed, gasPaid: 1_210_000))
        // The sale brought the pool to the price: the second one finds nothing left to sell.
        #expect(receipt.outcomes[3] == TransactionReceipt(id: sellsAgain, sender: fixture.senders[2], outcome: .dropped, gasPaid: 0))
        #expect((receipt.executed, receipt.reverted, receipt.dropped) == (1, 1, 2))
        #expect(log.map(\.transaction) == [plainBuy, sells])
        #expect(fixture.state.ledger.balance(fixture.eth, of: fixture.senders[2]) == before.balance(fixture.eth, of: fixture.senders[2]) - 1_210_000)
        #expect(fixture.state.ledger.balance(fixture.usdc, of: fixture.senders[2]) == before.balance(fixture.usdc, of: fixture.senders[2]))
        #expect(fixture.chain.mempool.isEmpty)
    }

    @Test("A one-step list holds its step alone, new or reused from a transaction a block included, and a list kept elsewhere is not changed")
    func oneStepLists() throws {
        var fixture = try ChainFixture()
        let usdc = fixture.usdc, senders = fixture.senders
        let pays = { (amount: UInt128, to: Int) in Step.transfer(asset: usdc, amount: .exact(amount), to: senders[to]) }
        let kept = fixture.chain.oneStep(pays(1, 1))
        #expect(kept == [pays(1, 1)])
        fixture.chain.submit(Transaction(sender: fixture.senders[0], agent: "s0", steps: kept, submittedAt: 1))
        fixture.chain.submit(Transaction(sender: fixture.senders[0], agent: "s0", steps: fixture.chain.oneStep(pays(2, 1)), submittedAt: 1))
        var log: [StepRecord] = []
        _ = try fixture.chain.produceBlock(1, gasPrice: 0, state: &fixture.state, checkInvariants: true, recordSteps: false, log: &log)
        let before = fixture.state.ledger
        let lists = (0..<3).map { fixture.chain.oneStep(pays(UInt128($0 + 3), 2)) }
        #expect(lists == (0..<3).map { [pays(UInt128($0 + 3), 2)] })
        #expect(kept == [pays(1, 1)])
        for steps in lists { fixture.chain.submit(Transaction(sender: fixture.senders[0], agent: "s0", steps: steps, submittedAt: 13)) }
        _ = try fixture.chain.produceBlock(2, gasPrice: 0, state: &fixture.state, checkInvariants: true, recordSteps: false, log: &log)
        #expect(fixture.state.ledger.balance(fixture.usdc, of: fixture.senders[2]) == before.balance(fixture.usdc, of: fixture.senders[2]) + 12)
    }

    @Test("A receipt the caller keeps is not changed by the next block")
    func keptReceipt() throws {
        var fixture = try ChainFixture()
        let first = fixture.chain.submit(fixture.pay(0, 1, usdc: 1))
        let second = fixture.chain.submit(fixture.pay(1, 2, usdc: 1))
        var log: [StepRecord] = []
        let block1 = try fixture.chain.produceBlock(1, gasPrice: 0, state: &fixture.state, checkInvariants: true,
                                                    recordSteps: false, log: &log)
        let third = fixture.chain.submit(fixture.pay(2, 0, usdc: 1, at: 13))
        let block2 = try fixture.chain.produceBlock(2, gasPrice: 0, state: &fixture.state, checkInvariants: true,
                                                    recordSteps: false, log: &log)
        let block3 = try fixture.chain.produceBlock(3, gasPrice: 0, state: &fixture.state, checkInvariants: true,
                                                    recordSteps: false, log: &log)
        #expect(block1.outcomes.map(\.id) == [first, second])
        #expect(block2.outcomes.map(\.id) == [third])
        #expect(block3.outcomes.isEmpty)
    }
}
