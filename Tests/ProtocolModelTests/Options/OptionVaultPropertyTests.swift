import GSL
import Testing
@testable import ProtocolModel

@Suite("Option vault invariants over random trade sequences")
struct OptionVaultPropertyTests {
    typealias World = OptionVaultTestWorld
    static let ether = World.ether, usd = World.usd

    /// One random step for `sender`: a trade, a margin or share movement, or the keeper's hedge.
    static func randomStep(_ world: World, _ sender: AccountID, at time: Int64, _ random: RandomStream) -> (AccountID, Step) {
        let contracts = Amount.exact(UInt128(random.uniformInt(3_000_000) + 1) * 1_000_000_000_000)  // up to 3 ETH
        let series = random.uniformInt(2)
        switch random.uniformInt(8) {
        case 0, 1: return (sender, .buyOption(vault: world.vault, series: series, contracts: contracts, maxPremium: .max))
        case 2, 3: return (sender, .sellOption(vault: world.vault, series: series, contracts: contracts, minPremium: 0))
        case 4: return (sender, .depositOptionMargin(vault: world.vault, amount: .exact(UInt128(random.uniformInt(2_000) + 1) * Self.usd)))
        case 5:
            // Half the time down to the requirement exactly, so that later moves liquidate.
            let margin = world.state.optionMargin(vault: world.vault, account: sender, at: time)
            let amount = random.bernoulli(0.5) && margin.balance > margin.requirement
                ? margin.balance - margin.requirement : UInt128(random.uniformInt(2_000) + 1) * Self.usd
            return (sender, .withdrawOptionMargin(vault: world.vault, amount: .exact(amount)))
        case 6:
            let shares = world.state.optionVaults[world.vault].shareAsset
            return random.bernoulli(0.5)
                ? (sender, .depositVault(vault: world.vault, amount: .exact(UInt128(random.uniformInt(5_000) + 1) * Self.usd)))
                : (sender, .withdrawVault(vault: world.vault, shares: .balance(shares)))
        default: return (world.keeper, .hedgeVault(vault: world.vault, pool: world.pool))
        }
    }

    /// What a reverted transaction must leave as it was besides the ledger and the vaults: each
    /// pool's integer state (the hedge trades through it), each oracle's answer override and kind,
    /// and the TWAP oracles' observations (``PoolVenue`` and ``Oracle`` are not Equatable).
    struct Venues: Equatable {
        var pools: [ConstantProductPool]
        var oracles: [OracleKind]
        var corruptedAnswers: [UInt128?]
        var twapOracles: [TwapOracle]
    }

    static func venues(_ state: ProtocolState) -> Venues {
        Venues(pools: state.pools.map(\.pool), oracles: state.oracles.map(\.kind), corruptedAnswers: state.oracles.map(\.corruptedAnswer),
               twapOracles: state.twapOracles)
    }

    @Test("Over 3 seeds × 120 random transactions with price moves, liquidations and settlement: supply is conserved, the vault holds minus the traders' positions, margin is held in full, and every reverted transaction leaves the state byte-equal")
    func randomSequences() throws {
        var liquidations = 0
        for seed: UInt64 in [1, 2, 3] {
            var world = try World()
            try world.state.endow(world.usdc, amount: 1_000_000 * Self.usd, to: world.keeper)
            let random = RandomStream(seed: seed)
            let supply = world.state.ledger.supply[world.usdc.index], ethSupply = world.state.ledger.supply[world.eth.index]
            var price = 2_000.0, executed = 0
            let liquidationsBefore = liquidations
            let traders = [world.alice, world.bob, world.carol]
            for block in 1...120 {
                let time = Int64(block) * 3_600
                price *= 1 + 0.03 * (random.uniform() * 2 - 1)
                world.setPrice(TokenUnits.fromDouble(price, decimals: 18))
                let (sender, step) = Self.randomStep(world, traders[random.uniformInt(3)], at: time, random)
                let balances = world.balances, vaults = world.state.optionVaults, venues = Self.venues(world.state)
                let (outcome, _) = try world.run(sender, [step], at: time)
                if outcome.isExecuted {
                    executed += 1
                } else {
                    #expect(world.balances == balances && world.state.optionVaults == vaults && Self.venues(world.state) == venues,
                            "seed \(seed) block \(block): \(step) left state behind")
                }
                for account in world.state.optionAccountsBelowMaintenance(vault: world.vault, at: time) {
                    let (liquidated, _) = try world.run(world.liquidator, [.liquidateOptions(vault: world.vault, account: account)], at: time)
                    #expect(liquidated == .executed, "seed \(seed) block \(block)")
                    liquidations += 1
                }
                world.state.seal(timestamp: time)
            }
            world.setSettlementPrice(TokenUnits.fromDouble(price, decimals: 18))
            for series in [World.call, World.put] {
                #expect(try world.run(world.bob, [.settleOptions(vault: world.vault, series: series)], at: World.week).outcome == .executed)
            }
            let vault = world.state.optionVaults[world.vault]
            #expect(vault.positions.isEmpty && vault.totals.vaultPositions == [0, 0] && vault.totals.openInterest == 0, "seed \(seed)")
            #expect(world.state.ledger.balance(world.usdc, of: vault.marginAccount) == vault.totals.marginHeld, "seed \(seed)")
            #expect(world.state.ledger.supply[world.usdc.index] == supply, "seed \(seed)")
            #expect(world.state.ledger.supply[world.eth.index] == ethSupply, "seed \(seed)")
            #expect(executed > 30, "seed \(seed): only \(executed) transactions executed")
            #expect(vault.totals.liquidations == liquidations - liquidationsBefore, "seed \(seed)")
        }
        #expect(liquidations > 0, "no liquidation exercised")
    }
}
