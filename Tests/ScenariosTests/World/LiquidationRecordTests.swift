import Testing
@testable import ProtocolModel
@testable import Scenarios

/// The liquidation record a recorded step carries (liquidations.csv), on a hand-built market:
/// USDC (6 decimals) and ETH (18), ETH LT 0.8, bonus 10 %, close factor 0.5, constant oracles
/// moved by corrupting them between transactions.
@Suite("Liquidation records")
struct LiquidationRecordTests {
    static let wad: UInt128 = 1_000_000_000_000_000_000

    struct Market {
        var state = ProtocolState()
        let usdc: AssetID, eth: AssetID
        let supplier: AccountID, borrower: AccountID, liquidator: AccountID
        let ethOracle: Int
        var market = 0

        /// 3 ETH deposited, 8,400 USDC borrowed at ETH = 3,500 (health 1.0).
        init() throws {
            usdc = state.addAsset(Asset(symbol: "USDC", decimals: 6))
            eth = state.addAsset(Asset(symbol: "ETH", decimals: 18))
            supplier = state.addAccount(named: "supplier")
            borrower = state.addAccount(named: "borrower")
            liquidator = state.addAccount(named: "liquidator")
            let insurance = state.addAccount(named: "insurance")
            let usdOracle = state.addOracle(name: "usd", unit: "USD", kind: .constant(LiquidationRecordTests.wad))
            ethOracle = state.addOracle(name: "eth", unit: "USD", kind: .constant(3_500 * LiquidationRecordTests.wad))
            let ethConfig = MarketAssetConfig(asset: eth, price: PriceSource(oracle: ethOracle), collateralFactor: 800_000_000_000_000_000,
                                              liquidationThreshold: 800_000_000_000_000_000, liquidationBonus: 100_000_000_000_000_000,
                                              borrowable: false, interest: .zero)
            let usdcConfig = MarketAssetConfig(asset: usdc, price: PriceSource(oracle: usdOracle), collateralFactor: 0,
                                               liquidationThreshold: 0, liquidationBonus: 0, borrowable: true, interest: .zero)
            market = try state.addLendingMarket(name: "main", unit: "USD", mode: .cross, closeFactor: 500_000_000_000_000_000,
                                                insuranceFund: insurance, assets: [usdcConfig, ethConfig], timestamp: 0)
            try state.endow(usdc, amount: 100_000_000_000, to: supplier)
            try state.endow(eth, amount: 3 * LiquidationRecordTests.wad, to: borrower)
            try state.endow(usdc, amount: 1_000_000_000_000, to: liquidator)
            #expect(run(supplier, [.deposit(market: market, asset: usdc, amount: .exact(100_000_000_000))]).executed)
            #expect(run(borrower, [.deposit(market: market, asset: eth, amount: .exact(3 * LiquidationRecordTests.wad)),
                                   .borrow(market: market, asset: usdc, amount: .exact(8_400_000_000))]).executed)
        }

        /// Runs `steps` as one recorded transaction at timestamp 12 and commits; returns the
        /// last step's record.
        mutating func run(_ sender: AccountID, _ steps: [Step]) -> StepRecord {
            var log: [StepRecord] = []
            _ = state.runSteps(of: Transaction(sender: sender, agent: "test", steps: steps, submittedAt: 0),
                               context: ExecutionContext(block: 1, timestamp: 12, recordSteps: true), log: &log)
            state.commit()
            return log[0]
        }

        mutating func liquidate(repay: UInt128, then extra: [Step] = []) -> StepRecord {
            run(liquidator, [.liquidate(market: market, borrower: borrower, debtAsset: usdc, collateralAsset: eth,
                                        repay: .exact(repay))] + extra)
        }
    }

    @Test("At 3,300 (health 0.943 > LT(1+b) = 0.88) repaying 4,200 seizes 1.4 ETH and health rises to 4,224/4,200")
    func healthRisesAboveThreshold() throws {
        var world = try Market()
        world.state.corruptOracle(world.ethOracle, answer: 3_300 * Self.wad)
        let record = world.liquidate(repay: 4_200_000_000)
        #expect(record.executed && record.amountIn == 4_200_000_000 && record.amountOut == 1_400_000_000_000_000_000)
        let detail = try #require(record.liquidation)
        #expect(detail.market == world.market && detail.borrower == world.borrower && detail.price == 3_300 * Self.wad)
        #expect(detail.healthBefore == 942_857_142_857_142_857)
        // (1.6 × 3,300 × 0.8) / 4,200 = 4,224 / 4,200, rounded down.
        #expect(detail.healthAfter == 1_005_714_285_714_285_714)
        #expect(try #require(detail.healthAfter) > #require(detail.healthBefore))
    }

    @Test("At 2,900 (health 0.829 < LT(1+b) = 0.88) the same liquidation lowers health")
    func healthFallsBelowThreshold() throws {
        var world = try Market()
        world.state.corruptOracle(world.ethOracle, answer: 2_900 * Self.wad)
        let record = world.liquidate(repay: 4_200_000_000)
        let detail = try #require(record.liquidation)
        // 3 × 2,900 × 0.8 / 8,400 = 0.828571…; seize ⌊4,200 × 1.1 / 2,900⌋ = 1.593103448275862068 ETH.
        #expect(detail.healthBefore == 828_571_428_571_428_571)
        #expect(record.amountOut == 1_593_103_448_275_862_068)
        // (3 − 1.593103448275862068) × 2,900 × 0.8 / 4,200 = 0.7771428571428571431…
        #expect(detail.healthAfter == 777_142_857_142_857_143)
        #expect(try #require(detail.healthAfter) < #require(detail.healthBefore))
    }

    @Test("Reverted liquidations carry no record, also when a later step of the transaction fails")
    func revertedHaveNoRecord() throws {
        var world = try Market()
        let healthy = world.liquidate(repay: 4_200_000_000)
        #expect(!healthy.executed && healthy.liquidation == nil)
        world.state.corruptOracle(world.ethOracle, answer: 3_300 * Self.wad)
        let undone = world.liquidate(repay: 4_200_000_000, then: [.requireBalance(asset: world.eth, atLeast: 1_000 * Self.wad)])
        #expect(!undone.executed && undone.liquidation == nil)
        #expect(world.state.debt(market: world.market, slot: 0, account: world.borrower) == 8_400_000_000)
    }
}
