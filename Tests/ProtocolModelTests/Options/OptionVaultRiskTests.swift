import Foundation
import Testing
@testable import ProtocolModel

@Suite("Option vault risk: liquidation, hedging, Greeks, volatility")
struct OptionVaultRiskTests {
    typealias World = OptionVaultTestWorld
    static let ether = World.ether, usd = World.usd

    /// Carol short one call with margin exactly her requirement at 2,000 (maintenance 1).
    static func shortCall() throws -> World {
        var world = try World()
        let sell = Step.sellOption(vault: world.vault, series: World.call, contracts: .exact(Self.ether), minPremium: 0)
        try world.run(world.carol, [.depositOptionMargin(vault: world.vault, amount: .exact(10_000 * Self.usd)), sell])
        let requirement = world.state.optionMargin(vault: world.vault, account: world.carol).requirement
        try world.run(world.carol, [.withdrawOptionMargin(vault: world.vault, amount: .exact(10_000 * Self.usd - requirement))])
        return world
    }

    @Test("Liquidation fires only below maintenance: refused at exactly the requirement, allowed once a 1 USDC rise lifts it")
    func onlyBelowMaintenance() throws {
        var world = try Self.shortCall()
        let liquidate = Step.liquidateOptions(vault: world.vault, account: world.carol)
        #expect(world.state.optionAccountsBelowMaintenance(vault: world.vault).isEmpty)
        let balances = world.balances, vaults = world.state.optionVaults
        #expect(try world.run(world.liquidator, [liquidate]).outcome == .reverted(step: 0, reason: .options(.healthy)))
        #expect(world.balances == balances && world.state.optionVaults == vaults)
        world.setPrice(2_001 * Self.ether)
        #expect(world.state.optionAccountsBelowMaintenance(vault: world.vault) == [world.carol])
        #expect(try world.run(world.liquidator, [liquidate]).outcome == .executed)
        #expect(world.state.optionPositions(vault: world.vault, account: world.carol).isEmpty)
        #expect(world.state.optionVaults[world.vault].totals.liquidations == 1)
        #expect(world.state.optionAccountsBelowMaintenance(vault: world.vault).isEmpty)
    }

    @Test("Liquidation conserves value: the vault takes the short at mark, the liquidator 10 % of it, carol the rest, and no USDC appears or vanishes")
    func conservation() throws {
        var world = try Self.shortCall()
        world.setPrice(2_100 * Self.ether)
        let margin = world.state.optionMargin(vault: world.vault, account: world.carol).balance
        let mark = world.state.optionMid(vault: world.vault, series: World.call)
        let total = world.state.ledger.supply[world.usdc.index]
        let cash = world.vaultCash, carol = world.usdcBalance(world.carol)
        let (outcome, log) = try world.run(world.liquidator, [.liquidateOptions(vault: world.vault, account: world.carol)])
        #expect(outcome == .executed)
        let vaultGain = world.vaultCash - cash, penalty = world.usdcBalance(world.liquidator), refund = world.usdcBalance(world.carol) - carol
        // The debit is the mark rounded up to a wad price and then to raw USDC.
        #expect(Double(vaultGain) >= mark * 1e6 && Double(vaultGain) < mark * 1e6 + 1.01)
        #expect(log[0].amountOut == penalty && penalty == vaultGain / 10)
        #expect(vaultGain + penalty + refund == margin)
        #expect(world.state.ledger.supply[world.usdc.index] == total)
        #expect(world.state.optionVaults[world.vault].totals.vaultPositions == [0, 0])
        #expect(world.state.optionVaults[world.vault].totals.badDebt == 0)
    }

    @Test("A jump past the margin leaves the shortfall as bad debt and the liquidator nothing")
    func shortfall() throws {
        var world = try Self.shortCall()
        let margin = world.state.optionMargin(vault: world.vault, account: world.carol).balance
        world.setPrice(4_000 * Self.ether)
        let cash = world.vaultCash, mark = world.state.optionMid(vault: world.vault, series: World.call)
        #expect(try world.run(world.liquidator, [.liquidateOptions(vault: world.vault, account: world.carol)]).outcome == .executed)
        let badDebt = world.state.optionVaults[world.vault].totals.badDebt
        // Margin + bad debt = the debit: the mark (≈ 1,800) rounded up.
        #expect(world.vaultCash == cash + margin && Double(margin + badDebt) >= mark * 1e6 && Double(margin + badDebt) < mark * 1e6 + 1.01)
        #expect(world.usdcBalance(world.liquidator) == 0)
    }

    @Test("The keeper's hedge buys the vault's missing delta through the pool and sells it back when the delta falls; others may not hedge")
    func hedge() throws {
        var world = try World(priceFromPool: true)
        try world.run(world.alice, [.buyOption(vault: world.vault, series: World.call, contracts: .exact(10 * Self.ether), maxPremium: .max)])
        let before = world.state.vaultGreeks(vault: world.vault)
        #expect(before.delta < -2)
        #expect(try world.run(world.alice, [.hedgeVault(vault: world.vault, pool: world.pool)]).outcome
                == .reverted(step: 0, reason: .options(.notKeeper)))
        let (outcome, log) = try world.run(world.keeper, [.hedgeVault(vault: world.vault, pool: world.pool)])
        #expect(outcome == .executed && log[0].pool == world.pool && log[0].assetOut == world.eth)
        let held = world.state.ledger.balance(world.eth, of: world.state.optionVaults[world.vault].account)
        #expect(abs(TokenUnits.toDouble(held, decimals: 18) + before.delta) < 1e-9)
        // The purchase moved the pool 0.4 %: at the new spot the calls' delta is 10·Γ·ΔS ≈ 0.11 higher;
        // a second hedge closes that gap.
        let moved = world.state.vaultGreeks(vault: world.vault, at: 0).delta
        #expect(moved < -0.05 && moved > -0.2)
        try world.run(world.keeper, [.hedgeVault(vault: world.vault, pool: world.pool)])
        #expect(abs(world.state.vaultGreeks(vault: world.vault, at: 0).delta) < 0.01)
        // Alice sells her calls back: the vault's option delta is zero and the keeper sells the hedge.
        try world.run(world.alice, [.sellOption(vault: world.vault, series: World.call, contracts: .exact(10 * Self.ether), minPremium: 0)])
        #expect(try world.run(world.keeper, [.hedgeVault(vault: world.vault, pool: world.pool)]).outcome == .executed)
        #expect(world.state.ledger.balance(world.eth, of: world.state.optionVaults[world.vault].account) == 0)
    }

    @Test("The hedge plan is the step's trade: nil on target (the step executes empty), a 1-wei excess sells for no USDC (the step reverts zeroAmount), a missing delta is bought at the planned input")
    func hedgePlan() throws {
        var world = try World()
        let hedge = Step.hedgeVault(vault: world.vault, pool: world.pool)
        #expect(try world.state.vaultHedgeTrade(vault: world.vault, pool: world.pool) == nil)
        let (empty, emptyLog) = try world.run(world.keeper, [hedge])
        #expect(empty == .executed && emptyLog[0].assetIn == nil && emptyLog[0].amountIn == 0 && emptyLog[0].amountOut == 0)
        // One wei of ETH is worth 2·10⁻¹⁵ USDC: selling it pays no raw unit.
        try world.state.endow(world.eth, amount: 1, to: world.state.optionVaults[world.vault].account)
        #expect(try world.state.vaultHedgeTrade(vault: world.vault, pool: world.pool)
                == VaultHedgeTrade(sellsUnderlying: true, amountIn: 1, amountOut: 0))
        #expect(try world.run(world.keeper, [hedge]).outcome == .reverted(step: 0, reason: .pool(.zeroAmount)))
        try world.run(world.alice, [.buyOption(vault: world.vault, series: World.call, contracts: .exact(10 * Self.ether), maxPremium: .max)])
        let plan = try #require(try world.state.vaultHedgeTrade(vault: world.vault, pool: world.pool))
        #expect(!plan.sellsUnderlying && plan.amountIn > 0 && plan.amountOut > 0)
        let (outcome, log) = try world.run(world.keeper, [hedge])
        #expect(outcome == .executed && log[0].assetIn == world.usdc && log[0].amountIn == plan.amountIn && log[0].amountOut >= plan.amountOut)
        // The exact input may buy a few wei more than the target: a sale of them pays no USDC.
        let overshoot = log[0].amountOut - plan.amountOut
        #expect(try world.state.vaultHedgeTrade(vault: world.vault, pool: world.pool)
                == (overshoot == 0 ? nil : VaultHedgeTrade(sellsUnderlying: true, amountIn: overshoot, amountOut: 0)))
    }

    @Test("Planned with the series settled first, the hedge plan is the trade the hedge meets after those settlements")
    func hedgePlanAfterSettlement() throws {
        var world = try World()
        try world.run(world.alice, [.buyOption(vault: world.vault, series: World.call, contracts: .exact(10 * Self.ether), maxPremium: .max)])
        try world.run(world.keeper, [.hedgeVault(vault: world.vault, pool: world.pool)])
        let held = world.state.ledger.balance(world.eth, of: world.state.optionVaults[world.vault].account)
        #expect(held > 0)
        // Settling the calls leaves the vault with no option delta: the plan sells the whole hedge.
        let plan = try #require(try world.state.vaultHedgeTrade(vault: world.vault, pool: world.pool, at: World.week, settling: [World.call]))
        #expect(plan.sellsUnderlying && plan.amountIn == held && plan.amountOut > 0)
        try world.run(world.keeper, [.settleOptions(vault: world.vault, series: World.call)], at: World.week)
        #expect(try world.state.vaultHedgeTrade(vault: world.vault, pool: world.pool, at: World.week) == plan)
        let (outcome, log) = try world.run(world.keeper, [.hedgeVault(vault: world.vault, pool: world.pool)], at: World.week)
        #expect(outcome == .executed && log[0].amountIn == plan.amountIn && log[0].amountOut == plan.amountOut)
    }

    @Test("The vault's delta, gamma and vega match finite differences of its NAV (spot bumped ≈ ±4 by swaps in the oracle's pool; vol ±0.01)")
    func greeks() throws {
        var world = try World(priceFromPool: true)
        try world.run(world.alice, [.buyOption(vault: world.vault, series: World.call, contracts: .exact(10 * Self.ether), maxPremium: .max)])
        try world.run(world.bob, [.buyOption(vault: world.vault, series: World.put, contracts: .exact(7 * Self.ether), maxPremium: .max)])
        try world.run(world.carol, [.depositOptionMargin(vault: world.vault, amount: .exact(10_000 * Self.usd)),
                                    .sellOption(vault: world.vault, series: World.put, contracts: .exact(3 * Self.ether), minPremium: 0)])
        func navAndSpot(_ world: World) -> (nav: Double, spot: Double) {
            let spot = TokenUnits.toDouble(try! world.state.readOracle(world.priceOracle, at: 0).value, decimals: 18)
            return (TokenUnits.toDouble(world.state.vaultNetAssetValue(vault: world.vault, at: 0), decimals: 6), spot)
        }
        var up = world, down = world
        try up.run(world.bob, [.swap(pool: world.pool, zeroForOne: false, amountIn: .exact(2_000 * Self.usd), minAmountOut: 0)])
        try down.run(world.bob, [.swap(pool: world.pool, zeroForOne: true, amountIn: .exact(Self.ether), minAmountOut: 0)])
        let base = navAndSpot(world), high = navAndSpot(up), low = navAndSpot(down)
        let hUp = high.spot - base.spot, hDown = base.spot - low.spot
        #expect(hUp > 3 && hDown > 3)
        let greeks = world.state.vaultGreeks(vault: world.vault, at: 0)
        let slopeUp = (high.nav - base.nav) / hUp, slopeDown = (base.nav - low.nav) / hDown
        let delta = (slopeUp * hDown + slopeDown * hUp) / (hUp + hDown)  // second-order on an uneven grid
        let gamma = 2 * (slopeUp - slopeDown) / (hUp + hDown)
        #expect(abs(delta - greeks.delta) < 2e-3 * max(1, abs(greeks.delta)), "delta \(delta) vs \(greeks.delta)")
        #expect(abs(gamma - greeks.gamma) < 0.02 * abs(greeks.gamma), "gamma \(gamma) vs \(greeks.gamma)")
        var volUp = world, volDown = world
        volUp.state.optionVaults[world.vault].volatility = .implied(atm: 0.81, skew: 0)
        volDown.state.optionVaults[world.vault].volatility = .implied(atm: 0.79, skew: 0)
        let vega = (navAndSpot(volUp).nav - navAndSpot(volDown).nav) / 0.02
        #expect(abs(vega - greeks.vega) < 1e-3 * abs(greeks.vega), "vega \(vega) vs \(greeks.vega)")
    }

    @Test("EWMA volatility: σ² ← λσ² + (1 − λ)·r²·year/Δt at each seal, from the price oracle's log return")
    func ewma() throws {
        var world = try World(volatility: .ewma(lambda: 0.9, initial: 0.5))
        #expect(world.state.optionVolatility(vault: world.vault, series: World.call) == 0.5)
        world.state.seal(timestamp: 12)  // no move: σ² shrinks by λ
        #expect(abs(world.state.optionVolatility(vault: world.vault, series: World.call) - (0.9 * 0.25).squareRoot()) < 1e-15)
        world.setPrice(2_020 * Self.ether)
        world.state.seal(timestamp: 24)
        let r = log(2_020.0 / 2_000), variance = 0.9 * 0.9 * 0.25 + 0.1 * r * r * 365 * 86_400 / 12
        #expect(abs(world.state.optionVolatility(vault: world.vault, series: World.call) - variance.squareRoot()) < 1e-12)
        #expect(world.state.optionVaults[world.vault].clock.sealedAt == 24)
    }

    @Test("Implied skew: σ(K) = atm + skew·ln(K/S), floored at 1 %")
    func skew() throws {
        let world = try World(volatility: .implied(atm: 0.8, skew: -0.5))
        #expect(abs(world.state.optionVolatility(vault: world.vault, series: World.put) - (0.8 - 0.5 * log(1.2))) < 1e-15)
        let floored = try World(volatility: .implied(atm: 0.02, skew: -1))
        #expect(floored.state.optionVolatility(vault: floored.vault, series: World.put) == 0.01)
    }
}
