import ProtocolModel
import Testing
@testable import Agents
@testable import Scenarios

/// Liquidators waking after an earlier one of the block skip the lead of accounts its pending
/// liquidations bar under the per-account cap (``SealedStateQueries``), and send what they would
/// send after looking at each.
@Suite("Liquidators: the barred lead of the shared answer")
struct LiquidatorBarredLeadTests {
    /// What `liquidators` send waking in turn after the world's last block, each seeing the
    /// earlier ones' transactions in the mempool (the whole mempool again from `restart` on, as
    /// if it had shrunk to nothing), with shared answers or each walking the index itself.
    static func proposals(_ world: World, _ liquidators: [Liquidator], restart: Int, shared: Bool) -> [String] {
        var view = AgentView(state: world.state, valuation: world.valuation, lastBlock: world.chain.lastSealedBlock,
                             gasPrice: world.sealedView.gasPrice, gas: world.chain.config.gas,
                             nativeAsset: world.chain.config.nativeAsset, queries: shared ? SealedStateQueries() : nil)
        view.time = Double(world.chain.timestamp(ofBlock: world.chain.lastSealedBlock)) + 1
        var mempool: [Transaction] = [], sent: [String] = []
        for (turn, liquidator) in liquidators.enumerated() {
            if turn == restart { mempool = [] }
            var proposals: [Transaction] = []
            view.pending = mempool
            liquidator.decide(view, into: &proposals)
            mempool += proposals
            sent.append(proposals.map { "\($0.sender) \($0.priorityFee) \($0.steps)" }.joined(separator: "; "))
        }
        return sent
    }

    @Test("Liquidators with lower, equal and higher fees, waking in turn (and after a mempool that shrank): the same transactions with shared answers as without",
          arguments: [1, 2])
    func sameProposalsAsUnshared(perAccount: Int) throws {
        let world = try DefenceWorldTests.world(LiquidatorMempoolTests.crash + ["lending_markets.m.liquidation_cap={per_account: \(perAccount)}",
                                                                               "duration=636s"])
        _ = try world.run()
        let unhealthy = world.state.accountsBelowHealth(FixedPoint.wad, market: 0,
                                                        at: world.chain.timestamp(ofBlock: world.chain.lastSealedBlock) + 1)
        #expect(unhealthy.count > 3)
        let base = try #require(world.liquidators.first)
        // Clones of the first liquidator (its account and capital) with other priority fees.
        let fees: [UInt64] = [base.priorityFee, base.priorityFee, base.priorityFee + 5, 0, base.priorityFee, base.priorityFee + 5, 1]
        let liquidators = fees.enumerated().map { index, fee in
            Liquidator(name: "clone\(index)", account: base.account, market: 0, latency: base.latency, gasPriceCap: nil,
                       minProfit: base.minProfit, priorityFee: fee, sellsAtLoss: true, replicationSeed: 7)
        }
        for restart in [liquidators.count, 4] {
            let shared = Self.proposals(world, liquidators, restart: restart, shared: true)
            #expect(shared == Self.proposals(world, liquidators, restart: restart, shared: false), "restart \(restart)")
            // The clones sign with one account: the second sends nothing for the accounts the
            // first's pending liquidations bar, under either cap (its own in flight).
            #expect(!shared[0].isEmpty && shared[1].isEmpty, "restart \(restart)")
        }
        // The first sends into an empty mempool, which then shrinks back to nothing and grows
        // again with another liquidator's transactions, at a lower fee.
        let lowerAfterRestart = [liquidators[0], liquidators[3], liquidators[4]]
        #expect(Self.proposals(world, lowerAfterRestart, restart: 1, shared: true)
                == Self.proposals(world, lowerAfterRestart, restart: 1, shared: false))
    }

    @Test("A liquidator whose every account below health 1 is barred by the pending liquidations proposes nothing, and only then is it said to be barred")
    func barredEverywhereProposesNothing() throws {
        let world = try DefenceWorldTests.world(LiquidatorMempoolTests.crash + ["lending_markets.m.liquidation_cap={per_account: 1}", "duration=636s"])
        _ = try world.run()
        let base = try #require(world.liquidators.first)
        let fees: [UInt64] = [base.priorityFee, base.priorityFee, 0, base.priorityFee + 5]
        let liquidators = fees.enumerated().map { index, fee in
            Liquidator(name: "clone\(index)", account: base.account, market: 0, latency: base.latency, gasPriceCap: nil,
                       minProfit: base.minProfit, priorityFee: fee, sellsAtLoss: true, replicationSeed: 7)
        }
        let queries = SealedStateQueries()
        var view = AgentView(state: world.state, valuation: world.valuation, lastBlock: world.chain.lastSealedBlock,
                             gasPrice: world.sealedView.gasPrice, gas: world.chain.config.gas,
                             nativeAsset: world.chain.config.nativeAsset, queries: queries)
        view.time = Double(world.chain.timestamp(ofBlock: world.chain.lastSealedBlock)) + 1
        var barred: [Bool] = [], sent: [Int] = []
        for liquidator in liquidators {
            barred.append(queries.barsEveryAccount(market: 0, fee: liquidator.priorityFee, mempool: view.pending.count,
                                                   sealedBy: view.lastBlock))
            var proposals: [Transaction] = []
            liquidator.decide(view, into: &proposals)
            view.pending += proposals
            sent.append(proposals.count)
        }
        // The first's liquidations bar every account for the equal and lower fees, not the higher.
        #expect(barred == [false, true, true, false])
        #expect(sent[0] > 0 && sent[1] == 0 && sent[2] == 0)
    }
}
