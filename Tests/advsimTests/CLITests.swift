import Foundation
import Testing

/// The command-line contract: exit codes and error texts of the built `advsim` binary
/// (`swift test` builds it alongside the tests).
@Suite("Command line")
struct CLITests {
    static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    struct Outcome {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The binary of the build under test: the one next to the test executable (whatever the
    /// build's `--scratch-path`), else the checkout's `.build`. Looking in `.build` first ran a
    /// `swift test --scratch-path` build's CLI tests against whatever older binary sat there.
    static let binary: String? = {
        let besideTests = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("advsim").path
        return ([besideTests] + [".build/debug/advsim", ".build/release/advsim"].map { root + "/" + $0 })
            .first { FileManager.default.isExecutableFile(atPath: $0) }
    }()

    /// Runs `binary` (the build under test's by default) with `arguments` in `directory`.
    func advsim(_ arguments: [String], in directory: String = root, binary: String? = nil) throws -> Outcome {
        let binary = try binary ?? #require(Self.binary, "build the advsim binary first (swift build)")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Outcome(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                       stderr: String(decoding: stderr, as: UTF8.self))
    }

    func temporaryFile(_ text: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("cli-\(UUID().uuidString).yaml").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test("Help lists the subcommands and exits 0")
    func help() throws {
        let outcome = try advsim(["--help"])
        #expect(outcome.status == 0)
        for command in ["run", "batch", "merge", "slurm", "validate", "scenarios", "bench"] {
            #expect(outcome.stdout.contains(command), "help lacks \(command)")
        }
    }

    @Test("A subcommand's help names every file it writes (pnl.csv was missing)",
          arguments: [("run", ["runs.csv", "pnl.csv", "timeseries.csv", "events.csv", "manifest.json", "liquidations.csv"]),
                      ("batch", ["runs.csv", "summary.csv", "pnl.csv", "failures.csv", "manifest.json"]),
                      ("merge", ["runs.csv", "summary.csv", "pnl.csv", "failures.csv"]),
                      ("frontier", ["frontier.csv", "evaluations.csv"])])
    func helpNamesOutputFiles(command: String, files: [String]) throws {
        let outcome = try advsim(["help", command])
        #expect(outcome.status == 0)
        for file in files {
            #expect(outcome.stdout.contains(file), "advsim help \(command) does not name \(file)")
        }
    }

    @Test("validate prints the resolved scenario of a shipped scenario")
    func validateShipped() throws {
        let outcome = try advsim(["validate", "amm-arbitrage"])
        #expect(outcome.status == 0)
        #expect(outcome.stdout.contains("block_time: 12s"))
        #expect(outcome.stdout.contains("gas_units: {base: 21000"))
    }

    @Test("Bad input exits 2 with file:line:column and a did-you-mean")
    func badInput() throws {
        let path = try temporaryFile("duration: 1h\nasets: {ETH: {price: 1}}\n")
        defer { try? FileManager.default.removeItem(atPath: path) }
        defer { try? FileManager.default.removeItem(atPath: path) }
        let outcome = try advsim(["validate", path])
        #expect(outcome.status == 2)
        #expect(outcome.stderr.contains("\(path):2:1: "), "\(outcome.stderr)")
        #expect(outcome.stderr.contains("did you mean 'assets'?"), "\(outcome.stderr)")
        #expect(outcome.stdout.isEmpty)
    }

    @Test("validate exits 2 on a swept key the scenario does not have, at the sweep entry's line")
    func badSweepSection() throws {
        let text = try String(contentsOfFile: "\(Self.root)/scenarios/amm-arbitrage.yaml", encoding: .utf8)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).count
        let path = try temporaryFile(text + "sweep:\n  parameters:\n    pools.eth_usdc.fex: [0.001, 0.002]\n")
        defer { try? FileManager.default.removeItem(atPath: path) }
        defer { try? FileManager.default.removeItem(atPath: path) }
        let outcome = try advsim(["validate", path])
        #expect(outcome.status == 2)
        #expect(outcome.stderr.contains("\(path):\(lines + 2):5: sweep.parameters.pools.eth_usdc.fex: unknown key 'fex'"), "\(outcome.stderr)")
        #expect(outcome.stdout.isEmpty)
    }

    @Test("A missing scenario file exits 2 and names it")
    func missingFile() throws {
        let outcome = try advsim(["run", "/nonexistent/x.yaml", "--out", "/tmp/never"])
        #expect(outcome.status == 2)
        #expect(outcome.stderr.contains("/nonexistent/x.yaml"))
        #expect(!FileManager.default.fileExists(atPath: "/tmp/never/runs.csv"))
    }

    @Test("A shipped scenario's name works from any folder, also for a copy of the binary moved out of its checkout; a misspelt one exits 2 with a did-you-mean")
    func shippedScenarioFromElsewhere() throws {
        let elsewhere = FileManager.default.temporaryDirectory.appendingPathComponent("cli-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: elsewhere, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: elsewhere) }
        let found = try advsim(["validate", "amm-arbitrage"], in: elsewhere)
        #expect(found.status == 0, "\(found.stderr)")
        // A copy outside any checkout finds the library of the checkout it was built from.
        let copy = elsewhere + "/bin/advsim"
        try FileManager.default.createDirectory(atPath: elsewhere + "/bin", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: try #require(Self.binary), toPath: copy)
        let copied = try advsim(["validate", "amm-arbitrage"], in: elsewhere, binary: copy)
        #expect(copied.status == 0, "\(copied.stderr)")
        let listed = try advsim(["scenarios"], in: elsewhere)
        #expect(listed.status == 0 && listed.stdout.hasPrefix("amm-arbitrage "), "\(listed.stderr)")
        let misspelt = try advsim(["run", "amm-arbitrag", "--out", elsewhere + "/out"], in: elsewhere)
        #expect(misspelt.status == 2)
        #expect(misspelt.stderr == "advsim: 'amm-arbitrag' is neither a file nor a shipped scenario in \(Self.root)/scenarios/; "
            + "did you mean 'amm-arbitrage'? (`advsim scenarios` lists them; ADVSIM_SCENARIOS names another folder)\n", "\(misspelt.stderr)")
        #expect(!FileManager.default.fileExists(atPath: elsewhere + "/out"))
    }

    @Test("A bad sweep spec or shard exits 2 with a message")
    func badBatchArguments() throws {
        let sweep = try advsim(["batch", "amm-arbitrage", "--sweep", "pools.eth_usdc.fee=lin:0:1", "--out", "/tmp/never"])
        #expect(sweep.status == 2)
        #expect(sweep.stderr.contains("lin:START:STOP:COUNT"))
        let shard = try advsim(["batch", "amm-arbitrage", "--shard", "2/2", "--out", "/tmp/never"])
        #expect(shard.status == 2)
        #expect(shard.stderr.contains("0 ≤ I < N"))
    }

    @Test("Usage errors are bad input too: an unknown option or a missing argument exits 2 with the usage")
    func usageErrors() throws {
        for arguments in [["run", "--bogus", "x"], ["optimize"], ["batch", "amm-arbitrage", "--threads", "many"]] {
            let outcome = try advsim(arguments)
            #expect(outcome.status == 2, "\(arguments): \(outcome.status)")
            #expect(outcome.stderr.contains("Usage: advsim"), "\(arguments): \(outcome.stderr)")
        }
    }

    @Test("A count out of range is one located line naming the option, exit 2, no usage and no folder", arguments: [
        (["batch", "amm-arbitrage", "-n", "0"], "-n must be at least 1"),
        (["batch", "amm-arbitrage", "--replications", "-3", "--threads", "2"], "-n must be at least 1"),
        (["batch", "amm-arbitrage", "--threads", "0"], "--threads must be in 1…4096"),
        (["optimize", "twap-manipulation", "-n", "0"], "-n must be at least 1"),
        (["optimize", "twap-manipulation", "--threads", "0"], "--threads must be in 1…4096"),
        (["frontier", "spot-oracle-borrow", "-n", "1", "--defence", "pools.tok_eth.fee=0,0.01"],
         "-n must be at least 2 (the safe rule needs a confidence interval)"),
        (["frontier", "spot-oracle-borrow", "--bisect=-1", "--defence", "pools.tok_eth.fee=0,0.01"], "--bisect must be at least 0"),
        (["frontier", "spot-oracle-borrow", "--threads", "4097", "--defence", "pools.tok_eth.fee=0,0.01"], "--threads must be in 1…4096"),
        (["slurm", "amm-arbitrage", "--array", "0"], "--array must be in 1…10000 (the merge job names every shard on its command line)"),
        (["slurm", "amm-arbitrage", "--array", "2", "-n", "0"], "-n must be at least 1"),
        (["slurm", "amm-arbitrage", "--array", "2", "--cpus-per-task", "0"], "--cpus-per-task must be in 1…4096"),
        (["slurm", "amm-arbitrage", "--array", "2", "--time", ""],
         "--time '': expected a Slurm time limit: M, M:S, H:M:S, D-H, D-H:M or D-H:M:S (e.g. 01:00:00), or UNLIMITED"),
        (["slurm", "amm-arbitrage", "--array", "2", "--partition", "a b"],
         "--partition 'a b': expected a partition name (letters, digits, _ - .), or several separated by commas"),
    ])
    func refusedCounts(arguments: [String], message: String) throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("cli-\(UUID().uuidString)").path
        let outcome = try advsim(arguments + ["--out", out])
        #expect(outcome.status == 2, "\(arguments): \(outcome.status)")
        #expect(outcome.stderr == "advsim: <command line>:1:1: \(message)\n", "\(arguments)")
        #expect(outcome.stdout.isEmpty, "\(arguments): \(outcome.stdout)")
        #expect(!FileManager.default.fileExists(atPath: out), "\(arguments): an output folder was left behind")
    }

    @Test("The bench commands refuse a count out of range as one located line, exit 2, no usage", arguments: [
        (["bench", "scenario", "amm-arbitrage", "--replications", "0"], "--replications must be at least 1"),
        (["bench", "kernel", "--processes", "0"], "--processes must be in 1...2147483647"),
        (["bench", "kernel", "--events", "10", "--processes", "20"], "--events must be ≥ --processes"),
        (["bench", "pricing", "--rounds", "0"], "--rounds must be positive"),
        (["bench", "margin", "--series=-1"], "--series must be positive"),
    ])
    func refusedBenchCounts(arguments: [String], message: String) throws {
        let outcome = try advsim(arguments)
        #expect(outcome.status == 2, "\(arguments): \(outcome.status)")
        #expect(outcome.stderr == "advsim: <command line>:1:1: \(message)\n", "\(arguments): \(outcome.stderr)")
        #expect(outcome.stdout.isEmpty, "\(arguments): \(outcome.stdout)")
    }

    @Test("Writing to a device (-o /dev/null) writes into it and leaves it a device")
    func outputToDevice() throws {
        let input = try temporaryFile("type,S,K,T,r,sigma\ncall,60,65,0.25,0.08,0.30\n")
        defer { try? FileManager.default.removeItem(atPath: input) }
        defer { try? FileManager.default.removeItem(atPath: input) }
        let outcome = try advsim(["price", input, "-o", "/dev/null"])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        var status = stat()
        #expect(stat("/dev/null", &status) == 0 && status.st_mode & S_IFMT == S_IFCHR, "/dev/null is no longer a device")
        #expect(!FileManager.default.fileExists(atPath: "/dev/null.partial"))
    }

    @Test("An --out that cannot be a folder exits 2 before any work, naming the reason, and creates nothing")
    func unusableOutputFolder() throws {
        let file = try temporaryFile("x")
        defer { try? FileManager.default.removeItem(atPath: file) }
        defer { try? FileManager.default.removeItem(atPath: file) }
        let cases: [(out: String, reason: String)] = [
            (file + "/sub/folder", "Not a directory"), (file, "it is not a folder"), ("/proc/no-such/folder", "No such file or directory"),
            ("", "empty path"),
        ]
        for (out, reason) in cases {
            for arguments in [["run", "amm-arbitrage", "--seed", "1"], ["batch", "amm-arbitrage", "-n", "1", "--quiet"],
                              ["optimize", "spot-oracle-borrow", "-n", "1", "--quiet"],
                              ["frontier", "spot-oracle-borrow", "-n", "2", "--quiet", "--defence", "pools.tok_eth.fee=0.003,0.01"]] {
                let outcome = try advsim(arguments + ["--out", out])
                #expect(outcome.status == 2, "\(arguments) --out \(out): \(outcome.status) \(outcome.stderr)")
                #expect(outcome.stderr.contains(reason), "\(arguments) --out \(out): \(outcome.stderr)")
                #expect(outcome.stdout.isEmpty, "\(arguments) --out \(out): \(outcome.stdout)")
            }
        }
        let merge = try advsim(["merge", "/nonexistent/shard", "--out", file + "/merged"])
        #expect(merge.status == 2 && merge.stderr.contains("Not a directory"), "\(merge.stderr)")
        #expect(!FileManager.default.fileExists(atPath: "/proc/no-such"))
    }

    @Test("The --out check removes the folders it probed: bad input found later leaves nothing behind")
    func outputFolderProbeLeavesNothing() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cli-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        // A snapshot row beyond the borrowing power is found only when the world is built.
        try "account,collateral_asset,collateral_amount,debt_asset,debt_amount\nalice,ETH,1,USDC,1000000\n"
            .write(toFile: folder + "/p.csv", atomically: true, encoding: .utf8)
        try """
            duration: 1h
            chain: {native_asset: ETH}
            assets: {ETH: {price: 3000}, USDC: {decimals: 6, price: 1}}
            oracles: {e: {type: constant, value: 3000}, u: {type: constant, value: 1}}
            lending_markets:
              m:
                assets:
                  ETH: {oracle: e, collateral_factor: 0.75, liquidation_threshold: 0.8, bonus: 0.05}
                  USDC: {oracle: u, supply: 1000000, borrowable: true}
            agents: {borrowers: {market: m, snapshot: p.csv}}
            """.write(toFile: folder + "/s.yaml", atomically: true, encoding: .utf8)
        let outcome = try advsim(["run", folder + "/s.yaml", "--out", folder + "/out/a/b"])
        #expect(outcome.status == 2, "\(outcome.stderr)")
        #expect(outcome.stderr.contains(folder + "/p.csv:2:"), "\(outcome.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder + "/out"))
    }

    @Test("run into a batch's folder is refused; into an earlier run's folder it replaces every file, leaving none of the earlier run's")
    func runIntoUsedFolder() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cli-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let tiny = ["--set", "duration=10m"]
        #expect(try advsim(["batch", "amm-arbitrage", "-n", "2", "--quiet", "--out", folder + "/batch"] + tiny).status == 0)
        let refused = try advsim(["run", "amm-arbitrage", "--seed", "1", "--out", folder + "/batch"] + tiny)
        #expect(refused.status == 2 && refused.stderr.contains("holds another command's output (summary.csv)"), "\(refused.stderr)")
        #expect(try advsim(["run", "liquidation-cascade", "--seed", "1", "--out", folder + "/run"] + tiny).status == 0)
        #expect(FileManager.default.fileExists(atPath: folder + "/run/liquidations.csv"))
        #expect(try advsim(["run", "amm-arbitrage", "--seed", "1", "--out", folder + "/run"] + tiny).status == 0)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder + "/run").sorted()
            == ["events.csv", "manifest.json", "pnl.csv", "runs.csv", "timeseries.csv"])
    }

    @Test("optimize, batch and merge refuse a folder holding another command's output; merge refuses one of its shards and an existing batch")
    func everyCommandKeepsOthersOutput() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cli-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let tiny = ["--set", "duration=10m", "--quiet"]
        #expect(try advsim(["batch", "amm-arbitrage", "-n", "2", "--out", folder + "/batch"] + tiny).status == 0)
        #expect(try advsim(["run", "amm-arbitrage", "--seed", "1", "--set", "duration=10m", "--out", folder + "/run"]).status == 0)
        let manifest = try String(contentsOfFile: folder + "/batch/manifest.json", encoding: .utf8)
        for (command, target, file) in [(["optimize", "spot-oracle-borrow", "-n", "1"], "batch", "summary.csv"),
                                        (["optimize", "spot-oracle-borrow", "-n", "1"], "run", "events.csv"),
                                        (["batch", "amm-arbitrage", "-n", "2", "--set", "duration=10m", "--quiet"], "run", "events.csv")] {
            let refused = try advsim(command + ["--out", folder + "/" + target])
            #expect(refused.status == 2 && refused.stderr.contains("holds another command's output (\(file))"), "\(command): \(refused.stderr)")
        }
        #expect(try String(contentsOfFile: folder + "/batch/manifest.json", encoding: .utf8) == manifest, "the batch's manifest was replaced")
        for shard in 0..<2 {
            #expect(try advsim(["batch", "amm-arbitrage", "-n", "2", "--shard", "\(shard)/2", "--out", folder + "/s\(shard)"] + tiny).status == 0)
        }
        let intoShard = try advsim(["merge", folder + "/s0", folder + "/s1", "--out", folder + "/s1/"])
        #expect(intoShard.status == 2 && intoShard.stderr.contains("is one of the shards being merged"), "\(intoShard.stderr)")
        let intoBatch = try advsim(["merge", folder + "/s0", folder + "/s1", "--out", folder + "/batch"])
        #expect(intoBatch.status == 2 && intoBatch.stderr.contains("already holds a batch (runs.csv)"), "\(intoBatch.stderr)")
        #expect(try advsim(["merge", folder + "/s0", folder + "/s1", "--out", folder + "/merged"]).status == 0)
    }

    @Test("A scenario's name cannot take the default output folder out of results/")
    func defaultFolderName() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cli-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        for (name, expected) in [("../../escaped", "results/.._.._escaped/"), ("", "results/scenario/"), ("/abs", "results/_abs/"),
                                 ("..", "results/scenario/"), ("a b", "results/a_b/")] {
            try "extends: \(Self.root)/scenarios/amm-arbitrage.yaml\nname: \"\(name)\"\nduration: 10m\n"
                .write(toFile: folder + "/s.yaml", atomically: true, encoding: .utf8)
            let outcome = try advsim(["run", "s.yaml", "--seed", "1"], in: folder)
            #expect(outcome.status == 0 && outcome.stdout.contains("output        " + expected), "\(name): \(outcome.stdout)")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).sorted() == ["results", "s.yaml"])
    }

    @Test("A folder given as the scenario is named as a folder; /dev/null is read, and empty; /dev/zero stops at 64 MiB")
    func folderOrDeviceAsScenario() throws {
        let folder = try advsim(["validate", "scenarios"])
        #expect(folder.status == 2 && folder.stderr.contains("cannot read 'scenarios': it is a folder, not a scenario file"), "\(folder.stderr)")
        let device = try advsim(["validate", "/dev/null"])
        #expect(device.status == 2 && device.stderr.contains("/dev/null:1:1: file is empty"), "\(device.stderr)")
        // A device that never ends is read up to the limit, not until memory runs out.
        let endless = try advsim(["validate", "/dev/zero"])
        #expect(endless.status == 2 && endless.stderr.contains("larger than 64 MiB: not a scenario file"), "\(endless.stderr)")
    }

    @Test("A --set of a swept key is refused instead of silently ignored, also when it quotes a key")
    func setOfSweptKey() throws {
        for (command, key) in [("batch", "pools.eth_usdc.fee"), ("slurm", "pools.eth_usdc.fee"), ("batch", "pools.\"eth_usdc\" .fee")] {
            let outcome = try advsim([command, "amm-arbitrage", "-n", "1", "--set", "\(key)=0.01",
                                      "--sweep", "pools.eth_usdc.fee=0.001,0.003"] + (command == "slurm" ? ["--array", "2"] : ["--quiet"]))
            #expect(outcome.status == 2 && outcome.stderr.contains("<command line>:1:1: --set \(key): the key is swept"),
                    "\(command): \(outcome.stderr)")
        }
    }

    @Test("A negative --seed or -n is refused as an invalid value, not as a missing one")
    func negativeValues() throws {
        let seed = try advsim(["run", "amm-arbitrage", "--seed", "-1"])
        #expect(seed.status == 2 && seed.stderr.contains("The value '-1' is invalid for '--seed <seed>'"), "\(seed.stderr)")
        let count = try advsim(["batch", "amm-arbitrage", "-n", "-5", "--quiet"])
        #expect(count.status == 2 && count.stderr.contains("-n must be at least 1"), "\(count.stderr)")
    }

    @Test("A Slurm array beyond 10,000 tasks is refused with exit 2, not a crash")
    func hugeSlurmArray() throws {
        for array in ["10001", "99999999999"] {
            let outcome = try advsim(["slurm", "amm-arbitrage", "--array", array])
            #expect(outcome.status == 2, "\(array): \(outcome.status) \(outcome.stderr)")
            #expect(outcome.stderr.contains("--array must be in 1…10000"), "\(outcome.stderr)")
        }
        #expect(try advsim(["slurm", "amm-arbitrage", "--array", "10000"]).status == 0)
    }

    @Test("The Slurm script names the binary by its real path, however it was called (a symlink named `advsim` run from elsewhere), and merges after every task has ended")
    func slurmBinaryPath() throws {
        let binary = try #require(Self.binary)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cli-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder + "/bin", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.createSymbolicLink(atPath: folder + "/bin/advsim", withDestinationPath: binary)
        let outcome = try advsim(["slurm", "amm-arbitrage", "--array", "2"], in: folder, binary: folder + "/bin/advsim")
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let real = URL(fileURLWithPath: binary).resolvingSymlinksInPath().path
        #expect(outcome.stdout.contains("exec \(real) batch "), "\(outcome.stdout)")
        #expect(outcome.stdout.contains("exec \(real) merge "), "\(outcome.stdout)")
        #expect(outcome.stdout.contains("--dependency=afterany:"), "\(outcome.stdout)")
    }

    @Test("A pool of one raw unit runs and prints its summary: a price move of 1e20 % is no trap")
    func extremePriceMoveSummary() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("cli-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: out) }
        let outcome = try advsim(["run", "spot-oracle-borrow", "--seed", "1", "--set", "pools.tok_eth.reserve0=1e-18",
                                      "--set", "pools.tok_eth.reserve1=400", "--out", out])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stdout.contains("output        \(out)/"), "\(outcome.stdout)")
    }

    @Test("Merging an unknown folder or one with an undecodable manifest exits 2 with the manifest located")
    func badMerge() throws {
        let outcome = try advsim(["merge", "/nonexistent/shard", "--out", "/tmp/never"])
        #expect(outcome.status == 2)
        #expect(outcome.stderr.contains("/nonexistent/shard/manifest.json:1:1: missing or cannot be read"), "\(outcome.stderr)")
        // A manifest that does not decode: located, one line, no decoder dump.
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cli-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try "{\"tool\": \"advsim\"}".write(toFile: folder + "/manifest.json", atomically: true, encoding: .utf8)
        let undecodable = try advsim(["merge", folder, "--out", folder + "/out"])
        #expect(undecodable.status == 2)
        #expect(undecodable.stderr == "advsim: \(folder)/manifest.json:1:1: not an advsim manifest: key 'version' is missing\n",
                "\(undecodable.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder + "/out"))
    }

    @Test("The run summary shows a money amount below 1 to four significant digits: a gas bill in ETH is not printed as 0")
    func smallAmounts() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("advsim-small-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: out) }
        let outcome = try advsim(["run", "twap-manipulation", "--set", "chain.gas_price=20", "--out", out])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let csv = try String(contentsOfFile: out + "/runs.csv", encoding: .utf8).split(separator: "\n")
        let row = Dictionary(uniqueKeysWithValues: zip(csv[0].split(separator: ",", omittingEmptySubsequences: false).map(String.init),
                                                       csv[1].split(separator: ",", omittingEmptySubsequences: false).map(String.init)))
        let gas = try #require(row["gas_cost"].flatMap(Double.init))
        #expect(gas > 0 && gas < 0.1)
        #expect(outcome.stdout.contains("; gas \(String(format: "%.4g", gas)) ETH\n"), "\(outcome.stdout)")
    }

    @Test("run's summary reports the lending outcome as runs.csv has it, and no lending lines without a market")
    func lendingSummary() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("advsim-summary-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: out) }
        let outcome = try advsim(["run", Self.root + "/scenarios/liquidation-cascade.yaml", "--seed", "3", "--out", out, "--set",
                                  "lending_markets.eth_market.circuit_breaker={threshold: 0.1, window: 10m, cooldown: 30m}"])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let csv = try String(contentsOfFile: out + "/runs.csv", encoding: .utf8).split(separator: "\n")
        let row = Dictionary(uniqueKeysWithValues: zip(csv[0].split(separator: ",", omittingEmptySubsequences: false).map(String.init),
                                                       csv[1].split(separator: ",", omittingEmptySubsequences: false).map(String.init)))
        let lines = outcome.stdout.split(separator: "\n").map(String.init)
        func line(_ prefix: String) throws -> String { try #require(lines.first { $0.hasPrefix(prefix) }, "\(outcome.stdout)") }
        let liquidations = try #require(row["liquidations"]), depth = try #require(row["cascade_depth"])
        #expect(try line("liquidations  ").hasPrefix("liquidations  \(liquidations) (volume "))
        #expect(try line("liquidations  ").contains(", cascade depth \(depth), min health "))
        let trips = try #require(row["circuit_breaker_trips"])
        #expect(try line("oracles       ").hasSuffix(", circuit breaker trips \(trips)"))
        // "bad debt      X USD written off (insurance fund paid Y USD), Z USD still underwater, short of its collateral by
        // W USD", each to the cent.
        let numbers = try line("bad debt      ").split(separator: " ").compactMap { Double($0) }
        let expected = ["bad_debt", "insurance_fund_used", "underwater_debt", "underwater_shortfall"].compactMap { row[$0].flatMap(Double.init) }
        #expect(numbers.count == 4 && zip(numbers, expected).allSatisfy { abs($0 - $1) <= 0.005 }, "\(numbers) vs \(expected)")
        let plain = try advsim(["run", "amm-arbitrage", "--set", "duration=1h", "--out", out])
        #expect(plain.status == 0 && !plain.stdout.contains("liquidations  ") && !plain.stdout.contains("bad debt"), "\(plain.stdout)")
    }

    @Test("batch ends with the headline of its summary.csv on stdout, per sweep point, also with --quiet (stdout is data), and merge of its shards with the same")
    func batchHeadline() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("advsim-headline-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: out) }
        let arguments = ["batch", "amm-arbitrage", "-n", "3", "--set", "duration=1h", "--sweep", "pools.eth_usdc.fee=0.001,0.01", "--out", out]
        let outcome = try advsim(arguments)
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let summary = try String(contentsOfFile: out + "/summary.csv", encoding: .utf8).split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        let header = try #require(summary.first)
        let mean = try #require(header.firstIndex(of: "mean")), low = try #require(header.firstIndex(of: "ci95_low"))
        let high = try #require(header.firstIndex(of: "ci95_high"))
        let row = try #require(summary.first { $0.first == "1" && $0.contains("arbitrageur_pnl") })
        func cents(_ field: Substring) -> String {
            let value = (Double(field)! * 100).rounded() / 100
            return Int64(exactly: value).map { String($0) } ?? String(value)
        }
        let lines = outcome.stdout.split(separator: "\n").map(String.init)
        let point = try #require(lines.firstIndex(of: "point 1 pools_eth_usdc_fee=0.01"), "\(outcome.stdout)")
        #expect(lines.first?.hasPrefix("summary       mean [95 % CI] over 3 replications") == true)
        #expect(lines[point + 1] == "  arbitrageur_pnl             \(cents(row[mean])) [\(cents(row[low])), \(cents(row[high]))] USD",
                "\(outcome.stdout)")
        try FileManager.default.removeItem(atPath: out)
        let quiet = try advsim(arguments + ["--quiet"])
        #expect(quiet.status == 0 && quiet.stdout == outcome.stdout, "\(quiet.stdout)")
        // The same batch in two shards, merged: merge prints the same headline.
        let shards = (0..<2).map { out + "-shard\($0)" }, merged = out + "-merged"
        defer { for folder in shards + [merged] { try? FileManager.default.removeItem(atPath: folder) } }
        for (index, shard) in shards.enumerated() {
            let sharded = try advsim(arguments.dropLast(2) + ["--shard", "\(index)/2", "--quiet", "--out", shard])
            // A shard's own summary.csv has its headline on stdout, --quiet or not.
            #expect(sharded.status == 0 && sharded.stdout.hasPrefix("summary       mean [95 % CI] over "), "\(sharded.stderr)")
        }
        let merge = try advsim(["merge"] + shards + ["--out", merged])
        #expect(merge.status == 0, "\(merge.stderr)")
        #expect(merge.stdout == "merged 2 shards into \(merged)/\n" + outcome.stdout, "\(merge.stdout)")
    }

    @Test("The headline shows attack_profit_to_cost only where every replication's attack_cost is > 0, else says why not", arguments: [
        ("cascade-trigger-short", "  attack_profit_to_cost       — (attack_cost ≤ 0 in all 3 replications: gross / cost means nothing there)"),
        ("spot-oracle-borrow", "  attack_profit_to_cost       2.05 [2.05, 2.05]"),
    ])
    func headlineRatio(scenario: String, expected: String) throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("advsim-ratio-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: out) }
        let outcome = try advsim(["batch", scenario, "-n", "3", "--quiet", "--out", out])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stdout.split(separator: "\n").contains { $0 == expected }, "\(outcome.stdout)")
        // What the line rests on: summary.csv's range of attack_cost (all ≤ 0 in the first, all > 0 in the second).
        let summary = try String(contentsOfFile: out + "/summary.csv", encoding: .utf8).split(separator: "\n").map { $0.split(separator: ",") }
        let header = try #require(summary.first), cost = try #require(summary.first { $0.count > 1 && $0[1] == "attack_cost" })
        let (minColumn, maxColumn) = (try #require(header.firstIndex(of: "min")), try #require(header.firstIndex(of: "max")))
        let (min, max) = (try #require(Double(cost[minColumn])), try #require(Double(cost[maxColumn])))
        #expect(expected.contains("≤ 0 in all") ? max <= 0 : min > 0, "attack_cost from \(min) to \(max)")
    }

    @Test("run says on stderr that it ignores the scenario's sweep: section")
    func runIgnoresSweep() throws {
        let file = try temporaryFile("extends: \(Self.root)/scenarios/amm-arbitrage.yaml\nsweep:\n  parameters:\n    pools.eth_usdc.fee: [0.001, 0.01]\n")
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("advsim-sweep-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: out); try? FileManager.default.removeItem(atPath: file) }
        let outcome = try advsim(["run", file, "--set", "duration=1h", "--out", out])
        #expect(outcome.status == 0)
        #expect(outcome.stderr.contains("run ignores the scenario's sweep: section (pools.eth_usdc.fee)"), "\(outcome.stderr)")
    }

    @Test("run notes drawn borrowers the market's cash could not lend to in full")
    func genesisShortfallNote() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("advsim-note-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: out) }
        let outcome = try advsim(["run", Self.root + "/scenarios/liquidation-cascade.yaml", "--set", "duration=1m",
                                  "--set", "lending_markets.eth_market.assets.USDC.supply=100000", "--out", out])
        #expect(outcome.status == 0)
        #expect(outcome.stdout.contains("note          eth_market lent all its USDC cash at genesis: "), "\(outcome.stdout)")
    }
}

/// The ugly inputs of the brief, through the real binary: each must exit 2 with a located
/// message on stderr, print nothing on stdout and leave no output folder behind.
@Suite("Command line: bad scenario files")
struct CLIBadInputTests {
    static let valid = "duration: 1h\nchain: {native_asset: ETH}\nassets:\n  ETH: {price: 3000}\n"

    static let cases: [(name: String, text: String, located: String)] = [
        ("empty file", "", ":1:1: file is empty"),
        ("wrong type", valid.replacingOccurrences(of: "price: 3000", with: "price: [1, 2]"), ":4:"),
        ("huge number", valid.replacingOccurrences(of: "price: 3000", with: "price: 1e999"), ":4:"),
        ("negative duration", valid.replacingOccurrences(of: "1h", with: "-5m"), ":1:"),
        ("NaN", valid.replacingOccurrences(of: "price: 3000", with: "price: .nan"), ":4:"),
        ("unknown key", valid + "agentz: {}\n", ":5:1"),
        ("missing reference", valid.replacingOccurrences(of: "native_asset: ETH", with: "native_asset: DAI"), ":2:"),
        ("garbage bytes", "duration: 1h\n\u{01}\u{02}\u{7f}\n", ":2:"),
        ("tab indentation", valid.replacingOccurrences(of: "  ETH", with: "\tETH"), ":4:"),
        ("duplicate key", valid + "duration: 2h\n", ":5:"),
        ("alias bomb", "a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
            + "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
            + "e: [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\n", ":"),
    ]

    @Test("Each ugly input exits 2 with a located message", arguments: cases.map(\.name))
    func uglyInput(name: String) throws {
        let entry = try #require(Self.cases.first { $0.name == name })
        let cli = CLITests()
        let path = try cli.temporaryFile(entry.text)
        defer { try? FileManager.default.removeItem(atPath: path) }
        defer { try? FileManager.default.removeItem(atPath: path) }
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("never-\(UUID().uuidString)").path
        let outcome = try cli.advsim(["run", path, "--out", out])
        #expect(outcome.status == 2, "\(name): exit \(outcome.status), stderr \(outcome.stderr)")
        #expect(outcome.stderr.contains(path + entry.located), "\(name): \(outcome.stderr)")
        #expect(outcome.stdout.isEmpty, "\(name): \(outcome.stdout)")
        #expect(!FileManager.default.fileExists(atPath: out), "\(name): an output folder was created")
    }
}
