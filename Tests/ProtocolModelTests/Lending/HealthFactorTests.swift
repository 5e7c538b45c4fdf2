import GSL
import Testing
@testable import ProtocolModel

@Suite("Lending: health factor and liquidation amounts")
struct HealthFactorTests {
    typealias World = LendingTestWorld
    static let wad = World.wad

    @Test("3 ETH at 3,500 with LT 0.8 and 8,400 USDC debt has health exactly 1.000 and cannot be liquidated")
    func healthAtOne() throws {
        var world = try World()
        #expect(try world.openPosition(collateral: 3 * World.ethUnit, debt: 8_400 * World.usdcUnit))
        #expect(try world.state.health(market: world.market, account: world.borrower, at: 12) == Self.wad)
        let outcome = try world.run(world.liquidator, [.liquidate(market: world.market, borrower: world.borrower, debtAsset: world.usdc,
                                                                  collateralAsset: world.eth, repay: .exact(4_200 * World.usdcUnit))])
        #expect(outcome == .reverted(step: 0, reason: .lending(.notLiquidatable(health: Self.wad))))
        // The revert reason in events.csv reads the health as a number, and an account without debt as such.
        let assets = world.state.ledger.assets
        #expect(LendingError.notLiquidatable(health: Self.wad).text(assets: assets) == "health 1 is not below 1")
        #expect(LendingError.notLiquidatable(health: 1_006_155_601_290_614_048).text(assets: assets)
                == "health 1.006155601290614048 is not below 1")
        #expect(LendingError.notLiquidatable(health: .max).text(assets: assets) == "no debt: not liquidatable")
    }

    @Test("At 3,300 the health is 0.943 (7,920 / 8,400 rounded down to a wad)")
    func healthAtLowerPrice() throws {
        var world = try World()
        #expect(try world.openPosition(collateral: 3 * World.ethUnit, debt: 8_400 * World.usdcUnit))
        world.setEthPrice(wad: 3_300 * Self.wad)
        let values = try world.state.accountValues(market: world.market, account: world.borrower, at: 12)
        #expect(values.weightedCollateral == 7_920 * Self.wad)
        #expect(values.debt == 8_400 * Self.wad)
        #expect(values.health == 942_857_142_857_142_857)  // ⌊7920/8400 · 10^18⌋ ≈ 0.943
    }

    @Test("The entry points taking a position in hand value it as the account ones do; an account without one owes nothing, health max")
    func positionEntryPoints() throws {
        var world = try World(collateralFactor: 750_000_000_000_000_000)
        #expect(try world.openPosition(collateral: 3 * World.ethUnit, debt: 7_000 * World.usdcUnit))
        world.setEthPrice(wad: 3_300 * Self.wad)
        let position = try #require(world.state.position(market: world.market, account: world.borrower))
        #expect(world.state.position(market: world.market, account: world.liquidator) == nil)
        #expect(world.state.debt(of: position, market: world.market, slot: 0) == 7_000 * World.usdcUnit)
        #expect(world.state.supplied(of: position, market: world.market, slot: 1) == 3 * World.ethUnit)
        // 3 · 3,300 = 9,900: × 0.8 = 7,920 weighted, × 0.75 = 7,425 borrowing power; health ⌊7,920 / 7,000 · 10^18⌋.
        let expected = AccountValues(weightedCollateral: 7_920 * Self.wad, borrowingPower: 7_425 * Self.wad, debt: 7_000 * Self.wad)
        #expect(try world.state.accountValues(market: world.market, position: position, at: 12) == expected)
        #expect(try world.state.accountValues(market: world.market, account: world.borrower, at: 12) == expected)
        #expect(try world.state.health(market: world.market, account: world.borrower, at: 12) == 1_131_428_571_428_571_428)
        #expect(world.state.debt(market: world.market, slot: 0, account: world.liquidator) == 0)
        #expect(world.state.supplied(market: world.market, slot: 1, account: world.liquidator) == 0)
        #expect(try world.state.health(market: world.market, account: world.liquidator, at: 12) == .max)
    }

    @Test("Repaying 4,200 USDC with a 10 % bonus at 3,300 seizes exactly 1.4 ETH, and health rises to 4,224/4,200")
    func seizeExample() throws {
        var world = try World()
        #expect(try world.openPosition(collateral: 3 * World.ethUnit, debt: 8_400 * World.usdcUnit))
        world.setEthPrice(wad: 3_300 * Self.wad)
        let quote = try world.state.quoteLiquidation(market: world.market, borrower: world.borrower, debtAsset: world.usdc,
                                                     collateralAsset: world.eth, requested: 4_200 * World.usdcUnit, at: 12)
        #expect(quote == LiquidationQuote(repay: 4_200 * World.usdcUnit, seize: 1_400_000_000_000_000_000,
                                          healthBefore: 942_857_142_857_142_857, price: 3_300 * Self.wad))
        let liquidatorUSDC = world.state.ledger.balance(world.usdc, of: world.liquidator)
        let outcome = try world.run(world.liquidator, [.liquidate(market: world.market, borrower: world.borrower, debtAsset: world.usdc,
                                                                  collateralAsset: world.eth, repay: .exact(10_000 * World.usdcUnit))])
        #expect(outcome == .executed)
        // The request is clamped to close factor 0.5 × 8,400.
        #expect(world.state.ledger.balance(world.usdc, of: world.liquidator) == liquidatorUSDC - 4_200 * World.usdcUnit)
        #expect(world.state.ledger.balance(world.eth, of: world.liquidator) == 1_400_000_000_000_000_000)
        #expect(world.state.supplied(market: world.market, slot: 1, account: world.borrower) == 1_600_000_000_000_000_000)
        #expect(world.state.debt(market: world.market, slot: 0, account: world.borrower) == 4_200 * World.usdcUnit)
        // 1.6 · 3,300 · 0.8 / 4,200 = 4,224 / 4,200
        #expect(try world.state.health(market: world.market, account: world.borrower, at: 12) == 1_005_714_285_714_285_714)
        try world.state.checkAllInvariants()
    }

    @Test("Borrowing up to the collateral factor succeeds, one raw unit more reverts, and backing collateral cannot be withdrawn")
    func borrowLimits() throws {
        var world = try World(liquidationThreshold: 800_000_000_000_000_000, collateralFactor: 750_000_000_000_000_000)
        _ = try world.run(world.supplier, [.deposit(market: world.market, asset: world.usdc, amount: .exact(100_000 * World.usdcUnit))])
        _ = try world.run(world.borrower, [.deposit(market: world.market, asset: world.eth, amount: .exact(4 * World.ethUnit))])
        // Borrowing power 4 · 3,500 · 0.75 = 10,500.
        #expect(try world.state.evaluate(.maxBorrow(market: world.market, asset: world.usdc), sender: world.borrower, at: 12)
                == 10_500 * World.usdcUnit)
        let tooMuch = try world.run(world.borrower, [.borrow(market: world.market, asset: world.usdc, amount: .exact(10_500 * World.usdcUnit + 1))])
        let refused = RevertReason.lending(.insufficientCollateral(borrowingPower: 10_500 * Self.wad, debt: 10_500 * Self.wad + 1_000_000_000_000,
                                                                   unit: "USD"))
        #expect(tooMuch == .reverted(step: 0, reason: refused))
        // events.csv's reason: the wad values as decimals in the market's unit (10^12 / 10^18 = 0.000001).
        #expect(refused.text(assets: world.state.ledger.assets) == "lending: debt 10500.000001 USD would exceed borrowing power 10500 USD")
        #expect(try world.run(world.borrower, [.borrow(market: world.market, asset: world.usdc,
                                                       amount: .maxBorrow(market: world.market, asset: world.usdc))]) == .executed)
        #expect(world.state.ledger.balance(world.usdc, of: world.borrower) == 10_500 * World.usdcUnit)
        // Withdrawing any collateral now breaks the borrowing power.
        let withdraw = try world.run(world.borrower, [.withdraw(market: world.market, asset: world.eth, amount: .exact(1))])
        #expect(!withdraw.isExecuted)
        // ETH is not borrowable.
        #expect(try world.run(world.borrower, [.borrow(market: world.market, asset: world.eth, amount: .exact(1))])
                == .reverted(step: 0, reason: .lending(.notBorrowable("ETH"))))
    }

    @Test("A failing step rolls positions, totals and balances back exactly")
    func rollbackRestoresMarkets() throws {
        var world = try World()
        #expect(try world.openPosition(collateral: 3 * World.ethUnit, debt: 1_000 * World.usdcUnit))
        let before = world.state.markets[world.market]
        let ethBefore = world.state.ledger.balance(world.eth, of: world.borrower)
        let outcome = try world.run(world.borrower, [
            .deposit(market: world.market, asset: world.eth, amount: .exact(World.ethUnit)),
            .borrow(market: world.market, asset: world.usdc, amount: .exact(500 * World.usdcUnit)),
            .repay(market: world.market, asset: world.usdc, amount: .debt(market: world.market, asset: world.usdc)),
            .requireBalance(asset: world.usdc, atLeast: 1_000_000 * World.usdcUnit),
        ], at: 24)
        let check = RevertReason.balanceBelow(asset: world.usdc, balance: 0, minimum: 1_000_000 * World.usdcUnit)
        #expect(outcome == .reverted(step: 3, reason: check))
        #expect(check.text(assets: world.state.ledger.assets) == "check: balance 0 USDC < 1000000 USDC")
        #expect(world.state.markets[world.market].positions == before.positions)
        #expect(world.state.markets[world.market].reserves == before.reserves)
        #expect(world.state.ledger.balance(world.eth, of: world.borrower) == ethBefore)
    }

    @Test("An isolated market refuses a second collateral asset; a cross market accepts it")
    func isolatedMode() throws {
        for mode in [MarginMode.isolated, .cross] {
            var world = try World(mode: mode, usdcLiquidationThreshold: 850_000_000_000_000_000)
            try world.state.endow(world.usdc, amount: 1_000 * World.usdcUnit, to: world.borrower)
            let outcome = try world.run(world.borrower, [
                .deposit(market: world.market, asset: world.eth, amount: .exact(World.ethUnit)),
                .deposit(market: world.market, asset: world.usdc, amount: .exact(1_000 * World.usdcUnit)),
            ])
            if mode == .isolated {
                #expect(outcome == .reverted(step: 1, reason: .lending(.isolated("one collateral asset per account"))))
            } else {
                #expect(outcome == .executed)
                // 3,500 · 0.8 + 1,000 · 0.85
                #expect(try world.state.accountValues(market: world.market, account: world.borrower, at: 12).weightedCollateral
                        == 3_650 * Self.wad)
            }
        }
    }

    @Test("A paused price source blocks borrowing and liquidation, but not a debt-free withdrawal")
    func pausedOracle() throws {
        var world = try World(ethFallbackPrice: 3_500)
        #expect(try world.openPosition(collateral: 3 * World.ethUnit, debt: 8_400 * World.usdcUnit))
        world.setEthPrice(wad: 3_300 * Self.wad)  // 5.7 % below the fallback
        let paused = RevertReason.oracle(.paused(oracle: "eth"))
        #expect(try world.run(world.borrower, [.borrow(market: world.market, asset: world.usdc, amount: .exact(1))])
                == .reverted(step: 0, reason: paused))
        #expect(try world.run(world.liquidator, [.liquidate(market: world.market, borrower: world.borrower, debtAsset: world.usdc,
                                                             collateralAsset: world.eth, repay: .exact(World.usdcUnit))])
                == .reverted(step: 0, reason: paused))
        try world.state.endow(world.eth, amount: World.ethUnit, to: world.supplier)
        #expect(try world.run(world.supplier, [.deposit(market: world.market, asset: world.eth, amount: .exact(World.ethUnit)),
                                               .withdraw(market: world.market, asset: world.eth, amount: .exact(World.ethUnit))]) == .executed)
    }

    @Test("A token's value equals mulDiv(amount, price, 10^decimals) rounded down and up, or its error, over 40,000 random amounts, prices and decimals (seed 37)")
    func tokenValueMatchesMulDiv() {
        let stream = RandomStream(seed: 37)
        var state = ProtocolState()
        let assets = (0...38).map { state.addAsset(Asset(symbol: "T\($0)", decimals: $0)) }
        var outcomes = (fitting: 0, wide: 0, overflow: 0)
        for _ in 0..<40_000 {
            let decimals = stream.uniformInt(39)
            let amount = WideArithmeticTests.operand(stream) >> UInt128(stream.uniformInt(128))
            let price = WideArithmeticTests.operand(stream) >> UInt128(stream.uniformInt(128))
            for rounding in [Rounding.down, .up] {
                let expected = Result { () throws(ArithmeticError) in
                    try FixedPoint.mulDiv(amount, price, FixedPoint.powerOfTen(decimals), rounding: rounding)
                }
                let value = Result { () throws(ArithmeticError) in try state.tokenValue(amount, assets[decimals], price: price, rounding: rounding) }
                #expect(value == expected, "\(amount) × \(price) / 10^\(decimals), \(rounding)")
            }
            switch (amount.multipliedReportingOverflow(by: price).overflow,
                    Result { () throws(ArithmeticError) in try FixedPoint.mulDiv(amount, price, FixedPoint.powerOfTen(decimals), rounding: .down) }) {
            case (false, _): outcomes.fitting += 1
            case (true, .success): outcomes.wide += 1
            case (true, .failure): outcomes.overflow += 1
            }
        }
        #expect(outcomes.fitting > 5_000 && outcomes.wide > 2_000 && outcomes.overflow > 500, "seed 37: \(outcomes)")
    }
}
