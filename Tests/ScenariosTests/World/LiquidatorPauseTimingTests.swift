import Testing
@testable import ProtocolModel
@testable import Scenarios

/// A liquidator asks whether liquidations are paused in the block its transactions can land in,
/// not at its own wake-up time: when a circuit breaker's pause ends, liquidations resume in the
/// first block it no longer covers.
@Suite("Liquidations after a circuit breaker's pause")
struct LiquidatorPauseTimingTests {
    /// One borrower at health 1.1; ETH falls 30 % at 2 m (the borrower's health to 0.77, the
    /// breaker trips at the next seal); the pause lasts 5 minutes; one liquidator without latency.
    static let scenario = TestScenarios.ethCrashHead(name: "breaker-resume", duration: "20m") + """
    lending_markets:
      m:
        circuit_breaker: {threshold: 0.15, window: 10m, cooldown: 5m}
        assets:
          ETH: {oracle: eth_push, collateral_factor: 0.75, liquidation_threshold: 0.8, bonus: 0.1, borrowable: false}
          USDC: {oracle: one, supply: 1000000}
    agents:
      borrowers: {count: 1, market: m, collateral: ETH, amount: 10, debt: USDC, health: 1.1}
      liquidators: {count: 1, market: m, capital: {ETH: 1, USDC: 100000}}
    """

    @Test("The first liquidation lands in the first block after the pause, not one block later")
    func resumesInFirstUnpausedBlock() throws {
        let world = try World(scenario: Scenario.parse(text: Self.scenario, file: "breaker.yaml"), seed: 7)
        let recorder = DefenceRecorder()
        let result = try world.run(sink: recorder)
        #expect(result.circuitBreakerTrips == 1)
        // A row's flag says whether the next block is paused: the last row flagged is the block
        // sealed before the last paused one.
        let lastFlagged = try #require(recorder.rows.last { $0.paused == [true] })
        let firstLiquidation = try #require(recorder.liquidationsPerBlock.keys.min())
        #expect(firstLiquidation == lastFlagged.block + 2)
        #expect(recorder.liquidationReverts == 0)
    }
}
