import Foundation
import Testing

/// `batch --quiet` silences progress and nothing else: a batch stopped by a signal, or with
/// failed replications, still says so on stderr — a Slurm task (always `--quiet`) killed at its
/// time limit left an empty log.
@Suite("Command line: what --quiet still reports")
struct QuietNoticeCLITests {
    static func temporaryFolder() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("quiet-\(UUID().uuidString)").path
    }

    @Test("A --quiet batch stopped by SIGTERM says it was interrupted and how to continue, and exits 143")
    func interrupted() throws {
        let binary = try #require(CLITests.binary)
        let path = try CLITests().temporaryFile(ResumeCLITests.scenario)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let out = Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: out) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = ["batch", path, "-n", "100000", "--threads", "1", "--quiet", "--out", out]
        process.currentDirectoryURL = URL(fileURLWithPath: CLITests.root)
        let err = Pipe()
        process.standardError = err
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        // The manifest is written after the signal handlers are installed.
        let deadline = Date().addingTimeInterval(60)
        while !FileManager.default.fileExists(atPath: out + "/manifest.json"), Date() < deadline { usleep(20_000) }
        process.terminate()
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 143, "\(stderr)")
        #expect(stderr.hasPrefix("batch: ") && stderr.hasSuffix(" replications written; interrupted — continue with --resume\n"), "\(stderr)")
        #expect(!stderr.contains("output:"), "--quiet printed the output line: \(stderr)")
    }

    @Test("A --quiet batch with failed replications says how many, and exits 1")
    func failed() throws {
        let cli = CLITests()
        // Endowments from a lognormal with a huge sigma exceed the 2^112 load limit for some seeds.
        let path = try cli.temporaryFile(ResumeCLITests.scenario.replacingOccurrences(
            of: "capital: {ETH: 5, USDC: 10000}", with: "capital: {ETH: {dist: lognormal, mu: 0, sigma: 60}, USDC: 10000}"))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let out = Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: out) }
        let outcome = try cli.advsim(["batch", path, "-n", "8", "--threads", "2", "--quiet", "--out", out])
        #expect(outcome.status == 1, "\(outcome.stderr)")
        let failures = try String(contentsOfFile: out + "/failures.csv", encoding: .utf8).split(separator: "\n").count - 1
        #expect(failures > 0)
        #expect(outcome.stderr == "batch: \(8 - failures) replications written, \(failures) failed (see failures.csv)\n")
    }

    @Test("A --quiet batch that succeeds prints nothing on stderr")
    func succeeded() throws {
        let cli = CLITests()
        let path = try cli.temporaryFile(ResumeCLITests.scenario)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let out = Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: out) }
        let outcome = try cli.advsim(["batch", path, "-n", "2", "--quiet", "--out", out])
        #expect(outcome.status == 0 && outcome.stderr.isEmpty, "\(outcome.stderr)")
    }
}
