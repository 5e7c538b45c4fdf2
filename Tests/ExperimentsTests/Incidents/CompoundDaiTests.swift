import ProtocolModel
import Scenarios
import Testing

/// The Compound DAI liquidations of 26 November 2020 against the record (research incidents.md
/// §2.6: Decrypt; CoinCodex; Compound forum comp.xyz/t/642): 85.2M DAI liquidated, ≈6.8M DAI of
/// penalties at the 8 % incentive, the COMP farmer's ≈$46M.
@Suite("Compound DAI re-enactment (scenarios/compound-dai-2020.yaml)")
struct CompoundDaiTests {
    static let undefended = Result { try IncidentRun("compound-dai-2020") }
    static let wad: UInt128 = 1_000_000_000_000_000_000

    /// The collateral a fixed-bonus liquidation at 8 % seizes for `repaid` raw debt units, computed
    /// here from the rule: value = ⌊repaid × debt price / 10^debt decimals⌋, seized value =
    /// ⌊value × 1.08⌋, seized = ⌊seized value × 10^collateral decimals / collateral price⌋.
    static func seized(_ row: LiquidationRow, _ run: IncidentRun) throws -> (seize: UInt128, value: UInt128, penalty: UInt128) {
        let debtPrice = try #require(row.debtPrice), price = try #require(row.price)
        let value = try FixedPoint.mulDiv(row.repaid, debtPrice, FixedPoint.powerOfTen(run.decimals[row.debtAsset.index]), rounding: .down)
        let seizedValue = try FixedPoint.mulDiv(value, 108, 100, rounding: .down)
        let seize = try FixedPoint.mulDiv(seizedValue, FixedPoint.powerOfTen(run.decimals[row.collateralAsset.index]), price,
                                          rounding: .down)
        return (seize, value, seizedValue - value)
    }

    @Test("Every liquidation seizes exactly the repaid value × 1.08: the penalty is 8 % of the repaid debt, to the raw unit")
    func exactPenalty() throws {
        let run = try Self.undefended.get()
        #expect(run.liquidations.count >= 10)
        for row in run.liquidations {
            let expected = try Self.seized(row, run)
            #expect(row.seized == expected.seize, "\(row.account) at \(row.time)")
            // ⌊v × 1.08⌋ − v = ⌊v × 0.08⌋ for a whole v.
            #expect(expected.penalty == expected.value * 8 / 100)
        }
    }

    @Test("DAI at $1.30 liquidates within a factor of 2 of the reported 85.2M DAI, 6.8M DAI of penalties and the farmer's $46M")
    func reEnactment() throws {
        let run = try Self.undefended.get()
        let repaid = run.liquidations.reduce(0.0) { $0 + run.tokens($1.repaid, $1.debtAsset) }
        #expect(repaid > 85_200_000 / 2 && repaid < 85_200_000 * 2, "liquidated \(repaid) DAI")
        let penalties = repaid * 0.08
        #expect(penalties > 6_800_000 / 2 && penalties < 6_800_000 * 2, "penalties \(penalties) DAI")
        let farmer = run.liquidations.filter { $0.account == "comp_farmer" }
            .reduce(0.0) { $0 + run.tokens($1.seized, $1.collateralAsset) }
        #expect(farmer > 46_000_000 / 2 && farmer < 46_000_000 * 2, "farmer lost \(farmer) USDC")
        // The liquidations priced DAI above its peg: at the $1.30 feed, or at the anchor where the feed was beyond 20 % of it.
        #expect(run.liquidations.allSatisfy { ($0.debtPrice ?? 0) > 105 * Self.wad / 100 })
        #expect(run.metrics.badDebt == 0)
    }

    @Test("A 5 % stablecoin cap on DAI's price stops the liquidations")
    func stablecoinCap() throws {
        let defended = try IncidentRun("compound-dai-2020-defended")
        #expect(defended.metrics.liquidations == 0 && defended.liquidations.isEmpty)
        #expect((try Self.undefended.get().metrics.liquidations ?? 0) > 0)
    }
}
