import GSL
import Testing
@testable import ProtocolModel

@Suite("Lending: liquidations, bad debt and interest")
struct LiquidationTests {
    typealias World = LendingTestWorld
    static let wad = World.wad

    @Test("A liquidation lowers health exactly when health < LT·(1 + bonus), over 300 random positions (seed 5)")
    func healthLoweredIffBelowThreshold() throws {
        let stream = RandomStream(seed: 5)
        var lowered = 0, raised = 0, short = 0
        for trial in 0..<300 {
            let ltFraction: Double = 0.5 + stream.uniform() * 0.45
            let bonusFraction: Double = 0.01 + stream.uniform() * 0.19
            let closeFraction: Double = 0.1 + stream.uniform() * 0.9
            let lt = UInt128(ltFraction * 1e18), bonus = UInt128(bonusFraction * 1e18)
            var world = try World(liquidationThreshold: lt, bonus: bonus, closeFactor: UInt128(closeFraction * 1e18))
            let ethAmount: Double = 0.1 + stream.uniform() * 20
            let collateral = UInt128(ethAmount * 1e18)
            // Borrow up to the limit at 3,500, then move the price to a target health in (0.3, 1).
            let usdAmount: Double = ethAmount * 3_500 * ltFraction * (0.5 + 0.5 * stream.uniform())
            let debt = UInt128(usdAmount * 1e6)
            #expect(try world.openPosition(collateral: collateral, debt: debt), "seed 5 trial \(trial)")
            let targetHealth: Double = 0.3 + 0.7 * stream.uniform()
            let price: Double = usdAmount * targetHealth / (ethAmount * ltFraction)
            world.setEthPrice(wad: UInt128(price * 1e18))
            let before = try world.state.health(market: world.market, account: world.borrower, at: 12)
            guard before < Self.wad else { continue }
            let requestedFraction: Double = 0.05 + stream.uniform()
            let requested = UInt128(usdAmount * requestedFraction * 1e6)
            let outcome = try world.run(world.liquidator, [.liquidate(market: world.market, borrower: world.borrower, debtAsset: world.usdc,
                                                                      collateralAsset: world.eth, repay: .exact(requested))])
            #expect(outcome == .executed, "seed 5 trial \(trial): \(outcome)")
            // When all collateral went, the rest of the debt is written off: the account is left
            // with nothing, which counts as health 0.
            let wentBad = world.state.markets[world.market].reserves[0].badDebt > 0
            let after = wentBad ? 0 : try world.state.health(market: world.market, account: world.borrower, at: 12)
            if wentBad { short += 1 }
            let threshold: Double = ltFraction * (1 + bonusFraction)
            let relative: Double = Double(before) / 1e18 / threshold - 1
            guard abs(relative) > 1e-9 else { continue }  // rounding decides within a hair of the threshold
            if relative < 0 {
                lowered += 1
                #expect(after < before, "seed 5 trial \(trial): health \(before) < LT(1+b) \(threshold) but rose to \(after)")
            } else {
                raised += 1
                #expect(after > before, "seed 5 trial \(trial): health \(before) > LT(1+b) \(threshold) but fell to \(after)")
            }
        }
        // Both directions (and the short-collateral branch) were exercised.
        #expect(lowered > 30 && raised > 30 && short > 5, "seed 5: lowered \(lowered) raised \(raised) short \(short)")
    }

    @Test("Short collateral: all of it is seized, the repayment shrinks, the insurance fund covers then suppliers absorb the rest")
    func badDebtCoveredThenSocialised() throws {
        var world = try World(ethPrice: 3_000, closeFactor: Self.wad)
        try world.state.endow(world.usdc, amount: 1_000 * World.usdcUnit, to: world.insurance)
        #expect(try world.openPosition(collateral: World.ethUnit, debt: 2_400 * World.usdcUnit))
        world.setEthPrice(wad: 1_000 * Self.wad)
        let liquidatorUSDC = world.state.ledger.balance(world.usdc, of: world.liquidator)
        let outcome = try world.run(world.liquidator, [.liquidate(market: world.market, borrower: world.borrower, debtAsset: world.usdc,
                                                                  collateralAsset: world.eth, repay: .exact(2_400 * World.usdcUnit))])
        #expect(outcome == .executed)
        // Seize 1 ETH; repay ⌈1,000 / 1.1⌉ = 909.090910 USDC.
        #expect(world.state.ledger.balance(world.eth, of: world.liquidator) == World.ethUnit)
        #expect(liquidatorUSDC - world.state.ledger.balance(world.usdc, of: world.liquidator) == 909_090_910)
        let reserve = world.state.markets[world.market].reserves[0]
        #expect(reserve.badDebt == 2_400_000_000 - 909_090_910)
        #expect(reserve.badDebtCovered == 1_000 * World.usdcUnit)
        #expect(reserve.badDebtSocialised == 490_909_090)
        #expect(world.state.ledger.balance(world.usdc, of: world.insurance) == 0)
        #expect(world.state.debt(market: world.market, slot: 0, account: world.borrower) == 0)
        // supplyIndex = ⌊10^18 · (100,000 − 490.90909) / 100,000⌋; the supplier lost exactly the socialised part.
        #expect(reserve.supplyIndex == 995_090_909_100_000_000)
        #expect(world.state.supplied(market: world.market, slot: 0, account: world.supplier) == 100_000 * World.usdcUnit - 490_909_090)
        // The market's cash backs every remaining claim: the supplier can withdraw it all.
        #expect(reserve.cash == 100_000 * World.usdcUnit - 490_909_090)
        #expect(try world.run(world.supplier, [.withdraw(market: world.market, asset: world.usdc,
                                                          amount: .exact(100_000 * World.usdcUnit - 490_909_090))]) == .executed)
        try world.state.checkAllInvariants()
    }

    @Test("Interest accrues per block on a kinked curve, at seal and at first touch, as computed by hand")
    func interestAccrual() throws {
        // base 2 %, slope1 10 %, slope2 100 %, kink 80 %: at 20 % utilisation the rate is 4.5 %/year.
        let model = InterestRateModel(base: 20_000_000_000_000_000, slope1: 100_000_000_000_000_000,
                                      slope2: Self.wad, kink: 800_000_000_000_000_000)
        #expect(try model.borrowRate(utilisation: 200_000_000_000_000_000) == 45_000_000_000_000_000)
        #expect(try model.borrowRate(utilisation: 900_000_000_000_000_000) == 620_000_000_000_000_000)  // 0.12 + 0.5
        var world = try World(usdcInterest: model)
        #expect(try world.openPosition(collateral: 10 * World.ethUnit, debt: 20_000 * World.usdcUnit))  // at t = 12
        world.state.seal(timestamp: 24)
        // growth = ⌈10^18 · 0.045 · 12 / (10^18 · 31,536,000)⌉ = 17,123,287,672 (Python integers)
        let reserve = world.state.markets[world.market].reserves[0]
        #expect(reserve.borrowIndex == 1_000_000_017_123_287_672)
        #expect(world.state.debt(market: world.market, slot: 0, account: world.borrower) == 20_000_000_343)
        // The interest 342 raw (debt rounded down) goes to the supplier: index + ⌊10^18 · 342 / 10^11⌋.
        #expect(reserve.supplyIndex == 1_000_000_003_420_000_000)
        #expect(world.state.supplied(market: world.market, slot: 0, account: world.supplier) == 100_000_000_342)
        // Second block: accrued at the first touch (a repay at t = 36), utilisation now 0.200000002735999990.
        try world.state.endow(world.usdc, amount: 1_000 * World.usdcUnit, to: world.borrower)
        #expect(try world.run(world.borrower, [.repay(market: world.market, asset: world.usdc,
                                                       amount: .debt(market: world.market, asset: world.usdc))], at: 36) == .executed)
        #expect(world.state.markets[world.market].reserves[0].borrowIndex == 1_000_000_034_246_575_767)
        #expect(world.state.ledger.balance(world.usdc, of: world.borrower) == 21_000 * World.usdcUnit - 20_000_000_685)
        #expect(world.state.debt(market: world.market, slot: 0, account: world.borrower) == 0)
        try world.state.checkAllInvariants()
    }

    /// A world whose borrower holds 0.1–20.1 ETH against debt at 50–100 % of its 3,500-USD
    /// borrowing limit, with ETH then moved so that its health is 0.3 + `healthSpan` × u (u
    /// uniform; the guarded price's fallback moved alike), and a repayment request of 5–105 % of
    /// the debt: four draws from `stream`.
    static func randomPosition(_ stream: RandomStream, guarded: Bool, healthSpan: Double, label: String) throws
        -> (world: World, requested: UInt128) {
        var world = try World(ethFallbackPrice: guarded ? 3_500 : nil)
        let ethAmount: Double = 0.1 + stream.uniform() * 20
        let usdAmount: Double = ethAmount * 3_500 * 0.8 * (0.5 + 0.5 * stream.uniform())
        #expect(try world.openPosition(collateral: UInt128(ethAmount * 1e18), debt: UInt128(usdAmount * 1e6)), "\(label)")
        let price = UInt128(usdAmount * (0.3 + healthSpan * stream.uniform()) / (ethAmount * 0.8) * 1e18)
        world.setEthPrice(wad: price)
        if let fallback = world.state.markets[world.market].assets[1].price.fallback {
            world.state.oracles[fallback].kind = .constant(price)
        }
        return (world, UInt128(usdAmount * (0.05 + stream.uniform()) * 1e6))
    }

    @Test("A liquidation's record holds the health and debt price read afresh after the step, with kept and guarded prices, over 200 random positions (seed 13)")
    func recordMatchesFreshReads() throws {
        let stream = RandomStream(seed: 13)
        var recorded = 0, guardedRecords = 0, leftWithoutDebt = 0
        for trial in 0..<200 {
            // A guarded ETH price (with a fallback) is read again for the record; an unguarded
            // constant one is kept from before the step's writes.
            let guarded = trial % 2 == 1
            let position = try Self.randomPosition(stream, guarded: guarded, healthSpan: 0.7, label: "seed 13 trial \(trial)")
            var world = position.world
            let requested = position.requested
            var log: [StepRecord] = []
            _ = world.state.runSteps(
                of: Transaction(sender: world.liquidator, agent: "test",
                                steps: [.liquidate(market: world.market, borrower: world.borrower, debtAsset: world.usdc,
                                                   collateralAsset: world.eth, repay: .exact(requested))],
                                submittedAt: 0),
                context: ExecutionContext(block: 1, timestamp: 12, recordSteps: true), log: &log)
            guard let record = log.first?.liquidation else { continue }
            recorded += 1
            if guarded { guardedRecords += 1 }
            let health = try world.state.health(market: world.market, account: world.borrower, at: 12)
            if health == .max { leftWithoutDebt += 1 }
            #expect(record.healthAfter == (health == .max ? nil : health), "seed 13 trial \(trial)")
            let debtPrice = try world.state.price(world.state.markets[world.market].assets[0].price, at: 12)
            #expect(record.debtPrice == debtPrice, "seed 13 trial \(trial)")
        }
        #expect(recorded > 150 && guardedRecords > 70 && leftWithoutDebt > 5,
                "seed 13: recorded \(recorded) guarded \(guardedRecords) without debt \(leftWithoutDebt)")
    }

    @Test("Without liquidation detail a liquidation writes the same state, or reverts alike, and records the same flows and price, with no health before or after and no debt price, over 200 random positions (seed 17)")
    func recordWithoutDetail() throws {
        let stream = RandomStream(seed: 17)
        var compared = 0
        for trial in 0..<200 {
            // Health from 0.3 to 1.2: some positions are not liquidatable, and revert naming their health.
            let (world, requested) = try Self.randomPosition(stream, guarded: trial % 2 == 1, healthSpan: 0.9,
                                                             label: "seed 17 trial \(trial)")
            let transaction = Transaction(sender: world.liquidator, agent: "test",
                                          steps: [.liquidate(market: world.market, borrower: world.borrower, debtAsset: world.usdc,
                                                             collateralAsset: world.eth, repay: .exact(requested))],
                                          submittedAt: 0)
            var detailed = world.state, plain = world.state
            var detailedLog: [StepRecord] = [], plainLog: [StepRecord] = []
            let detailedOutcome = detailed.runSteps(of: transaction, context: ExecutionContext(block: 1, timestamp: 12, recordSteps: true),
                                                    log: &detailedLog)
            let plainOutcome = plain.runSteps(
                of: transaction, context: ExecutionContext(block: 1, timestamp: 12, recordSteps: true, liquidationDetail: false),
                log: &plainLog)
            #expect(plainOutcome == detailedOutcome, "seed 17 trial \(trial)")
            #expect(LendingPositionsTests.balances(plain, market: world.market)
                    == LendingPositionsTests.balances(detailed, market: world.market), "seed 17 trial \(trial)")
            for account in [world.borrower, world.liquidator, world.insurance] {
                for asset in [world.usdc, world.eth] {
                    #expect(plain.ledger.balance(asset, of: account) == detailed.ledger.balance(asset, of: account), "seed 17 trial \(trial)")
                }
            }
            var expected = detailedLog
            if let record = expected.first?.liquidation {
                compared += 1
                expected[0].liquidation = LiquidationRecord(market: record.market, borrower: record.borrower, price: record.price,
                                                            healthBefore: nil, healthAfter: nil)
            }
            #expect(plainLog == expected, "seed 17 trial \(trial)")
        }
        #expect(compared > 120 && compared < 190, "seed 17: \(compared) liquidations compared")
    }
}
