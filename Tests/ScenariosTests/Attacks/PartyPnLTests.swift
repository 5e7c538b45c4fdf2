import Testing
import ProtocolModel
@testable import Scenarios

@Suite("pnl.csv rows per party")
struct PartyPnLTests {
    @Test("In a liquidation cascade with bad debt, every asset's rows sum to zero and the arbitrageurs' rows value to runs.csv's arbitrageur_pnl",
          arguments: ["liquidation-cascade.yaml", "amm-arbitrage.yaml"])
    func zeroSumAndConsistent(file: String) throws {
        let scenario = try Scenario.load(path: TestScenarios.repositoryRoot + "/scenarios/" + file, overrides: ["duration=100m"])
        let world = try World(scenario: scenario, seed: 11, options: WorldOptions(checkInvariants: true))
        let metrics = try world.run()
        #expect(!world.pnl.isEmpty)
        for asset in world.state.ledger.assets.indices {
            let rows = world.pnl.filter { $0.asset.index == asset }
            #expect(rows.reduce(Int128(0)) { $0 + $1.amount } == 0, "\(world.state.ledger.assets[asset].symbol)")
        }
        let arbitrageurs = world.pnl.filter { $0.party == .arbitrageurs }.reduce(0.0) { $0 + $1.value }
        let expected = try #require(metrics.arbitrageurPnl)
        #expect(abs(arbitrageurs - expected) <= 1e-9 * max(1, abs(expected)))
        // The block builder gains gas in the native asset and nothing else.
        for row in world.pnl where row.party == .gasRecipient {
            #expect(row.symbol == scenario.chain.nativeAsset ? row.amount > 0 : row.amount == 0)
        }
        #expect(metrics.attackNetProfit == nil)
    }
}
