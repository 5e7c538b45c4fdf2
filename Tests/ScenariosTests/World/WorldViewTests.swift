@testable import Agents
@testable import ProtocolModel
import Testing
@testable import Scenarios

/// The world keeps its protocol state in the agents' view of the last sealed block and lends
/// that view to each agent that decides (``World/withView(at:mempool:_:)``).
@Suite("World: the lent view of the sealed block")
struct WorldViewTests {
    @Test("After a run the view is the last sealed block's: its number and gas price, and no mempool kept between decisions")
    func viewAfterARun() throws {
        let world = try SealedStateQueriesTests.calmWorld()
        #expect(world.sealedView.lastBlock == world.chain.lastSealedBlock)
        #expect(world.sealedView.pending.isEmpty)
        let blockTime = Double(world.scenario.chain.blockTime)
        let (time, pending, lastBlock) = world.withView(at: blockTime * 45 + 1) { ($0.time, $0.pending.count, $0.lastBlock) }
        #expect(time == blockTime * 45 + 1 && pending == world.chain.mempool.count && lastBlock == world.chain.lastSealedBlock)
        #expect(world.withView(at: 0, mempool: false) { $0.pending.isEmpty })
        #expect(world.sealedView.pending.isEmpty)
    }

    @Test("A copy of the view keeps the state it was taken on when the world's state is written after it")
    func copyIsASnapshot() throws {
        let world = try SealedStateQueriesTests.calmWorld()
        let copy = world.view(at: 540)
        let supply = world.state.ledger.supply
        world.state.ledger.supply[0] += 1
        #expect(copy.state.ledger.supply == supply)
        #expect(world.sealedView.state.ledger.supply[0] == supply[0] + 1)
    }
}
