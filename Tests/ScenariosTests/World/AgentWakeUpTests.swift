@testable import Agents
import GSL
import ProtocolModel
import Testing
@testable import Scenarios

/// When the world may leave a liquidator or an arbitrageur asleep: only when its wake-up could
/// propose nothing on the sealed state, whenever before the next block it came (on the flash
/// crash of ``DefenceWorldTests``; outputs with and without the shortcut are compared byte for
/// byte by the benchmark reference runs).
@Suite("Agent wake-ups")
struct AgentWakeUpTests {
    @Test("Nothing to do on a fixed-bonus market with every account healthy; something once one is below 1, in a Dutch-auction market, or when health moves with the read time")
    func proposesNothing() throws {
        let calm = try DefenceWorldTests.world(["duration=9m"])
        _ = try calm.run()
        #expect(calm.state.accountsBelowHealth(FixedPoint.wad, market: 0, at: 540).isEmpty)
        #expect(calm.liquidators.allSatisfy { $0.proposesNothing(on: calm.view(at: 540)) })
        var proposals: [Transaction] = []
        for liquidator in calm.liquidators { liquidator.decide(calm.view(at: 545), into: &proposals) }
        #expect(proposals.isEmpty)

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
        #expect(twap.state.accountsBelowHealth(FixedPoint.wad, market: 0, at: 540).isEmpty)
        #expect(!twap.liquidators[0].proposesNothing(on: twap.view(at: 540)))
    }

    @Test("A liquidator's wake-up appends to the buffer it is given what it proposes into an empty one: what the buffer holds stays, and counts against neither its gas nor its cap")
    func decisionAppends() throws {
        let crashed = try DefenceWorldTests.world(["duration=11m"])
        _ = try crashed.run()
        let liquidator = crashed.liquidators[0]
        var alone: [Transaction] = []
        liquidator.decide(crashed.view(at: 665), into: &alone)
        try #require(!alone.isEmpty)
        let held = Array(repeating: alone[0], count: 500)
        var proposals = held
        liquidator.decide(crashed.view(at: 665), into: &proposals)
        #expect(proposals.map(Self.fields) == (held + alone).map(Self.fields))
    }

    /// Everything a transaction says (it is not `Equatable`).
    private static func fields(_ transaction: Transaction) -> String { String(describing: transaction) }

    @Test("An arbitrageur's participation drawn at the seal is the draw its wake-up would make, and the wake-up then draws nothing")
    func participationDrawnAhead() throws {
        let world = try DefenceWorldTests.world(["duration=2m"])
        _ = try world.run()
        let ahead = Arbitrageur(name: "arb", account: world.arbitrageurs[0].account, latency: .constant(1), minProfit: 1,
                                priorityFee: 0, slippageTolerance: 0.01, participation: 0.5, replicationSeed: 3)
        // Its stream holds only the participation draws here (a constant latency draws nothing).
        let reference = RandomStream(replicationSeed: 3, name: "arb")
        let expected = (0..<40).map { _ in reference.bernoulli(0.5) }
        let drawn = (0..<40).map { _ in
            let takesPart = ahead.drawWakeUp().participates
            // A wake-up that stands aside proposes nothing and consumes no draw of its own.
            if !takesPart {
                var proposals: [Transaction] = []
                ahead.decide(world.view(at: 121), into: &proposals)
                #expect(proposals.isEmpty)
            }
            return takesPart
        }
        #expect(drawn == expected)
        #expect(expected.contains(true) && expected.contains(false))
    }

    @Test("Sized at execution, a wake-up says when a back-run of every pool is pending once its proposals are queued; a later one then proposes nothing and says so, and standing aside uses the participation draw as such a wake-up does")
    func backRunInEveryPool() throws {
        let world = try World(scenario: Scenario.parse(text: ArbitrageSizingTests.scenario(", sizing: execution"), file: "arb.yaml",
                                                       overrides: ["duration=2m"]), seed: 5)
        _ = try world.run()
        let account = world.arbitrageurs[0].account
        func arbitrageur(_ sizing: ArbitrageSizing, participation: Double = 1) -> Arbitrageur {
            Arbitrageur(name: "arb", account: account, latency: .constant(1), minProfit: 0, priorityFee: 0,
                        slippageTolerance: 0.01, sizing: sizing, participation: participation, replicationSeed: 3)
        }
        // No back-run is pending after the last block: the first wake-up sends one, directed
        // when it runs.
        var proposals: [Transaction] = []
        #expect(!arbitrageur(.decision).decide(world.view(at: 121), into: &proposals))
        proposals.removeAll()
        #expect(arbitrageur(.execution).decide(world.view(at: 121), into: &proposals))
        #expect(proposals.count == 1)
        guard case .swapToPrice(0, _, _) = try #require(proposals.first?.steps.first) else {
            Issue.record("not a swap to a price of pool 0: \(proposals)")
            return
        }
        world.proposals = proposals
        world.submitProposals()
        proposals = []
        #expect(arbitrageur(.execution).decide(world.view(at: 122), into: &proposals))
        #expect(proposals.isEmpty)

        // Its stream holds only the participation draws here (a constant latency draws nothing).
        let waking = arbitrageur(.execution, participation: 0.5), standing = arbitrageur(.execution, participation: 0.5)
        for round in 0..<40 {
            if round % 3 == 0 {
                // A wake-up not drawn at a seal draws its participation itself.
                _ = waking.decide(world.view(at: 122), into: &proposals)
                standing.standAside()
            } else {
                #expect(waking.drawWakeUp().participates == standing.drawWakeUp().participates)
                _ = waking.decide(world.view(at: 122), into: &proposals)
                standing.standAside()
            }
        }
        #expect(proposals.isEmpty)
        #expect((0..<20).map { _ in waking.drawWakeUp().participates } == (0..<20).map { _ in standing.drawWakeUp().participates })
    }
}
