import Foundation
import Testing

/// Counts too large for advsim (docs/batch.md, "Limits"), through the binary: exit code 2 with a
/// message naming the option, before any output folder exists — they trapped on an integer
/// overflow (exit 132, a stack dump and a `partial` folder that then blocked `--resume` and a
/// corrected `-n`) or aborted allocating a slot per replication (exit 134).
@Suite("Command line: limits on counts")
struct LimitsCLITests {
    static func temporaryFolder() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("limits-\(UUID().uuidString)").path
    }

    @Test("batch and optimize refuse counts beyond the limits, naming the option, and create no folder", arguments: [
        (["batch", "liquidation-cascade", "-n", "9223372036854775807"],
         "advsim: <command line>:1:1: -n 9223372036854775807: a batch runs at most 10^12 replications: lower -n\n"),
        (["batch", "amm-arbitrage", "-n", "4000000000000000000", "--sweep", "pools.eth_usdc.fee=0.001,0.003,0.01", "--set", "duration=1h"],
         "advsim: <command line>:1:1: -n 4000000000000000000 at each of 3 sweep points: a batch runs at most 10^12 replications "
            + "(sweep points × replications): lower -n or the sweep's points\n"),
        (["batch", "amm-arbitrage", "-n", "500000000000", "--sweep", "pools.eth_usdc.fee=0.001,0.003,0.01"],
         "advsim: <command line>:1:1: -n 500000000000 at each of 3 sweep points: a batch runs at most 10^12 replications "
            + "(sweep points × replications): lower -n or the sweep's points\n"),
        (["batch", "liquidation-cascade", "-n", "2", "--threads", "9223372036854775807"], "--threads must be in 1…4096"),
        (["batch", "liquidation-cascade", "-n", "2", "--threads", "4097"], "--threads must be in 1…4096"),
        (["optimize", "twap-manipulation", "-n", "1000000000000", "--threads", "2"],
         "-n 1000000000000: at most 1000000 replications per evaluated point (each point's results are held in memory)"),
        (["optimize", "twap-manipulation", "-n", "2", "--threads", "5000"], "--threads must be in 1…4096"),
        (["frontier", "twap-manipulation", "--defence", "pools.tok_eth.fee=0.003,0.01", "-n", "9223372036854775807", "--threads", "2"],
         "-n 9223372036854775807: at most 1000000 replications per evaluated point"),
    ])
    func refused(arguments: [String], message: String) throws {
        let out = Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: out) }
        let outcome = try CLITests().advsim(arguments + ["--quiet", "--out", out])
        #expect(outcome.status == 2, "\(outcome.stderr)")
        if message.hasPrefix("advsim: ") {
            // After the scenario's warnings, if any (amm-arbitrage's shock falls after a 1-hour run).
            #expect(outcome.stderr.hasSuffix("\n" + message) || outcome.stderr == message, "\(outcome.stderr)")
        } else {
            #expect(outcome.stderr.contains(message), "\(outcome.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: out), "an output folder was left behind")
    }

    @Test("A shard count far beyond the items runs its one item (its count overflowed)")
    func hugeShardCount() throws {
        let out = Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: out) }
        let outcome = try CLITests().advsim(["batch", "amm-arbitrage", "-n", "2", "--set", "duration=10m",
                                             "--shard", "0/9223372036854775807", "--quiet", "--out", out])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let rows = try String(contentsOfFile: out + "/runs.csv", encoding: .utf8).split(separator: "\n")
        #expect(rows.count == 2 && rows[1].hasPrefix("0,0,"), "\(rows)")
    }

    @Test("slurm refuses what its tasks would refuse, printing no script; 10^12 replications are allowed")
    func slurm() throws {
        let cli = CLITests()
        for (arguments, message) in [(["-n", "9223372036854775807"], "-n 9223372036854775807: a batch runs at most 10^12 replications"),
                                     (["-n", "1000000000001"], "-n 1000000000001: a batch runs at most 10^12 replications"),
                                     (["--cpus-per-task", "4097"], "--cpus-per-task must be in 1…4096")] {
            let outcome = try cli.advsim(["slurm", "liquidation-cascade", "--array", "2"] + arguments)
            #expect(outcome.status == 2 && outcome.stdout.isEmpty, "\(arguments): \(outcome.status)")
            #expect(outcome.stderr.contains(message), "\(outcome.stderr)")
        }
        let largest = try cli.advsim(["slurm", "liquidation-cascade", "--array", "2", "-n", "1000000000000", "--cpus-per-task", "4096"])
        #expect(largest.status == 0, "\(largest.stderr)")
    }

    @Test("optimize and frontier --help state the limit on -n; batch --help the limits on -n and --threads")
    func help() throws {
        let cli = CLITests()
        // Help wraps its lines: compared with single spaces.
        func help(_ command: String) throws -> String {
            try cli.advsim(["help", command]).stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        }
        for command in ["optimize", "frontier"] {
            #expect(try help(command).contains("1000000, held in memory"), "\(command)")
        }
        let batch = try help("batch")
        #expect(batch.contains("sweep points × replications at most 10^12") && batch.contains("all cores; at most 4096"), "\(batch)")
    }
}
