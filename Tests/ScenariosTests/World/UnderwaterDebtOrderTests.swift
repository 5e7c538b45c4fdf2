import ProtocolModel
import Testing
@testable import Scenarios

/// runs.csv `underwater_debt` sums the underwater positions' debts in account order, whatever
/// order the market keeps its positions in.
@Suite("Underwater debt summation order")
struct UnderwaterDebtOrderTests {
    /// Sixty borrowers with drawn collateral and health in [1.05, 1.25] against a constant oracle
    /// (no liquidation), while the reference ETH price falls by 30 %: some positions end
    /// underwater, others not. USDC is worth 0.9997 so that the debts' values are inexact and
    /// their sum depends on its order (summed in reverse or sorted by size, it differs here).
    static let scenario = """
        duration: 3m
        chain: {native_asset: ETH}
        assets:
          ETH: {price: 3000, process: {model: constant}}
          USDC: {decimals: 6, price: 0.9997, process: {model: constant}}
        shocks:
          - {at: 1m, asset: ETH, move: -0.3, over: 1m}
        oracles:
          eth: {type: constant, value: 3000}
          one: {type: constant, value: 1}
        lending_markets:
          m:
            assets:
              ETH: {oracle: eth, collateral_factor: 0.75, liquidation_threshold: 0.8, bonus: 0.1, borrowable: false}
              USDC: {oracle: one, supply: 10000000}
        agents:
          borrowers:
            count: 60
            market: m
            collateral: ETH
            amount: {dist: lognormal, mu: 1, sigma: 1}
            debt: USDC
            health: {dist: uniform, min: 1.05, max: 1.25}
        """

    @Test("underwater_debt equals the plain sum over positions in account order, bit for bit")
    func accountOrderSum() throws {
        let world = try World(scenario: Scenario.parse(text: Self.scenario, file: "s.yaml"), seed: 7)
        let metrics = try world.run()
        let end = Double(world.scenario.blockCount) * Double(world.scenario.chain.blockTime)
        let book = world.state.markets[0]
        var expected = 0.0, underwater = 0, above = 0
        for account in book.positions.accounts.sorted() {
            let position = try #require(book.positions[account])
            var collateral = 0.0, debt = 0.0
            for (slot, config) in book.assets.enumerated() {
                let price = world.valuation.price(config.asset, at: end, state: world.state)
                let decimals = world.state.ledger.assets[config.asset.index].decimals
                if config.liquidationThreshold > 0 {
                    collateral += TokenUnits.toDouble(book.supplied(position, slot: slot), decimals: decimals) * price
                }
                debt += TokenUnits.toDouble(book.debt(position, slot: slot), decimals: decimals) * price
            }
            if debt > 0, collateral < debt {
                expected += debt
                underwater += 1
            } else {
                above += 1
            }
        }
        #expect(underwater >= 10 && above >= 10, "both kinds present: \(underwater) underwater, \(above) not")
        #expect(metrics.liquidations == 0)
        #expect(metrics.underwaterDebt == expected)
    }
}
