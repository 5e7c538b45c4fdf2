import Testing
import ProtocolModel
@testable import Scenarios

/// bZx #1 (Qin et al., FC 2021, §4.2; docs/attacks.md "bZx #1") on the shipped scenario. Expected
/// raw amounts come from Python big-integer Uniswap v2 arithmetic on the scenario's state:
/// s = ⌊p2·ℓ/ocr⌋, out = ⌊a·997·R_out / (R_in·1000 + a·997)⌋, the Compound borrow ⌊p1·cf/er⌋.
@Suite("bZx #1: pump and arbitrage")
struct BzxPumpTests {
    static let path = TestScenarios.repositoryRoot + "/scenarios/bzx-pump-2020.yaml"
    static let ether = 1e18

    /// Runs the shipped scenario with `overrides` under invariant checks.
    static func run(_ overrides: [String]) throws -> (RunMetrics, World) {
        let scenario = try Scenario.load(path: path, overrides: overrides)
        let world = try World(scenario: scenario, seed: 7, options: WorldOptions(checkInvariants: true))
        return (try world.run(), world)
    }

    static func relative(_ value: Double, _ paper: Double) -> Double { abs(value / paper - 1) }

    /// `account`'s scaled balances in the Compound market (market 0), by slot (zeros without a position).
    static func scaled(_ world: World, _ account: AccountID) -> (supplied: [UInt128], debt: [UInt128]) {
        let positions = world.state.markets[0].positions
        guard let position = positions[account] else { return ([], []) }
        return ((0..<positions.slots).map { positions.scaledSupplied(position, slot: $0) },
                (0..<positions.slots).map { positions.scaledDebt(position, slot: $0) })
    }

    @Test("The pool legs reproduce the paper: 5,637.62 ETH buy 51.35 WBTC, 112 WBTC dump for 6,871.41 ETH, spot ends at 11.50 ETH/WBTC")
    func poolLegs() throws {
        let (metrics, world) = try Self.run(["agents.attacker.borrow_amount=112", "chain.gas_price=0"])
        #expect(metrics.attackExecuted == 1)
        let state = world.state, attacker = try #require(world.attacker).account
        let venue = state.marginVenues[0], pool = state.pools[0].pool
        // bZx sells ⌊1,300·5/1.153⌋ ETH: 5,637.467 ETH (paper 5,637.62) for 51.34103999 WBTC (paper 51.35).
        let position = try #require(state.marginPosition(venue: 0, account: attacker))
        #expect(position == MarginPosition(lockedY: 5_134_103_999, loanX: 4_337_467_476_149_176_062_445))
        #expect(Self.relative(Double(position.loanX + 1_300_000_000_000_000_000_000) / Self.ether, 5_637.62) < 0.001)
        #expect(Self.relative(Double(position.lockedY) / 1e8, 51.35) < 0.001)
        #expect(venue.book.liquidity == 4_858_740_000_000_000_000_000 - position.loanX)
        // The 112 WBTC dumped pay 6,871.363 ETH (paper 6,871.41): the attacker ends the
        // transaction with 1 ETH of capital + 6,871.363 − 6,800 repaid, and the 5,500 ETH deposit.
        let balance = state.ledger.balance(AssetID(0), of: attacker)  // ETH, the first asset
        let capital: UInt128 = 1_000_000_000_000_000_000, dumped: UInt128 = 6_871_363_160_357_010_971_476
        #expect(balance == capital + dumped - 6_800_000_000_000_000_000_000)
        #expect(Self.relative(Double(dumped) / Self.ether, 6_871.41) < 0.001)
        #expect(pool.reserve0 == 1_583_874_315_792_165_090_969 && pool.reserve1 == 13_773_896_001)
        #expect(Self.relative(pool.spotPrice, 1 / 11.50) < 0.001)  // token1 per token0: WBTC per ETH
    }

    @Test("The historical parameters (5,500; 1,300) pay: 1,164.62 ETH with the 0.3 % fee at 10 gwei, the WBTC debt valued at 39.08 ETH")
    func historicalPays() throws {
        let (metrics, world) = try Self.run([])
        #expect(metrics.attackExecuted == 1 && metrics.attackReverted == 0)
        // In the transaction: 6,883.630 ETH from dumping ⌊5,500·0.75/36.48⌋ = 113.07565789 WBTC, less
        // the 6,800 ETH repaid; the position: 5,500 ETH of collateral less 113.07565789 × 39.08 ETH.
        let inTransaction = 6_883.629_569_373_615_299 - 6_800
        let expected = inTransaction + 5_500 - 113.075_657_89 * 39.08 - 856_000 * 10e-9
        let net = try #require(metrics.attackNetProfit)
        #expect(net > 0)
        #expect(abs(net - expected) < 1e-9, "\(net) vs \(expected)")
        // The bZx margin position (51.34 WBTC locked against a 4,337.47 ETH loan) is walked away from.
        let venues = world.pnl.filter { $0.party == .venues }.reduce(0.0) { $0 + $1.value }
        #expect(abs(venues - (51.341_039_99 * 39.08 - 4_337.467_476_149_176)) < 1e-6)
    }

    @Test("Under the paper's model (no pool fee, no gas) the historical parameters give 1,171.03 ETH, the paper's 1,171.70 to 0.1 %")
    func paperModelHistorical() throws {
        let (metrics, _) = try Self.run(["pools.uniswap.fee=0", "chain.gas_price=0"])
        let net = try #require(metrics.attackNetProfit)
        #expect(abs(net - 1_171.028_845_537_702) < 1e-6)
        #expect(Self.relative(net, 1_171.70) < 0.001)
    }

    @Test("bZx refuses a margin its liquidity cannot lever (4,858.74 + p2 − p2·5/1.153 < 0 above 1,456.2 ETH): the attack reverts and only gas is lost")
    func liquidityConstraint() throws {
        let (paying, _) = try Self.run(["pools.uniswap.fee=0", "chain.gas_price=0", "agents.attacker.collateral_amount=2470",
                                        "agents.attacker.margin=1456.2"])
        #expect(paying.attackExecuted == 1)
        // The paper's optimum, (2,470.08; 1,456.23) → 2,778.94 ETH; here (2,470; 1,456.2) → 2,779.00.
        #expect(abs((paying.attackNetProfit ?? 0) - 2_779.000_207_241_486) < 1e-6)
        let (refused, world) = try Self.run(["agents.attacker.margin=1456.3"])
        #expect(refused.attackExecuted == 0 && refused.attackReverted == 1)
        let gas = try #require(refused.attackGasCost)
        #expect(abs(gas - 856_000 * 10e-9) < 1e-15 && refused.attackNetProfit == -gas)
        #expect(world.state.marginVenues[0].book.liquidity == 4_858_740_000_000_000_000_000)
    }

    @Test("A deep pool is not pumped enough to pay: the attack reverts, the attacker loses exactly its gas and nobody else's holdings move")
    func deepPoolReverts() throws {
        let (metrics, world) = try Self.run(["pools.uniswap.reserve0=281777", "pools.uniswap.reserve1=7708"])
        #expect(metrics.attackReverted == 1 && metrics.attackExecuted == 0)
        let gas = try #require(metrics.attackGasCost)
        // 21,000 + flash borrow 50k + deposit 100k + borrow 150k + open short 400k + swap 100k + flash repay 30k + check 5k, at 10 gwei.
        #expect(abs(gas - 856_000 * 10e-9) < 1e-15)
        #expect(metrics.attackNetProfit == -gas)
        for row in world.pnl where row.party != .attacker && row.party != .gasRecipient {
            #expect(row.amount == 0, "\(row.party) \(row.symbol) moved by \(row.amount)")
        }
    }

    @Test("Unwinding covers the interest accrued between the sealed block it decides on and the block it lands in")
    func unwindsWithInterest() throws {
        let (metrics, world) = try Self.run(["duration=1d", "agents.attacker.unwind_after=15m",
                                             "agents.arbitrageurs={count: 1, capital: {ETH: 100000, WBTC: 1000}}",
                                             "lending_markets.compound.assets.WBTC.interest={base: 0.5}"])
        let attacker = try #require(world.attacker).account
        #expect(metrics.attackReverted == 0)
        #expect(Self.scaled(world, attacker).debt.allSatisfy { $0 == 0 })
        #expect(Self.scaled(world, attacker).supplied.allSatisfy { $0 == 0 })
    }

    @Test("An attack that reverted leaves nothing to unwind: the first unwinding wake-up stops the plan without sending")
    func revertedAttackDoesNotUnwind() throws {
        let (metrics, world) = try Self.run(["agents.attacker.margin=1456.3", "agents.attacker.unwind_after=12s", "duration=5m"])
        #expect(metrics.attackReverted == 1 && metrics.attackExecuted == 0)
        #expect(Self.scaled(world, try #require(world.attacker).account).supplied.allSatisfy { $0 == 0 })
    }

    @Test("The cost breakdown sums to the cost, gross = net + cost, and the P&L rows sum to zero per asset with the attacker's rows giving its net profit")
    func breakdownAndPnL() throws {
        let (metrics, world) = try Self.run(["flash_loans.dydx.ETH.fee=0.0009"])
        #expect(metrics.attackExecuted == 1)
        let cost = try #require(metrics.attackCost), net = try #require(metrics.attackNetProfit)
        let parts = [metrics.flashLoanFees, metrics.attackSwapFees, metrics.attackGasCost, metrics.bribes, metrics.priceImpactLoss]
        #expect(cost == parts.reduce(0.0) { $0 + ($1 ?? .nan) })
        // gross = net + cost, or exactly 0 where that sum is within the rounding of its terms
        // (docs/output-format.md): here it is, at 2.3e-13 ETH on terms of ≈ 6,000 ETH, since
        // the short's pool fee is a term of its own (the swap fees) taken out of the price impact.
        let gross = try #require(metrics.attackGrossProfit)
        #expect(gross == net + cost || (gross == 0 && abs(net + cost) < 1e-12 * 6_000))
        // 6,800 ETH flash-borrowed at 0.09 %: 6.12 ETH of fee.
        #expect(abs((metrics.flashLoanFees ?? 0) - 6.12) < 1e-9)
        // Every ETH of profit came through trades against prices the attack moved (the short's forfeited margin
        // and the dump into the pumped pool): nothing is left for gross profit.
        #expect(abs(try #require(metrics.attackGrossProfit)) < 1e-6)
        #expect(try #require(metrics.priceImpactLoss) < -net)
        for asset in world.state.ledger.assets.indices {
            #expect(world.pnl.filter { $0.asset.index == asset }.reduce(Int128(0)) { $0 + $1.amount } == 0)
        }
        #expect(world.pnl.filter { $0.party == .attacker }.reduce(0.0) { $0 + $1.value } == net)
    }

    @Test("Unwinding buys the WBTC back as arbitrageurs restore the pool, repays the debt, withdraws all the collateral and ends holding ETH only")
    func unwinds() throws {
        let (metrics, world) = try Self.run(["duration=1d", "agents.attacker.unwind_after=15m",
                                             "agents.arbitrageurs={count: 1, capital: {ETH: 100000, WBTC: 1000}}"])
        let attacker = try #require(world.attacker).account
        #expect(metrics.attackReverted == 0 && (metrics.attackExecuted ?? 0) > 10)
        #expect(Self.scaled(world, attacker).debt.allSatisfy { $0 == 0 })
        #expect(Self.scaled(world, attacker).supplied.allSatisfy { $0 == 0 })
        // What is left of the WBTC is the part per million bought beyond the debt for interest
        // (none accrues here): at most ⌊11,307,565,789 / 10^6⌋ + 1 = 11,308 satoshi.
        let wbtc = try #require(world.pnl.first { $0.party == .attacker && $0.symbol == "WBTC" })
        #expect(wbtc.amount >= 0 && wbtc.amount <= 11_308, "\(wbtc.amount)")
        // The WBTC costs at least the reference 39.08 ETH and at most 1.05 × 39.08 plus the 0.3 % fee:
        // net lies between 83.63 + 5,500 − 113.0757 × 39.08 × 1.05 × 1.003 − gas and the valuation at 39.08.
        let net = try #require(metrics.attackNetProfit)
        #expect(net > 83.63 + 5_500 - 113.075_657_89 * 39.08 * 1.05 * 1.003 - 1)
        #expect(net < 83.63 + 5_500 - 113.075_657_89 * 39.08)
    }
}
