@testable import Agents
import ProtocolModel
import Testing
@testable import Scenarios

/// When the world may leave a liquidator asleep: only when its wake-up could propose nothing on
/// the sealed state, whenever before the next block it came (on the flash crash of
/// ``DefenceWorldTests``; outputs with and without the shortcut are compared byte for byte by
/// the benchmark reference runs).
@Suite("Liquidator wake-ups")
struct LiquidatorWakeUpTests {
    @Test("Nothing to do on a fixed-bonus market with every account healthy; something once one is below 1, in a Dutch-auction market, or when health moves with the read time")
    func proposesNothing() throws {
        let calm = try DefenceWorldTests.world(["duration=9m"])
        _ = try calm.run()
        #expect(try calm.state.accountsBelowHealth(FixedPoint.wad, market: 0, at: 540).isEmpty)
        #expect(calm.liquidators.allSatisfy { $0.proposesNothing(on: calm.view(at: 540)) })
        #expect(calm.liquidators.allSatisfy { $0.decide(calm.view(at: 545)).isEmpty })

        // Sealed at 11 m, when ETH has fallen 25 %: the liquidations sent land in the next block.
        let crashed = try DefenceWorldTests.world(["duration=11m"])
        _ = try crashed.run()
        try #require(!crashed.state.accountsBelowHealth(FixedPoint.wad, market: 0, at: 660).isEmpty)
        #expect(!crashed.liquidators[0].proposesNothing(on: crashed.view(at: 660)))

        let dutch = try DefenceWorldTests.world(["duration=9m", "lending_markets.m.liquidation={mechanism: dutch-auction, start_premium: 0.05, duration: 10m}"])
        _ = try dutch.run()
        #expect(!dutch.liquidators[0].proposesNothing(on: dutch.view(at: 540)))

        let twap = try DefenceWorldTests.world(["duration=9m", "oracles.eth={type: twap, pool: eth_usdc, base: ETH, window: 300}"])
        _ = try twap.run()
        #expect(try twap.state.accountsBelowHealth(FixedPoint.wad, market: 0, at: 540).isEmpty)
        #expect(!twap.liquidators[0].proposesNothing(on: twap.view(at: 540)))
    }
}
