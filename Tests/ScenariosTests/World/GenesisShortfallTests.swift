import ProtocolModel
import Testing
@testable import Scenarios

/// Drawn borrowers the market cannot lend to in full at genesis are capped in account order;
/// the world says so (``World/notes``).
@Suite("Genesis shortfall of drawn borrowers")
struct GenesisShortfallTests {
    /// LendingInputTests.valid on the spot oracle (borrowers of 10 ETH at 3,000, LT 0.8, health
    /// 1.25: 19,200 USDC each) with `count` borrowers, the market's USDC `supply` and `cap`.
    static func world(count: Int, supply: Int, cap: Int) throws -> World {
        let text = LendingInputTests.valid
            .replacingOccurrences(of: "oracle: eth_median", with: "oracle: eth")
            .replacingOccurrences(of: "USDC: {oracle: one, supply: 1000000, borrow_cap: 500000}",
                                  with: "USDC: {oracle: one, supply: \(supply), borrow_cap: \(cap)}")
            .replacingOccurrences(of: "borrowers: {count: 2,", with: "borrowers: {count: \(count),")
            .replacingOccurrences(of: "capital: {USDC: 10000}", with: "capital: {ETH: 1, USDC: 10000}")  // gas for the liquidator
        return try World(scenario: Scenario.parse(text: text, file: "s.yaml"), seed: 1)
    }

    @Test("Cash for every borrower: no note")
    func enoughCash() throws {
        #expect(try Self.world(count: 3, supply: 1_000_000, cap: 500_000).notes.isEmpty)
    }

    @Test("40,000 USDC of cash for three borrowers asking 19,200 each: 19,200, 19,200 and 1,600; then 50,000 for five: the last two hold none")
    func cashRunsOut() throws {
        let three = try Self.world(count: 3, supply: 40_000, cap: 500_000)
        #expect(three.borrowerAccounts.map { three.state.debt(market: 0, slot: 1, account: $0) } == [19_200_000_000, 19_200_000_000, 1_600_000_000])
        #expect(three.notes == ["m lent all its USDC cash at genesis: its last drawn borrower holds less debt than its health asked for (raise the market's supply or borrow cap)"])
        let five = try Self.world(count: 5, supply: 50_000, cap: 500_000)
        #expect(five.notes == ["m lent all its USDC cash at genesis: 2 of 5 drawn borrowers hold no debt, and the one before them less than its health asked for (raise the market's supply or borrow cap)"])
    }

    @Test("A borrow cap of 30,000 USDC for three borrowers: 19,200, 10,800 and none")
    func capReached() throws {
        let world = try Self.world(count: 3, supply: 1_000_000, cap: 30_000)
        #expect(world.borrowerAccounts.map { world.state.debt(market: 0, slot: 1, account: $0) } == [19_200_000_000, 10_800_000_000, 0])
        #expect(world.notes == ["m reached its USDC borrow cap at genesis: 1 of 3 drawn borrowers hold no debt, and the one before them less than its health asked for (raise the market's supply or borrow cap)"])
    }
}
