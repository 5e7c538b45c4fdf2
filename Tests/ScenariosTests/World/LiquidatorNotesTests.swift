import Testing
@testable import Scenarios

/// Liquidators that cannot act as set up are said once, at build (``World/notes``), instead of a
/// run with no liquidation and no word.
@Suite("Notes on liquidators that cannot act")
struct LiquidatorNotesTests {
    /// LendingInputTests.valid with the liquidators' `capital`, the ETH collateral's `bonus`, and
    /// more `liquidator` keys.
    static func notes(capital: String, bonus: String = "0.1", liquidator: String = "") throws -> [String] {
        let text = LendingInputTests.valid
            .replacingOccurrences(of: "capital: {USDC: 10000}, gas_price_cap: 50", with: "capital: \(capital), gas_price_cap: 50\(liquidator)")
            .replacingOccurrences(of: "bonus: 0.1,", with: "bonus: \(bonus),")
        return try World(scenario: Scenario.parse(text: text, file: "s.yaml"), seed: 1).notes
            .filter { $0.contains("liquidat") && !$0.contains("at genesis") }
    }

    @Test("Capital in the debt asset and the native asset, and a bonus: no note")
    func ableLiquidators() throws {
        #expect(try Self.notes(capital: "{ETH: 1, USDC: 10000}").isEmpty)
    }

    @Test("No debt asset, no native asset for gas, no bonus: each is said")
    func unableLiquidators() throws {
        #expect(try Self.notes(capital: "{ETH: 1}") == [
            "liquidators of m hold none of its borrowable assets (USDC) and have no flash-loan funding: they never liquidate (give them capital in a debt asset)"])
        #expect(try Self.notes(capital: "{USDC: 10000}") == [
            "liquidators of m hold no ETH to pay gas: they cannot pay for a transaction, so they never liquidate (give them ETH capital)"])
        let noBonus = "m's collateral pays no liquidation bonus (bonus 0, the default): a liquidation never covers its gas, so its "
            + "liquidators stand aside (set `bonus`, or `sell_at_loss: true`)"
        #expect(try Self.notes(capital: "{ETH: 1, USDC: 10000}", bonus: "0") == [noBonus])
        // Liquidators that sell at a loss act without a bonus.
        #expect(try Self.notes(capital: "{ETH: 1, USDC: 10000}", bonus: "0", liquidator: ", sell_at_loss: true").isEmpty)
    }
}
