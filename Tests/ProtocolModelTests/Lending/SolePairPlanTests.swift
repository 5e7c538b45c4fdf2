import GSL
import Testing
@testable import ProtocolModel

/// The liquidation step's plan reads a position that owes one asset against one collateral in a
/// two-asset market without the valuation's loop (``ProtocolState`` `quoteSolePair`): its outcome
/// must be the public quote's, which values the whole position, for either slot order and for
/// positions the short read leaves to the valuation.
@Suite("Lending: a sole pair's liquidation plan")
struct SolePairPlanTests {
    static let wad = LendingTestWorld.wad

    /// A market of USDC and ETH listed in `ethFirst` order, whose borrower deposits ETH, maybe
    /// USDC too (collateral when USDC has an LT), borrows USDC and maybe a little ETH; each price
    /// is guarded by a fallback that pauses the read beyond 5 %, and is sometimes that far off once
    /// the position is open.
    /// Returns the state, the market, the assets, the borrower, the liquidator and a requested
    /// repayment: draws from `stream`.
    static func randomMarket(_ stream: RandomStream, ethFirst: Bool) throws
        -> (state: ProtocolState, market: Int, usdc: AssetID, eth: AssetID, borrower: AccountID, liquidator: AccountID,
            requested: UInt128) {
        var state = ProtocolState()
        let usdc = state.addAsset(Asset(symbol: "USDC", decimals: 6))
        let eth = state.addAsset(Asset(symbol: "ETH", decimals: 18))
        let supplier = state.addAccount(named: "supplier"), borrower = state.addAccount(named: "borrower")
        let liquidator = state.addAccount(named: "liquidator"), insurance = state.addAccount(named: "insurance")
        func guardedSource(_ name: String, price: UInt128) -> PriceSource {
            let oracle = state.addOracle(name: name, unit: "USD", kind: .constant(price))
            let fallback = state.addOracle(name: name + "_fallback", unit: "USD", kind: .constant(price))
            return PriceSource(oracle: oracle, fallback: fallback, maxDeviation: 50_000_000_000_000_000, onDeviation: .pause)
        }
        let ethPrice = UInt128((500 + 3_000 * stream.uniform()) * 1e18)
        let usdcThreshold: UInt128 = stream.uniform() < 0.5 ? 0 : 900_000_000_000_000_000
        let ethConfig = MarketAssetConfig(asset: eth, price: guardedSource("eth", price: ethPrice),
                                          collateralFactor: 800_000_000_000_000_000, liquidationThreshold: 800_000_000_000_000_000,
                                          liquidationBonus: 80_000_000_000_000_000, borrowable: true, interest: .zero)
        let usdcConfig = MarketAssetConfig(asset: usdc, price: guardedSource("usd", price: wad),
                                           collateralFactor: usdcThreshold, liquidationThreshold: usdcThreshold,
                                           liquidationBonus: 80_000_000_000_000_000, borrowable: true, interest: .zero)
        let market = try state.addLendingMarket(name: "main", unit: "USD", mode: .cross, closeFactor: 500_000_000_000_000_000,
                                                insuranceFund: insurance,
                                                assets: ethFirst ? [ethConfig, usdcConfig] : [usdcConfig, ethConfig], timestamp: 0)
        try state.endow(usdc, amount: 10_000_000 * 1_000_000, to: supplier)
        try state.endow(eth, amount: 10_000 * wad, to: supplier)
        try state.endow(eth, amount: 1_000 * wad, to: borrower)
        try state.endow(usdc, amount: 100_000 * 1_000_000, to: borrower)
        try state.endow(usdc, amount: 10_000_000 * 1_000_000, to: liquidator)
        func run(_ sender: AccountID, _ steps: [Step]) {
            var log: [StepRecord] = []
            _ = state.runSteps(of: Transaction(sender: sender, agent: "test", steps: steps, submittedAt: 0),
                               context: ExecutionContext(block: 0, timestamp: 0, recordSteps: false), log: &log)
            state.commit()
        }
        run(supplier, [.deposit(market: market, asset: usdc, amount: .exact(10_000_000 * 1_000_000)),
                       .deposit(market: market, asset: eth, amount: .exact(10_000 * wad))])
        let ethAmount = 0.1 + 20 * stream.uniform()
        var steps: [Step] = [.deposit(market: market, asset: eth, amount: .exact(UInt128(ethAmount * 1e18)))]
        if stream.uniform() < 0.2 {
            steps.append(.deposit(market: market, asset: usdc, amount: .exact(UInt128(1e6 + 1e9 * stream.uniform()))))
        }
        let usdDebt = ethAmount * 0.8 * Double(ethPrice / wad) * (0.5 + 0.45 * stream.uniform())
        steps.append(.borrow(market: market, asset: usdc, amount: .exact(UInt128(usdDebt * 1e6))))
        if stream.uniform() < 0.2 { steps.append(.borrow(market: market, asset: eth, amount: .exact(UInt128(ethAmount * 1e16)))) }
        run(borrower, steps)
        // ETH then moves to a health between about 0.3 and 2.4; each fallback is then 50 % off
        // the price it guards with probability 0.15 (the read pauses).
        let moved = UInt128(Double(ethPrice) * (0.3 + 1.0 * stream.uniform()))
        state.oracles[ethConfig.price.oracle].kind = .constant(moved)
        for (source, price) in [(ethConfig.price, moved), (usdcConfig.price, wad)] {
            state.oracles[source.fallback!].kind = .constant(stream.uniform() < 0.15 ? price / 2 : price)
        }
        return (state, market, usdc, eth, borrower, liquidator, UInt128(usdDebt * (0.05 + stream.uniform()) * 1e6))
    }

    @Test("A liquidation's plan repays, seizes and reverts as the quote of the whole position, with and without detail, over 400 random markets of either slot order (seed 31)")
    func planMatchesQuote() throws {
        let stream = RandomStream(seed: 31)
        var executed = 0, reverted = 0, oracleReverts = 0, solePairsExecuted = [0, 0]
        for trial in 0..<400 {
            let label = "seed 31 trial \(trial)"
            let world = try Self.randomMarket(stream, ethFirst: trial % 2 == 0)
            let quote = Result { () throws(RevertReason) -> LiquidationQuote in
                try world.state.quoteLiquidation(market: world.market, borrower: world.borrower, debtAsset: world.usdc,
                                                 collateralAsset: world.eth, requested: world.requested, at: 12)
            }
            for detailed in [true, false] {
                var state = world.state
                var log: [StepRecord] = []
                let outcome = state.runSteps(
                    of: Transaction(sender: world.liquidator, agent: "test",
                                    steps: [.liquidate(market: world.market, borrower: world.borrower, debtAsset: world.usdc,
                                                       collateralAsset: world.eth, repay: .exact(world.requested))],
                                    submittedAt: 0),
                    context: ExecutionContext(block: 1, timestamp: 12, recordSteps: true, liquidationDetail: detailed), log: &log)
                switch quote {
                case .success(let quote):
                    #expect(outcome == .executed, "\(label)")
                    #expect(log.first?.amountIn == quote.repay && log.first?.amountOut == quote.seize, "\(label)")
                    #expect(log.first?.liquidation?.healthBefore == (detailed ? quote.healthBefore : nil), "\(label)")
                    if detailed {
                        executed += 1
                        if world.state.soleLiquidationPair(market: world.market, borrower: world.borrower) != nil {
                            solePairsExecuted[trial % 2] += 1
                        }
                    }
                case .failure(let reason):
                    #expect(outcome == .reverted(step: 0, reason: reason), "\(label)")
                    if detailed {
                        reverted += 1
                        if case .oracle = reason { oracleReverts += 1 }
                    }
                }
            }
        }
        let counts = "\(executed) executed (\(solePairsExecuted) sole pairs, ETH first and last), \(reverted) reverted"
        #expect(executed > 90 && reverted > 150 && oracleReverts > 60 && solePairsExecuted.allSatisfy { $0 > 30 }
                && executed - solePairsExecuted.reduce(0, +) > 15,
                "seed 31: \(counts), \(oracleReverts) on a read")
    }
}
