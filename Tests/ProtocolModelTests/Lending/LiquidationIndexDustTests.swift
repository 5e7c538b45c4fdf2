import Foundation
import GSL
import Testing
@testable import ProtocolModel

@Suite("Lending: the liquidation index's dust heaps answer exactly like a scan of every position")
struct LiquidationIndexDustTests {
    static let wad = LendingTestWorld.wad

    @Test("Dust positions near health 1, accrual, price moves (some below one unit per raw unit): index = brute force at exact thresholds")
    func dustAgreement() throws {
        var state = ProtocolState()
        let usdc = state.addAsset(Asset(symbol: "USDC", decimals: 6))
        let eth = state.addAsset(Asset(symbol: "ETH", decimals: 18))
        let odd = state.addAsset(Asset(symbol: "ODD", decimals: 2))
        let supplier = state.addAccount(named: "supplier"), insurance = state.addAccount(named: "insurance")
        let usdOracle = state.addOracle(name: "usd", unit: "USD", kind: .constant(Self.wad))
        let ethOracle = state.addOracle(name: "eth", unit: "USD", kind: .constant(2_000 * Self.wad))
        let oddOracle = state.addOracle(name: "odd", unit: "USD", kind: .constant(370_000_000_000_000_001))
        let curve = InterestRateModel(base: 3 * Self.wad, slope1: 0, slope2: 0, kink: Self.wad / 2)  // 300 % a year
        let bonus: UInt128 = 80_000_000_000_000_000
        let assets = [
            MarketAssetConfig(asset: usdc, price: PriceSource(oracle: usdOracle), collateralFactor: 0, liquidationThreshold: 0,
                              liquidationBonus: bonus, borrowable: true, interest: curve),
            MarketAssetConfig(asset: eth, price: PriceSource(oracle: ethOracle), collateralFactor: 800_000_000_000_000_000,
                              liquidationThreshold: 800_000_000_000_000_000, liquidationBonus: bonus, borrowable: true, interest: curve),
            MarketAssetConfig(asset: odd, price: PriceSource(oracle: oddOracle), collateralFactor: 300_000_000_000_000_007,
                              liquidationThreshold: 300_000_000_000_000_007, liquidationBonus: bonus, borrowable: false,
                              interest: .zero),
        ]
        _ = try state.addLendingMarket(name: "m", unit: "USD", mode: .cross, closeFactor: Self.wad / 2, insuranceFund: insurance,
                                       assets: assets, timestamp: 0)
        try state.endow(usdc, amount: 100_000_000 * 1_000_000, to: supplier)
        try state.endow(eth, amount: 100_000 * Self.wad, to: supplier)
        let borrowers = (0..<40).map { state.addAccount(named: "b\($0)") }
        for account in borrowers {
            try state.endow(eth, amount: 10 * Self.wad, to: account)
            try state.endow(odd, amount: 1_000_000_000_000, to: account)
        }
        var time: Int64 = 12
        func run(_ sender: AccountID, _ steps: [Step]) throws {
            var log: [StepRecord] = []
            _ = state.runSteps(of: Transaction(sender: sender, agent: "test", steps: steps, submittedAt: 0),
                               context: ExecutionContext(block: Int(time / 12), timestamp: time, recordSteps: false), log: &log)
            state.commit()
        }
        try run(supplier, [.deposit(market: 0, asset: usdc, amount: .exact(50_000_000 * 1_000_000)),
                           .deposit(market: 0, asset: eth, amount: .exact(50_000 * Self.wad))])

        let stream = RandomStream(seed: 20_261_126)
        var dustIndexed = 0, dustFound = 0, checks = 0
        for (number, account) in borrowers.enumerated() {
            // ETH collateral of 10^8 … 10^16 wei against USDC, or ODD of 1 … 10^6 raw units against ETH.
            let againstEth = number % 3 == 0
            let amount = againstEth ? UInt128(exp(stream.uniform() * log(1e6))) + 1 : UInt128(exp(log(1e8) + stream.uniform() * log(1e8)))
            try run(account, [.deposit(market: 0, asset: againstEth ? odd : eth, amount: .exact(amount))])
            let debt = againstEth ? eth : usdc
            let most = (try? state.maxBorrow(market: 0, asset: debt, account: account, at: time)) ?? 0
            let borrowed = UInt128(Double(most) * (0.97 + 0.03 * stream.uniform()))
            if borrowed > 0 { try run(account, [.borrow(market: 0, asset: debt, amount: .exact(borrowed))]) }
        }
        for step in 0..<300 {
            switch stream.uniformInt(4) {
            case 0:
                // Moves of a few per cent; one in five takes ETH below one unit of value per wei (10^18, wad).
                let ethPrice = stream.bernoulli(0.2) ? UInt128(stream.uniform() * 1e18) + 1 : UInt128(2_000e18 * exp(0.02 * stream.standardNormal()))
                state.oracles[ethOracle].kind = .constant(ethPrice)
                state.oracles[oddOracle].kind = .constant(UInt128(0.37e18 * exp(0.02 * stream.standardNormal())) + 1)
            case 1:
                time += 12 * Int64(1 + stream.uniformInt(200))
                state.seal(timestamp: time)
            default:
                break
            }
            let index = state.liquidationIndices[0], pairs = index.slots * index.slots
            dustIndexed = max(dustIndexed, index.heaps[pairs...].reduce(0) { $0 + $1.keys.count })
            // Thresholds at an account's exact health and one above: it must be left out, then found.
            let account = borrowers[step % borrowers.count]
            let health = try state.health(market: 0, account: account, at: time)
            // Answers are sorted through packed 64-bit healths up to 2^64 − 1, by tuples above.
            var thresholds: [UInt128] = [Self.wad, Self.wad * 101 / 100, UInt128(UInt64.max), 1 << 80]
            if health < UInt128.max - 1 { thresholds += [health, health + 1] }
            for threshold in thresholds {
                let answer = state.accountsBelowHealth(threshold, market: 0, at: time)
                #expect(answer == (try LiquidationIndexTests.bruteForce(state, below: threshold, at: time)))
                dustFound += answer.count { Self.isDust(state, $0) }
                checks += 1
            }
            #expect(try state.lowestHealth(market: 0, at: time) == LiquidationIndexTests.bruteLowest(state, at: time))
        }
        #expect(checks > 1_000)
        #expect(dustIndexed > 10)
        #expect(dustFound > 100)
    }

    /// Whether `account`'s position in market 0 has a scaled balance below dust.
    static func isDust(_ state: ProtocolState, _ account: AccountID) -> Bool {
        let positions = state.markets[0].positions
        guard let position = positions[account] else { return false }
        return (0..<positions.slots).contains { slot in
            let balances = [positions.scaledSupplied(position, slot: slot), positions.scaledDebt(position, slot: slot)]
            return balances.contains { $0 > 0 && $0 < LiquidationIndex.dustScaled }
        }
    }
}
