import GSL
import Testing
@testable import ProtocolModel

@Suite("Lending: a liquidation quote from the health an index query verified equals the full quote")
struct KnownHealthQuoteTests {
    typealias World = LendingTestWorld
    static let wad = World.wad

    /// Both quotes of one borrower, or the revert reason of each; the known-health quote reads
    /// prices through `prices`, which earlier quotes on the same state and time may have filled.
    static func bothQuotes(_ world: World, health: UInt128, requested: UInt128,
                           debt: AssetID, collateral: AssetID, prices: inout QuotePrices) -> (full: String, known: String) {
        let full: String, known: String
        do {
            let quote = try world.state.quoteLiquidation(market: world.market, borrower: world.borrower, debtAsset: debt,
                                                         collateralAsset: collateral, requested: requested, at: 12)
            full = "\(quote)"
        } catch { full = "revert \(error)" }
        do {
            // The market lists USDC in slot 0 and ETH in slot 1.
            let slot: (AssetID) -> Int = { $0 == world.usdc ? 0 : 1 }
            let quote = try world.state.quoteLiquidation(market: world.market, borrower: world.borrower, health: health,
                                                         debtSlot: slot(debt), collateralSlot: slot(collateral), requested: requested,
                                                         prices: &prices, at: 12)
            known = "\(quote)"
        } catch { known = "revert \(error)" }
        return (full, known)
    }

    @Test("Over 200 random positions and requests (seed 7), full and short collateral, healthy or not, swapped assets (with kept prices or not), through the sole pair: same quote or same revert")
    func sameQuoteAsFullValuation() throws {
        let stream = RandomStream(seed: 7)
        var quoted = 0, short = 0, reverted = 0
        for trial in 0..<200 {
            let ltFraction: Double = 0.5 + stream.uniform() * 0.45
            let bonusFraction: Double = 0.01 + stream.uniform() * 0.3
            var world = try World(liquidationThreshold: UInt128(ltFraction * 1e18), bonus: UInt128(bonusFraction * 1e18),
                                  closeFactor: UInt128((0.1 + stream.uniform() * 0.9) * 1e18))
            let ethAmount: Double = 0.1 + stream.uniform() * 20
            let usdAmount: Double = ethAmount * 3_500 * ltFraction * (0.5 + 0.5 * stream.uniform())
            #expect(try world.openPosition(collateral: UInt128(ethAmount * 1e18), debt: UInt128(usdAmount * 1e6)), "trial \(trial)")
            let targetHealth: Double = 0.2 + 0.9 * stream.uniform()
            world.setEthPrice(wad: UInt128(usdAmount * targetHealth / (ethAmount * ltFraction) * 1e18))
            let health = try world.state.health(market: world.market, account: world.borrower, at: 12)
            let listed = world.state.accountsAndHealthBelow(Self.wad, market: world.market, at: 12)
            #expect(listed.accounts == (health < Self.wad ? [world.borrower] : []), "trial \(trial)")
            #expect(listed.health == (health < Self.wad ? [health] : []), "trial \(trial)")
            let requested = stream.uniform() < 0.1 ? 0 : UInt128(usdAmount * (0.05 + stream.uniform()) * 1e6)
            var prices = QuotePrices()
            let (full, known) = Self.bothQuotes(world, health: health, requested: requested, debt: world.usdc, collateral: world.eth,
                                                prices: &prices)
            #expect(full == known, "trial \(trial)")
            // The borrower owes USDC (slot 0) against ETH (slot 1): its sole pair, quoted
            // through the pair (prices kept or not, as above), quotes alike.
            let pair = try #require(world.state.soleLiquidationPair(market: world.market, borrower: world.borrower), "trial \(trial)")
            #expect(pair == LiquidationPair(debtSlot: 0, collateralSlot: 1,
                                            owed: world.state.debt(market: world.market, slot: 0, account: world.borrower),
                                            held: world.state.supplied(market: world.market, slot: 1, account: world.borrower)),
                    "trial \(trial)")
            var pairPrices = trial.isMultiple(of: 3) ? QuotePrices() : prices
            let throughPair: String
            do {
                let quote = try world.state.quoteLiquidation(market: world.market, borrower: world.borrower, health: health, pair: pair,
                                                              requested: requested, prices: &pairPrices, at: 12)
                throughPair = "\(quote)"
            } catch { throughPair = "revert \(error)" }
            #expect(throughPair == full, "trial \(trial) through the pair")
            // The same assets the other way round: the borrower owes no ETH and pledges no USDC
            // (the prices the first quote kept, read again from scratch every other trial).
            if trial.isMultiple(of: 2) { prices = QuotePrices() }
            let swapped = Self.bothQuotes(world, health: health, requested: requested, debt: world.eth, collateral: world.usdc,
                                          prices: &prices)
            #expect(swapped.full == swapped.known, "trial \(trial) swapped")
            if full.hasPrefix("revert") { reverted += 1 } else { quoted += 1 }
            if full.contains("seize: \(UInt128(ethAmount * 1e18))") { short += 1 }
        }
        #expect(quoted > 50 && reverted > 20 && short > 5, "quoted \(quoted) reverted \(reverted) short \(short)")
    }

    @Test("A sole pair needs exactly one asset owed and one other pledged with LT > 0")
    func solePairNeedsOneDebtAndOneCollateral() throws {
        var world = try World(usdcLiquidationThreshold: 500_000_000_000_000_000)
        #expect(try world.openPosition(collateral: 2 * Self.wad, debt: 1_000 * World.usdcUnit))
        // No position, and a position that owes nothing: no pair.
        #expect(world.state.soleLiquidationPair(market: world.market, borrower: world.liquidator) == nil)
        #expect(world.state.soleLiquidationPair(market: world.market, borrower: world.supplier) == nil)
        #expect(world.state.soleLiquidationPair(market: world.market, borrower: world.borrower)?.collateralSlot == 1)
        // The borrower pledges USDC (LT 0.5) too: two collaterals, no pair.
        try world.run(world.borrower, [.deposit(market: world.market, asset: world.usdc, amount: .exact(10 * World.usdcUnit))])
        #expect(world.state.soleLiquidationPair(market: world.market, borrower: world.borrower) == nil)
    }

    @Test("A quote repays min(requested, mulDiv(owed, close factor, wad)), the whole debt when that floors to 0, over 20,000 random debts from 1 raw unit to 2^127, close factors and requests, products within and beyond 128 bits (seed 41)")
    func repaymentMatchesMulDiv() throws {
        let stream = RandomStream(seed: 41)
        var outcomes = (narrow: 0, wide: 0, wholeDebt: 0)
        for trial in 0..<20_000 {
            let closeFactor = max(WideArithmeticTests.operand(stream) % (Self.wad + 1), 1)
            let world = try World(closeFactor: closeFactor)
            let owed = WideArithmeticTests.operand(stream) >> UInt128(1 + stream.uniformInt(127))
            let requested = WideArithmeticTests.operand(stream) >> UInt128(stream.uniformInt(128))
            // Collateral never short: the quote's repayment is the clamped request.
            let pair = LiquidationPair(debtSlot: 0, collateralSlot: 1, owed: owed, held: .max)
            var prices = QuotePrices()
            let maxRepay = try FixedPoint.mulDiv(owed, closeFactor, Self.wad, rounding: .down)
            let expected = min(requested, maxRepay == 0 ? owed : maxRepay)
            guard let quote = try? world.state.quoteLiquidation(market: world.market, borrower: world.borrower, health: Self.wad / 2,
                                                                pair: pair, requested: requested, prices: &prices, at: 12) else {
                // Only a zero request, or a repayment whose seizure overflows, reverts.
                #expect(expected == 0 || expected > UInt128.max / 10_000_000_000_000, "seed 41 trial \(trial)")
                continue
            }
            #expect(quote.repay == expected, "seed 41 trial \(trial): owed \(owed) close factor \(closeFactor)")
            if maxRepay == 0 { outcomes.wholeDebt += 1 }
            if owed.multipliedReportingOverflow(by: closeFactor).overflow { outcomes.wide += 1 } else { outcomes.narrow += 1 }
        }
        #expect(outcomes.narrow > 2_000 && outcomes.wide > 1_000 && outcomes.wholeDebt > 100, "seed 41: \(outcomes)")
    }
}
