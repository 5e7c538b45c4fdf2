import Foundation
import Testing

/// The Slurm script quotes every path it prints and lets no option put text Slurm would not
/// accept on an `#SBATCH` line.
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
        (["--time", "01:00\n#SBATCH --mem=1T"], "expected a Slurm time limit"),
        (["--partition", "a;b"], "--partition 'a;b': expected a partition name"),
        (["--partition", "a,"], "--partition 'a,': expected a partition name"),
        (["--partition", "gpu part"], "--partition 'gpu part': expected a partition name"),
    ])
    func refused(arguments: [String], message: String) throws {
        let outcome = try CLITests().advsim(["slurm", "liquidation-cascade", "--array", "2"] + arguments)
        #expect(outcome.status == 2 && outcome.stdout.isEmpty, "\(outcome.status)")
        #expect(outcome.stderr.contains(message), "\(outcome.stderr)")
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
