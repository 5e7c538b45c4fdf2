import Foundation
import GSL
import Testing
@testable import ProtocolModel

@Suite("Lending: invariants over random transaction sequences")
struct LendingInvariantTests {
    typealias World = LendingTestWorld
    static let wad = World.wad

    @Test("400 random deposits, withdrawals, borrows, repays, liquidations and flash-loan liquidations keep every invariant (seeds 1…3)")
    func randomSequences() throws {
        let model = InterestRateModel(base: 20_000_000_000_000_000, slope1: 200_000_000_000_000_000,
                                      slope2: 2 * Self.wad, kink: 800_000_000_000_000_000)
        var badDebtSeen = false
        for seed: UInt64 in 1...3 {
            let stream = RandomStream(seed: seed)
            var world = try World(collateralFactor: 750_000_000_000_000_000, usdcInterest: model)
            var accounts = [world.borrower]
            for index in 0..<3 {
                let account = world.state.addAccount(named: "borrower\(index)")
                try world.state.endow(world.eth, amount: 100 * World.ethUnit, to: account)
                try world.state.endow(world.usdc, amount: 50_000 * World.usdcUnit, to: account)
                accounts.append(account)
            }
            try world.state.endow(world.usdc, amount: 5_000 * World.usdcUnit, to: world.insurance)
            let lender = world.state.addAccount(named: "flash")
            try world.state.endow(world.usdc, amount: 1_000_000 * World.usdcUnit, to: lender)
            let provider = world.state.addFlashLoanProvider(name: "flash", account: lender, feePips: 900)
            _ = try world.run(world.supplier, [.deposit(market: world.market, asset: world.usdc, amount: .exact(100_000 * World.usdcUnit))])
            let insuranceStart = world.state.ledger.balance(world.usdc, of: world.insurance)
            var price = 3_000.0
            var executed: [StepKind: Int] = [:]
            let m = world.market, usdc = world.usdc, eth = world.eth
            for index in 0..<400 {
                let time = Int64(index / 4 + 1) * 12
                if index % 4 == 0 {
                    world.state.seal(timestamp: time - 12)
                    price *= exp(0.08 * stream.standardNormal()) * (index == 200 ? 0.4 : 1)  // a −60 % crash mid-way
                    world.setEthPrice(wad: UInt128(price * 1e18))
                }
                let account = accounts[stream.uniformInt(accounts.count)]
                let fraction = stream.uniform()
                let sender: AccountID, steps: [Step]
                switch stream.uniformInt(7) {
                case 0: (sender, steps) = (account, [.deposit(market: m, asset: eth, amount: .exact(UInt128(fraction * 5e18) + 1))])
                case 1: (sender, steps) = (account, [.withdraw(market: m, asset: eth, amount: .exact(UInt128(fraction * 2e18) + 1))])
                case 2: (sender, steps) = (account, [.borrow(market: m, asset: usdc, amount: .maxBorrow(market: m, asset: usdc))])
                case 3: (sender, steps) = (account, [.borrow(market: m, asset: usdc, amount: .exact(UInt128(fraction * 3e9) + 1))])
                case 4: (sender, steps) = (account, [.repay(market: m, asset: usdc, amount: .exact(UInt128(fraction * 3e9) + 1))])
                case 5:
                    (sender, steps) = (world.liquidator, [.liquidate(market: m, borrower: account, debtAsset: usdc, collateralAsset: eth,
                                                                     repay: .exact(UInt128(fraction * 1e10) + 1))])
                default:
                    (sender, steps) = (world.liquidator, [
                        .flashBorrow(provider: provider, asset: usdc, amount: .exact(20_000 * World.usdcUnit)),
                        .liquidate(market: m, borrower: account, debtAsset: usdc, collateralAsset: eth, repay: .exact(20_000 * World.usdcUnit)),
                        .flashRepay(provider: provider, asset: usdc, amount: .flashDebt(provider: provider, asset: usdc)),
                    ])
                }
                let healthBefore = try? world.state.health(market: m, account: account, at: time)
                let outcome = try world.run(sender, steps, at: time)  // checks the transaction's invariants
                #expect(world.state.flashDebts.isEmpty, "seed \(seed) transaction \(index)")
                if outcome == .executed {
                    for step in steps { executed[step.kind, default: 0] += 1 }
                    if steps.contains(where: { $0.kind == .liquidate }) {
                        #expect((healthBefore ?? .max) < Self.wad, "seed \(seed) transaction \(index): liquidated a healthy account")
                    }
                }
            }
            try world.state.checkAllInvariants()
            let reserve = world.state.markets[m].reserves[0]
            #expect(insuranceStart - world.state.ledger.balance(world.usdc, of: world.insurance) == reserve.badDebtCovered, "seed \(seed)")
            #expect(reserve.badDebt == reserve.badDebtCovered + reserve.badDebtSocialised, "seed \(seed)")
            badDebtSeen = badDebtSeen || reserve.badDebt > 0
            for kind in [StepKind.deposit, .withdraw, .borrow, .repay, .liquidate, .flashBorrow] {
                #expect(executed[kind, default: 0] > 0, "seed \(seed): no executed \(kind)")
            }
        }
        #expect(badDebtSeen, "seeds 1…3 never produced bad debt")
    }

    @Test("The invariant check catches cash out of step with the ledger and totals out of step with positions")
    func checkCatchesBreaks() throws {
        var world = try World()
        #expect(try world.openPosition(collateral: World.ethUnit, debt: 1_000 * World.usdcUnit))
        try world.state.checkAllInvariants()
        var broken = world.state
        broken.markets[world.market].reserves[0].cash += 1
        #expect(throws: InvariantViolation.self) { try broken.checkAllInvariants() }
        broken = world.state
        broken.markets[world.market].reserves[1].scaledSupply -= 1
        #expect(throws: InvariantViolation.self) { try broken.checkAllInvariants() }
        // Per transaction: a position write whose totals were not updated.
        broken = world.state
        let start = broken.checkpoint()
        let position = try #require(broken.position(market: world.market, account: world.borrower))
        broken.writeReserve(world.market, 0, broken.markets[world.market].reserves[0], position,
                            .scaledDebt(broken.markets[world.market].positions.scaledDebt(position, slot: 0) + 1))
        #expect(throws: InvariantViolation.self) { try broken.checkInvariants(since: start) }
    }

    @Test("Supply and borrow caps bound the totals")
    func caps() throws {
        var world = try World()
        // A second market with caps: 10 ETH supplied, 5,000 USDC borrowed.
        let (usdc, eth, usdOracle, ethOracle) = (world.usdc, world.eth, world.usdOracle, world.ethOracle)
        let capped = try world.state.addLendingMarket(
            name: "capped", unit: "USD", mode: .cross, closeFactor: Self.wad / 2, insuranceFund: world.insurance,
            assets: [MarketAssetConfig(asset: usdc, price: PriceSource(oracle: usdOracle), collateralFactor: 0,
                                       liquidationThreshold: 0, liquidationBonus: 0, borrowCap: 5_000 * World.usdcUnit,
                                       borrowable: true, interest: .zero),
                     MarketAssetConfig(asset: eth, price: PriceSource(oracle: ethOracle), collateralFactor: Self.wad / 2,
                                       liquidationThreshold: Self.wad / 2, liquidationBonus: Self.wad / 10,
                                       supplyCap: 10 * World.ethUnit, borrowable: false, interest: .zero)],
            timestamp: 0)
        _ = try world.run(world.supplier, [.deposit(market: capped, asset: world.usdc, amount: .exact(50_000 * World.usdcUnit))])
        #expect(try world.run(world.borrower, [.deposit(market: capped, asset: world.eth, amount: .exact(10 * World.ethUnit + 1))])
                == .reverted(step: 0, reason: .lending(.supplyCapExceeded(asset: world.eth, cap: 10 * World.ethUnit))))
        #expect(RevertReason.lending(.supplyCapExceeded(asset: world.eth, cap: 10 * World.ethUnit)).text(assets: world.state.ledger.assets)
                == "lending: ETH supply cap 10 ETH exceeded")
        #expect(try world.run(world.borrower, [.deposit(market: capped, asset: world.eth, amount: .exact(10 * World.ethUnit))]) == .executed)
        // Borrowing power 17,500 but the cap allows 5,000.
        #expect(try world.state.maxBorrow(market: capped, asset: world.usdc, account: world.borrower, at: 12) == 5_000 * World.usdcUnit)
        #expect(try world.run(world.borrower, [.borrow(market: capped, asset: world.usdc, amount: .exact(5_000 * World.usdcUnit + 1))])
                == .reverted(step: 0, reason: .lending(.borrowCapExceeded(asset: world.usdc, cap: 5_000 * World.usdcUnit))))
        #expect(RevertReason.lending(.borrowCapExceeded(asset: world.usdc, cap: 5_000 * World.usdcUnit)).text(assets: world.state.ledger.assets)
                == "lending: USDC borrow cap 5000 USDC exceeded")
        // Without collateral nothing can be borrowed.
        #expect(try world.state.maxBorrow(market: capped, asset: world.usdc, account: world.supplier, at: 12) == 0)
    }
}
