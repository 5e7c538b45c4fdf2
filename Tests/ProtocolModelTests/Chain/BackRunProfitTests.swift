import Testing
@testable import ProtocolModel

@Suite("Back-runs with a minimum profit")
struct BackRunProfitTests {
    /// A back-run of the 1 ETH / 500 USDC pool (0.3 %) towards `price`, by one sender.
    struct Case: CustomTestStringConvertible, Sendable {
        let zeroForOne: Bool
        let price: Double
        /// What the trade to `price` sells and the pool's quote of it, raw.
        let amountIn: UInt128, amountOut: UInt128
        /// Its profit valued at `price`, raw USDC.
        let profit: UInt128
        var testDescription: String { zeroForOne ? "a sale of ETH towards 400" : "a purchase of ETH towards 600" }
    }

    /// Hand-computed in the pool's own terms (x = 1, y = 500, γ = 0.997; the input is the double
    /// formula of ``ConstantProductPool/arbitrage(towards:)`` floored to raw units, the output
    /// Uniswap v2's ⌊in·997,000·reserveOut / (reserveIn·10^6 + in·997,000)⌋):
    /// - towards 400: in = (√(γxy/400) − x)/γ = 0.116705795474729465… ETH → 116,705,795,474,729,465
    ///   raw; out = 52,114,070 raw USDC; the ETH is worth ⌈in·400/10^12⌉ = 46,682,319 raw USDC at
    ///   400 (⌈46,682,318.19⌉, rounded against the seller): profit 5,431,751.
    /// - towards 600: in = (√(γxy·600) − y)/γ = 47.041480998… USDC → 47,041,480 raw; out =
    ///   85,756,674,105,607,889 raw ETH, worth ⌊out·600/10^12⌋ = 51,454,004 raw USDC at 600:
    ///   profit 4,412,524.
    static let cases = [
        Case(zeroForOne: true, price: 400, amountIn: 116_705_795_474_729_465, amountOut: 52_114_070, profit: 5_431_751),
        Case(zeroForOne: false, price: 600, amountIn: 47_041_480, amountOut: 85_756_674_105_607_889, profit: 4_412_524),
    ]

    @Test("A back-run whose profit at its price is not above its minimum is left out without gas; one whose minimum is a unit lower executes with the exact amounts",
          arguments: cases)
    func minimumProfit(_ trade: Case) throws {
        var fixture = try ChainFixture()
        let pool = try fixture.state.addPool(name: "eth_usdc", token0: fixture.eth, token1: fixture.usdc,
                                             reserve0: 1_000_000_000_000_000_000, reserve1: 500_000_000, feePips: 3000,
                                             provider: fixture.senders[0], timestamp: 0)
        let senders = fixture.senders
        func backRun(_ sender: Int, minProfit: UInt128) -> Transaction {
            Transaction(sender: senders[sender], agent: AgentTag("s\(sender)"),
                        steps: [.swap(pool: pool, zeroForOne: trade.zeroForOne,
                                      amountIn: .toPrice(pool: pool, price0: trade.price, minProfit: minProfit, zeroForOne: trade.zeroForOne),
                                      minAmountOut: 0)],
                        closesBlock: true, submittedAt: 1)
        }
        let before = fixture.state.ledger
        let atProfit = fixture.chain.submit(backRun(1, minProfit: trade.profit))
        let belowProfit = fixture.chain.submit(backRun(2, minProfit: trade.profit - 1))
        var log: [StepRecord] = []
        let receipt = try fixture.chain.produceBlock(1, gasPrice: 10, state: &fixture.state, checkInvariants: true,
                                                     recordSteps: true, log: &log)
        #expect(receipt.outcomes == [TransactionReceipt(id: atProfit, sender: senders[1], outcome: .dropped, gasPaid: 0),
                                     TransactionReceipt(id: belowProfit, sender: senders[2], outcome: .executed, gasPaid: 1_210_000)])
        #expect(receipt.gasUsed == 121_000)
        // The first left everything as it was: the second traded on the untouched pool.
        for asset in [fixture.eth, fixture.usdc] {
            #expect(fixture.state.ledger.balance(asset, of: senders[1]) == before.balance(asset, of: senders[1]))
        }
        #expect(log.count == 1)
        #expect(log.first?.transaction == belowProfit)
        #expect(log.first?.amountIn == trade.amountIn && log.first?.amountOut == trade.amountOut)
        let (eth, usdc) = (fixture.state.pools[pool].pool.reserve0, fixture.state.pools[pool].pool.reserve1)
        if trade.zeroForOne {
            #expect(eth == 1_000_000_000_000_000_000 + trade.amountIn && usdc == 500_000_000 - trade.amountOut)
            #expect(fixture.state.ledger.balance(fixture.eth, of: senders[2]) == before.balance(fixture.eth, of: senders[2]) - trade.amountIn - 1_210_000)
        } else {
            #expect(eth == 1_000_000_000_000_000_000 - trade.amountOut && usdc == 500_000_000 + trade.amountIn)
            #expect(fixture.state.ledger.balance(fixture.usdc, of: senders[2]) == before.balance(fixture.usdc, of: senders[2]) - trade.amountIn)
        }
    }

    @Test("A minimum of 0 checks nothing; a back-run whose sender holds nothing of its input is left out before gas")
    func zeroMinimumAndEmptyBalance() throws {
        var fixture = try ChainFixture()
        let pool = try fixture.state.addPool(name: "eth_usdc", token0: fixture.eth, token1: fixture.usdc,
                                             reserve0: 1_000_000_000_000_000_000, reserve1: 500_000_000, feePips: 3000,
                                             provider: fixture.senders[0], timestamp: 0)
        // Sender 1 gives away its USDC: a purchase of ETH has nothing to spend.
        try fixture.state.ledger.transfer(fixture.usdc, amount: fixture.state.ledger.balance(fixture.usdc, of: fixture.senders[1]),
                                          from: fixture.senders[1], to: fixture.senders[0])
        let step = Step.swap(pool: pool, zeroForOne: false, amountIn: .toPrice(pool: pool, price0: 600, zeroForOne: false), minAmountOut: 0)
        // One memo for both checks of the unchanged state: the second is answered from it.
        var memo = ArbitrageMemo()
        #expect(withUnsafePointer(to: step) { fixture.state.toPriceSwapInput($0, sender: fixture.senders[1], memo: &memo) } == 0)
        #expect(withUnsafePointer(to: step) { fixture.state.toPriceSwapInput($0, sender: fixture.senders[2], memo: &memo) } == 47_041_480)
        #expect(try fixture.state.evaluate(.toPrice(pool: pool, price0: 600, zeroForOne: false), sender: fixture.senders[2], at: 12) == 47_041_480)
    }
}
