import Testing
@testable import Agents
import Pricing
@testable import ProtocolModel

/// The settlement-manipulation plan's transactions run by hand on a ProtocolState: a thin
/// 100 ETH / 200,000 USDC pool read by the settlement oracle (spot, or a 36-second TWAP), a vault
/// pricing at a constant 2,000 and writing a call struck at 2,200 expiring at one week (a 12 s
/// block grid), and an attacker buying 20 calls.
@Suite("Settlement manipulation attack")
struct SettlementManipulationTests {
    static let ether: UInt128 = 1_000_000_000_000_000_000
    static let usd: UInt128 = 1_000_000
    static let expiry: Int64 = 7 * 86_400

    struct World {
        var state = ProtocolState()
        let eth: AssetID, usdc: AssetID, attacker: AccountID
        let pool: Int, vault: Int, flash: Int

        init(twapWindow: Int64?) throws {
            eth = state.addAsset(Asset(symbol: "ETH", decimals: 18))
            usdc = state.addAsset(Asset(symbol: "USDC", decimals: 6))
            let lp = state.addAccount(named: "lp"), lender = state.addAccount(named: "lender")
            attacker = state.addAccount(named: "attacker")
            try state.endow(eth, amount: 100 * ether, to: lp)
            try state.endow(usdc, amount: 200_000 * usd, to: lp)
            try state.endow(usdc, amount: 1_000_000 * usd, to: lender)
            try state.endow(usdc, amount: 1_000 * usd, to: attacker)
            pool = try state.addPool(name: "thin", token0: eth, token1: usdc, reserve0: 100 * ether, reserve1: 200_000 * usd,
                                     feePips: 3_000, provider: lp, timestamp: 0)
            flash = state.addFlashLoanProvider(name: "lender", account: lender, feePips: 900)
            let price = state.addOracle(name: "eth_ref", unit: "USDC", kind: .constant(2_000 * ether))
            let settlement: Int
            if let twapWindow {
                settlement = state.addTwapOracle(name: "eth_twap", unit: "USDC", pool: pool, baseIsToken0: true, window: twapWindow,
                                                 geometric: false, timestamp: 0)
            } else {
                settlement = state.addOracle(name: "eth_spot", unit: "USDC", kind: .spot(pool: pool, baseIsToken0: true))
            }
            vault = try state.addOptionVault(
                name: "ov", underlying: eth, collateral: usdc, priceOracle: price, settlementOracle: settlement,
                series: [OptionSeries(underlying: 0, kind: .call, strike: 2_200, expiry: Double(expiry))],
                volatility: .implied(atm: 0.8, skew: 0), spread: SpreadRule(base: 0.01), keeper: nil,
                liquidity: 1_000_000 * usd, provider: nil, shareholder: lp, timestamp: 0)
        }

        func plan(holdBlocks: Int, flash: Bool) -> SettlementManipulation {
            SettlementManipulation(
                account: attacker, vault: vault, series: 0, contracts: 20 * ether, pool: pool, amount: 50_000 * usd, targetPrice: 2_600,
                holdBlocks: holdBlocks, expiry: Double(expiry), blockTime: 12,
                flashLoan: flash ? AttackFlashLoan(provider: self.flash, asset: usdc) : nil, revertIfUnprofitable: true, isCall: true,
                underlying: eth, collateral: usdc, underlyingIsToken0: true)
        }

        /// Runs `steps` from the attacker in a block at `timestamp` under the invariant checks, commits and seals.
        mutating func run(_ steps: [Step], at timestamp: Int64) throws -> (outcome: TransactionOutcome, log: [StepRecord]) {
            var log: [StepRecord] = []
            let start = state.checkpoint()
            let outcome = state.runSteps(of: Transaction(sender: attacker, agent: "attacker", steps: steps, submittedAt: 0),
                                         context: ExecutionContext(block: Int(timestamp / 12), timestamp: timestamp, recordSteps: true),
                                         log: &log)
            try state.checkInvariants(since: start)
            state.commit()
            state.seal(timestamp: timestamp)
            try state.checkAllInvariants()
            return (outcome, log)
        }

        var attackerUSDC: UInt128 { state.ledger.balance(usdc, of: attacker) }
    }

    @Test("Spot-settled: 20 calls bought, then one flash-loan transaction pumps the thin pool to 2,600, settles and sells back — the payout is exactly 20·(S − 2,200) and the attack nets over 7,000 USDC")
    func spotSettlementPays() throws {
        var world = try World(twapWindow: nil)
        let plan = world.plan(holdBlocks: 0, flash: true)
        #expect(try world.run(plan.purchase(), at: 12).outcome == .executed)
        let afterPurchase = world.attackerUSDC
        #expect(afterPurchase < 1_000 * Self.usd - 500 * Self.usd)  // ≈ 25.3 per call
        let (outcome, log) = try world.run(plan.settlement(keep: nil), at: Self.expiry)
        #expect(outcome == .executed)
        #expect(log.map(\.kind) == [.flashBorrow, .swap, .settleOptions, .swap, .flashRepay, .check])
        let price = try #require(world.state.settlementPrice(vault: world.vault, series: 0))
        #expect(price > 2_590 * Self.ether && price <= 2_600 * Self.ether)
        // ⌊q·payoff/10^30⌋ with q = 20·10^18 raw contracts is ⌊20·payoff/10^12⌋.
        #expect(log[2].amountOut == 20 * (price - 2_200 * Self.ether) / 1_000_000_000_000)
        #expect(world.attackerUSDC > 1_000 * Self.usd + 7_000 * Self.usd)
        #expect(world.state.optionVaults[world.vault].totals.vaultPositions == [0])
    }

    @Test("TWAP-settled: the same one-block push does not enter the average, the call settles out of the money and the gain check reverts the transaction")
    func twapDefends() throws {
        var world = try World(twapWindow: 36)
        let plan = world.plan(holdBlocks: 0, flash: true)
        #expect(try world.run(plan.purchase(), at: 12).outcome == .executed)
        let afterPurchase = world.attackerUSDC, pool = world.state.pools[world.pool].pool
        let (outcome, _) = try world.run(plan.settlement(keep: nil), at: Self.expiry)
        guard case .reverted(step: 5, reason: .unprofitable) = outcome else {
            Issue.record("expected the gain check to revert, got \(outcome)")
            return
        }
        #expect(world.attackerUSDC == afterPurchase && world.state.pools[world.pool].pool.reserve0 == pool.reserve0)
        #expect(world.state.settlementPrice(vault: world.vault, series: 0) == nil)
    }

    @Test("Holding the push over the TWAP's three blocks before expiry lifts the settlement price and pays; the wake-ups land one block before each block they target")
    func twapHeld() throws {
        var world = try World(twapWindow: 36)
        let plan = world.plan(holdBlocks: 3, flash: false)
        #expect((1...4).map { plan.wakeTime($0) } == [604_752, 604_764, 604_776, 604_788])
        #expect(plan.settlement(keep: 0).map(\.kind) == [.settleOptions, .swap, .check])
        #expect(try world.run(plan.purchase(), at: 12).outcome == .executed)
        try world.state.endow(world.usdc, amount: 100_000 * Self.usd, to: world.attacker)
        let before = world.attackerUSDC, ethBefore = world.state.ledger.balance(world.eth, of: world.attacker)
        // The first push reaches the target; with no arbitrage in between the later ones have
        // nothing to do (a zero swap reverts: a block-closing bundle that would revert is dropped).
        #expect(try world.run([plan.push()], at: Self.expiry - 36).outcome == .executed)
        for block: Int64 in [2, 1] {
            #expect(try world.run([plan.push()], at: Self.expiry - 12 * block).outcome != .executed)
        }
        let (outcome, log) = try world.run(plan.settlement(keep: ethBefore), at: Self.expiry)
        #expect(outcome == .executed)
        let price = try #require(world.state.settlementPrice(vault: world.vault, series: 0))
        #expect(price > 2_550 * Self.ether && price <= 2_600 * Self.ether)
        #expect(log[0].amountOut > 7_000 * Self.usd)
        #expect(world.attackerUSDC > before + 6_500 * Self.usd)
        #expect(world.state.ledger.balance(world.eth, of: world.attacker) == ethBefore)
    }
}
