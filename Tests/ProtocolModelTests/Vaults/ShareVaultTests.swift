import Testing
@testable import ProtocolModel

/// Share vaults over a StableSwap position: price per share, deposits and withdrawals, the spot
/// valuation a swap moves (Harvest), the balance rule a donation inflates (Cream), and their
/// defences (virtual price, tracked accounting, the deviation guard).
@Suite("Share vault")
struct ShareVaultTests {
    static let usd: UInt128 = 1_000_000

    /// A USDC/USDT pool of 200M + 200M (A = 100, fee 0.04 %); vault `fUSDC` holding 10M idle USDC
    /// and a quarter of the pool's shares (100M at par): 110M shares at a price of 1. The trader
    /// holds 60M USDC and 20M USDT.
    struct World {
        var state = ProtocolState()
        let usdc: AssetID, usdt: AssetID, trader: AccountID, pool: Int, vault: Int

        init(valuation: ShareVault.Valuation = .spot, accounting: ShareVault.Accounting = .balance, limit: UInt128? = nil) throws {
            usdc = state.addAsset(Asset(symbol: "USDC", decimals: 6))
            usdt = state.addAsset(Asset(symbol: "USDT", decimals: 6))
            let genesis = state.addAccount(named: "genesis")
            trader = state.addAccount(named: "trader")
            try state.endow(usdc, amount: 210_000_000 * usd, to: genesis)
            try state.endow(usdt, amount: 200_000_000 * usd, to: genesis)
            try state.endow(usdc, amount: 60_000_000 * usd, to: trader)
            try state.endow(usdt, amount: 20_000_000 * usd, to: trader)
            pool = try state.addStablePool(name: "curve", coins: [usdc, usdt], balances: [200_000_000 * usd, 200_000_000 * usd],
                                           amplification: 100, fee: 4_000_000, provider: genesis)
            vault = try state.addVault(name: "fUSDC", underlying: usdc, pool: pool, valuation: valuation, accounting: accounting,
                                       deviationLimit: limit, idle: 10_000_000 * usd,
                                       position: state.stablePools[pool].pool.totalShares / 4, provider: genesis)
        }

        mutating func run(_ steps: [Step]) throws -> TransactionOutcome {
            var log: [StepRecord] = []
            let start = state.checkpoint()
            let outcome = state.runSteps(of: Transaction(sender: trader, agent: "trader", steps: steps, submittedAt: 0),
                                         context: ExecutionContext(block: 1, timestamp: 12, recordSteps: true), log: &log)
            try state.checkInvariants(since: start)
            state.commit()
            try state.checkAllInvariants()
            return outcome
        }

        /// Harvest's cycle: sell `push` USDT for USDC, deposit `deposit` USDC, sell the USDC
        /// bought back for USDT, withdraw every share.
        func cycle(push: UInt128, deposit: UInt128) throws -> [Step] {
            let bought = try state.stablePools[pool].pool.quote(amountIn: push, from: 1, to: 0)
            return [.stableSwap(pool: pool, from: usdt, to: usdc, amountIn: .exact(push), minAmountOut: 0),
             .vaultDeposit(vault: vault, amount: .exact(deposit)),
             .stableSwap(pool: pool, from: usdc, to: usdt, amountIn: .exact(bought), minAmountOut: 0),
             .vaultWithdraw(vault: vault, shares: .balance(state.vaults[vault].shareAsset))]
        }

        var wealth: UInt128 { state.ledger.balance(usdc, of: trader) + state.ledger.balance(usdt, of: trader) }
    }

    @Test("At par the vault is worth 110M and a 50M deposit mints 50M shares that withdraw for 50M")
    func depositAndWithdrawAtPar() throws {
        var world = try World()
        #expect(try world.state.vaultValue(world.vault) == 110_000_000 * Self.usd)
        #expect(try world.state.vaultPricePerShare(world.vault) == FixedPoint.wad)
        let share = world.state.vaults[world.vault].shareAsset
        #expect(try world.run([.vaultDeposit(vault: world.vault, amount: .exact(50_000_000 * Self.usd))]) == .executed)
        #expect(world.state.ledger.balance(share, of: world.trader) == 50_000_000 * Self.usd)
        #expect(try world.run([.vaultWithdraw(vault: world.vault, shares: .balance(share))]) == .executed)
        #expect(world.state.ledger.balance(world.usdc, of: world.trader) == 60_000_000 * Self.usd)
    }

    @Test("Spot valuation: a 17M USDT push lowers the price per share, and the push–deposit–unpush–withdraw cycle gains")
    func spotCycleGains() throws {
        var world = try World()
        let before = world.wealth
        var probe = world.state
        var log: [StepRecord] = []
        _ = probe.runSteps(of: Transaction(sender: world.trader, agent: "t", steps: [.stableSwap(
            pool: world.pool, from: world.usdt, to: world.usdc, amountIn: .exact(17_000_000 * Self.usd), minAmountOut: 0)],
            submittedAt: 0), context: ExecutionContext(block: 1, timestamp: 12, recordSteps: false), log: &log)
        #expect(try probe.vaultPricePerShare(world.vault) < FixedPoint.wad * 9_995 / 10_000)
        #expect(try world.run(try world.cycle(push: 17_000_000 * Self.usd, deposit: 50_000_000 * Self.usd)) == .executed)
        // The push moves USDC to ≈1.0017 USDT: the position's spot value falls ≈0.09 %, the 50M deposit gains ≈14.7k less fees.
        #expect(world.wealth > before + 10_000 * Self.usd)
    }

    @Test("Virtual-price valuation: the same cycle loses the swap fees")
    func virtualPriceCycleLoses() throws {
        var world = try World(valuation: .virtualPrice)
        let before = world.wealth
        #expect(try world.run(try world.cycle(push: 17_000_000 * Self.usd, deposit: 50_000_000 * Self.usd)) == .executed)
        #expect(world.wealth < before)
    }

    @Test("A 0.05 % deviation guard, below the push's ≈0.09 % move, reverts the deposit and leaves everything unchanged")
    func deviationGuard() throws {
        var world = try World(limit: FixedPoint.wad / 2_000)
        let vault = world.state.vaults[world.vault], before = world.wealth
        let outcome = try world.run(try world.cycle(push: 17_000_000 * Self.usd, deposit: 50_000_000 * Self.usd))
        #expect(outcome == .reverted(step: 1, reason: .venue(.priceDeviation)))
        #expect(world.state.vaults[world.vault] == vault)
        #expect(world.wealth == before)
    }

    @Test("A 10M donation raises the price per share by 10/110 under the balance rule and not at all when tracked")
    func donation() throws {
        for accounting in ShareVault.Accounting.allCases {
            var world = try World(valuation: .virtualPrice, accounting: accounting)
            let account = world.state.vaults[world.vault].account
            #expect(try world.run([.transfer(asset: world.usdc, amount: .exact(10_000_000 * Self.usd), to: account)]) == .executed)
            let expected = accounting == .balance ? FixedPoint.wad * 120 / 110 : FixedPoint.wad
            #expect(try world.state.vaultPricePerShare(world.vault) == expected, "\(accounting)")
        }
    }

    @Test("The vault-share oracle answers price per share × the underlying's oracle")
    func vaultShareOracle() throws {
        var world = try World(valuation: .virtualPrice)
        let usdcPrice = world.state.addOracle(name: "usdc", unit: "USD", kind: .constant(FixedPoint.wad * 101 / 100))
        let oracle = world.state.addVaultShareOracle(name: "fusdc", vault: world.vault, underlyingOracle: usdcPrice)
        let account = world.state.vaults[world.vault].account
        _ = try world.run([.transfer(asset: world.usdc, amount: .exact(11_000_000 * Self.usd), to: account)])
        // Price per share 121/110 = 1.1, times 1.01.
        #expect(try world.state.readOracle(oracle, at: 12).value == 1_111_000_000_000_000_000)
    }

    @Test("A withdrawal beyond the idle balance reverts")
    func withdrawalBeyondIdle() throws {
        var world = try World()
        let share = world.state.vaults[world.vault].shareAsset
        _ = try world.run([.vaultDeposit(vault: world.vault, amount: .exact(60_000_000 * Self.usd))])
        var log: [StepRecord] = []
        let genesis = AccountID(0)
        let outcome = world.state.runSteps(
            of: Transaction(sender: genesis, agent: "genesis", steps: [.vaultWithdraw(vault: world.vault, shares: .balance(share))],
                            submittedAt: 0),
            context: ExecutionContext(block: 1, timestamp: 12, recordSteps: false), log: &log)
        #expect(outcome == .reverted(step: 0, reason: .venue(.insufficientInventory)))
    }

    @Test("Cream's flaw: a donation to a balance-accounted vault raises what its shares borrow as collateral; tracked accounting does not")
    func donationInflatesCollateral() throws {
        for accounting in ShareVault.Accounting.allCases {
            var world = try World(valuation: .virtualPrice, accounting: accounting)
            let share = world.state.vaults[world.vault].shareAsset, account = world.state.vaults[world.vault].account
            let one = world.state.addOracle(name: "one", unit: "USD", kind: .constant(FixedPoint.wad))
            let shareOracle = world.state.addVaultShareOracle(name: "fusdc", vault: world.vault, underlyingOracle: one)
            let lender = world.state.addAccount(named: "lender"), insurance = world.state.addAccount(named: "insurance")
            try world.state.endow(world.usdt, amount: 100_000_000 * Self.usd, to: lender)
            let market = try world.state.addLendingMarket(
                name: "cream", unit: "USD", mode: .cross, closeFactor: FixedPoint.wad / 2, insuranceFund: insurance,
                assets: [MarketAssetConfig(asset: share, price: PriceSource(oracle: shareOracle), collateralFactor: FixedPoint.wad * 8 / 10,
                                           liquidationThreshold: FixedPoint.wad * 8 / 10, liquidationBonus: 0, borrowable: false,
                                           interest: .zero),
                         MarketAssetConfig(asset: world.usdt, price: PriceSource(oracle: one), collateralFactor: 0, liquidationThreshold: 0,
                                           liquidationBonus: 0, borrowable: true, interest: .zero)],
                timestamp: 0)
            var log: [StepRecord] = []
            _ = world.state.runSteps(of: Transaction(sender: lender, agent: "lender", steps: [
                .deposit(market: market, asset: world.usdt, amount: .exact(100_000_000 * Self.usd))], submittedAt: 0),
                context: ExecutionContext(block: 1, timestamp: 12, recordSteps: false), log: &log)
            world.state.commit()
            // 50M USDC → 50M shares posted as collateral: 40M of borrowing power; then 11M donated.
            #expect(try world.run([.vaultDeposit(vault: world.vault, amount: .exact(50_000_000 * Self.usd)),
                                   .deposit(market: market, asset: share, amount: .balance(share)),
                                   .transfer(asset: world.usdc, amount: .exact(10_000_000 * Self.usd), to: account)]) == .executed)
            let power = try world.state.maxBorrow(market: market, asset: world.usdt, account: world.trader, at: 12)
            // Balance rule: price per share (160M + 10M)/160M; tracked: 1.
            let expected = accounting == .balance ? 40_000_000 * Self.usd * 170 / 160 : 40_000_000 * Self.usd
            #expect(expected - power <= 1, "\(accounting): \(power)")
        }
    }
}
