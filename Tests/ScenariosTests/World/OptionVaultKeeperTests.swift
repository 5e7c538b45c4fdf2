import Agents
import Foundation
import ProtocolModel
import Testing
@testable import Scenarios

/// The option vault's keeper sends a delta hedge only when it trades at least a raw unit each way
/// on the sealed state (the audit found empty hedges executing and `pool: zeroAmount` reverts,
/// both paying gas).
@Suite("Option vault keeper")
struct OptionVaultKeeperTests {
    static let path = TestScenarios.repositoryRoot + "/scenarios/options-vault.yaml"

    @Test("A vault on target (no options written yet) gets no hedge when one is due")
    func noHedgeOnTarget() throws {
        let world = try World(scenario: Scenario.load(path: Self.path), seed: 1)
        let keeper = try #require(world.optionAgents.keepers.first)
        let view = world.view(at: 1_800)
        #expect(try view.state.vaultHedgeTrade(vault: keeper.vault, pool: #require(keeper.hedge).pool) == nil)
        var proposals: [Transaction] = []
        keeper.onBlockSealed(view, into: &proposals)
        #expect(proposals.isEmpty)
    }

    @Test("options-vault over 8 seeds: every hedge the keeper sends executes and trades both ways")
    func everyHedgeTrades() throws {
        let scenario = try Scenario.load(path: Self.path)
        var hedges = 0
        for seed: UInt64 in 1...8 {
            let recorder = HedgeRecorder()
            _ = try World(scenario: scenario, seed: seed).run(sink: recorder)
            #expect(recorder.bad.isEmpty, "seed \(seed): \(recorder.bad)")
            hedges += recorder.hedges
        }
        #expect(hedges > 0)
    }
}

/// Collects the keeper's hedge steps that traded nothing or reverted.
private final class HedgeRecorder: WorldSink {
    var hedges = 0
    var bad: [String] = []

    func record(_ row: BlockRow) throws {}

    func record(_ steps: [StepRecord]) throws {
        for step in steps where step.kind == .hedgeVault {
            hedges += 1
            if !step.executed || step.amountIn == 0 || step.amountOut == 0 {
                bad.append("block \(step.block): in \(step.amountIn), out \(step.amountOut), revert \(String(describing: step.revert))")
            }
        }
    }
}
