import Foundation
import ProtocolModel
import Testing
@testable import Experiments
@testable import Scenarios

/// Cream Finance v1, 27 Oct 2021 (scenarios/cream-2021.yaml and its defended twin) against the
/// record in ../shared/research/incidents.md §2.8 (Halborn; Quadriga quoting Mudit Gupta; The
/// Defiant): one account held ≈$1.5B of crYUSD, the vault's supply was cut to ≈$8M, an ≈$8M
/// donation doubled pricePerShare so the collateral read ≈$3B; ≈$130M was drained and the
/// attacker gained ≈$117M (PeckShield) [S].
@Suite("Cream Finance v1 re-enactment (scenarios/cream-2021.yaml and its defended twin)")
struct CreamTests {
    static func within(factor: Double, _ value: Double, of reported: Double) -> Bool {
        value >= reported / factor && value <= reported * factor
    }

    /// Whole tokens of `raw` units of `asset`.
    static func tokens(_ world: World, _ raw: UInt128, _ asset: AssetID) -> Double {
        TokenUnits.toDouble(raw, decimals: world.state.ledger.assets[asset.index].decimals)
    }

    /// USD value of the market's cash at the scenario's constant prices (ETH $4,000, DAI and USDC $1), shares excluded.
    static func cashValue(_ world: World) -> Double {
        let market = world.state.markets[0]
        return zip(market.assets, market.reserves).reduce(0.0) { total, pair in
            let symbol = world.state.ledger.assets[pair.0.asset.index].symbol
            guard symbol != "V-yUSD" else { return total }
            return total + tokens(world, pair.1.cash, pair.0.asset) * (symbol == "ETH" ? 4000 : 1)
        }
    }

    @Test("The re-enactment doubles the price per share, posts 1.5B shares that read $3B, drains ≈$130M and gains ≈$117M (within a factor of 2 of the record)")
    func historical() throws {
        let (world, metrics) = try IncidentSearch.run("cream-2021")
        #expect(metrics.attackExecuted == 1 && metrics.attackReverted == 0)
        let state = world.state, vault = state.vaults[0], market = 0
        let attacker = try #require(world.attacker), wallet = try #require(attacker.wallets.first)
        let shareSlot = try #require(state.markets[market].slot(of: vault.shareAsset))
        // A's collateral: 500M deposited, then twice the market's 500M share cash handed back: 1.5B shares ("≈$1.5B").
        #expect(Self.tokens(world, state.supplied(market: market, slot: shareSlot, account: attacker.account), vault.shareAsset) == 1_500_000_000)
        #expect(Self.tokens(world, state.debt(market: market, slot: shareSlot, account: wallet), vault.shareAsset) == 1_500_000_000)
        // The redemption leaves the vault its other holders' 8M shares; the 8M donation doubles their price: 16M / 8M.
        #expect(Self.tokens(world, state.ledger.supply[vault.shareAsset.index], vault.shareAsset) == 8_000_000)
        let pricePerShare = TokenUnits.toDouble(try state.vaultPricePerShare(0), decimals: 18)
        #expect(abs(pricePerShare - 2) < 1e-9, "\(pricePerShare)")
        // The collateral reads 1.5B × 2 = $3B at the market's oracle (record: ≈$3B).
        let oracle = try #require(state.oracles.firstIndex { $0.name == "yusd_share" })
        let collateral = 1_500_000_000 * TokenUnits.toDouble(try state.readOracle(oracle, at: 13).value, decimals: 18)
        #expect(Self.within(factor: 2, collateral, of: 3e9), "\(collateral)")
        // Drained: all $130M the market could lend (record ≈$130M).
        let drained = 130_000_000 - Self.cashValue(world)
        #expect(Self.within(factor: 2, drained, of: 130e6), "\(drained)")
        // Gain: the drain less the donation and Aave's 0.09 % on 500,000 ETH, less gas (record ≈$117M).
        let net = try #require(metrics.attackNetProfit), gas = try #require(metrics.attackGasCost)
        #expect(Self.within(factor: 2, net, of: 117e6), "\(net)")
        let expected: Double = 130e6 - 8e6 - 450 * 4000 - gas
        #expect(abs(net - expected) < 1, "\(net) vs \(expected)")
        try world.checkPnLSums()
    }

    @Test("A failed attack pays only gas: with tracked accounting the loop cannot borrow the ETH back and the transaction reverts, leaving every holding but the gas as it was")
    func failedAttackPaysGas() throws {
        let (world, metrics) = try IncidentSearch.run("cream-2021-defended")
        #expect(metrics.attackExecuted == 0 && metrics.attackReverted == 1)
        let net = try #require(metrics.attackNetProfit), gas = try #require(metrics.attackGasCost)
        #expect(gas > 0 && abs(net + gas) < 1e-6, "\(net)")
        #expect(Self.cashValue(world) == 130_000_000)
        #expect(TokenUnits.toDouble(try world.state.vaultPricePerShare(0), decimals: 18) == 1)
    }

    @Test("revert_if_unprofitable: a $100M donation of own DAI with DAI left out of the borrowing repays the ETH loan but loses DAI, so it reverts for gas; without the check it executes at a loss")
    func unprofitableCheck() throws {
        let overrides = ["agents.attacker.donation=100000000", "agents.attacker.borrow=[ETH, USDC]", "agents.attacker.flash_loans={ETH: aave}",
                         "agents.attacker.capital={ETH: 10, DAI: 600000000}"]
        let (_, guarded) = try IncidentSearch.run("cream-2021", overrides)
        #expect(guarded.attackExecuted == 0 && guarded.attackReverted == 1)
        #expect(abs(try #require(guarded.attackNetProfit) + (try #require(guarded.attackGasCost))) < 1e-6)
        let (_, reckless) = try IncidentSearch.run("cream-2021", overrides + ["agents.attacker.revert_if_unprofitable=false"])
        #expect(reckless.attackExecuted == 1)
        // ETH 9,550 × $4,000 + 50M USDC − 100M DAI − gas ≈ −$11.8M.
        let net = try #require(reckless.attackNetProfit), gas = try #require(reckless.attackGasCost)
        let expected: Double = 9_550 * 4000 + 50e6 - 100e6 - gas
        #expect(abs(net - expected) < 1, "\(net) vs \(expected)")
    }

    @Test("DESIGN.md §4: against the optimiser's best attack the balance-accounted vault is not safe and the tracked one is: the upper 95 % bound changes sign")
    func defenceFlipsSafety() throws {
        let open = try IncidentSearch.bestAttack("cream-2021", grid: 3, starts: 1)
        #expect(!Frontier.isSafe(open.summary))
        #expect(try #require(open.summary.mean) > 100e6, "\(open.summary)")
        let defended = try IncidentSearch.bestAttack("cream-2021-defended", grid: 3, starts: 1)
        #expect(Frontier.isSafe(defended.summary), "\(defended.summary) at \(defended.parameters)")
    }
}
