import Testing
@testable import ProtocolModel
@testable import Scenarios

/// An English auction's winning bid repays the debt owed and pays the rest to the insurance fund
/// as the penalty: `liquidated_volume` counts the debt repaid, not the bid.
@Suite("Liquidated volume of an English auction")
struct EnglishAuctionVolumeTests {
    /// One borrower: 10 ETH at 3,000, 19,200 USDC of debt (health 10 × 3,000 × 0.8 / 19,200 =
    /// 1.25, no interest); ETH falls 30 % at 2 m (health 0.875); an English auction with a 13 %
    /// penalty, one keeper. Its winning bid, 19,950 USDC, repays the 19,200 owed; 750 go to the
    /// insurance fund.
    static let scenario = TestScenarios.ethCrashHead(name: "english-penalty", duration: "30m") + """
    lending_markets:
      m:
        liquidation: {mechanism: english-auction, bid_duration: 1m, auction_duration: 10m, penalty: 0.13}
        insurance_fund: {USDC: 1000}
        assets:
          ETH: {oracle: eth_push, collateral_factor: 0.75, liquidation_threshold: 0.8, borrowable: false}
          USDC: {oracle: one, supply: 1000000}
    agents:
      arbitrageurs: {count: 1, capital: {ETH: 10000, USDC: 30000000}}
      borrowers: {count: 1, market: m, collateral: ETH, amount: 10, debt: USDC, health: 1.25}
      liquidators: {count: 1, market: m, capital: {ETH: 1, USDC: 100000}}
    """

    /// Keeps the executed settlements' step records.
    final class Recorder: WorldSink {
        var settlements: [StepRecord] = []

        func record(_ row: BlockRow) throws {}
        func record(_ steps: [StepRecord]) throws { settlements += steps.filter { $0.kind == .auctionSettle && $0.executed } }
    }

    @Test("The settlement's record carries the penalty (bid − debt owed), and liquidated_volume is the 19,200 USDC repaid, not the 19,950 bid")
    func volumeIsDebtRepaid() throws {
        let world = try World(scenario: Scenario.parse(text: Self.scenario, file: "english.yaml"), seed: 7)
        let usdc = world.state.markets[0].assets[1].asset, fund = world.state.markets[0].insuranceFund
        let fundBefore = world.state.ledger.balance(usdc, of: fund)
        let recorder = Recorder()
        let result = try world.run(sink: recorder)
        let settlement = try #require(recorder.settlements.first)
        #expect(recorder.settlements.count == 1)
        #expect(settlement.amountIn == 19_950_000_000)
        #expect(settlement.liquidation?.penalty == 750_000_000)
        #expect(world.state.ledger.balance(usdc, of: fund) - fundBefore == 750_000_000)
        #expect(result.liquidations == 1)
        #expect(result.liquidatedVolume == 19_200)
    }

    @Test("A liquidation record's penalty round-trips all 128 bits and leaves the record at 113 bytes, its optional at 114")
    func penaltyBitsAndSize() {
        let penalty: UInt128 = 0xFEDC_BA98_7654_3210_0123_4567_89AB_CDEF
        var record = LiquidationRecord(market: 0, borrower: AccountID(1), price: nil, healthBefore: nil, healthAfter: nil, penalty: penalty)
        #expect(record.penalty == penalty)
        for bit in [0, 63, 64, 95, 96, 127] {
            record.penalty = 1 << bit
            #expect(record.penalty == 1 << bit, "bit \(bit)")
        }
        #expect(LiquidationRecord(market: 0, borrower: AccountID(1), price: nil, healthBefore: nil, healthAfter: nil).penalty == 0)
        // The penalty sits in the padding: a step record (its liquidation record last) does not grow.
        #expect(MemoryLayout<LiquidationRecord>.size == 113)
        #expect(MemoryLayout<LiquidationRecord?>.size == 114)
    }
}
