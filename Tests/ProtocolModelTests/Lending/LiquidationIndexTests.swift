import Foundation
import GSL
import Testing
@testable import ProtocolModel

@Suite("Lending: the liquidation-price index answers exactly like a scan of every position")
struct LiquidationIndexTests {
    typealias World = LendingTestWorld
    static let wad = World.wad

    /// Every account of market 0 with health below `threshold`, worst first (ties by id), by
    /// computing every position's health.
    static func bruteForce(_ state: ProtocolState, below threshold: UInt128, at timestamp: Int64) throws -> [AccountID] {
        try bruteForceWithHealth(state, below: threshold, at: timestamp).map(\.account)
    }

    /// ``bruteForce(_:below:at:)`` with each account's health (wad).
    static func bruteForceWithHealth(
        _ state: ProtocolState, below threshold: UInt128, at timestamp: Int64
    ) throws -> [(health: UInt128, account: AccountID)] {
        var found: [(health: UInt128, account: AccountID)] = []
        for account in state.markets[0].positions.accounts {
            let health = try state.health(market: 0, account: account, at: timestamp)
            if health < threshold { found.append((health, account)) }
        }
        return found.sorted { $0 < $1 }
    }

    static func bruteLowest(_ state: ProtocolState, at timestamp: Int64) throws -> UInt128? {
        try state.markets[0].positions.accounts.map { try state.health(market: 0, account: $0, at: timestamp) }
            .filter { $0 != .max }.min()
    }

    @Test("3 ETH at 3,500 with 8,400 USDC debt (health exactly 1) is not below 1; at 3,499 it is, and lowestHealth is exact")
    func boundary() throws {
        var world = try World()
        #expect(try world.openPosition(collateral: 3 * World.ethUnit, debt: 8_400 * World.usdcUnit))
        #expect(world.state.accountsBelowHealth(Self.wad, market: 0, at: 12).isEmpty)
        #expect(world.state.accountsBelowHealth(Self.wad + 1, market: 0, at: 12) == [world.borrower])
        #expect(world.state.lowestHealth(market: 0, at: 12) == Self.wad)
        world.setEthPrice(wad: 3_499 * Self.wad)
        #expect(world.state.accountsBelowHealth(Self.wad, market: 0, at: 12) == [world.borrower])
        #expect(world.state.lowestHealth(market: 0, at: 12) == 999_714_285_714_285_714)  // ⌊3·3499·0.8/8400 · 10^18⌋
    }

    @Test("A position left open by a rolled-back transaction is not indexed; a committed one is")
    func rollbackLeavesIndex() throws {
        var world = try World()
        #expect(try world.openPosition(collateral: 3 * World.ethUnit, debt: 8_000 * World.usdcUnit))
        let start = world.state.checkpoint()
        var log: [StepRecord] = []
        _ = world.state.runSteps(of: Transaction(sender: world.borrower, agent: "test",
                                                 steps: [.borrow(market: 0, asset: world.usdc, amount: .exact(400 * World.usdcUnit))], submittedAt: 0),
                                 context: ExecutionContext(block: 1, timestamp: 12, recordSteps: false), log: &log)
        world.state.rollback(to: start)
        world.state.commit()
        #expect(world.state.accountsBelowHealth(Self.wad + 1, market: 0, at: 12).isEmpty)
        #expect(world.state.liquidationIndices[0].count == 1)
    }

    @Test("Interest accrual never re-keys an account, yet the index finds it once accrued debt takes its health below 1")
    func accrualNeedsNoRekey() throws {
        let curve = InterestRateModel(base: 5_000_000_000_000_000_000, slope1: 0, slope2: 0, kink: Self.wad / 2)  // 500 % a year
        var world = try World(usdcInterest: curve)
        #expect(try world.openPosition(collateral: 3 * World.ethUnit, debt: 8_390 * World.usdcUnit))
        let keys = world.state.liquidationIndices[0].heaps.map(\.keys)
        #expect(world.state.accountsBelowHealth(Self.wad, market: 0, at: 12).isEmpty)
        world.state.seal(timestamp: 36_000)
        #expect(world.state.liquidationIndices[0].heaps.map(\.keys) == keys)
        #expect(try world.state.health(market: 0, account: world.borrower, at: 36_000) < Self.wad)
        #expect(world.state.accountsBelowHealth(Self.wad, market: 0, at: 36_000) == [world.borrower])
    }

    @Test("Random deposits, borrows, repays, withdrawals, liquidations, rollbacks, price moves and accrual: index = brute force after every step, and its lowest health below a bound = the first of its answer")
    func randomAgreement() throws {
        var state = ProtocolState()
        let usdc = state.addAsset(Asset(symbol: "USDC", decimals: 6))
        let eth = state.addAsset(Asset(symbol: "ETH", decimals: 18))
        let wbtc = state.addAsset(Asset(symbol: "WBTC", decimals: 8))
        let supplier = state.addAccount(named: "supplier"), liquidator = state.addAccount(named: "liquidator")
        let insurance = state.addAccount(named: "insurance")
        let usdOracle = state.addOracle(name: "usd", unit: "USD", kind: .constant(Self.wad))
        let ethOracle = state.addOracle(name: "eth", unit: "USD", kind: .constant(2_000 * Self.wad))
        let btcOracle = state.addOracle(name: "btc", unit: "USD", kind: .constant(40_000 * Self.wad))
        let curve = InterestRateModel(base: 200_000_000_000_000_000, slope1: 500_000_000_000_000_000, slope2: 0, kink: Self.wad / 2)
        let lt: UInt128 = 800_000_000_000_000_000, bonus: UInt128 = 80_000_000_000_000_000
        let assets = [
            MarketAssetConfig(asset: usdc, price: PriceSource(oracle: usdOracle), collateralFactor: 0, liquidationThreshold: 0,
                              liquidationBonus: bonus, borrowable: true, interest: curve),
            MarketAssetConfig(asset: eth, price: PriceSource(oracle: ethOracle), collateralFactor: lt, liquidationThreshold: lt,
                              liquidationBonus: bonus, borrowable: true, interest: curve),
            MarketAssetConfig(asset: wbtc, price: PriceSource(oracle: btcOracle), collateralFactor: 700_000_000_000_000_000,
                              liquidationThreshold: 700_000_000_000_000_000, liquidationBonus: bonus, borrowable: false, interest: .zero),
        ]
        _ = try state.addLendingMarket(name: "m", unit: "USD", mode: .cross, closeFactor: Self.wad / 2, insuranceFund: insurance,
                                       assets: assets, timestamp: 0)
        try state.endow(usdc, amount: 100_000_000 * 1_000_000, to: supplier)
        try state.endow(eth, amount: 100_000 * Self.wad, to: supplier)
        try state.endow(usdc, amount: 100_000_000 * 1_000_000, to: liquidator)
        try state.endow(eth, amount: 100_000 * Self.wad, to: liquidator)
        let borrowers = (0..<25).map { state.addAccount(named: "b\($0)") }
        for account in borrowers {
            try state.endow(eth, amount: 1_000 * Self.wad, to: account)
            try state.endow(wbtc, amount: 50 * 100_000_000, to: account)
            try state.endow(usdc, amount: 1_000_000 * 1_000_000, to: account)
        }
        var time: Int64 = 12
        func run(_ sender: AccountID, _ steps: [Step]) throws {
            var log: [StepRecord] = []
            let start = state.checkpoint()
            _ = state.runSteps(of: Transaction(sender: sender, agent: "test", steps: steps, submittedAt: 0),
                               context: ExecutionContext(block: Int(time / 12), timestamp: time, recordSteps: false), log: &log)
            try state.checkInvariants(since: start)
            state.commit()
            try state.checkAllInvariants()
        }
        try run(supplier, [.deposit(market: 0, asset: usdc, amount: .exact(50_000_000 * 1_000_000)),
                           .deposit(market: 0, asset: eth, amount: .exact(50_000 * Self.wad))])

        // Accounts that only ever open positions in transactions rolled back (case 6).
        let latecomers = (0..<5).map { state.addAccount(named: "late\($0)") }
        for account in latecomers { try state.endow(eth, amount: 1_000 * Self.wad, to: account) }
        let stream = RandomStream(seed: 20_261_125)
        var checks = 0, liquidations = 0, general = 0, paired = 0, unlisted = 0
        for iteration in 0..<400 {
            let account = borrowers[stream.uniformInt(borrowers.count)]
            switch stream.uniformInt(10) {
            case 0, 1:
                let collateral = stream.bernoulli(0.7) ? eth : wbtc
                let units: Double = collateral == eth ? 1e18 : 1e8
                let amount = stream.bernoulli(0.05) ? UInt128(1 + stream.uniformInt(1_000)) : UInt128(stream.uniform() * 20 * units) + 1
                try run(account, [.deposit(market: 0, asset: collateral, amount: .exact(amount))])
            case 2, 3:
                let debt = stream.bernoulli(0.8) ? usdc : eth
                let most = (try? state.maxBorrow(market: 0, asset: debt, account: account, at: time)) ?? 0
                let amount = stream.bernoulli(0.05) ? min(most, 7) : UInt128(Double(most) * (0.5 + 0.5 * stream.uniform()))
                if amount > 0 { try run(account, [.borrow(market: 0, asset: debt, amount: .exact(amount))]) }
            case 4:
                let debt = stream.bernoulli(0.8) ? usdc : eth
                let owed = state.debt(market: 0, slot: debt == usdc ? 0 : 1, account: account)
                let amount = stream.bernoulli(0.3) ? owed : UInt128(Double(owed) * stream.uniform())
                if amount > 0 { try run(account, [.repay(market: 0, asset: debt, amount: .exact(amount))]) }
            case 5:
                let slot = 1 + stream.uniformInt(2)
                let held = state.supplied(market: 0, slot: slot, account: account)
                let amount = UInt128(Double(held) * 0.3 * stream.uniform())
                if amount > 0 { try run(account, [.withdraw(market: 0, asset: assets[slot].asset, amount: .exact(amount))]) }
            case 6:
                // Writes to an open position and a fresh one, rolled back: every balance as before.
                let before = state.markets[0].positions
                let start = state.checkpoint()
                var log: [StepRecord] = []
                _ = state.runSteps(of: Transaction(sender: account, agent: "test",
                                                   steps: [.deposit(market: 0, asset: eth, amount: .exact(Self.wad)),
                                                           .borrow(market: 0, asset: usdc, amount: .maxBorrow(market: 0, asset: usdc))],
                                                   submittedAt: 0),
                                   context: ExecutionContext(block: Int(time / 12), timestamp: time, recordSteps: false), log: &log)
                let latecomer = latecomers[iteration % latecomers.count]
                let outcome = state.runSteps(of: Transaction(sender: latecomer, agent: "test",
                                                             steps: [.deposit(market: 0, asset: eth, amount: .exact(Self.wad)),
                                                                     .borrow(market: 0, asset: usdc, amount: .exact(1_000_000))],
                                                             submittedAt: 0),
                                             context: ExecutionContext(block: Int(time / 12), timestamp: time, recordSteps: false), log: &log)
                #expect(outcome == .executed, "\(outcome)")
                #expect(state.markets[0].positions[latecomer] != nil)
                state.rollback(to: start)
                #expect(state.markets[0].positions == before)
                #expect(latecomers.allSatisfy { state.markets[0].positions[$0] == nil })
                state.commit()
            case 7:
                let move = exp(0.15 * stream.standardNormal())
                for oracle in [ethOracle, btcOracle] {
                    guard case .constant(let value) = state.oracles[oracle].kind else { continue }
                    state.oracles[oracle].kind = .constant(UInt128(Double(value) * move * exp(0.03 * stream.standardNormal())))
                }
            case 8:
                if let borrower = state.accountsBelowHealth(Self.wad, market: 0, at: time).first {
                    let positions = state.markets[0].positions, position = try #require(positions[borrower])
                    let debtSlot = positions.scaledDebt(position, slot: 0) > 0 ? 0 : 1
                    let collateralSlot = positions.scaledSupplied(position, slot: 1) > 0 && debtSlot != 1 ? 1 : 2
                    try run(liquidator, [.liquidate(market: 0, borrower: borrower, debtAsset: assets[debtSlot].asset,
                                                    collateralAsset: assets[collateralSlot].asset, repay: .exact(UInt128.max / 4))])
                    liquidations += 1
                }
            default:
                time += 12 * Int64(1 + stream.uniformInt(2_000))
                state.seal(timestamp: time)
            }
            general = max(general, state.liquidationIndices[0].general.count)
            let thresholds: [UInt128] = [Self.wad, Self.wad * 6 / 5, UInt128(stream.uniform() * 2e18)]
            for threshold in thresholds {
                #expect(try state.accountsBelowHealth(threshold, market: 0, at: time) == Self.bruteForce(state, below: threshold, at: time))
                // The health values too: a position of one collateral and one debt is valued
                // through its pair's reading, any other through `health` itself.
                #expect(try state.accountsAndHealthBelow(threshold, market: 0, at: time).health
                        == Self.bruteForceWithHealth(state, below: threshold, at: time).map(\.health))
                #expect(state.lowestHealthBelow(threshold, market: 0, at: time)
                        == state.accountsAndHealthBelow(threshold, market: 0, at: time).health.first)
                // Each pair listed is the account's sole pair, with the same amounts (accounts not
                // valued through the pair's reading have none listed).
                let listed = state.accountsAndHealthBelow(threshold, market: 0, at: time)
                #expect(listed.pairs.count == listed.accounts.count)
                for (account, pair) in zip(listed.accounts, listed.pairs) {
                    if let pair { #expect(pair == state.soleLiquidationPair(market: 0, borrower: account)) } else { unlisted += 1 }
                }
                paired += listed.pairs.count { $0 != nil }
                checks += 1
            }
            #expect(try state.lowestHealth(market: 0, at: time) == Self.bruteLowest(state, at: time))
        }
        #expect(checks == 1_200)
        #expect(paired > 100)
        #expect(unlisted > 0)
        #expect(liquidations > 5)
        #expect(general > 0)
        let positions = state.markets[0].positions
        #expect(state.liquidationIndices[0].count == positions.filter { positions.owesAnything($0.position) }.count)
    }
}
