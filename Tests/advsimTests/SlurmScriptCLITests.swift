import Foundation
import Testing

/// The Slurm script quotes every path it prints, lets no option put text Slurm would not
/// accept on an `#SBATCH` line, and takes no word with a control character (a line break would
/// end the here-document holding the batch command, and the rest would run at submission).
@Suite("Command line: the Slurm script's quoting and #SBATCH values")
struct SlurmScriptCLITests {
    @Test("An --out holding a command substitution is printed, not run, by the script's last line")
    func outputPathQuoted() throws {
        let cli = CLITests()
        let out = "/tmp/x$(echo INJ)'q"
        let outcome = try cli.advsim(["slurm", "liquidation-cascade", "--array", "2", "--out", out])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let echo = try #require(outcome.stdout.split(separator: "\n").last { $0.hasPrefix("echo ") })
        let bash = Process()
        bash.executableURL = URL(fileURLWithPath: "/bin/bash")
        bash.arguments = ["-c", "ARRAY_JOB=11; MERGE_JOB='12;cluster'; " + echo]
        let pipe = Pipe()
        bash.standardOutput = pipe
        try bash.run()
        let printed = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        bash.waitUntilExit()
        #expect(printed == "submitted array job 11 and merge job 12; results in \(out)/merged\n")
    }

    @Test("--time and --partition outside Slurm's forms exit 2 and print no script", arguments: [
        (["--time", "x y"], "--time 'x y': expected a Slurm time limit"),
        (["--time", "1:2:3:4"], "--time '1:2:3:4': expected a Slurm time limit"),
        (["--time", "1-"], "--time '1-': expected a Slurm time limit"),
        (["--partition", "a;b"], "--partition 'a;b': expected a partition name"),
        (["--partition", "a,"], "--partition 'a,': expected a partition name"),
        (["--partition", "gpu part"], "--partition 'gpu part': expected a partition name"),
    ])
    func refused(arguments: [String], message: String) throws {
        let outcome = try CLITests().advsim(["slurm", "liquidation-cascade", "--array", "2"] + arguments)
        #expect(outcome.status == 2 && outcome.stdout.isEmpty, "\(outcome.status)")
        #expect(outcome.stderr.contains(message), "\(outcome.stderr)")
    }

    /// The end of the message refusing a word with a control character.
    static let cannotCarry = "which the Slurm script cannot carry (a line break would end its here-document early and run what follows at submission)\n"

    @Test("A --set, --sweep, --design, --out, --time or --partition holding a line break or another control character exits 2, located at its flag, and prints no script", arguments: [
        (["--set", "duration=1h", "--set", "description=x\nADVSIM_ARRAY\ntouch /tmp/advsim-injected"],
         "<command line>:1:2: --set \"description=x\\nADVSIM_ARRAY\\ntouch /tmp/advsim-injected\": holds a control character (U+000A), "),
        (["--sweep", "pools.eth_usdc.fee=0.001,0.003", "--sweep", "agents.noise_traders.rate=1,2\rADVSIM_ARRAY"],
         "<command line>:1:2: --sweep \"agents.noise_traders.rate=1,2\\rADVSIM_ARRAY\": holds a control character (U+000D), "),
        (["--design", "grid\nADVSIM_ARRAY"], "<command line>:1:1: --design \"grid\\nADVSIM_ARRAY\": holds a control character (U+000A), "),
        (["--out", "/tmp/a\nADVSIM_ARRAY\nrm -rf b"], "<command line>:1:1: --out \"/tmp/a\\nADVSIM_ARRAY\\nrm -rf b\": holds a control character (U+000A), "),
        (["--set", "description=a\tb"], "<command line>:1:1: --set \"description=a\\tb\": holds a control character (U+0009), "),
        (["--set", "description=a\u{7F}"], "<command line>:1:1: --set \"description=a\\u{7F}\": holds a control character (U+007F), "),
        (["--time", "01:00:00\n#SBATCH --mem=1T"], "<command line>:1:1: --time \"01:00:00\\n#SBATCH --mem=1T\": holds a control character (U+000A), "),
        (["--partition", "gpu\n"], "<command line>:1:1: --partition \"gpu\\n\": holds a control character (U+000A), "),
    ])
    func controlCharacters(arguments: [String], message: String) throws {
        let outcome = try CLITests().advsim(["slurm", "amm-arbitrage", "--array", "2"] + arguments)
        #expect(outcome.status == 2 && outcome.stdout.isEmpty, "\(outcome.status): \(outcome.stdout)")
        #expect(outcome.stderr == "advsim: " + message + Self.cannotCarry, "\(outcome.stderr)")
    }

    @Test("A scenario path holding a line break exits 2 naming it, and prints no script")
    func scenarioPathWithLineBreak() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("slurm-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/s\nADVSIM_ARRAY\ntouch injected.yaml"
        try FileManager.default.copyItem(atPath: CLITests.root + "/scenarios/amm-arbitrage.yaml", toPath: path)
        let outcome = try CLITests().advsim(["slurm", path, "--array", "2", "--out", folder + "/out"])
        #expect(outcome.status == 2 && outcome.stdout.isEmpty, "\(outcome.status): \(outcome.stdout)")
        #expect(outcome.stderr.hasSuffix("advsim: the scenario's path \(path.debugDescription): holds a control character (U+000A), "
                                         + Self.cannotCarry), "\(outcome.stderr)")
    }

    @Test("Slurm's time forms and partition lists reach the #SBATCH lines as given", arguments: [
        ("30", "gpu"), ("30:00", "a.b-c_d"), ("01:00:00", "gpu,cpu"), ("2-12", "p1"), ("2-12:30", "p1"), ("2-12:30:00", "p1"),
        ("UNLIMITED", "p1"), ("infinite", "p1"),
    ])
    func accepted(time: String, partition: String) throws {
        let outcome = try CLITests().advsim(["slurm", "liquidation-cascade", "--array", "2", "--time", time, "--partition", partition])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stdout.contains("#SBATCH --time=\(time)\n") && outcome.stdout.contains("#SBATCH --partition=\(partition)\n"))
    }
}
