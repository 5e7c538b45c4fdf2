import Testing
@testable import Scenarios
import Agents
import GSL
import ProtocolModel

@Suite("Agents: an arbitrageur sized at decision keeps one swap waiting at a time")
struct ArbitrageurPendingTests {
    @Test("While a swap of its own waits in the mempool it proposes nothing; an arbitrageur of another account, or one lent no mempool, proposes the trade as before")
    func oneSwapWaiting() throws {
        func arbitrageur(_ account: AccountID) -> Arbitrageur {
            Arbitrageur(name: "arb", account: account, latency: .constant(1), minProfit: 0, priorityFee: 0,
                        slippageTolerance: 0.01, replicationSeed: 3)
        }
        // A world and a moment before its next block at which the sealed pool is off the
        // reference price by more than fee and gas (the noise trader's 40-ETH trades move it).
        var found: (world: World, time: Double, proposals: [Transaction])?
        for seed in UInt64(1)...20 where found == nil {
            let world = try World(scenario: Scenario.parse(text: ArbitrageSizingTests.scenario(""), file: "arb.yaml",
                                                           overrides: ["duration=2m"]), seed: seed)
            _ = try world.run()
            for time in stride(from: 121.0, through: 131.0, by: 1) where found == nil {
                var proposals: [Transaction] = []
                arbitrageur(world.arbitrageurs[0].account).decide(world.view(at: time), into: &proposals)
                if proposals.count == 1 { found = (world, time, proposals) }
            }
        }
        let (world, time, sent) = try #require(found)
        var proposals = sent
        let own = world.arbitrageurs[0].account, other = world.noiseTraders[0].account
        // The world counts: its arbitrageur sizes at decision.
        try #require(world.chain.countsPendingBySender)
        func hasPending(_ account: AccountID) -> Bool { Chain.hasPending(from: account, in: world.chain.pendingBySender) }
        #expect(!hasPending(own))
        try #require(!hasPending(other))
        world.proposals = proposals
        world.submitProposals()
        #expect(hasPending(own))

        proposals = []
        arbitrageur(own).decide(world.view(at: time), into: &proposals)
        #expect(proposals.isEmpty)
        // The rule is about its own account: another's arbitrageur still sees the same trade.
        arbitrageur(other).decide(world.view(at: time), into: &proposals)
        #expect(proposals.count == 1 && proposals.first?.sender == other)
        // A view lent without the counts does not know of it (the world lends them to every
        // arbitrageur sized at decision: below).
        var bare = world.view(at: time)
        bare.pendingBySender = []
        proposals = []
        arbitrageur(own).decide(bare, into: &proposals)
        #expect(proposals.count == 1)
    }

    @Test("On liquidation-cascade's congested blocks (seed 7) no block holds two swaps of one arbitrageur; before the rule six of each landed together, three times")
    func congestedBlocks() throws {
        final class Swaps: WorldSink {
            /// Swaps of each arbitrageur by block, executed or reverted.
            var byBlockAndAgent: [String: Int] = [:]
            func record(_ row: BlockRow) throws {}
            func record(_ steps: [StepRecord]) throws {
                for step in steps where step.kind == .swap {
                    let agent = step.agent.name
                    if agent.hasPrefix("arbitrageur") { byBlockAndAgent["\(step.block) \(agent)", default: 0] += 1 }
                }
            }
        }
        let path = TestScenarios.repositoryRoot + "/scenarios/liquidation-cascade.yaml"
        let swaps = Swaps()
        // `advsim run liquidation-cascade --seed 7`'s world.
        let seed = SeedDerivation.replicationSeed(scenarioSeed: 7, replication: 0)
        _ = try World(scenario: Scenario.load(path: path), seed: seed, options: WorldOptions(checkInvariants: false)).run(sink: swaps)
        #expect(swaps.byBlockAndAgent.count > 100, "\(swaps.byBlockAndAgent.count) blocks with an arbitrageur's swap")
        #expect(swaps.byBlockAndAgent.values.max() == 1)
    }
}
