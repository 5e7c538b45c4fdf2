import Foundation
import Testing

/// `validate` builds the world at `--seed`, else the scenario's seed (without running it), so a
/// scenario that `run` refuses at genesis is refused by `validate` too, with the same message.
@Suite("validate builds the world")
struct ValidateWorldCLITests {
    /// A one-market scenario in a fresh folder with `snapshot.csv` beside it; returns the folder.
    static func folder(borrowers: String, snapshot: String) throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("advsim-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let scenario = """
            name: genesis-check
            seed: 5
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
                  ETH: {oracle: eth, collateral_factor: 0.8, liquidation_threshold: 0.8, bonus: 0.1, borrowable: false, supply_cap: 25}
                  USDC: {oracle: one, supply: 1000000}
            agents:
              borrowers: \(borrowers)

            """
        try scenario.write(toFile: folder + "/s.yaml", atomically: true, encoding: .utf8)
        try snapshot.write(toFile: folder + "/snapshot.csv", atomically: true, encoding: .utf8)
        return folder
    }

    static let header = "account,collateral_asset,collateral_amount,debt_asset,debt_amount\n"

    /// `validate` and `run` of `folder`'s scenario both exit 2 with `expected` on stderr; validate
    /// prints nothing, and run leaves no output folder.
    static func expectRefused(_ folder: String, saying expected: String) throws {
        let cli = CLITests()
        let validate = try cli.advsim(["validate", folder + "/s.yaml"])
        #expect(validate.status == 2)
        #expect(validate.stderr == expected, "\(validate.stderr)")
        #expect(validate.stdout.isEmpty)
        let run = try cli.advsim(["run", folder + "/s.yaml", "--out", folder + "/out", "--quiet"])
        #expect(run.status == 2 && run.stderr == expected, "\(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder + "/out"))
    }

    @Test("A snapshot row beyond the borrowing power: validate exits 2 with run's message, located at the row, and prints nothing; run writes no folder")
    func refusedSnapshotRow() throws {
        // 1 ETH at 3,000 with a collateral factor of 0.8 can borrow 2,400 USDC, not 2,500.
        let folder = try Self.folder(borrowers: "{market: m, snapshot: snapshot.csv}",
                                     snapshot: Self.header + "ok,ETH,1,USDC,2400\ngreedy,ETH,1,USDC,2500\n")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try Self.expectRefused(folder, saying: "advsim: \(folder)/snapshot.csv:3:1: greedy: the market refuses this position: "
                               + "borrow reverted: lending: debt 2500 USD would exceed borrowing power 2400 USD\n")
    }

    @Test("Drawn borrowers beyond a supply cap: validate and run exit 2 naming the file, the seed and the refused deposit; run writes no folder")
    func refusedDrawnBorrower() throws {
        // 10 ETH each under a 25 ETH cap: the third deposit is refused.
        let folder = try Self.folder(borrowers: "{count: 5, market: m, collateral: ETH, amount: 10, debt: USDC, health: 1.3}", snapshot: "")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try Self.expectRefused(folder, saying: "advsim: \(folder)/s.yaml: the world cannot be built at seed 5: "
                               + "borrower-2 deposit reverted: lending: ETH supply cap 25 ETH exceeded\n")
    }

    @Test("validate --seed N builds at seed N: a drawn genesis refused at some seeds fails validate exactly where it fails run --seed")
    func seedDependentGenesis() throws {
        // Two deposits drawn from 1…24 ETH under a 25 ETH cap: the second is refused when they sum above it.
        let folder = try Self.folder(borrowers: "{count: 2, market: m, collateral: ETH, amount: {dist: uniform, min: 1, max: 24}, "
                                     + "debt: USDC, health: 1.3}", snapshot: "")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let cli = CLITests()
        var passed = 0, refused = 0
        for seed in 1...8 {
            let validate = try cli.advsim(["validate", folder + "/s.yaml", "--seed", "\(seed)"])
            let run = try cli.advsim(["run", folder + "/s.yaml", "--seed", "\(seed)", "--out", folder + "/out-\(seed)", "--quiet"])
            #expect(validate.status == run.status, "seed \(seed): validate \(validate.status), run \(run.status): \(run.stderr)")
            if run.status == 2 {
                refused += 1
                #expect(validate.stderr == run.stderr && validate.stdout.isEmpty, "seed \(seed): \(validate.stderr)")
                #expect(validate.stderr.hasPrefix("advsim: \(folder)/s.yaml: the world cannot be built at seed \(seed): "), "\(validate.stderr)")
            } else {
                passed += 1
                #expect(validate.status == 0 && validate.stderr.isEmpty, "seed \(seed): \(validate.stderr)")
            }
        }
        #expect(passed > 0 && refused > 0, "the seeds tried should both pass and fail: \(passed) passed, \(refused) refused")
        // The seed is parsed as run's is.
        let negative = try cli.advsim(["validate", folder + "/s.yaml", "--seed", "-1"])
        #expect(negative.status == 2 && negative.stderr.contains("The value '-1' is invalid for '--seed <seed>'"), "\(negative.stderr)")
    }

    @Test("validate refuses a search.objective that is not a runs.csv column, at its line in the file or at its --set")
    func unknownSearchObjective() throws {
        let folder = try Self.folder(borrowers: "{market: m, snapshot: snapshot.csv}\nsearch:\n  objective: profit_z\n"
                                     + "  parameters:\n    oracles.eth.value: {min: 2000, max: 4000}",
                                     snapshot: Self.header + "ok,ETH,1,USDC,2400\n")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let cli = CLITests()
        let line = try String(contentsOfFile: folder + "/s.yaml", encoding: .utf8).components(separatedBy: "\n")
            .firstIndex { $0.contains("objective: profit_z") }.map { $0 + 1 }
        let written = try cli.advsim(["validate", folder + "/s.yaml"])
        #expect(written.status == 2 && written.stdout.isEmpty)
        #expect(written.stderr.hasPrefix("advsim: \(folder)/s.yaml:\(try #require(line)):14: search.objective 'profit_z' is not a runs.csv column (one of: "),
                "\(written.stderr)")
        let set = try cli.advsim(["validate", folder + "/s.yaml", "--set", "search.objective=bad_debt", "--set", "search.objective=nope"])
        #expect(set.status == 2 && set.stderr.hasPrefix("advsim: <command line>:1:2: search.objective 'nope' is not a runs.csv column"),
                "\(set.stderr)")
        let fixed = try cli.advsim(["validate", folder + "/s.yaml", "--set", "search.objective=bad_debt"])
        #expect(fixed.status == 0, "\(fixed.stderr)")
    }

    @Test("A scenario whose world builds still validates with exit 0 and its resolved form")
    func buildableScenario() throws {
        let folder = try Self.folder(borrowers: "{market: m, snapshot: snapshot.csv}", snapshot: Self.header + "ok,ETH,1,USDC,2400\n")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let validate = try CLITests().advsim(["validate", folder + "/s.yaml"])
        #expect(validate.status == 0 && validate.stderr.isEmpty, "\(validate.stderr)")
        #expect(validate.stdout.contains("snapshot: \"\(folder)/snapshot.csv\""), "\(validate.stdout)")
    }
}
