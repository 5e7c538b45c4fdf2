import Testing
@testable import ProtocolModel

@Suite("Swaps to a price, directed when they run")
struct SwapToPriceTests {
    /// The 1 ETH / 500 USDC pool (0.3 %) of ``BackRunProfitTests``, and a fixture with it.
    static func fixture() throws -> (ChainFixture, pool: Int) {
        var fixture = try ChainFixture()
        let pool = try fixture.state.addPool(name: "eth_usdc", token0: fixture.eth, token1: fixture.usdc,
                                             reserve0: 1_000_000_000_000_000_000, reserve1: 500_000_000, feePips: 3000,
                                             provider: fixture.senders[0], timestamp: 0)
        return (fixture, pool)
    }

    @Test("A back-run bundle sells ETH towards 400 and buys it towards 600, with the exact amounts of the directed back-runs; at the pool's price it is left out without gas",
          arguments: BackRunProfitTests.cases)
    func directedAsThePoolMustMove(_ trade: BackRunProfitTests.Case) throws {
        var (fixture, pool) = try Self.fixture()
        let sender = fixture.senders[1]
        let id = fixture.chain.submit(Transaction(sender: sender, agent: AgentTag("s1"),
                                                  steps: [.swapToPrice(pool: pool, price0: trade.price, minProfit: trade.profit - 1)],
                                                  closesBlock: true, submittedAt: 1))
        var log: [StepRecord] = []
        let receipt = try fixture.chain.produceBlock(1, gasPrice: 10, state: &fixture.state, checkInvariants: true,
                                                     recordSteps: true, log: &log)
        #expect(receipt.outcomes == [TransactionReceipt(id: id, sender: sender, outcome: .executed, gasPaid: 1_210_000)])
        let (input, output) = fixture.state.pools[pool].assets(zeroForOne: trade.zeroForOne)
        #expect(log.map(\.kind) == [.swap])
        #expect(log.first?.assetIn == input && log.first?.amountIn == trade.amountIn)
        #expect(log.first?.assetOut == output && log.first?.amountOut == trade.amountOut)
        // The pool is now at the price (within its fee): a second bundle finds nothing to do.
        let again = fixture.chain.submit(Transaction(sender: sender, agent: AgentTag("s1"),
                                                     steps: [.swapToPrice(pool: pool, price0: trade.price, minProfit: 0)],
                                                     closesBlock: true, submittedAt: 13))
        let ethBefore = fixture.state.ledger.balance(fixture.eth, of: sender)
        let second = try fixture.chain.produceBlock(2, gasPrice: 10, state: &fixture.state, checkInvariants: true,
                                                    recordSteps: true, log: &log)
        #expect(second.outcomes == [TransactionReceipt(id: again, sender: sender, outcome: .dropped, gasPaid: 0)])
        #expect(fixture.state.ledger.balance(fixture.eth, of: sender) == ethBefore)
    }

    @Test("Outside a block-closing bundle the step directs itself when it runs: the same trade")
    func inAnOrdinaryTransaction() throws {
        for trade in BackRunProfitTests.cases {
            var (fixture, pool) = try Self.fixture()
            fixture.chain.submit(Transaction(sender: fixture.senders[1], agent: AgentTag("s1"),
                                             steps: [.requireBalance(asset: fixture.usdc, atLeast: 0),
                                                     .swapToPrice(pool: pool, price0: trade.price, minProfit: 0)],
                                             submittedAt: 1))
            var log: [StepRecord] = []
            let receipt = try fixture.chain.produceBlock(1, gasPrice: 0, state: &fixture.state, checkInvariants: true,
                                                         recordSteps: true, log: &log)
            #expect(receipt.executed == 1)
            #expect(log.last?.amountIn == trade.amountIn && log.last?.amountOut == trade.amountOut)
        }
    }
}
