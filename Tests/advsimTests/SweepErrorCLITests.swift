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
}
