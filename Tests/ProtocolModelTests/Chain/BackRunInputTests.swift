import Testing
@testable import ProtocolModel

@Suite("Back-run inputs computed once")
struct BackRunInputTests {
    /// The block builder hands a back-run's swap the input its check computed when the gas
    /// payment left it the same; the swap evaluating its `toPrice` amount after the gas payment
    /// is the reference. The sender's balance of the input is drawn around the trade (plus the
    /// gas when the input is ETH), so the gas often leaves less than the check saw.
    @Test("A block-closing back-run trades, or is left out, exactly as when its amount is evaluated after its gas payment",
          arguments: [1, 2, 3] as [UInt64])
    func sameAsEvaluatedAfterGas(seed: UInt64) throws {
        var random = SplitMix64(state: seed)
        let wei: UInt128 = 1_000_000_000_000_000_000
        // How often each case came up: left out, executed with the check's input, executed after
        // the gas payment cut the sender's balance below it.
        var (dropped, reused, cut) = (0, 0, 0)
        for _ in 0..<60 {
            var fixture = try ChainFixture()
            let (eth, usdc, sender, builder) = (fixture.eth, fixture.usdc, fixture.senders[1], fixture.builder)
            let reserve0 = UInt128.random(in: wei...(20 * wei), using: &random)
            let reserve1 = UInt128.random(in: 100_000_000...50_000_000_000, using: &random)
            try fixture.state.endow(eth, amount: reserve0, to: fixture.senders[0])
            try fixture.state.endow(usdc, amount: reserve1, to: fixture.senders[0])
            let pool = try fixture.state.addPool(name: "eth_usdc", token0: eth, token1: usdc, reserve0: reserve0, reserve1: reserve1,
                                                 feePips: 3000, provider: fixture.senders[0], timestamp: 0)
            let spot = Double(reserve1) / 1e6 / (Double(reserve0) / 1e18)
            let price = spot * Double.random(in: 0.6...1.4, using: &random)
            let minProfit: UInt128 = Bool.random(using: &random) ? 0 : UInt128.random(in: 0...2_000_000, using: &random)
            let gasPrice = UInt64.random(in: 0...2_000_000_000_000, using: &random)
            let fee = UInt128(GasSchedule().base + GasSchedule().swap) * UInt128(gasPrice)
            guard let trade = fixture.state.pools[pool].pool.arbitrage(towards: price) else { continue }
            let zeroForOne = Bool.random(using: &random) ? trade.zeroForOne : !trade.zeroForOne
            let input = zeroForOne ? eth : usdc
            // The sender's balance of the input: around the trade, plus the gas when paid in it.
            let around = trade.amountIn + (input == eth ? fee : 0)
            let target = UInt128.random(in: (around / 2)...(around + around / 2 + 1), using: &random)
            let held = fixture.state.ledger.balance(input, of: sender)
            if target < held {
                try fixture.state.ledger.transfer(input, amount: held - target, from: sender, to: fixture.senders[0])
            } else if target > held {
                try fixture.state.endow(input, amount: target - held, to: sender)
            }
            let backRun = Transaction(sender: sender, agent: "s1",
                                      steps: [.swap(pool: pool, zeroForOne: zeroForOne,
                                                    amountIn: .toPrice(pool: pool, price0: price, minProfit: minProfit, zeroForOne: zeroForOne),
                                                    minAmountOut: 0)],
                                      closesBlock: true, submittedAt: 1)

            // The reference: checked before the gas, evaluated again after it.
            var reference = fixture.state
            var referenceLog: [StepRecord] = []
            var executed = false
            let start = reference.checkpoint()
            // Left out when there is nothing to trade, or when the sender cannot pay the gas.
            let checked = try reference.evaluate(backRun.steps[0].toPriceAmount!, sender: sender, at: 12)
            if checked > 0, (try? reference.ledger.transfer(eth, amount: fee, from: sender, to: builder)) != nil {
                var transaction = backRun
                transaction.id = 1
                executed = reference.runSteps(of: transaction, context: ExecutionContext(block: 1, timestamp: 12, recordSteps: true),
                                              log: &referenceLog).isExecuted
                if executed { reference.commit() } else { reference.rollback(to: start); referenceLog = [] }
            }
            if !executed { dropped += 1 } else if checked > reference.ledger.balance(input, of: sender) + (referenceLog.first?.amountIn ?? 0) {
                cut += 1
            } else {
                reused += 1
            }

            fixture.chain.submit(backRun)
            var log: [StepRecord] = []
            let receipt = try fixture.chain.produceBlock(1, gasPrice: gasPrice, state: &fixture.state, checkInvariants: true,
                                                         recordSteps: true, log: &log)
            #expect(receipt.outcomes.map(\.outcome) == [executed ? .executed : .dropped])
            #expect(log == referenceLog)
            for account in [sender, builder, fixture.state.pools[pool].account] {
                for asset in [eth, usdc] {
                    #expect(fixture.state.ledger.balance(asset, of: account) == reference.ledger.balance(asset, of: account))
                }
            }
            #expect(fixture.state.pools[pool].pool.reserve0 == reference.pools[pool].pool.reserve0)
            #expect(fixture.state.pools[pool].pool.reserve1 == reference.pools[pool].pool.reserve1)
        }
        #expect(dropped > 0 && reused > 0 && cut > 0)
    }
}

private extension Step {
    /// The amount of a swap step.
    var toPriceAmount: Amount? {
        if case .swap(_, _, let amount, _) = self { return amount }
        return nil
    }
}
