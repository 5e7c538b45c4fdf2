import Foundation
import ProtocolModel
import Testing
@testable import Scenarios

/// Lending markets in a running world: genesis positions, liquidators, the lending metrics and
/// the shipped cascade scenario and its defended twin.
@Suite("Lending worlds")
struct LendingWorldTests {
    static let small = LendingInputTests.valid
        .replacingOccurrences(of: "duration: 1h", with: "duration: 2m")
        .replacingOccurrences(of: "oracle: eth_median", with: "oracle: eth")

    @Test("Borrowers open positions at genesis with the drawn health: 10 ETH at 3,000, LT 0.8, health 1.25 → 19,200 USDC")
    func genesisPositions() throws {
        let world = try World(scenario: Scenario.parse(text: Self.small, file: "s.yaml"), seed: 1)
        #expect(world.borrowerAccounts.count == 2)
        for account in world.borrowerAccounts {
            // 10 × 3,000 × 0.8 / 1.25 = 19,200 USDC, 6 decimals.
            #expect(world.state.debt(market: 0, slot: 1, account: account) == 19_200_000_000)
            #expect(world.state.supplied(market: 0, slot: 0, account: account) == 10_000_000_000_000_000_000)
            #expect(try world.state.health(market: 0, account: account, at: 0) == 1_250_000_000_000_000_000)
        }
        // The insurance fund holds its 1,000 USDC; the market holds the supply less the two loans.
        let fund = world.state.markets[0].insuranceFund
        #expect(world.state.ledger.balance(AssetID(1), of: fund) == 1_000_000_000)
        #expect(world.state.markets[0].reserves[1].cash == 1_000_000_000_000 - 2 * 19_200_000_000)
    }

    @Test("Without a lending market the lending metrics are empty; with one they are set")
    func metricsPresence() throws {
        let plain = try World(scenario: Scenario.parse(text: BadInputTests.valid.replacingOccurrences(of: "duration: 1h", with: "duration: 1m"),
                                                       file: "s.yaml"), seed: 1).run()
        #expect(plain.liquidations == nil && plain.liquidatedVolume == nil && plain.badDebt == nil)
        #expect(plain.insuranceFundUsed == nil && plain.minHealth == nil)
        let lending = try World(scenario: Scenario.parse(text: Self.small, file: "s.yaml"), seed: 1).run()
        #expect(lending.liquidations == 0 && lending.badDebt == 0 && lending.insuranceFundUsed == 0)
        #expect(try #require(lending.minHealth) == 1.25)
    }

    static let cascade = TestScenarios.repositoryRoot + "/scenarios/liquidation-cascade.yaml"

    @Test("liquidation-cascade: the rush lifts the base fee past the liquidators' cap, their transactions wait, and the lenders' loss exceeds the insurance fund; the defended twin has none (same seed)")
    func cascadeAndDefence() throws {
        let root = TestScenarios.repositoryRoot + "/scenarios/"
        let world = try World(scenario: Scenario.load(path: root + "liquidation-cascade.yaml"), seed: 20261125)
        let recorder = GasAndLiquidationRecorder()
        let plain = try world.run(sink: recorder)
        #expect(try #require(plain.liquidations) > 20)
        #expect(try #require(plain.liquidatedVolume) > 100_000)
        // The lenders' loss, written-off bad debt plus what the positions left underwater lack of
        // collateral: beyond the fund's 20,000 USDC (1 USD each).
        let plainLosses = try #require(plain.badDebt) + #require(plain.underwaterShortfall)
        #expect(plainLosses > 40_000)
        #expect(try #require(plain.underwaterDebt) > 200_000)
        #expect(try #require(plain.minHealth) < 0.5)
        try world.state.checkAllInvariants()
        // The other users keep the base fee at most about their 50 gwei cap; the rush lifts it
        // above the liquidators' 100 for a while, and no liquidation (nor any capped user's swap)
        // enters a block above its sender's cap: the sent ones wait.
        let congested = recorder.gasPrice.filter { $0.value > 100 }.map(\.key)
        #expect(congested.count >= 5)
        #expect(recorder.liquidationBlocks.count > 20)
        #expect(recorder.liquidationBlocks.allSatisfy { (recorder.gasPrice[$0] ?? .infinity) <= 100 })
        #expect(!recorder.noiseBlocks.isEmpty && recorder.noiseBlocks.allSatisfy { (recorder.gasPrice[$0] ?? .infinity) <= 50 })
        let defended = try World(scenario: Scenario.load(path: root + "liquidation-cascade-defended.yaml"), seed: 20261125).run()
        let defendedLosses = try #require(defended.badDebt) + #require(defended.underwaterShortfall)
        #expect(defendedLosses < plainLosses / 100)
        #expect(try #require(defended.liquidations) > 20)
        #expect(try #require(plain.cascadeDepth) > 1)
    }

    @Test("Liquidators stand aside while the base gas price is above their cap, and act below it")
    func gasCap() throws {
        let above = try World(scenario: Scenario.load(path: Self.cascade, overrides: [
            "duration=1h", "chain.gas_price=200", "agents.liquidators.gas_price_cap=100"]), seed: 3).run()
        #expect(above.liquidations == 0)
        #expect(above.badDebt == 0)
        #expect(try #require(above.minHealth) < 1)
        let below = try World(scenario: Scenario.load(path: Self.cascade, overrides: [
            "duration=1h", "chain.gas_price=200", "agents.liquidators.gas_price_cap=300"]), seed: 3).run()
        #expect(try #require(below.liquidations) > 0)
    }
}

/// The base gas price of every block, and the blocks of the liquidations and capped noise
/// traders' swaps included (executed or reverted).
private final class GasAndLiquidationRecorder: WorldSink {
    var gasPrice: [Int: Double] = [:]
    var liquidationBlocks: [Int] = []
    var noiseBlocks: [Int] = []
    func record(_ row: BlockRow) throws { gasPrice[row.block] = row.gasPrice }
    func record(_ steps: [StepRecord]) throws {
        for step in steps {
            if step.kind == .liquidate { liquidationBlocks.append(step.block) }
            if step.kind == .swap, step.agent.description.hasPrefix("noise-") { noiseBlocks.append(step.block) }
        }
    }
}
