import Testing
@testable import ProtocolModel

@Suite("Oracles: rounds signed against a payment")
struct SignedRoundTests {
    static let wad: UInt128 = 1_000_000_000_000_000_000

    /// A push feed at 3,000 whose keeper is the fixture's first sender; a constant oracle besides.
    static func world() throws -> (fixture: ChainFixture, feed: Int, constant: Int) {
        var fixture = try ChainFixture()
        let parameters = PushOracleParameters(deviation: 10_000_000_000_000_000, heartbeat: 3_600, latency: 0)
        let feed = fixture.state.addPushOracle(name: "eth_feed", unit: "USD", keeper: fixture.senders[0],
                                               parameters: parameters, answer: 3_000 * wad, timestamp: 0)
        let constant = fixture.state.addOracle(name: "one", unit: "USD", kind: .constant(wad))
        return (fixture, feed, constant)
    }

    static func run(_ fixture: inout ChainFixture, _ steps: [Step]) -> (TransactionOutcome, [StepRecord]) {
        var log: [StepRecord] = []
        let outcome = fixture.state.runSteps(of: Transaction(sender: fixture.senders[1], agent: "attacker", steps: steps, submittedAt: 0),
                                             context: ExecutionContext(block: 1, timestamp: 12, recordSteps: true), log: &log)
        return (outcome, log)
    }

    @Test("Anyone may submit a signed round: the payment reaches the keeper and the round is posted, recorded as an oracle update")
    func paysAndPosts() throws {
        var (fixture, feed, _) = try Self.world()
        let (outcome, log) = Self.run(&fixture, [.signedOracleUpdate(oracle: feed, answer: 6_000 * Self.wad, asset: fixture.usdc, payment: 250_000_000)])
        #expect(outcome == .executed)
        #expect(fixture.state.pushOracles[0].answer == 6_000 * Self.wad && fixture.state.pushOracles[0].updatedAt == 12)
        #expect(fixture.state.ledger.balance(fixture.usdc, of: fixture.senders[0]) == 1_250_000_000)
        #expect(fixture.state.ledger.balance(fixture.usdc, of: fixture.senders[1]) == 750_000_000)
        #expect(log.map(\.kind) == [.oracleUpdate] && log[0].assetIn == fixture.usdc && log[0].amountIn == 250_000_000)
    }

    @Test("A later failing step reverts the payment with the round; an unpaid or non-push round reverts at once")
    func revertsTogether() throws {
        var (fixture, feed, constant) = try Self.world()
        let signed = Step.signedOracleUpdate(oracle: feed, answer: 6_000 * Self.wad, asset: fixture.usdc, payment: 250_000_000)
        let (later, _) = Self.run(&fixture, [signed, .requireBalance(asset: fixture.usdc, atLeast: 1_000_000_000)])
        guard case .reverted(1, _) = later else { Issue.record("\(later)"); return }
        #expect(fixture.state.pushOracles[0].answer == 3_000 * Self.wad)
        #expect(fixture.state.ledger.balance(fixture.usdc, of: fixture.senders[0]) == 1_000_000_000)
        let (unpaid, _) = Self.run(&fixture, [.signedOracleUpdate(oracle: feed, answer: 1, asset: fixture.usdc, payment: 2_000_000_000)])
        guard case .reverted(0, .ledger) = unpaid else { Issue.record("\(unpaid)"); return }
        let (notPush, _) = Self.run(&fixture, [.signedOracleUpdate(oracle: constant, answer: 1, asset: fixture.usdc, payment: 1)])
        #expect(notPush == .reverted(step: 0, reason: .guardFailed("oracle one is not a push oracle")))
        #expect(fixture.state.ledger.balance(fixture.usdc, of: fixture.senders[1]) == 1_000_000_000)
    }
}
