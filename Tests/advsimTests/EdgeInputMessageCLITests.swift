import Foundation
import Testing

/// Edge inputs and failures a researcher meets at the command line (found by a walkthrough): each
/// exits as the contract says, with a message that says what happened.
@Suite("Command line: messages for edge inputs and failures")
struct EdgeInputMessageCLITests {
    let cli = CLITests()

    func temporaryFolder() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("edge-input-\(UUID().uuidString)").path
    }

    @Test("optimize -n 1 says the interval needs two replications (it printed `95 % CI [, ]`); optimize.csv leaves it empty")
    func optimizeOneReplication() throws {
        let out = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: out) }
        let outcome = try cli.advsim(["optimize", "spot-oracle-borrow", "-n", "1", "--quiet", "--out", out])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stdout.contains(", 95 % CI needs ≥ 2 replications (1 here), P(> 0) = "), "\(outcome.stdout)")
        #expect(!outcome.stdout.contains("[, ]"))
        let rows = try String(contentsOfFile: out + "/optimize.csv", encoding: .utf8).split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        let header = rows[0]
        for name in ["ci_low", "ci_high", "std"] {
            let column = try #require(header.firstIndex(of: Substring(name)))
            #expect(rows.dropFirst().allSatisfy { $0[column].isEmpty }, "\(name) is not empty with one replication")
        }
    }
}

extension EdgeInputMessageCLITests {
    @Test("optimize refuses a key that takes only integers before any point runs (it failed after the whole grid of 1…5)")
    func optimizeIntegerKey() throws {
        let path = try cli.temporaryFile(ResumeCLITests.scenario)
        let out = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let outcome = try cli.advsim(["optimize", path, "-n", "2", "--search", "agents.noise_traders.count=range:1:5",
                                      "--objective", "mean_pool_deviation", "--out", out])
        #expect(outcome.status == 2)
        #expect(outcome.stderr.hasPrefix("advsim: <command line>:1:1: --search agents.noise_traders.count: expected an integer in [0, 100000], got 2.65"),
                "\(outcome.stderr)")
        #expect(outcome.stderr.hasSuffix("(a value inside the bounds, tried before any point runs: searched values are decimals, "
                                         + "so a key that takes only integers cannot be searched)\n"), "\(outcome.stderr)")
        #expect(!outcome.stderr.contains("optimize: point"), "points ran before the refusal: \(outcome.stderr)")
        #expect(outcome.stdout.isEmpty && !FileManager.default.fileExists(atPath: out))
    }
}

extension EdgeInputMessageCLITests {
    @Test("--set key= is refused, located at its flag (it silently reset the key to its default)",
          arguments: [["run", "amm-arbitrage", "--seed", "1"], ["batch", "amm-arbitrage", "-n", "1", "--quiet"], ["validate", "amm-arbitrage"]])
    func emptySetValue(command: [String]) throws {
        let out = temporaryFolder()
        let outcome = try cli.advsim(command + ["--set", "duration=1h", "--set", "pools.eth_usdc.fee="] + (command[0] == "validate" ? [] : ["--out", out]))
        #expect(outcome.status == 2)
        #expect(outcome.stderr == "advsim: <command line>:1:2: --set pools.eth_usdc.fee: empty value\n")
        #expect(outcome.stdout.isEmpty && !FileManager.default.fileExists(atPath: out))
    }
}

extension EdgeInputMessageCLITests {
    @Test("scenarios --help says where names are looked up, in the order the code tries (it said ./scenarios before $ADVSIM_SCENARIOS and left out the checkout)")
    func scenariosHelp() throws {
        let outcome = try cli.advsim(["scenarios", "--help"])
        #expect(outcome.status == 0)
        let text = outcome.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(text.contains("$ADVSIM_SCENARIOS when set (even when it does not exist), else ./scenarios when the working directory has one, "
                              + "else the scenarios folder of the checkout the binary lies in"), "\(outcome.stdout)")
        #expect(!text.contains("default: ./scenarios, or $ADVSIM_SCENARIOS"))
    }
}

extension EdgeInputMessageCLITests {
    @Test("A shard out of range says shards count from 0; -1/2 is such a shard, not a missing value", arguments: [
        ("-1/2", "--shard '-1/2': shards count from 0 (0 ≤ I < N): the 2 shards are 0/2 and 1/2"),
        ("2/2", "--shard '2/2': shards count from 0 (0 ≤ I < N): the 2 shards are 0/2 and 1/2"),
        ("3/2", "--shard '3/2': shards count from 0 (0 ≤ I < N): the 2 shards are 0/2 and 1/2"),
        ("4/3", "--shard '4/3': shards count from 0 (0 ≤ I < N): the 3 shards are 0/3, 1/3, …, 2/3"),
        ("1/0", "--shard '1/0': N must be at least 1 (0 ≤ I < N)"),
        ("1/", "--shard '1/': expected I/N, shard I of N counted from 0 (0 ≤ I < N)"),
    ])
    func shardOutOfRange(shard: String, message: String) throws {
        let out = temporaryFolder()
        let outcome = try cli.advsim(["batch", "amm-arbitrage", "-n", "1", "--shard", shard, "--out", out])
        #expect(outcome.status == 2)
        #expect(outcome.stderr == "advsim: \(message)\n")
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    @Test("batch --help says that shards count from 0")
    func shardHelp() throws {
        let outcome = try cli.advsim(["batch", "--help"])
        #expect(outcome.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
                    .contains("Run only shard I of N: I/N, counted from 0 (0 ≤ I < N; 0/2 and 1/2 are the two halves)."), "\(outcome.stdout)")
    }
}

extension EdgeInputMessageCLITests {
    @Test("A shock after the run's end is a located warning on stderr: validate, run and batch go on and exit 0",
          arguments: [["validate"], ["run", "--seed", "1"], ["batch", "-n", "1", "--quiet"]])
    func lateShockWarning(command: [String]) throws {
        let out = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: out) }
        let outcome = try cli.advsim([command[0], "amm-arbitrage"] + command.dropFirst() + ["--set", "duration=10m"]
                                     + (command[0] == "validate" ? [] : ["--out", out]))
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stderr.hasPrefix("advsim: scenarios/amm-arbitrage.yaml:32:10: warning: shocks[0].at: 28800s is after "
                                         + "the run's last block at 600s (duration 600s): this shock never happens\n"), "\(outcome.stderr)")
        #expect(!outcome.stdout.isEmpty)
    }
}

extension EdgeInputMessageCLITests {
    @Test("A full disk is `cannot write 'PATH': No space left on device`, exit 1: a batch's file, price's output (which exited 0)")
    func fullDisk() throws {
        let out = temporaryFolder()
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: out) }
        // /dev/full takes no byte (ENOSPC); pnl.csv pointing at it is a batch's file on a full disk.
        try FileManager.default.createSymbolicLink(atPath: out + "/pnl.csv", withDestinationPath: "/dev/full")
        let batch = try cli.advsim(["batch", "amm-arbitrage", "-n", "1", "--set", "duration=9h", "--quiet", "--out", out])
        #expect(batch.status == 1)
        #expect(batch.stderr == "advsim: cannot write '\(out)/pnl.csv': No space left on device\n", "\(batch.stderr)")
        let input = try cli.temporaryFile("type,S,K,T,r,sigma\ncall,60,65,0.25,0.08,0.30\n")
        defer { try? FileManager.default.removeItem(atPath: input) }
        let price = try cli.advsim(["price", input, "-o", "/dev/full"])
        #expect(price.status == 1)
        #expect(price.stderr == "advsim: cannot write '/dev/full': No space left on device\n", "\(price.stderr)")
    }
}
