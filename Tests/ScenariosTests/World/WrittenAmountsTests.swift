import Foundation
import ProtocolModel
import Testing
@testable import Scenarios

@Suite("Amounts written in a scenario are the decimals written")
struct WrittenAmountsTests {
    @Test("A written capital of 2817.77 USDC is 2,817,770,000 raw units (its double's binary value is 2,817,769,999)")
    func writtenCapitalIsExact() throws {
        #expect(TokenUnits.fromDouble(2817.77, decimals: 6) == 2_817_769_999)
        let scenario = try Scenario.parse(text: TestScenarios.mispricedPool(mispricing: 0.05), file: "a.yaml",
                                          overrides: ["agents.arbitrageurs.capital={ETH: 0.3, USDC: 2817.77}"])
        let world = try World(scenario: scenario, seed: 1)
        let eth = AssetID(0), usdc = AssetID(1)
        for account in world.arbitrageurAccounts {
            #expect(world.state.ledger.balance(usdc, of: account) == 2_817_770_000)
            #expect(world.state.ledger.balance(eth, of: account) == 300_000_000_000_000_000)  // not …999988
        }
    }

    @Test("A drawn capital is the drawn double, rounded down to raw units")
    func drawnCapitalIsTheDouble() throws {
        let scenario = try Scenario.parse(text: TestScenarios.mispricedPool(mispricing: 0.05), file: "a.yaml",
                                          overrides: ["agents.arbitrageurs.capital={ETH: 1, USDC: {dist: uniform, min: 1000, max: 2000}}"])
        let world = try World(scenario: scenario, seed: 1)
        let balances = world.arbitrageurAccounts.map { world.state.ledger.balance(AssetID(1), of: $0) }
        // Two different draws in [1000, 2000) USDC, not whole tokens.
        #expect(balances.count == 2 && balances[0] != balances[1])
        #expect(balances.allSatisfy { $0 >= 1_000_000_000 && $0 < 2_000_000_000 && $0 % 1_000_000 != 0 })
    }

    @Test("TokenUnits.fromDecimal reads the shortest decimal of the double, and clamps as fromDouble does",
          arguments: [(0.3, 18, "300000000000000000"), (2817.77, 6, "2817770000"), (0.7, 6, "700000"),
                      (1e-8, 18, "10000000000"), (1.5e20, 0, "150000000000000000000"), (0.1234567, 6, "123456"),
                      (0, 6, "0"), (-1, 6, "0"), (Double.nan, 6, "0")])
    func fromDecimal(value: Double, decimals: Int, expected: String) {
        #expect(TokenUnits.fromDecimal(value, decimals: decimals) == UInt128(expected)!)
    }

    @Test("TokenUnits.fromDecimal clamps at the load limit")
    func fromDecimalClamps() {
        #expect(TokenUnits.fromDecimal(1e40, decimals: 0) == TokenUnits.loadLimit)
        #expect(TokenUnits.fromDecimal(.infinity, decimals: 6) == TokenUnits.loadLimit)
    }
}
