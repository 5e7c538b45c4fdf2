import GSL
import Testing
@testable import ProtocolModel

/// The switchable defences on the minimal lending world: circuit breaker, per-block liquidation
/// cap and dynamic collateral factor. Prices are moved between seals and the defences observe
/// them through `observeDefences(at:)`, as a world does after each block.
@Suite("Lending: defences")
struct DefenceTests {
    typealias World = LendingTestWorld
    static let wad = World.wad
    static let usdc = World.usdcUnit

    /// 3 ETH at 3,500 against 8,000 USDC (health 1.05), with `defences` on.
    static func world(_ defences: MarketDefences, debt: UInt128 = 8_000) throws -> World {
        var world = try World(collateralFactor: 800_000_000_000_000_000)
        #expect(try world.openPosition(collateral: 3 * World.ethUnit, debt: debt * Self.usdc))
        try world.state.configureDefences(market: world.market, defences)
        return world
    }

    static func breaker(_ world: World, window: Int64 = 600) -> CircuitBreaker {
        CircuitBreaker(oracles: [world.ethOracle], threshold: 200_000_000_000_000_000, window: window, cooldown: 1_800,
                       pausesBorrow: true, pausesLiquidations: true)
    }

    func liquidate(_ world: inout World, _ amount: UInt128, at timestamp: Int64) throws -> TransactionOutcome {
        try world.run(world.liquidator, [.liquidate(market: world.market, borrower: world.borrower, debtAsset: world.usdc,
                                                     collateralAsset: world.eth, repay: .exact(amount * Self.usdc))], at: timestamp)
    }

    @Test("A 22 % flash crash trips the breaker: borrow and liquidate revert as paused; the rebound extends the pause without a second trip")
    func breakerPausesDuringFlashCrash() throws {
        var world = try Self.world(MarketDefences())
        try world.state.configureDefences(market: world.market, MarketDefences(circuitBreaker: Self.breaker(world)))
        world.state.observeDefences(at: 12)
        world.setEthPrice(wad: 2_730 * Self.wad)                 // −22 %: health 3 × 2,730 × 0.8 / 8,000 = 0.819
        world.state.observeDefences(at: 24)
        #expect(world.state.markets[world.market].defenceState.trips == 1)
        #expect(world.state.markets[world.market].defenceState.pausedUntil == 24 + 1_800)
        #expect(try liquidate(&world, 1_000, at: 36) == .reverted(step: 0, reason: .lending(.paused(action: "liquidate", until: 1_824))))
        let borrow = try world.run(world.borrower, [.borrow(market: world.market, asset: world.usdc, amount: .exact(Self.usdc))], at: 36)
        #expect(borrow == .reverted(step: 0, reason: .lending(.paused(action: "borrow", until: 1_824))))
        world.setEthPrice(wad: 3_500 * Self.wad)                 // +28 % from the low: extends the pause
        world.state.observeDefences(at: 48)
        #expect(world.state.markets[world.market].defenceState.trips == 1)
        #expect(world.state.markets[world.market].defenceState.pausedUntil == 48 + 1_800)
        // After the cool-down the crash is over: the borrower is healthy and never was liquidated.
        let after = try liquidate(&world, 1_000, at: 1_848)
        #expect(after == .reverted(step: 0, reason: .lending(.notLiquidatable(health: 1_050_000_000_000_000_000))))
        #expect(world.state.debt(market: world.market, slot: 0, account: world.borrower) == 8_000 * Self.usdc)
    }

    @Test("Without the breaker the same flash crash liquidates the borrower")
    func flashCrashWithoutBreaker() throws {
        var world = try Self.world(MarketDefences())
        world.setEthPrice(wad: 2_730 * Self.wad)
        #expect(try liquidate(&world, 1_000, at: 36) == .executed)
        #expect(world.state.debt(market: world.market, slot: 0, account: world.borrower) == 7_000 * Self.usdc)
    }

    @Test("A move of 0.4 % per block (18.2 % over the 600 s window) never trips; the same path trips a 1,200 s window")
    func breakerWindow() throws {
        for (window, expectedTrips) in [(Int64(600), 0), (Int64(1_200), 1)] {
            var world = try Self.world(MarketDefences())
            try world.state.configureDefences(market: world.market, MarketDefences(circuitBreaker: Self.breaker(world, window: window)))
            var price: Double = 3_500
            for block in 1...150 {
                world.setEthPrice(wad: UInt128(price * 1e18))
                world.state.observeDefences(at: Int64(12 * block))
                price *= 0.996
            }
            #expect(world.state.markets[world.market].defenceState.trips == expectedTrips, "window \(window)")
        }
    }

    @Test("A count cap of one: the second liquidation in a block reverts, the next block allows one; a reverted transaction frees its slot")
    func countCap() throws {
        var world = try Self.world(MarketDefences(), debt: 8_400)
        try world.state.configureDefences(market: world.market, MarketDefences(liquidationCap: LiquidationCap(value: nil, count: 1)))
        world.setEthPrice(wad: 3_300 * Self.wad)                 // health 0.943
        #expect(try liquidate(&world, 1_000, at: 12) == .executed)
        #expect(try liquidate(&world, 1_000, at: 12) == .reverted(step: 0, reason: .lending(.liquidationCapReached("1 liquidations per block"))))
        let failing = try world.run(world.liquidator, [
            .liquidate(market: world.market, borrower: world.borrower, debtAsset: world.usdc, collateralAsset: world.eth,
                       repay: .exact(1_000 * Self.usdc)),
            .requireBalance(asset: world.eth, atLeast: 1_000 * World.ethUnit),
        ], at: 24)
        #expect(failing != .executed)
        #expect(try liquidate(&world, 1_000, at: 24) == .executed)
        #expect(world.state.debt(market: world.market, slot: 0, account: world.borrower) == 6_400 * Self.usdc)
    }

    @Test("A per-account cap of one: a second liquidation of the account in the block reverts; a reverted one leaves the tallies as they were")
    func perAccountCap() throws {
        var world = try Self.world(MarketDefences(), debt: 8_400)
        try world.state.configureDefences(market: world.market,
                                          MarketDefences(liquidationCap: LiquidationCap(value: nil, count: nil, perAccount: 1)))
        world.setEthPrice(wad: 3_300 * Self.wad)                 // health 0.943
        let failing: [Step] = [
            .liquidate(market: world.market, borrower: world.borrower, debtAsset: world.usdc, collateralAsset: world.eth,
                       repay: .exact(1_000 * Self.usdc)),
            .requireBalance(asset: world.eth, atLeast: 1_000 * World.ethUnit),
        ]
        let fresh = world.state.markets[world.market].defenceState.capUsage
        #expect(try world.run(world.liquidator, failing, at: 12) != .executed)
        #expect(world.state.markets[world.market].defenceState.capUsage == fresh)
        #expect(try liquidate(&world, 1_000, at: 12) == .executed)
        let tallied = world.state.markets[world.market].defenceState.capUsage
        #expect(tallied.count == 1 && tallied.perAccount == [world.borrower: 1])
        #expect(try world.run(world.liquidator, failing, at: 12) != .executed)
        #expect(world.state.markets[world.market].defenceState.capUsage == tallied)
        #expect(try liquidate(&world, 1_000, at: 12) == .reverted(step: 0, reason: .lending(.liquidationCapReached(
            "1 liquidations of one account per block"))))
        #expect(try liquidate(&world, 1_000, at: 24) == .executed)
        #expect(world.state.markets[world.market].defenceState.capUsage.perAccount == [world.borrower: 1])
    }

    @Test("A value cap of 1,500 USD per block: 1,000 then 600 reverts, then 500 fits exactly")
    func valueCap() throws {
        var world = try Self.world(MarketDefences(), debt: 8_400)
        try world.state.configureDefences(market: world.market,
                                          MarketDefences(liquidationCap: LiquidationCap(value: 1_500 * Self.wad, count: nil)))
        world.setEthPrice(wad: 3_300 * Self.wad)
        #expect(try liquidate(&world, 1_000, at: 12) == .executed)
        let capped = RevertReason.lending(.liquidationValueCapReached(value: 1_600 * Self.wad, limit: 1_500 * Self.wad, unit: "USD"))
        #expect(try liquidate(&world, 600, at: 12) == .reverted(step: 0, reason: capped))
        #expect(capped.text(assets: world.state.ledger.assets) == "lending: liquidation cap reached: value 1600 USD > 1500 USD per block")
        #expect(try liquidate(&world, 500, at: 12) == .executed)
        #expect(try liquidate(&world, 600, at: 24) == .executed)
    }

    @Test("One 10 % jump with a 1 h half-life gives realised vol 7.4226/yr; target 5 scales CF and LT by 0.673623 and max borrow falls from 18,875 to 9,450.857 USDC")
    func dynamicCollateralFactor() throws {
        var world = try World(collateralFactor: 750_000_000_000_000_000)
        #expect(try world.openPosition(collateral: 10 * World.ethUnit, debt: 10_000 * Self.usdc))
        try world.state.configureDefences(market: world.market, MarketDefences(
            dynamicCollateral: DynamicCollateralFactor(halflife: 3_600, targetVolatility: 5, minFactor: 0.5)))
        world.state.observeDefences(at: 12)
        world.setEthPrice(wad: 3_850 * Self.wad)
        let before = try world.state.maxBorrow(market: world.market, asset: world.usdc, account: world.borrower, at: 24)
        #expect(before == 18_875 * Self.usdc)                    // 10 × 3,850 × 0.75 − 10,000
        world.state.observeDefences(at: 24)
        // mpmath: r = ln 1.1, λ = 2^(−12/3600), v = (1−λ) r², σ = √(v · 31,536,000 / 12) = 7.42255223284192956…
        let scale = Double(world.state.markets[world.market].defenceState.collateralScale[1]) / 1e18
        #expect(abs(scale - 0.67362274365371648012) < 1e-12)
        let after = try world.state.maxBorrow(market: world.market, asset: world.usdc, account: world.borrower, at: 24)
        #expect(abs(Double(after) / 1e6 - 9_450.856723001063) < 1e-6)
        // The factor is a floor: a calm stretch lifts it back towards 1, never above.
        for block in 3...2_000 { world.state.observeDefences(at: Int64(12 * block)) }
        let calm = world.state.markets[world.market].defenceState.collateralScale[1]
        #expect(calm > 990_000_000_000_000_000 && calm <= Self.wad)
    }

    @Test("Under a dynamic scale the index lists an account whose configured health is above 1 but whose health in force is below: 3 ETH at 3,450 against 8,000 USDC, 1.035 configured, scale 0.714")
    func indexSeesScaledHealth() throws {
        var world = try Self.world(MarketDefences(
            dynamicCollateral: DynamicCollateralFactor(halflife: 3_600, targetVolatility: 0.8, minFactor: 0.5)))
        world.state.observeDefences(at: 12)
        world.setEthPrice(wad: 3_450 * Self.wad)                 // configured: 3 × 3,450 × 0.8 / 8,000 = 1.035
        world.state.observeDefences(at: 24)
        // r = ln(3,450/3,500), v = (1 − 2^(−12/3600)) r², σ = √(v · 31,536,000 / 12) ≈ 1.12056, scale = 0.8 / σ ≈ 0.71393
        let scale = Double(world.state.markets[world.market].defenceState.collateralScale[1]) / 1e18
        #expect(abs(scale - 0.7139262082628447) < 1e-9)
        let health = try world.state.health(market: world.market, account: world.borrower, at: 24)
        #expect(abs(Double(health) / 1e18 - 1.035 * scale) < 1e-9)
        #expect(world.state.accountsBelowHealth(Self.wad, market: world.market, at: 24) == [world.borrower])
        #expect(world.state.accountsAndHealthBelow(Self.wad, market: world.market, at: 24).health == [health])
        // Above the account's health in force it is still listed; at it, not.
        #expect(world.state.accountsBelowHealth(health + 1, market: world.market, at: 24) == [world.borrower])
        #expect(world.state.accountsBelowHealth(health, market: world.market, at: 24).isEmpty)
        #expect(try liquidate(&world, 1_000, at: 36) == .executed)
    }

    @Test("A huge move clamps the scale at min_factor; USDC (LT 0) keeps no scale")
    func dynamicClamp() throws {
        var world = try World()
        try world.state.configureDefences(market: world.market, MarketDefences(
            dynamicCollateral: DynamicCollateralFactor(halflife: 3_600, targetVolatility: 0.8, minFactor: 0.5)))
        world.state.observeDefences(at: 12)
        world.setEthPrice(wad: 1_750 * Self.wad)
        world.state.observeDefences(at: 24)
        #expect(world.state.markets[world.market].defenceState.collateralScale == [Self.wad, Self.wad / 2])
        #expect(world.state.effectiveFactors(market: world.market, slot: 1) == (collateralFactor: Self.wad * 4 / 10, liquidationThreshold: Self.wad * 4 / 10))
    }

    @Test("Bad configurations are refused: unknown oracle, threshold 1, empty cap, min factor 0")
    func configurationErrors() throws {
        var world = try World()
        let market = world.market
        #expect(throws: LendingConfigurationError.self) {
            try world.state.configureDefences(market: market, MarketDefences(circuitBreaker: CircuitBreaker(
                oracles: [99], threshold: Self.wad / 5, window: 600, cooldown: 0, pausesBorrow: true, pausesLiquidations: true)))
        }
        #expect(throws: LendingConfigurationError.self) {
            try world.state.configureDefences(market: market, MarketDefences(circuitBreaker: CircuitBreaker(
                oracles: [0], threshold: Self.wad, window: 600, cooldown: 0, pausesBorrow: true, pausesLiquidations: true)))
        }
        #expect(throws: LendingConfigurationError.self) {
            try world.state.configureDefences(market: market, MarketDefences(liquidationCap: LiquidationCap(value: nil, count: nil)))
        }
        #expect(throws: LendingConfigurationError.self) {
            try world.state.configureDefences(market: market, MarketDefences(
                dynamicCollateral: DynamicCollateralFactor(halflife: 1, targetVolatility: 1, minFactor: 0)))
        }
    }

    @Test("The window's monotone deques give the same minimum and maximum as a scan of the window, over 2,000 random pushes (seed 11)")
    func windowExtremesAgainstScan() {
        let stream = RandomStream(seed: 11)
        var window = WindowExtremes()
        var pushed: [(time: Int64, value: UInt128)] = []
        var time: Int64 = 0
        for step in 0..<2_000 {
            time += Int64(stream.uniform() * 30)
            window.evict(before: time - 600)
            let live = pushed.filter { $0.time >= time - 600 }.map(\.value)
            #expect(window.minimum == live.min() && window.maximum == live.max(), "seed 11 step \(step)")
            let value = UInt128(stream.uniform() * 50)
            window.push(value, at: time)
            pushed.append((time, value))
        }
    }
}
