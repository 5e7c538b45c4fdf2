import Testing
@testable import ProtocolModel

@Suite("Blocks and gas: a transaction's base-fee cap")
struct BaseFeeCapTests {
    @Test("A transaction capped below the block's base price waits in the mempool, pays nothing, and enters the first block at or below its cap")
    func waitsUntilTheBasePriceFalls() throws {
        var fixture = try ChainFixture()
        let gwei: UInt64 = 1_000_000_000
        var capped = fixture.pay(0, 1, usdc: 5, fee: 2 * gwei)
        capped.baseFeeCap = 100 * gwei
        let cappedID = fixture.chain.submit(capped)
        let freeID = fixture.chain.submit(fixture.pay(1, 2, usdc: 7, fee: gwei))
        let ethBefore = fixture.state.ledger.balance(fixture.eth, of: fixture.senders[0])
        var log: [StepRecord] = []
        let above = try fixture.chain.produceBlock(1, gasPrice: 100 * gwei + 1, state: &fixture.state, checkInvariants: true,
                                                   recordSteps: true, log: &log)
        #expect(above.outcomes.map(\.id) == [freeID])
        #expect(fixture.chain.mempool.map(\.id) == [cappedID])
        #expect(fixture.state.ledger.balance(fixture.eth, of: fixture.senders[0]) == ethBefore)
        #expect(fixture.state.ledger.balance(fixture.usdc, of: fixture.senders[1]) == 1_000_000_000 - 7)
        let atCap = try fixture.chain.produceBlock(2, gasPrice: 100 * gwei, state: &fixture.state, checkInvariants: true,
                                                   recordSteps: true, log: &log)
        #expect(atCap.outcomes.map(\.id) == [cappedID])
        #expect(atCap.executed == 1 && fixture.chain.mempool.isEmpty)
        // It pays the block's base price plus its priority fee for 21,000 + 30,000 gas.
        #expect(fixture.state.ledger.balance(fixture.eth, of: fixture.senders[0]) == ethBefore - 51_000 * UInt128(102 * gwei))
        #expect(fixture.state.ledger.balance(fixture.usdc, of: fixture.senders[1]) == 1_000_000_000 - 7 + 5)
    }

    @Test("Once asked, the chain counts each sender's transactions waiting in the mempool, those already there included: up at submission, down when a block includes one, not while one waits")
    func pendingBySender() throws {
        var fixture = try ChainFixture()
        let gwei: UInt64 = 1_000_000_000
        let (first, second, third) = (fixture.senders[0], fixture.senders[1], fixture.senders[2])
        // Takes the chain: a function capturing `fixture` would box it, and produceBlock's
        // simultaneous writes to its chain and state would then conflict.
        func hasPending(_ sender: AccountID, _ chain: Chain) -> Bool { Chain.hasPending(from: sender, in: chain.pendingBySender) }
        #expect(!fixture.chain.countsPendingBySender && fixture.chain.pendingBySender.isEmpty)
        var capped = fixture.pay(0, 1, usdc: 5)
        capped.baseFeeCap = 100 * gwei
        fixture.chain.submit(capped)
        // Not counted until asked.
        #expect(fixture.chain.pendingBySender.isEmpty)
        fixture.chain.countPendingBySender()
        #expect(fixture.chain.pendingBySender[first.index] == 1)
        fixture.chain.submit(fixture.pay(0, 2, usdc: 1))
        fixture.chain.submit(fixture.pay(1, 2, usdc: 7))
        fixture.chain.countPendingBySender()  // a second call counts nothing twice
        #expect(fixture.chain.pendingBySender[first.index] == 2 && fixture.chain.pendingBySender[second.index] == 1)
        #expect(hasPending(first, fixture.chain) && hasPending(second, fixture.chain) && !hasPending(third, fixture.chain))
        var log: [StepRecord] = []
        _ = try fixture.chain.produceBlock(1, gasPrice: 100 * gwei + 1, state: &fixture.state, checkInvariants: true,
                                           recordSteps: false, log: &log)
        // The capped one waits; the other two entered.
        #expect(fixture.chain.pendingBySender[first.index] == 1 && fixture.chain.pendingBySender[second.index] == 0)
        #expect(hasPending(first, fixture.chain) && !hasPending(second, fixture.chain))
        _ = try fixture.chain.produceBlock(2, gasPrice: gwei, state: &fixture.state, checkInvariants: true,
                                           recordSteps: false, log: &log)
        #expect(fixture.chain.mempool.isEmpty && !hasPending(first, fixture.chain))
        #expect(fixture.chain.pendingBySender.allSatisfy { $0 == 0 })
        #expect(!Chain.hasPending(from: first, in: []) && !Chain.hasPending(from: AccountID(-1), in: [1]))
    }

    @Test("Without a cap a transaction enters at any base price")
    func uncappedEntersAtAnyPrice() throws {
        var fixture = try ChainFixture()
        let transaction = fixture.pay(0, 1, usdc: 1)
        #expect(transaction.baseFeeCap == .max)
        fixture.chain.submit(transaction)
        var log: [StepRecord] = []
        let receipt = try fixture.chain.produceBlock(1, gasPrice: 100_000 * 1_000_000_000, state: &fixture.state, checkInvariants: true,
                                                     recordSteps: false, log: &log)
        #expect(receipt.executed == 1)
    }
}
