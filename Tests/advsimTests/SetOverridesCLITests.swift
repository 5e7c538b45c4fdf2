import Foundation
import Testing

/// `--resume` and `merge` with `--set`s other than the folder's, through the binary: `--set`s
/// that differ only in order or spelling (`10m`, `600s`) give the same scenario as run and are
/// accepted; ones that change it are refused by a message that names them, not the sweep or a
/// changed file.
@Suite("Command line: --set overrides across --resume and merge")
struct SetOverridesCLITests {
    /// A fresh folder holding ResumeCLITests' scenario as tiny.yaml.
    static func folder() throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cli-sets-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try ResumeCLITests.scenario.write(toFile: folder + "/tiny.yaml", atomically: true, encoding: .utf8)
        return folder
    }

    static let sets = ["--set", "duration=10m", "--set", "agents.noise_traders.rate=20"]
    /// The same overrides in the other order, the duration spelt in seconds.
    static let equivalentSets = ["--set=agents.noise_traders.rate=20", "--set", "duration=600s"]

    /// The batch command of shard `shard` of 2 (nil: unsharded) into `name`.
    static func batch(_ folder: String, _ sets: [String], shard: Int?, into name: String,
                      sweep: String = "pools.p.fee=0.001,0.01") -> [String] {
        ["batch", folder + "/tiny.yaml", "-n", "3", "--seed", "5", "--sweep", sweep, "--quiet", "--out", folder + "/" + name]
            + (shard.map { ["--shard", "\($0)/2"] } ?? []) + sets
    }

    /// Every file of `folder`, by name.
    static func contents(_ folder: String) throws -> [String: Data] {
        let names = try FileManager.default.contentsOfDirectory(atPath: folder)
        return try Dictionary(uniqueKeysWithValues: names.map { ($0, try Data(contentsOf: URL(fileURLWithPath: folder + "/" + $0))) })
    }

    @Test("Shards whose --sets differ only in order and spelling merge into the unsharded batch's bytes; a resume with them runs nothing")
    func equivalentAccepted() throws {
        let cli = CLITests()
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        for (sets, shard, name) in [(Self.sets, nil, "whole"), (Self.sets, 0, "shard0"), (Self.equivalentSets, 1, "shard1")] {
            let outcome = try cli.advsim(Self.batch(folder, sets, shard: shard, into: name))
            try #require(outcome.status == 0, "\(outcome.stderr)")
        }
        let merge = try cli.advsim(["merge", folder + "/shard0", folder + "/shard1", "--out", folder + "/merged"])
        #expect(merge.status == 0, "\(merge.stderr)")
        for file in ["runs.csv", "summary.csv", "failures.csv", "pnl.csv"] {
            let merged = try Data(contentsOf: URL(fileURLWithPath: folder + "/merged/" + file))
            #expect(try merged == Data(contentsOf: URL(fileURLWithPath: folder + "/whole/" + file)), "\(file)")
        }
        let resume = try cli.advsim(Self.batch(folder, Self.equivalentSets, shard: 0, into: "shard0") + ["--resume"])
        #expect(resume.status == 0, "\(resume.stderr)")
    }

    @Test("A --set that changes the scenario is refused by merge and --resume naming the --sets of both, and nothing is written")
    func differentRefused() throws {
        let cli = CLITests()
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let other = ["--set", "duration=10m", "--set", "agents.noise_traders.rate=25"]
        for (sets, shard) in [(Self.sets, 0), (other, 1)] {
            let outcome = try cli.advsim(Self.batch(folder, sets, shard: shard, into: "shard\(shard)"))
            try #require(outcome.status == 0, "\(outcome.stderr)")
        }
        let before = try Self.contents(folder + "/shard0")
        let lines = try String(contentsOfFile: folder + "/shard1/manifest.json", encoding: .utf8).split(separator: "\n")
        let line = try #require(lines.firstIndex { $0.hasPrefix("  \"command\" : ") }) + 1
        let merge = try cli.advsim(["merge", folder + "/shard0", folder + "/shard1", "--out", folder + "/merged"])
        #expect(merge.status == 2)
        #expect(merge.stderr == "advsim: \(folder)/shard1/manifest.json:\(line):15: '\(folder)/shard1' was run with other --set overrides "
                + "than '\(folder)/shard0' (--set duration=10m --set agents.noise_traders.rate=25 there, --set duration=10m "
                + "--set agents.noise_traders.rate=20 in '\(folder)/shard0'); cannot merge\n")
        #expect(!FileManager.default.fileExists(atPath: folder + "/merged"))

        let resume = try cli.advsim(Self.batch(folder, other, shard: 0, into: "shard0") + ["--resume"])
        #expect(resume.status == 2)
        #expect(resume.stderr == "advsim: '\(folder)/shard0' holds a different batch: the --set overrides (--set duration=10m "
                + "--set agents.noise_traders.rate=20 there, --set duration=10m --set agents.noise_traders.rate=25 now) differ; cannot resume\n")
        #expect(try Self.contents(folder + "/shard0") == before, "the folder changed")
    }

    @Test("A resume with equivalent --sets but another sweep blames the sweep alone")
    func otherSweep() throws {
        let cli = CLITests()
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try #require(try cli.advsim(Self.batch(folder, Self.sets, shard: nil, into: "a")).status == 0)
        let resume = try cli.advsim(Self.batch(folder, Self.equivalentSets, shard: nil, into: "a", sweep: "pools.p.fee=0.001,0.02") + ["--resume"])
        #expect(resume.status == 2)
        #expect(resume.stderr == "advsim: '\(folder)/a' holds a different batch: the sweep differs; cannot resume\n")
    }
}
