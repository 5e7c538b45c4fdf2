import Testing
@testable import ProtocolModel

/// Reference values from Python/mpmath at 40 digits (Black–Scholes, r = q = 0):
///
///     d1 = (ln(S/K) + σ²T/2)/(σ√T), d2 = d1 − σ√T, C = S·N(d1) − K·N(d2)
///     S = 2000, K = 2200, σ = 0.8, T = 7/365 → C = 25.06374987540017775, Δ = 0.21043879160594509,
///     vega = 79.920995523875596
///     h = 0.01 + 0.001·Δ + 0.0001·vega = 0.018202538343993505 (one contract; the vault's net
///     delta and vega after the trade are ∓ one contract's)
///     ask = C·(1 + h) = 25.519973743551412 → 25,519,974 raw USDC (rounded up)
///     bid = C·(1 − h) = 24.607526007248944 → 24,607,526 raw USDC (rounded down)
///     2.5 contracts: h = 0.01 + 2.5·(0.001·Δ + 0.0001·vega), ask·2.5 = 64.570883244 → 64,570,884
@Suite("Option vault trades")
struct OptionVaultTradeTests {
    typealias World = OptionVaultTestWorld
    static let ether = World.ether, usd = World.usd

    @Test("The mid is Black–Scholes (σ = 0.8, S = 2,000, K = 2,200, 7 days) and the ask and bid are mid·(1 ± h), rounded against the trader")
    func quotes() throws {
        let world = try World()
        #expect(abs(world.state.optionMid(vault: world.vault, series: World.call) - 25.06374987540017775) < 1e-9)
        #expect(world.state.optionVolatility(vault: world.vault, series: World.call) == 0.8)
        #expect(try world.state.optionQuote(vault: world.vault, series: World.call, contracts: Self.ether, isBuy: true) == 25_519_974)
        #expect(try world.state.optionQuote(vault: world.vault, series: World.call, contracts: Self.ether, isBuy: false) == 24_607_526)
        #expect(try world.state.optionQuote(vault: world.vault, series: World.call, contracts: 5 * Self.ether / 2, isBuy: true) == 64_570_884)
    }

    @Test("A buy moves the ask premium from the buyer to the vault and books +q for the buyer, −q for the vault")
    func buy() throws {
        var world = try World()
        let cash = world.vaultCash
        let (outcome, log) = try world.run(world.alice, [.buyOption(vault: world.vault, series: World.call, contracts: .exact(Self.ether),
                                                                    maxPremium: 26 * Self.usd)])
        #expect(outcome == .executed)
        #expect(log.map(\.kind) == [.buyOption] && log[0].assetIn == world.usdc && log[0].amountIn == 25_519_974)
        #expect(world.vaultCash == cash + 25_519_974)
        #expect(world.usdcBalance(world.alice) == 100_000 * Self.usd - 25_519_974)
        #expect(world.state.optionPositions(vault: world.vault, account: world.alice).map(\.contracts) == [Int128(Self.ether)])
        #expect(world.state.optionVaults[world.vault].totals.vaultPositions == [-Int128(Self.ether), 0])
        #expect(world.state.openInterest(vault: world.vault) == Self.ether)
        // A long needs no margin.
        #expect(world.state.optionMargin(vault: world.vault, account: world.alice) == (balance: 0, requirement: 0))
    }

    @Test("A buy above the maximum premium reverts and leaves the state byte-equal")
    func buySlippage() throws {
        var world = try World()
        let balances = world.balances, vaults = world.state.optionVaults
        let (outcome, _) = try world.run(world.alice, [.buyOption(vault: world.vault, series: World.call, contracts: .exact(Self.ether),
                                                                  maxPremium: 25_519_973)])
        let premium = RevertReason.options(.premium(asset: world.usdc, limit: 25_519_973, actual: 25_519_974))
        #expect(outcome == .reverted(step: 0, reason: premium))
        // events.csv's reason: raw USDC (6 decimals) as USDC.
        #expect(premium.text(assets: world.state.ledger.assets) == "options: premium 25.519974 USDC above the limit 25.519973 USDC")
        #expect(world.balances == balances && world.state.optionVaults == vaults)
    }

    @Test("Selling without a long opens a short: refused without margin (state byte-equal), executed once margin covers the requirement")
    func sellShort() throws {
        var world = try World()
        let balances = world.balances, vaults = world.state.optionVaults
        let sell = Step.sellOption(vault: world.vault, series: World.call, contracts: .exact(Self.ether), minPremium: 0)
        let (refused, _) = try world.run(world.carol, [sell])
        guard case .reverted(_, .options(.insufficientMargin(_, let balance, let requirement))) = refused else {
            Issue.record("expected a margin revert, got \(refused)")
            return
        }
        #expect(balance == 0 && requirement > 25 * Self.usd)
        #expect(world.balances == balances && world.state.optionVaults == vaults)
        let (outcome, log) = try world.run(world.carol, [.depositOptionMargin(vault: world.vault, amount: .exact(1_000 * Self.usd)), sell])
        #expect(outcome == .executed)
        #expect(log.map(\.kind) == [.depositMargin, .sellOption] && log[1].amountOut == 24_607_526)
        #expect(world.state.optionPositions(vault: world.vault, account: world.carol).map(\.contracts) == [-Int128(Self.ether)])
        let margin = world.state.optionMargin(vault: world.vault, account: world.carol)
        #expect(margin.balance == 1_000 * Self.usd && margin.requirement == requirement)
        #expect(world.state.openInterest(vault: world.vault) == 0)
    }

    @Test("Selling closes a long first: a long of 1 selling 1 leaves no position and needs no margin")
    func sellClosesLong() throws {
        var world = try World()
        try world.run(world.alice, [.buyOption(vault: world.vault, series: World.put, contracts: .exact(Self.ether), maxPremium: .max)])
        let (outcome, _) = try world.run(world.alice, [.sellOption(vault: world.vault, series: World.put, contracts: .exact(Self.ether), minPremium: 0)])
        #expect(outcome == .executed)
        #expect(world.state.optionPositions(vault: world.vault, account: world.alice).isEmpty)
        #expect(world.state.optionVaults[world.vault].totals.vaultPositions == [0, 0])
    }

    @Test("Margin withdrawals stop at the requirement; without positions the whole balance comes back")
    func marginWithdraw() throws {
        var world = try World()
        try world.run(world.carol, [.depositOptionMargin(vault: world.vault, amount: .exact(1_000 * Self.usd)),
                                    .sellOption(vault: world.vault, series: World.call, contracts: .exact(Self.ether), minPremium: 0)])
        let requirement = world.state.optionMargin(vault: world.vault, account: world.carol).requirement
        let excess = 1_000 * Self.usd - requirement
        let (tooMuch, _) = try world.run(world.carol, [.withdrawOptionMargin(vault: world.vault, amount: .exact(excess + 1))])
        #expect(tooMuch == .reverted(step: 0, reason: .options(.insufficientMargin(asset: world.usdc, balance: requirement - 1,
                                                                                   requirement: requirement))))
        #expect(try world.run(world.carol, [.withdrawOptionMargin(vault: world.vault, amount: .exact(excess))]).outcome == .executed)
        #expect(world.state.optionMargin(vault: world.vault, account: world.carol).balance == requirement)
        try world.run(world.bob, [.depositOptionMargin(vault: world.vault, amount: .exact(7))])
        #expect(try world.run(world.bob, [.withdrawOptionMargin(vault: world.vault, amount: .exact(7))]).outcome == .executed)
        #expect(world.state.optionVaults[world.vault].marginBalances[world.bob] == nil)
    }

    @Test("Vault shares: the first deposit mints a share wad per USDC; later ones mint amount·supply/NAV rounded down and redeem shares·NAV/supply rounded down")
    func shares() throws {
        var world = try World()
        let shareAsset = world.state.optionVaults[world.vault].shareAsset
        #expect(world.state.ledger.balance(shareAsset, of: world.lp) == 1_000_000 * Self.ether)
        // Alice's premium raises the NAV above the cash by the spread: NAV = cash − mark of the short call.
        try world.run(world.alice, [.buyOption(vault: world.vault, series: World.call, contracts: .exact(10 * Self.ether), maxPremium: .max)])
        let nav = world.state.vaultNetAssetValue(vault: world.vault)
        #expect(nav > 1_000_000 * Self.usd && nav < world.vaultCash)
        let supply = world.state.ledger.supply[shareAsset.index]
        let (outcome, log) = try world.run(world.bob, [.depositVault(vault: world.vault, amount: .exact(1_000 * Self.usd))])
        #expect(outcome == .executed)
        let minted = (1_000 * Self.usd * supply) / nav
        #expect(log[0].amountOut == minted && world.state.ledger.balance(shareAsset, of: world.bob) == minted)
        let navAfter = world.state.vaultNetAssetValue(vault: world.vault)
        let (redeemed, redeemLog) = try world.run(world.bob, [.withdrawVault(vault: world.vault, shares: .balance(shareAsset))])
        #expect(redeemed == .executed)
        #expect(redeemLog[0].amountOut == minted * navAfter / (supply + minted))
        #expect(redeemLog[0].amountOut <= 1_000 * Self.usd)
    }

    @Test("Expired series: trading reverts; settlement before expiry reverts; settlement happens once")
    func expiryRules() throws {
        var world = try World()
        let buy = Step.buyOption(vault: world.vault, series: World.call, contracts: .exact(Self.ether), maxPremium: .max)
        #expect(try world.run(world.alice, [buy], at: World.week).outcome == .reverted(step: 0, reason: .options(.expired)))
        #expect(try world.run(world.bob, [.settleOptions(vault: world.vault, series: World.call)], at: World.week - 1).outcome
                == .reverted(step: 0, reason: .options(.notExpired)))
        #expect(try world.run(world.bob, [.settleOptions(vault: world.vault, series: World.call)], at: World.week).outcome == .executed)
        #expect(world.state.settlementPrice(vault: world.vault, series: World.call) == 2_000 * Self.ether)
        #expect(try world.run(world.bob, [.settleOptions(vault: world.vault, series: World.call)], at: World.week + 12).outcome
                == .reverted(step: 0, reason: .options(.settled)))
    }

    /// Python big integers: payout = ⌊q·payoff/10^30⌋ for longs, ⌈q·payoff/10^30⌉ for shorts, with
    /// payoff wad = 145.67·10^18 (call 2,200) and 54.33·10^18 (put 2,400) at 2,345.67.
    @Test("Settlement at 2,345.67 pays a hand-computed book exactly: 179,839,504 and 81,495,000 raw USDC to the longs, 109,252,501 from the short")
    func settlement() throws {
        var world = try World()
        let aliceCalls: UInt128 = 1_234_567_890_123_456_789, bobPuts: UInt128 = 1_500_000_000_000_000_001
        let carolCalls: UInt128 = 750_000_000_000_000_003
        try world.run(world.alice, [.buyOption(vault: world.vault, series: World.call, contracts: .exact(aliceCalls), maxPremium: .max)])
        try world.run(world.bob, [.buyOption(vault: world.vault, series: World.put, contracts: .exact(bobPuts), maxPremium: .max)])
        try world.run(world.carol, [.depositOptionMargin(vault: world.vault, amount: .exact(2_000 * Self.usd)),
                                    .sellOption(vault: world.vault, series: World.call, contracts: .exact(carolCalls), minPremium: 0)])
        world.setSettlementPrice(2_345_670_000_000_000_000_000)
        let alice = world.usdcBalance(world.alice), bob = world.usdcBalance(world.bob), cash = world.vaultCash
        let (outcome, log) = try world.run(world.alice, [.settleOptions(vault: world.vault, series: World.call)], at: World.week)
        #expect(outcome == .executed && log[0].amountOut == 179_839_504)
        #expect(world.usdcBalance(world.alice) == alice + 179_839_504)
        #expect(world.state.optionMargin(vault: world.vault, account: world.carol).balance == 2_000 * Self.usd - 109_252_501)
        #expect(world.vaultCash == cash + 109_252_501 - 179_839_504)
        try world.run(world.bob, [.settleOptions(vault: world.vault, series: World.put)], at: World.week)
        #expect(world.usdcBalance(world.bob) == bob + 81_495_000)
        #expect(world.state.optionPositions(vault: world.vault, account: world.alice).isEmpty)
        #expect(world.state.optionPositions(vault: world.vault, account: world.carol).isEmpty)
        #expect(world.state.optionVaults[world.vault].totals.vaultPositions == [0, 0])
        #expect(world.state.openInterest(vault: world.vault) == 0)
        #expect(world.state.optionVaults[world.vault].totals.badDebt == 0)
    }

    @Test("A short whose margin cannot pay its settlement leaves the rest as the vault's bad debt")
    func settlementShortfall() throws {
        var world = try World()
        try world.run(world.carol, [.depositOptionMargin(vault: world.vault, amount: .exact(500 * Self.usd)),
                                    .sellOption(vault: world.vault, series: World.call, contracts: .exact(Self.ether), minPremium: 0)])
        world.setSettlementPrice(3_000 * Self.ether)
        try world.run(world.bob, [.settleOptions(vault: world.vault, series: World.call)], at: World.week)
        #expect(world.state.optionMargin(vault: world.vault, account: world.carol).balance == 0)
        #expect(world.state.optionVaults[world.vault].totals.badDebt == 300 * Self.usd)
    }
}
