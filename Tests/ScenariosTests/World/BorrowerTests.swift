import Foundation
import Agents
import Testing
@testable import ProtocolModel
@testable import Scenarios

/// `agents.borrowers.snapshot` (a CSV of positions, located errors) and
/// `agents.borrowers.behaviour` (top up or repay below a health level): decoded, rendered,
/// built into genesis positions, and reacting with hand-computed amounts.
@Suite("Borrower snapshots and behaviour")
struct BorrowerTests {
    /// One market: ETH collateral (LT 0.8) priced by a constant oracle the tests move, USDC debt.
    static func scenario(borrowers: String) -> String {
        """
        duration: 24s
        chain: {native_asset: ETH, gas_price: 10}
        assets:
          ETH: {price: 3000}
          USDC: {decimals: 6, price: 1}
        oracles:
          eth: {type: constant, value: 3000}
          one: {type: constant, value: 1}
        lending_markets:
          m:
            assets:
              ETH: {oracle: eth, collateral_factor: 0.8, liquidation_threshold: 0.8, bonus: 0.1, borrowable: false}
              USDC: {oracle: one, supply: 1000000}
        agents:
          borrowers: \(borrowers)
        """
    }

    static let snapshotFile = TestScenarios.repositoryRoot + "/scenarios/data/positions-small.csv"
    static let snapshotScenario = scenario(borrowers: "{market: m, snapshot: positions-small.csv}")

    @Test("A snapshot's rows become genesis positions with their exact amounts, accounts named as in the file")
    func snapshotPositions() throws {
        let scenario = try Scenario.parse(text: Self.snapshotScenario, file: TestScenarios.repositoryRoot + "/scenarios/data/s.yaml")
        #expect(scenario.borrowers?.count == 3)
        let world = try World(scenario: scenario, seed: 1)
        let names = world.borrowerAccounts.map { world.state.ledger.accountNames[$0.index] }
        #expect(names == ["alice", "bob", "carol"])
        let (alice, bob, carol) = (world.borrowerAccounts[0], world.borrowerAccounts[1], world.borrowerAccounts[2])
        #expect(world.state.supplied(market: 0, slot: 0, account: alice) == 10_000_000_000_000_000_000)
        #expect(world.state.debt(market: 0, slot: 1, account: alice) == 19_200_000_000)
        #expect(world.state.supplied(market: 0, slot: 0, account: bob) == 2_500_000_000_000_000_000)
        #expect(world.state.debt(market: 0, slot: 1, account: bob) == 1)
        #expect(world.state.supplied(market: 0, slot: 0, account: carol) == 1_123_456_789_012_345_678)
        #expect(world.state.debt(market: 0, slot: 1, account: carol) == 0)
        // 10 × 3,000 × 0.8 / 19,200 = 1.25.
        #expect(try world.state.health(market: 0, account: alice, at: 0) == 1_250_000_000_000_000_000)
    }

    @Test("A twin removes inherited keys with null: drawn borrowers switched to a snapshot, a distribution to another")
    func twinRemovesWithNull() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("twin-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.copyItem(atPath: Self.snapshotFile, toPath: folder + "/positions-small.csv")
        let drawn = "{count: 5, market: m, collateral: ETH, amount: 2, debt: USDC, health: {dist: uniform, min: 1.5, max: 2}}"
        try Self.scenario(borrowers: drawn).write(toFile: folder + "/base.yaml", atomically: true, encoding: .utf8)
        func twin(_ borrowers: String) throws -> Scenario {
            try "extends: base.yaml\nagents:\n  borrowers: \(borrowers)\n".write(toFile: folder + "/twin.yaml", atomically: true, encoding: .utf8)
            return try Scenario.load(path: folder + "/twin.yaml")
        }
        // Without the nulls the inherited drawn keys stay, and the snapshot is refused.
        #expect(inputErrorText { _ = try twin("{snapshot: positions-small.csv}") }
                == folder + "/base.yaml:15:22: agents.borrowers.count: give either snapshot or count with collateral, amount, debt and health"
                + " (inherited from \(folder)/base.yaml, which \(folder)/twin.yaml extends: if \(folder)/twin.yaml means to drop this key, set it to null there)")
        let snapshot = try twin("{snapshot: positions-small.csv, count: null, collateral: null, amount: null, debt: null, health: null}")
        #expect(snapshot.borrowers?.count == 3)
        // Without them the uniform's inherited `min` is refused where the base file gives it.
        #expect(inputErrorText { _ = try twin("{health: {dist: pareto, shape: 3, scale: 1.2}}") }
                == folder + "/base.yaml:15:100: unknown key 'min'; valid keys are: dist, scale, shape"
                + " (inherited from \(folder)/base.yaml, which \(folder)/twin.yaml extends: if \(folder)/twin.yaml means to drop this key, set it to null there)")
        let pareto = try twin("{health: {dist: pareto, shape: 3, scale: 1.2, min: null, max: null}}")
        guard case .drawn(let draws) = pareto.borrowers?.positions else { Issue.record("expected drawn borrowers"); return }
        #expect(draws.health == .pareto(shape: 3, scale: 1.2))
    }

    @Test("A snapshot saved with CRLF line ends (and a byte-order mark) gives the same positions")
    func snapshotWithCRLF() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("snapshot-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let original = try String(contentsOfFile: Self.snapshotFile, encoding: .utf8)
        try ("\u{FEFF}" + original.replacingOccurrences(of: "\n", with: "\r\n"))
            .write(toFile: folder + "/positions-small.csv", atomically: true, encoding: .utf8)
        func positions(in directory: String) throws -> [String] {
            let world = try World(scenario: Scenario.parse(text: Self.snapshotScenario, file: directory + "/s.yaml"), seed: 1)
            return world.borrowerAccounts.map { account in
                "\(world.state.ledger.accountNames[account.index]) \(world.state.supplied(market: 0, slot: 0, account: account)) "
                    + "\(world.state.debt(market: 0, slot: 1, account: account))"
            }
        }
        let expected = try positions(in: TestScenarios.repositoryRoot + "/scenarios/data")
        #expect(expected.count == 3)
        #expect(try positions(in: folder) == expected)
    }

    @Test("The resolved form keeps the snapshot path and the behaviour, and reloads to itself")
    func roundTrips() throws {
        let file = TestScenarios.repositoryRoot + "/scenarios/data/s.yaml"
        let text = Self.scenario(borrowers: """
            {market: m, snapshot: positions-small.csv, behaviour: {below: 1.1, action: repay, target: 1.3, probability: 0.5,
              latency: {dist: exponential, mean: 30}, reserve: {USDC: 5000}}}
            """)
        let resolved = try Scenario.parse(text: text, file: file).resolvedYAML()
        // The path is resolved against the scenario's folder, so the resolved form (best.yaml,
        // manifest.json) reads the snapshot from wherever it is written.
        let snapshot = TestScenarios.repositoryRoot + "/scenarios/data/positions-small.csv"
        #expect(resolved.contains("    snapshot: \"\(snapshot)\"\n    behaviour:\n      below: 1.1\n      action: repay\n      target: 1.3"))
        #expect(try Scenario.parse(text: resolved, file: file).resolvedYAML() == resolved)
        #expect(try Scenario.parse(text: resolved, file: "/nonexistent/folder/best.yaml").resolvedYAML() == resolved)
    }

    static let header = "account,collateral_asset,collateral_amount,debt_asset,debt_amount\n"
    static let badSnapshots: [(String, String)] = [
        ("account,collateral,collateral_amount,debt_asset,debt_amount\n", "p.csv:1:9: expected the header"),
        ("", "p.csv:1:1: empty snapshot"),
        (header + "a,ETH,1,USDC\n", "p.csv:2:13: expected 5 fields"),
        (header + "a,ETH,1,USDC,1\nb,ETH,1,USDC,1,9\n", "p.csv:3:16: expected 5 fields"),
        (header + "a,ETH,1,USDC,1\na,ETH,2,USDC,1\n", "p.csv:3:1: account 'a' already has a position on line 2"),
        (header + "a,ETHH,1,USDC,1\n", "p.csv:2:3: unknown asset 'ETHH'; did you mean 'ETH'?"),
        (header + "a,BTC,1,USDC,1\n", "p.csv:2:3: BTC is not listed in market m"),
        (header + "a,USDC,1,ETH,1\n", "p.csv:2:3: USDC does not count as collateral"),
        (header + "a,ETH,1,ETH,1\n", "p.csv:2:9: the debt asset must differ"),
        (header + "a,ETH,1x,USDC,1\n", "p.csv:2:7: "),
        (header + "a,ETH,1,USDC,0.0000001\n", "p.csv:2:14: 0.0000001: USDC has 6 decimals"),
        (header + "a,ETH,0,USDC,1\n", "p.csv:2:7: a position with debt needs collateral"),
        (header + ",ETH,1,USDC,1\n", "p.csv:2:1: empty account name"),
    ]

    @Test("Bad snapshot rows are rejected at file:line:column", arguments: badSnapshots.indices)
    func badRows(_ index: Int) throws {
        let (text, expected) = Self.badSnapshots[index]
        let scenario = try Scenario.parse(text: Self.scenario(borrowers: "{count: 0, market: m, collateral: ETH, amount: 1, debt: USDC, health: 2}"),
                                          file: "s.yaml")
        let references = References(assets: ["ETH", "USDC", "BTC"], pools: [], decimals: ["ETH": 18, "USDC": 6, "BTC": 8])
        do {
            _ = try PositionSnapshot.parse(text, file: "p.csv", market: scenario.lendingMarkets[0], references: references)
            Issue.record("case \(index) was accepted")
        } catch {
            #expect(String(describing: error).hasPrefix(expected), "case \(index): \(error)")
        }
    }

    @Test("A snapshot row the market refuses (beyond its borrowing power) is an input error at that row's line")
    func refusedRow() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("advsim-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        // 1 ETH at 3,000 with a collateral factor of 0.8 can borrow 2,400 USDC, not 2,500.
        try "account,collateral_asset,collateral_amount,debt_asset,debt_amount\nok,ETH,1,USDC,2400\ngreedy,ETH,1,USDC,2500\n"
            .write(toFile: folder + "/p.csv", atomically: true, encoding: .utf8)
        let scenario = try Scenario.parse(text: Self.scenario(borrowers: "{market: m, snapshot: p.csv}"), file: folder + "/s.yaml")
        #expect { try World(scenario: scenario, seed: 1) } throws: { error in
            guard let error = error as? InputError else { return false }
            // The borrow step's own revert, as the transaction path reported it, its values in the market's unit.
            return error.description == folder + "/p.csv:3:1: greedy: the market refuses this position: borrow reverted: "
                + "lending: debt 2500 USD would exceed borrowing power 2400 USD"
        }
    }

    @Test("Drawn borrowers beyond the collateral's supply cap stop the build with the deposit step's error, named by borrower")
    func drawnBeyondSupplyCap() throws {
        // 10 ETH each under a 25 ETH cap: the third deposit is refused.
        let text = Self.scenario(borrowers: "{count: 5, market: m, collateral: ETH, amount: 10, debt: USDC, health: 1.3}")
            .replacingOccurrences(of: "borrowable: false}", with: "borrowable: false, supply_cap: 25}")
        let scenario = try Scenario.parse(text: text, file: "s.yaml")
        #expect { try World(scenario: scenario, seed: 1) } throws: { error in
            (error as? WorldBuildError)?.description
                == "borrower-2 deposit reverted: lending: ETH supply cap 25 ETH exceeded"
        }
    }

    @Test("A snapshot together with count is rejected, and a missing snapshot file is reported at its key")
    func snapshotOrCount() {
        let both = Self.scenario(borrowers: "{market: m, snapshot: positions-small.csv, count: 3}")
        #expect(throws: InputError.self) { try Scenario.parse(text: both, file: TestScenarios.repositoryRoot + "/scenarios/data/s.yaml") }
        do {
            _ = try Scenario.parse(text: Self.scenario(borrowers: "{market: m, snapshot: missing.csv}"), file: "s.yaml")
            Issue.record("a missing snapshot was accepted")
        } catch {
            #expect(String(describing: error).hasPrefix("s.yaml:15:36: agents.borrowers.snapshot: cannot read"), "\(error)")
        }
    }

    /// One borrower of 10 ETH and 19,200 USDC of debt (health 1.25 at 3,000) with `behaviour`,
    /// after the ETH oracle moved to 2,000 (health 10 × 2,000 × 0.8 / 19,200 = 0.8333), run for two blocks.
    static func reactingBorrower(_ behaviour: String) throws -> World {
        let text = scenario(borrowers: "{count: 1, market: m, collateral: ETH, amount: 10, debt: USDC, health: 1.25, behaviour: \(behaviour)}")
        let world = try World(scenario: Scenario.parse(text: text, file: "s.yaml"), seed: 1)
        let oracle = try #require(world.state.oracles.firstIndex { $0.name == "eth" })
        world.state.oracles[oracle].kind = .constant(2_000 * FixedPoint.wad)
        _ = try world.run()
        return world
    }

    @Test("A borrower below its level tops up exactly the collateral that restores the target: 5.6 ETH to health 1.3")
    func topUp() throws {
        let world = try Self.reactingBorrower("{below: 1.1, action: top-up, target: 1.3, reserve: {ETH: 20}}")
        let account = world.borrowerAccounts[0]
        // (1.3 × 19,200 − 16,000) / 0.8 / 2,000 = 5.6 ETH.
        #expect(world.state.supplied(market: 0, slot: 0, account: account) == 15_600_000_000_000_000_000)
        #expect(try world.state.health(market: 0, account: account, at: 24) == 1_300_000_000_000_000_000)
        // Wallet: 20 − 5.6 ETH − gas (21,000 + 100,000 units at 10 + 1 gwei).
        #expect(world.state.ledger.balance(AssetID(0), of: account) == UInt128(14_400_000_000_000_000_000) - 121_000 * 11_000_000_000)
    }

    @Test("A borrower below its level repays exactly the debt that restores the target, rounded up to the raw unit")
    func repay() throws {
        let world = try Self.reactingBorrower("{below: 1.1, action: repay, target: 1.3, reserve: {USDC: 10000, ETH: 1}}")
        let account = world.borrowerAccounts[0]
        // Debt kept = ⌊16,000 / 1.3⌋ wad = 12,307.692307692307692307; repay ⌈19,200 − that⌉ =
        // 6,892.307693 USDC, leaving 12,307.692307 USDC of debt.
        #expect(world.state.debt(market: 0, slot: 1, account: account) == 12_307_692_307)
        #expect(world.state.ledger.balance(AssetID(1), of: account) == 29_200_000_000 - 6_892_307_693)
        #expect(try world.state.health(market: 0, account: account, at: 24) >= 1_300_000_000_000_000_000)
    }

    @Test("A borrower that draws no reaction (probability 0), or is not below its level, does nothing")
    func noReaction() throws {
        let unlucky = try Self.reactingBorrower("{below: 1.1, action: top-up, target: 1.3, probability: 0, reserve: {ETH: 20}}")
        #expect(unlucky.state.supplied(market: 0, slot: 0, account: unlucky.borrowerAccounts[0]) == 10_000_000_000_000_000_000)
        let calm = try Self.reactingBorrower("{below: 0.5, action: top-up, target: 1.3, reserve: {ETH: 20}}")
        #expect(calm.state.supplied(market: 0, slot: 0, account: calm.borrowerAccounts[0]) == 10_000_000_000_000_000_000)
    }

    @Test("On liquidation-cascade (same seed), borrowers that repay below 1.15 suffer fewer liquidations and less bad debt")
    func behaviourCutsLiquidations() throws {
        let path = TestScenarios.repositoryRoot + "/scenarios/liquidation-cascade.yaml"
        let passive = try World(scenario: Scenario.load(path: path), seed: 20261125).run()
        let reacting = try World(scenario: Scenario.load(path: path, overrides: [
            "agents.borrowers.behaviour={below: 1.15, action: repay, target: 1.6, latency: 60, reserve: {USDC: 150000, ETH: 1}}",
        ]), seed: 20261125).run()
        let (passiveLiquidations, reactingLiquidations) = (try #require(passive.liquidations), try #require(reacting.liquidations))
        #expect(reactingLiquidations < passiveLiquidations)
        #expect(try #require(reacting.badDebt) < #require(passive.badDebt))
    }
}
