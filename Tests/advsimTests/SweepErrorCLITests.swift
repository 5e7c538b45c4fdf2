import Foundation
import Testing

/// A scenario's own `sweep:` section, through the binary: an error in it exits 2 with
/// `file:line:column: sweep.…: message` (not a `--sweep`/`--design` flag nobody gave) and
/// writes nothing — for `batch` and for `slurm`, which checks the sweep before printing a script.
@Suite("Command line: errors in a scenario's sweep")
struct SweepErrorCLITests {
    /// ResumeCLITests' scenario (10 lines) with a sweep: the design on line 12, the entry on line 14.
    static func scenario(design: String, entry: String) -> String {
        ResumeCLITests.scenario + "\nsweep:\n  design: \(design)\n  parameters:\n    \(entry)\n"
    }

    @Test("batch and slurm exit 2 at the scenario's line and create no folder", arguments: [
        ("grid", "pools.p.fee: range:0:1", [String](),
         ":14:18: sweep.parameters.pools.p.fee: a range needs sweep.design lhs:COUNT or sobol:COUNT"),
        ("lhs:4", "pools.p.fee: [0.001, 0.01]", [],
         ":14:18: sweep.parameters.pools.p.fee: sweep.design lhs:4 needs range:LOW:HIGH or logrange:LOW:HIGH, not a list of values"),
        ("lhs", "pools.p.fee: range:0:1", [], ":12:11: sweep.design: 'lhs': expected grid, lhs:COUNT or sobol:COUNT"),
        ("grid", "pools.p.fee: lin:0:1", [],
         ":14:18: sweep.parameters.pools.p.fee: expected lin:START:STOP:COUNT with COUNT in 1…1000000"),
        // At the bad field of a spec, at the bad item of a list, at the item the scenario refuses.
        ("grid", "pools.p.fee: lin:0.001:abc:3", [], ":14:28: sweep.parameters.pools.p.fee: 'abc' is not a finite number"),
        ("grid", "pools.p.fee: [0.001, abc]", [], ":14:26: sweep.parameters.pools.p.fee: expected a finite number, got 'abc'"),
        ("grid", "pools.p.fee: [0.001, -5]", [], ":14:26: sweep.parameters.pools.p.fee: expected a number in [0, 1), got -5"),
        ("lhs:4", "pools.p.fee: range:0:1", ["--design", "grid"],
         ":14:18: sweep.parameters.pools.p.fee: the scenario's range cannot be sampled by --design grid (command line): "
            + "a range needs lhs:COUNT or sobol:COUNT"),
    ])
    func located(design: String, entry: String, flags: [String], expected: String) throws {
        let cli = CLITests()
        let path = try cli.temporaryFile(Self.scenario(design: design, entry: entry))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("sweep-\(UUID().uuidString)").path
        let batch = try cli.advsim(["batch", path, "-n", "1", "--out", out] + flags)
        #expect(batch.status == 2)
        #expect(batch.stderr == "advsim: \(path)\(expected)\n")
        #expect(!FileManager.default.fileExists(atPath: out))
        let slurm = try cli.advsim(["slurm", path, "-n", "1", "--array", "2", "--out", out] + flags)
        #expect(slurm.status == 2 && slurm.stdout.isEmpty)
        #expect(slurm.stderr == "advsim: \(path)\(expected)\n")
    }

    @Test("An unknown swept key exits 2 at the scenario's line, not at '<command line>'")
    func unknownKey() throws {
        let cli = CLITests()
        let path = try cli.temporaryFile(Self.scenario(design: "grid", entry: "pools.p.fe: [0.001, 0.01]"))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("sweep-\(UUID().uuidString)").path
        let batch = try cli.advsim(["batch", path, "-n", "1", "--out", out])
        #expect(batch.status == 2)
        #expect(batch.stderr == "advsim: \(path):14:5: sweep.parameters.pools.p.fe: unknown key 'fe'; did you mean 'fee'?\n")
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    /// ResumeCLITests' scenario with a uniform gas price (min 5, max 50) to sweep.
    static let gasScenario = ResumeCLITests.scenario.replacingOccurrences(
        of: "chain: {native_asset: ETH}", with: "chain: {native_asset: ETH, gas_price: {dist: uniform, min: 5, max: 50}}")

    @Test("A sweep of more than 10,000 points with a bad value exits 2, located, before any output and before slurm prints")
    func largeSweepBadValue() throws {
        let cli = CLITests()
        let path = try cli.temporaryFile(ResumeCLITests.scenario)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("sweep-\(UUID().uuidString)").path
        let sweeps = ["--sweep", "pools.p.fee=lin:0.001:0.01:5001", "--sweep", "agents.noise_traders.rate=10,-1"]
        let expected = "advsim: <command line>:1:2: --sweep agents.noise_traders.rate: expected a number in [1e-09, 1000000), got -1\n"
        let batch = try cli.advsim(["batch", path, "-n", "1", "--quiet", "--out", out] + sweeps)
        #expect(batch.status == 2)
        #expect(batch.stderr == expected)
        #expect(!FileManager.default.fileExists(atPath: out))
        let slurm = try cli.advsim(["slurm", path, "-n", "1", "--array", "2", "--out", out] + sweeps)
        #expect(slurm.status == 2 && slurm.stdout.isEmpty)
        #expect(slurm.stderr == expected)
    }

    @Test("A combination of values refused when the batch reaches it exits 2, located; the rows before it are kept, the manifest partial")
    func combinationRefusedWhileRunning() throws {
        let cli = CLITests()
        let path = try cli.temporaryFile(Self.gasScenario)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("sweep-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: out) }
        // 10,004 points, above the limit of every point checked first; point 3 has min 40 above max 30.
        let arguments = ["batch", path, "-n", "2", "--threads", "2", "--out", out, "--sweep", "pools.p.fee=lin:0.001:0.01:2501",
                         "--sweep", "chain.gas_price.max=50,30", "--sweep", "chain.gas_price.min=5,40"]
        let batch = try cli.advsim(arguments)
        #expect(batch.status == 2)
        let lines = batch.stderr.split(separator: "\n").map(String.init)
        #expect(lines.first == "batch: 10004 sweep points: checking each swept value before the start (a sweep of more than 10000 points "
                    + "has each point's scenario decoded when it runs)")
        #expect(lines.contains("batch: 10004 sweep points × 2 replications = 20008 replications"), "\(batch.stderr)")
        #expect(lines.contains("advsim: <command line>:1:2: --sweep chain.gas_price.max: max must be greater than min (40), got 30"),
                "\(batch.stderr)")
        #expect(lines.last == "batch: stopped at sweep point 3 (pools.p.fee=0.001, chain.gas_price.max=30, chain.gas_price.min=40), "
                    + "whose scenario is refused; the points before it are written and manifest.json says partial")
        let runs = try String(contentsOfFile: out + "/runs.csv", encoding: .utf8).split(separator: "\n")
        #expect(runs.dropFirst().map { String($0.prefix(4)) } == ["0,0,", "0,1,", "1,0,", "1,1,", "2,0,", "2,1,"])
        #expect(try String(contentsOfFile: out + "/manifest.json", encoding: .utf8).contains("\"status\" : \"partial\""))
        #expect(!FileManager.default.fileExists(atPath: out + "/summary.csv"))
    }

    @Test("Errors of the --sweep, --design, --search, --defence and --objective flags are located at the flag, as --set's are",
          arguments: [
        (["batch", "amm-arbitrage", "--sweep", "pools.eth_usdc.fee=lin:0.1:abc:3"],
         "<command line>:1:1: --sweep pools.eth_usdc.fee: 'abc' is not a finite number"),
        (["batch", "amm-arbitrage", "--sweep", "pools.eth_usdc.fee=0.001,0.003", "--sweep", "agents.noise_traders.rate=range:1:2"],
         "<command line>:1:2: --sweep agents.noise_traders.rate: a range needs --design lhs:COUNT or sobol:COUNT"),
        (["batch", "amm-arbitrage", "--sweep", "pools.eth_usdc.fee=range:0.001:0.01", "--design", "lhs:0"],
         "<command line>:1:1: --design 'lhs:0': expected grid, lhs:COUNT or sobol:COUNT"),
        (["batch", "amm-arbitrage", "--design", "lhs:4"], "<command line>:1:1: --design: needs at least one --sweep KEY=range:LOW:HIGH"),
        (["batch", "amm-arbitrage", "--sweep", "pools.eth_usdc.fee=0.001", "--sweep", "pools.eth_usdc.fee=0.003"],
         "<command line>:1:2: --sweep: a key path is swept twice"),
        (["slurm", "amm-arbitrage", "--array", "2", "--sweep", "pools.eth_usdc.fee"],
         "<command line>:1:1: --sweep 'pools.eth_usdc.fee': expected key.path=SPEC"),
        (["optimize", "twap-manipulation", "--objective", "nope"], "<command line>:1:1: --objective 'nope' is not a runs.csv column (one of: "),
        (["optimize", "twap-manipulation", "--search", "pools.tok_eth.fee=range:0.001:0.01", "--search", "agents.x=range:a:1"],
         "<command line>:1:2: --search agents.x: 'a' is not a finite number"),
        (["frontier", "twap-manipulation", "--defence", "pools.tok_eth.fee=lin:a:1:2"],
         "<command line>:1:1: --defence pools.tok_eth.fee: 'a' is not a finite number"),
    ])
    func flagsLocated(arguments: [String], message: String) throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("sweep-\(UUID().uuidString)").path
        let outcome = try CLITests().advsim(arguments + ["-n", "2", "--out", out] + (arguments[0] == "slurm" ? [] : ["--quiet"]))
        #expect(outcome.status == 2 && outcome.stdout.isEmpty, "\(outcome.stderr)")
        #expect(outcome.stderr.hasPrefix("advsim: " + message), "\(outcome.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out))
    }
}
