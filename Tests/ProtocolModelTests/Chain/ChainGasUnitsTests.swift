import Testing
@testable import ProtocolModel

/// The gas units the chain charges: the schedule's base plus each step's, also for a transaction
/// that waited in the mempool.
@Suite("Gas units per transaction")
struct ChainGasUnitsTests {
    @Test("A transaction's units are the base plus each step's, a wallet call charged as the step it wraps")
    func unitsOfStepMixes() throws {
        let fixture = try ChainFixture()
        let schedule = GasSchedule()
        let transfer = Step.transfer(asset: fixture.usdc, amount: .exact(1), to: fixture.senders[1])
        let check = Step.requireBalance(asset: fixture.usdc, atLeast: 1)
        let swap = Step.swap(pool: 0, zeroForOne: true, amountIn: .exact(1), minAmountOut: 0)
        let wrapped = Step.walletCall(wallet: fixture.senders[2], step: swap)
        let mixes: [([Step], UInt64)] = [
            ([], 21_000),
            ([transfer], 21_000 + 30_000),
            ([transfer, check, swap], 21_000 + 30_000 + 5_000 + 100_000),
            ([wrapped, check, wrapped], 21_000 + 100_000 + 5_000 + 100_000),
        ]
        for (steps, expected) in mixes {
            let transaction = Transaction(sender: fixture.senders[0], agent: "s0", steps: steps, submittedAt: 1)
            #expect(schedule.units(of: transaction) == expected)
        }
    }

    @Test("A transaction that waits for a later block pays for its own units there, after others left the mempool")
    func waitingTransactionKeepsItsUnits() throws {
        // Limit 160,000: the first block takes A (81,000) and C (51,000); B (86,000) does not fit and
        // waits, then moves to the front of the mempool when A and C leave it.
        var fixture = try ChainFixture(blockGasLimit: 160_000)
        let usdc = fixture.usdc, senders = fixture.senders
        let transfer = Step.transfer(asset: usdc, amount: .exact(1), to: senders[1])
        let walletTransfer = Step.walletCall(wallet: senders[2], step: .transfer(asset: usdc, amount: .exact(1), to: senders[0]))
        let a = fixture.chain.submit(Transaction(sender: senders[0], agent: "s0", steps: [transfer, transfer],
                                                 priorityFee: 5, submittedAt: 1))
        let b = fixture.chain.submit(Transaction(sender: senders[1], agent: "s1",
                                                 steps: [transfer, walletTransfer, .requireBalance(asset: usdc, atLeast: 1)],
                                                 priorityFee: 1, submittedAt: 1))
        let c = fixture.chain.submit(fixture.pay(2, 0, usdc: 1, fee: 0))
        let gasPrice: UInt64 = 1_000_000_000
        var log: [StepRecord] = []
        let first = try fixture.chain.produceBlock(1, gasPrice: gasPrice, state: &fixture.state,
                                                   checkInvariants: true, recordSteps: false, log: &log)
        #expect(first.outcomes.map(\.id) == [a, c])
        #expect(first.gasUsed == 81_000 + 51_000)
        #expect(first.outcomes.map(\.gasPaid) == [81_000 * UInt128(gasPrice + 5), 51_000 * UInt128(gasPrice)])
        #expect(fixture.chain.mempool.map(\.id) == [b])
        let second = try fixture.chain.produceBlock(2, gasPrice: gasPrice, state: &fixture.state,
                                                    checkInvariants: true, recordSteps: false, log: &log)
        #expect(second.outcomes.map(\.id) == [b])
        #expect(second.gasUsed == 21_000 + 30_000 + 30_000 + 5_000)
        #expect(second.outcomes.map(\.gasPaid) == [86_000 * UInt128(gasPrice + 1)])
        #expect(fixture.chain.mempool.isEmpty)
    }
}
