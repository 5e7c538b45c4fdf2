import Testing
@testable import ProtocolModel

/// A tiny world: ETH (native) and USDC, three senders, a fee recipient.
struct ChainFixture {
    var state = ProtocolState()
    let eth: AssetID, usdc: AssetID
    let senders: [AccountID]
    let builder: AccountID
    var chain: Chain

    init(blockGasLimit: UInt64 = 30_000_000) throws {
        eth = state.addAsset(Asset(symbol: "ETH", decimals: 18))
        usdc = state.addAsset(Asset(symbol: "USDC", decimals: 6))
        builder = state.addAccount(named: "builder")
        var accounts: [AccountID] = []
        for index in 0..<3 { accounts.append(state.addAccount(named: "s\(index)")) }
        senders = accounts
        for sender in accounts {
            try state.endow(eth, amount: 10 * 1_000_000_000_000_000_000, to: sender)
            try state.endow(usdc, amount: 1_000_000_000, to: sender)
        }
        chain = Chain(config: ChainConfig(blockTime: 12, blockGasLimit: blockGasLimit, gas: GasSchedule(),
                                          nativeAsset: eth, feeRecipient: builder))
    }

    func pay(_ from: Int, _ to: Int, usdc amount: UInt128, fee: UInt64 = 0, isPrivate: Bool = false, at time: Double = 1) -> Transaction {
        Transaction(sender: senders[from], agent: AgentTag("s\(from)"), steps: [.transfer(asset: usdc, amount: .exact(amount), to: senders[to])],
                    priorityFee: fee, isPrivate: isPrivate, submittedAt: time)
    }
}

@Suite("Blocks and gas")
struct ChainTests {
    @Test("A block orders private bundles first, then priority fee, then arrival")
    func ordering() throws {
        var fixture = try ChainFixture()
        let low = fixture.chain.submit(fixture.pay(0, 1, usdc: 1, fee: 1))
        let high = fixture.chain.submit(fixture.pay(1, 2, usdc: 1, fee: 5))
        let lowLater = fixture.chain.submit(fixture.pay(2, 0, usdc: 1, fee: 1))
        let bundle = fixture.chain.submit(fixture.pay(0, 2, usdc: 1, fee: 0, isPrivate: true))
        var log: [StepRecord] = []
        let receipt = try fixture.chain.produceBlock(1, gasPrice: 1_000_000_000, state: &fixture.state,
                                                     checkInvariants: true, recordSteps: true, log: &log)
        #expect(receipt.outcomes.map(\.id) == [bundle, high, low, lowLater])
        #expect(log.map(\.transaction) == [bundle, high, low, lowLater])
    }

    @Test("A block of more than 64 transactions, in an order unlike arrival, leaves exactly the waiting ones in the mempool, in arrival order, and the next block takes exactly them")
    func manyIncludedLeaveTheRest() throws {
        var fixture = try ChainFixture()
        // 150 transactions; every third arrives at the block's timestamp and waits. Fees fall
        // with arrival but repeat every 7, so block positions differ from mempool indices.
        var included: [Int] = [], waiting: [Int] = []
        for index in 0..<150 {
            let waits = index % 3 == 2
            let id = fixture.chain.submit(fixture.pay(index % 3, (index + 1) % 3, usdc: 1, fee: UInt64(7 - index % 7), at: waits ? 12 : 1))
            if waits { waiting.append(id) } else { included.append(id) }
        }
        var log: [StepRecord] = []
        let first = try fixture.chain.produceBlock(1, gasPrice: 0, state: &fixture.state, checkInvariants: true, recordSteps: false, log: &log)
        #expect(first.executed == 100 && Set(first.outcomes.map(\.id)) == Set(included))
        #expect(fixture.chain.mempool.map(\.id) == waiting)
        let second = try fixture.chain.produceBlock(2, gasPrice: 0, state: &fixture.state, checkInvariants: true, recordSteps: false, log: &log)
        #expect(second.executed == 50 && Set(second.outcomes.map(\.id)) == Set(waiting))
        #expect(fixture.chain.mempool.isEmpty)
    }

    @Test("Transactions submitted at or after the block's timestamp wait for the next block")
    func submissionTime() throws {
        var fixture = try ChainFixture()
        fixture.chain.submit(fixture.pay(0, 1, usdc: 1, at: 11.9))
        fixture.chain.submit(fixture.pay(0, 1, usdc: 1, at: 12))
        var log: [StepRecord] = []
        let first = try fixture.chain.produceBlock(1, gasPrice: 0, state: &fixture.state, checkInvariants: true, recordSteps: false, log: &log)
        #expect(first.executed == 1)
        let second = try fixture.chain.produceBlock(2, gasPrice: 0, state: &fixture.state, checkInvariants: true, recordSteps: false, log: &log)
        #expect(second.executed == 1)
        #expect(fixture.chain.mempool.isEmpty)
    }

    @Test("The gas limit caps a block and the rest waits in the mempool")
    func gasLimit() throws {
        // A transfer transaction costs 21,000 + 30,000 = 51,000 gas: three fit in 160,000.
        var fixture = try ChainFixture(blockGasLimit: 160_000)
        for index in 0..<5 { fixture.chain.submit(fixture.pay(index % 3, (index + 1) % 3, usdc: 1)) }
        var log: [StepRecord] = []
        let first = try fixture.chain.produceBlock(1, gasPrice: 0, state: &fixture.state, checkInvariants: true, recordSteps: false, log: &log)
        #expect(first.executed == 3)
        #expect(first.gasUsed == 153_000)
        #expect(fixture.chain.mempool.count == 2)
        let second = try fixture.chain.produceBlock(2, gasPrice: 0, state: &fixture.state, checkInvariants: true, recordSteps: false, log: &log)
        #expect(second.executed == 2)
    }

    @Test("A reused two-step list holds the steps handed in, and a waiting transaction keeps its own")
    func reusedTwoStepLists() throws {
        // A two-transfer transaction costs 21,000 + 2 × 30,000 = 81,000 gas: one fits in 100,000.
        var fixture = try ChainFixture(blockGasLimit: 100_000)
        let usdc = fixture.usdc, payer = fixture.senders[0], payee = fixture.senders[1]
        func transfer(_ amount: UInt128) -> Step { .transfer(asset: usdc, amount: .exact(amount), to: payee) }
        let before = fixture.state.ledger.balance(usdc, of: payee)
        for amount: UInt128 in [1, 2] {
            let steps = fixture.chain.twoSteps(transfer(amount), transfer(amount))
            fixture.chain.submit(Transaction(sender: payer, agent: "s0", steps: steps, priorityFee: 0, submittedAt: 1))
        }
        var log: [StepRecord] = []
        let first = try fixture.chain.produceBlock(1, gasPrice: 0, state: &fixture.state, checkInvariants: true, recordSteps: false, log: &log)
        #expect(first.executed == 1)
        let reused = fixture.chain.twoSteps(transfer(3), transfer(4))
        #expect(reused == [transfer(3), transfer(4)])
        #expect(fixture.chain.mempool.map(\.steps) == [[transfer(2), transfer(2)]])
        fixture.chain.submit(Transaction(sender: payer, agent: "s0", steps: reused, priorityFee: 0, submittedAt: 13))
        for number in 2...3 {
            let receipt = try fixture.chain.produceBlock(number, gasPrice: 0, state: &fixture.state, checkInvariants: true,
                                                         recordSteps: false, log: &log)
            #expect(receipt.executed == 1)
        }
        #expect(fixture.state.ledger.balance(usdc, of: payee) == before + 1 + 1 + 2 + 2 + 3 + 4)
    }

    @Test("Reused lists that held wallet calls hold the steps handed in, and a wallet call handed in is kept whole")
    func reusedWalletCallLists() throws {
        // The lists' old steps are written over without a destroy unless they are wallet calls:
        // every other step's payload is plain data.
        #expect(_isPOD(Amount.self) && _isPOD(AssetID.self) && _isPOD(AccountID.self))
        var fixture = try ChainFixture()
        let usdc = fixture.usdc, payer = fixture.senders[0], payee = fixture.senders[1], wallet = fixture.senders[2]
        func transfer(_ amount: UInt128) -> Step { .transfer(asset: usdc, amount: .exact(amount), to: payee) }
        func walletCall(_ amount: UInt128) -> Step { .walletCall(wallet: wallet, step: transfer(amount)) }
        // Not the wallet's owner: both revert, and their lists leave the mempool for reuse.
        fixture.chain.submit(Transaction(sender: payer, agent: "s0", steps: fixture.chain.oneStep(walletCall(1)), submittedAt: 1))
        fixture.chain.submit(Transaction(sender: payer, agent: "s0", steps: fixture.chain.twoSteps(walletCall(2), walletCall(3)), submittedAt: 1))
        var log: [StepRecord] = []
        let first = try fixture.chain.produceBlock(1, gasPrice: 0, state: &fixture.state, checkInvariants: true, recordSteps: false, log: &log)
        #expect(first.reverted == 2)
        let one = fixture.chain.oneStep(walletCall(4)), two = fixture.chain.twoSteps(transfer(5), walletCall(6))
        #expect(one == [walletCall(4)])
        #expect(two == [transfer(5), walletCall(6)])
        // Reused again: the wallet calls written over are destroyed, the lists hold the new steps.
        fixture.chain.submit(Transaction(sender: payer, agent: "s0", steps: one, submittedAt: 13))
        fixture.chain.submit(Transaction(sender: payer, agent: "s0", steps: two, submittedAt: 13))
        _ = try fixture.chain.produceBlock(2, gasPrice: 0, state: &fixture.state, checkInvariants: true, recordSteps: false, log: &log)
        #expect(fixture.chain.oneStep(transfer(7)) == [transfer(7)])
        #expect(fixture.chain.twoSteps(transfer(8), transfer(9)) == [transfer(8), transfer(9)])
    }

    @Test("A reverted transaction leaves the state identical except the gas it paid")
    func revertPaysGasOnly() throws {
        var fixture = try ChainFixture()
        let before = fixture.state
        let gasPrice: UInt64 = 30_000_000_000, priority: UInt64 = 2_000_000_000
        // Moves USDC, then fails a guard: the transfer must be undone.
        let transaction = Transaction(sender: fixture.senders[0], agent: "s0",
                                      steps: [.transfer(asset: fixture.usdc, amount: .exact(500), to: fixture.senders[1]),
                                              .requireBalance(asset: fixture.usdc, atLeast: 1_000_000_000)],
                                      priorityFee: priority, submittedAt: 1)
        fixture.chain.submit(transaction)
        var log: [StepRecord] = []
        let receipt = try fixture.chain.produceBlock(1, gasPrice: gasPrice, state: &fixture.state, checkInvariants: true, recordSteps: true, log: &log)
        guard case .reverted(let step, _) = receipt.outcomes[0].outcome else {
            Issue.record("expected a revert, got \(receipt.outcomes[0].outcome)")
            return
        }
        #expect(step == 1)
        let gas = UInt128(21_000 + 30_000 + 5_000) * UInt128(gasPrice + priority)
        #expect(receipt.outcomes[0].gasPaid == gas)
        for asset in [fixture.eth, fixture.usdc] {
            for account in 0..<fixture.state.ledger.accountCount {
                let id = AccountID(account)
                var expected = before.ledger.balance(asset, of: id)
                if asset == fixture.eth && id == fixture.senders[0] { expected -= gas }
                if asset == fixture.eth && id == fixture.builder { expected += gas }
                #expect(fixture.state.ledger.balance(asset, of: id) == expected)
            }
            #expect(fixture.state.ledger.supply[asset.index] == before.ledger.supply[asset.index])
        }
        // Both steps are logged as reverted, the failing one with its reason.
        #expect(log.count == 2)
        #expect(log.allSatisfy { !$0.executed })
        #expect(log[1].reason(assets: fixture.state.ledger.assets)?.hasPrefix("check: balance ") == true)
    }

    @Test("A sender that cannot pay gas is dropped and nothing changes")
    func dropped() throws {
        var fixture = try ChainFixture()
        let poor = fixture.state.addAccount(named: "poor")
        let before = fixture.state.ledger
        fixture.chain.submit(Transaction(sender: poor, agent: "poor", steps: [], submittedAt: 1))
        var log: [StepRecord] = []
        let receipt = try fixture.chain.produceBlock(1, gasPrice: 1, state: &fixture.state, checkInvariants: true, recordSteps: true, log: &log)
        #expect(receipt.dropped == 1)
        #expect(receipt.gasUsed == 0)
        for account in 0..<before.accountCount {
            #expect(fixture.state.ledger.balance(fixture.eth, of: AccountID(account)) == before.balance(fixture.eth, of: AccountID(account)))
        }
    }
}
