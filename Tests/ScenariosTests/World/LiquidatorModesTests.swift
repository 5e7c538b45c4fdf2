@testable import Agents
import ProtocolModel
import Testing
@testable import Scenarios

/// The liquidator agent under market settings that change what it should do: a circuit
/// breaker's pause, a Dutch-auction mechanism, and liquidations that only pay at a loss
/// (`sell_at_loss`). All on the flash crash of ``DefenceWorldTests``.
@Suite("Liquidator modes")
struct LiquidatorModesTests {
    @Test("While the circuit breaker pauses liquidations, liquidators send none (no doomed transactions paying gas)")
    func pauseIsRespected() throws {
        let recorder = StepKindRecorder()
        let metrics = try DefenceWorldTests.world(["lending_markets.m.circuit_breaker={threshold: 0.1, window: 10m, cooldown: 30m}"])
            .run(sink: recorder)
        #expect(metrics.circuitBreakerTrips == 1)
        #expect(recorder.count(.liquidate, executed: true) == 0)
        #expect(recorder.count(.liquidate, executed: false) == 0)
    }

    @Test("In a Dutch-auction market liquidators start auctions for unhealthy accounts and buy from them")
    func dutchAuction() throws {
        let plain = try DefenceWorldTests.world().run()
        let recorder = StepKindRecorder()
        let metrics = try DefenceWorldTests.world(["lending_markets.m.liquidation={mechanism: dutch-auction, start_premium: 0.05, duration: 10m}"])
            .run(sink: recorder)
        #expect(recorder.count(.startAuction, executed: true) > 0)
        #expect(recorder.count(.liquidate, executed: true) > 0)
        #expect(metrics.liquidations == recorder.count(.liquidate, executed: true))
        // Auction purchases buy whole positions, so fewer purchases than fixed-bonus halvings.
        #expect(try #require(metrics.liquidations) < #require(plain.liquidations))
    }

    @Test("With a bonus below the pool fee no liquidation pays: profit-seeking liquidators stand aside, sell_at_loss ones liquidate")
    func sellAtLoss() throws {
        let tinyBonus = "lending_markets.m.assets.ETH.bonus=0.001"
        let careful = try DefenceWorldTests.world([tinyBonus]).run()
        let recorder = StepKindRecorder()
        let eager = try DefenceWorldTests.world([tinyBonus, "agents.liquidators.sell_at_loss=true"]).run(sink: recorder)
        #expect(careful.liquidations == 0)
        #expect(try #require(eager.liquidations) > 0)
        #expect(recorder.count(.swap, executed: true) >= recorder.count(.liquidate, executed: true))
    }

    @Test("sell_at_loss is a boolean, rendered back, and refused for flash-loan liquidators")
    func sellAtLossInput() throws {
        let scenario = try Scenario.parse(text: DefenceWorldTests.flashCrash, file: "f.yaml", overrides: ["agents.liquidators.sell_at_loss=true"])
        #expect(scenario.liquidators?.sellsAtLoss == true)
        #expect(try Scenario.parse(text: scenario.resolvedYAML(), file: "r.yaml").liquidators?.sellsAtLoss == true)
        #expect(throws: InputError.self) {
            try Scenario.parse(text: DefenceWorldTests.flashCrash, file: "f.yaml", overrides: ["agents.liquidators.sell_at_loss=maybe"])
        }
        let flash = ["flash_loans={aave: {USDC: {liquidity: 1000000, fee: 0.0009}}}", "agents.liquidators.funding=flash-loan",
                     "agents.liquidators.provider=aave", "agents.liquidators.sell_at_loss=true"]
        #expect { try Scenario.parse(text: DefenceWorldTests.flashCrash, file: "f.yaml", overrides: flash) } throws: { error in
            "\(error)".contains("cannot sell at a loss")
        }
    }
}

/// Counts executed and reverted steps by kind.
final class StepKindRecorder: WorldSink {
    private var counts: [String: Int] = [:]

    func record(_ row: BlockRow) throws {}

    func record(_ steps: [StepRecord]) throws {
        for step in steps { counts["\(step.kind.rawValue)/\(step.executed)", default: 0] += 1 }
    }

    func count(_ kind: StepKind, executed: Bool) -> Int { counts["\(kind.rawValue)/\(executed)", default: 0] }
}

/// `liquidation_cap.per_account` on the flash crash.
@Suite("Per-account liquidation cap")
struct PerAccountCapTests {
    @Test("With per_account: 1 no account is liquidated twice in a block; without it some are (competing liquidators)")
    func oncePerBlock() throws {
        // A deeper crash (−50 %) leaves accounts below LT × (1 + bonus), where a liquidation lowers
        // health further, and four liquidators that sell at any price compete for them.
        let crash = ["shocks=[{at: 10m, asset: ETH, move: -0.5, over: 1m}]", "agents.liquidators.count=4", "agents.liquidators.sell_at_loss=true"]
        for (keys, capped) in [([String](), false), (["lending_markets.m.liquidation_cap={per_account: 1}"], true)] {
            let recorder = LiquidationsPerBlockRecorder()
            let metrics = try DefenceWorldTests.world(crash + keys).run(sink: recorder)
            #expect(try #require(metrics.liquidations) > 0)
            let most = recorder.counts.values.max() ?? 0
            if capped { #expect(most == 1) } else { #expect(most > 1) }
        }
        let scenario = try Scenario.parse(text: DefenceWorldTests.flashCrash, file: "f.yaml",
                                          overrides: ["lending_markets.m.liquidation_cap={per_account: 1}"])
        #expect(scenario.lendingMarkets[0].defences.liquidationCap?.perAccount == 1)
        #expect(try Scenario.parse(text: scenario.resolvedYAML(), file: "r.yaml").lendingMarkets[0].defences.liquidationCap?.perAccount == 1)
    }
}

/// Executed liquidations per (block, account).
final class LiquidationsPerBlockRecorder: WorldSink {
    var counts: [String: Int] = [:]

    func record(_ row: BlockRow) throws {}

    func record(_ steps: [StepRecord]) throws {
        for step in steps where step.kind == .liquidate && step.executed {
            counts["\(step.block)/\(step.liquidation.map { "\($0.borrower)" } ?? "?")", default: 0] += 1
        }
    }
}

/// Liquidators that read the mempool, and share one index answer per sealed block.
@Suite("Liquidators and the mempool")
struct LiquidatorMempoolTests {
    static let crash = ["shocks=[{at: 10m, asset: ETH, move: -0.5, over: 1m}]", "agents.liquidators.count=4", "agents.liquidators.sell_at_loss=true"]

    @Test("Under a per-account or count cap no liquidation is sent that the cap must revert: none reverts, and the cap still binds")
    func capsAreRead() throws {
        for (cap, perBlock) in [("{per_account: 1}", false), ("{count: 2}", true)] {
            let recorder = StepKindRecorder(), perAccount = LiquidationsPerBlockRecorder()
            let metrics = try DefenceWorldTests.world(Self.crash + ["lending_markets.m.liquidation_cap=\(cap)"])
                .run(sink: Tee(recorder, perAccount))
            #expect(try #require(metrics.liquidations) > 0)
            #expect(recorder.count(.liquidate, executed: false) == 0, "\(cap)")
            if perBlock {
                var blocks: [Substring: Int] = [:]
                for (key, count) in perAccount.counts { blocks[key.split(separator: "/")[0], default: 0] += count }
                #expect(blocks.values.max() == 2)
            } else {
                #expect(perAccount.counts.values.max() == 1)
            }
        }
    }

    @Test("Without a cap competing liquidators still race for the same account (a second liquidation may succeed)")
    func uncappedRace() throws {
        let recorder = StepKindRecorder()
        _ = try DefenceWorldTests.world(Self.crash).run(sink: recorder)
        #expect(recorder.count(.liquidate, executed: false) > 0)
    }

    @Test("The shared answer equals the index's own for every threshold, market state and repeated ask")
    func sharedAnswers() throws {
        // Before the crash: the 20 borrowers' health is spread over [1.05, 1.3].
        let world = try DefenceWorldTests.world(["duration=9m"])
        _ = try world.run()
        let queries = SealedStateQueries()
        for threshold in [UInt128(1), FixedPoint.wad, FixedPoint.wad * 115 / 100, FixedPoint.wad * 3] {
            for timestamp: Int64 in [540, 541, 545] {
                let direct = world.state.accountsBelowHealth(threshold, market: 0, at: timestamp)
                #expect(queries.accountsBelowHealth(threshold, market: 0, at: timestamp, in: world.state, sealedBy: 55) == direct)
            }
        }
        let split = world.state.accountsBelowHealth(FixedPoint.wad * 115 / 100, market: 0, at: 540).count
        #expect(split > 0 && split < 20)
        #expect(world.state.accountsBelowHealth(FixedPoint.wad * 3, market: 0, at: 540).count == 20)
    }
}

/// The pending liquidations the liquidators share follow the mempool as it grows.
@Suite("Shared pending liquidations")
struct PendingLiquidationFeesTests {
    @Test("Read as the mempool grows, the shared fees equal a fresh scan; a new block or a shrunk mempool starts over")
    func incremental() {
        func liquidation(_ market: Int, _ borrower: Int, fee: UInt64, isPrivate: Bool = false, closes: Bool = false) -> Transaction {
            Transaction(sender: AccountID(90), agent: "l", steps: [
                .liquidate(market: market, borrower: AccountID(borrower), debtAsset: AssetID(1), collateralAsset: AssetID(0), repay: .exact(1)),
                .swap(pool: 0, zeroForOne: true, amountIn: .received(AssetID(0)), minAmountOut: 0),
            ], priorityFee: fee, isPrivate: isPrivate, closesBlock: closes, submittedAt: 0)
        }
        let mempool = [liquidation(0, 3, fee: 3), liquidation(1, 3, fee: 9), liquidation(0, 4, fee: 2), liquidation(0, 3, fee: 1, isPrivate: true),
                       liquidation(0, 5, fee: 7, closes: true), liquidation(0, 4, fee: 3)]
        let queries = SealedStateQueries()
        for length in 0...mempool.count {
            let shared = queries.pendingLiquidationFees(market: 0, in: Array(mempool.prefix(length)), sealedBy: 8)
            var fresh = PendingLiquidationFees()
            fresh.add(mempool.prefix(length), market: 0)
            #expect(shared.borrowers == fresh.borrowers && shared.entries.map(\.fee) == fresh.entries.map(\.fee), "after \(length)")
            for borrower in 0..<8 {
                for fee: UInt64 in [0, 2, 3, 4, .max] {
                    #expect(shared.count(of: AccountID(borrower), atLeast: fee) == fresh.count(of: AccountID(borrower), atLeast: fee),
                            "after \(length), borrower \(borrower), fee \(fee)")
                }
            }
        }
        let all = queries.pendingLiquidationFees(market: 0, in: mempool, sealedBy: 8)
        #expect(all.borrowers == [AccountID(3), AccountID(4)] && all.entries.map(\.fee) == [3, 2, .max, 3])
        // Borrower 3: fees 3 and the private one's (highest); borrower 4: fees 2 and 3.
        #expect([0, 3, 4, .max].map { all.count(of: AccountID(3), atLeast: $0) } == [2, 2, 1, 1])
        #expect([0, 2, 3, 4].map { all.count(of: AccountID(4), atLeast: $0) } == [2, 2, 1, 0])
        #expect(all.count(of: AccountID(5), atLeast: 0) == 0 && all.count(of: AccountID(90), atLeast: 0) == 0)
        #expect(queries.pendingLiquidationFees(market: 0, in: Array(mempool.prefix(1)), sealedBy: 8).entries.map(\.fee) == [3])
        let next = queries.pendingLiquidationFees(market: 0, in: [mempool[2]], sealedBy: 9)
        #expect(next.entries.map(\.fee) == [2] && next.borrowers == [AccountID(4)])
        #expect(next.count(of: AccountID(3), atLeast: 0) == 0 && next.count(of: AccountID(4), atLeast: 0) == 1)
    }
}

/// Passes every row and step record to two sinks.
final class Tee: WorldSink {
    let first: any WorldSink, second: any WorldSink

    init(_ first: any WorldSink, _ second: any WorldSink) {
        self.first = first
        self.second = second
    }

    func record(_ row: BlockRow) throws {
        try first.record(row)
        try second.record(row)
    }

    func record(_ steps: [StepRecord]) throws {
        try first.record(steps)
        try second.record(steps)
    }
}
