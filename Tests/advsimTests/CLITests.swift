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

    func advsim(_ arguments: [String]) throws -> Outcome {
        let binary = try #require(
            [".build/debug/advsim", ".build/release/advsim"].map { Self.root + "/" + $0 }
                .first { FileManager.default.isExecutableFile(atPath: $0) },
            "build the advsim binary first (swift build)")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: Self.root)
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
        let outcome = try advsim(["validate", path])
        #expect(outcome.status == 2)
        #expect(outcome.stderr.contains("\(path):2:1: "), "\(outcome.stderr)")
        #expect(outcome.stderr.contains("did you mean 'assets'?"), "\(outcome.stderr)")
        #expect(outcome.stdout.isEmpty)
    }

    @Test("A missing scenario file exits 2 and names it")
    func missingFile() throws {
        let outcome = try advsim(["run", "/nonexistent/x.yaml", "--out", "/tmp/never"])
        #expect(outcome.status == 2)
        #expect(outcome.stderr.contains("/nonexistent/x.yaml"))
        #expect(!FileManager.default.fileExists(atPath: "/tmp/never/runs.csv"))
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

    @Test("Merging nothing or an unknown folder exits 2")
    func badMerge() throws {
        let outcome = try advsim(["merge", "/nonexistent/shard", "--out", "/tmp/never"])
        #expect(outcome.status == 2)
        #expect(outcome.stderr.contains("manifest.json"))
    }
}
