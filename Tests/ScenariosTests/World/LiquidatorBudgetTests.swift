@testable import Agents
import ProtocolModel
import Testing

/// When a liquidator's wake-up has spent its budget: it stops walking the unhealthy accounts once
/// no budget is left in a slot that some account owes (on the hand-built market of
/// ``LiquidatorLargestPairTests``: USDC and DAI borrowable, ETH collateral only).
@Suite("Liquidator's budget")
struct LiquidatorBudgetTests {
    @Test("Budget counts only in slots some account owes: none owed in a slot with budget means nothing left to liquidate")
    func budgetForOwedSlots() throws {
        var world = try LiquidatorLargestPairTests.Market()
        let ether = LiquidatorLargestPairTests.wad
        let liquidator = Liquidator(name: "l", account: world.supplier, market: world.market, latency: .constant(0),
                                    gasPriceCap: nil, minProfit: 0, priorityFee: 0, replicationSeed: 1)
        // Nobody owes anything yet.
        #expect(!liquidator.hasBudget([1, 1, 1], forDebtIn: world.state))
        _ = try world.borrower(deposits: [(world.eth, 3 * ether)], borrows: [(world.usdc, 1_000_000_000)])
        // USDC (slot 0) is owed: budget there counts; budget in DAI or ETH, owed by nobody, does not.
        #expect(liquidator.hasBudget([1, 0, 0], forDebtIn: world.state))
        #expect(!liquidator.hasBudget([0, 5 * ether, 5 * ether], forDebtIn: world.state))
        _ = try world.borrower(deposits: [(world.eth, 3 * ether)], borrows: [(world.dai, 500 * ether)])
        // Now DAI is owed too: a DAI budget is worth walking on for once USDC is spent.
        #expect(liquidator.hasBudget([0, 5 * ether, 0], forDebtIn: world.state))
        #expect(!liquidator.hasBudget([0, 0, 5 * ether], forDebtIn: world.state))
    }
}
