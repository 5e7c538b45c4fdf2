import Foundation
import GSL
import Testing
@testable import Experiments

/// `merge` checks each shard folder's rows against the items its manifest's shard was assigned,
/// as `--resume` does: a folder copied, renamed or from another run is refused, located at the
/// first row that is not its own, and nothing merged is left behind.
@Suite("Batches: merging shard folders whose rows are not their shard's")
struct MergeShardRowsTests {
    /// The fixture's batch (2 sweep points × 6 replications) run as 2 shards, "shard0" and "shard1".
    static func shards() throws -> BatchFixture {
        let fixture = try BatchFixture()
        for index in 0..<2 { try fixture.run(fixture.spec(shard: Shard(index: index, count: 2)), into: "shard\(index)", threads: 1) }
        return fixture
    }

    /// The text of `file` in folder `name` of `fixture`.
    static func text(_ fixture: BatchFixture, _ name: String, _ file: String) throws -> String {
        String(decoding: try fixture.bytes(name, file), as: UTF8.self)
    }

    /// Writes `text` as `file` of folder `name`.
    static func write(_ text: String, _ fixture: BatchFixture, _ name: String, _ file: String) throws {
        try text.write(toFile: fixture.folder + "/" + name + "/" + file, atomically: true, encoding: .utf8)
    }

    /// Merges the two shards, which must fail with `located` (after the folder) and `message`,
    /// leaving no merged folder.
    static func expectRefused(_ fixture: BatchFixture, _ located: String, _ message: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let merged = fixture.folder + "/merged"
        do {
            try ShardMerge.merge([fixture.folder + "/shard0", fixture.folder + "/shard1"], into: merged, commandLine: ["test"])
            Issue.record("merged", sourceLocation: sourceLocation)
        } catch {
            #expect("\(error)" == fixture.folder + "/" + located + ": " + message + "; cannot merge: run that shard again",
                    sourceLocation: sourceLocation)
        }
        #expect(!FileManager.default.fileExists(atPath: merged), "a merged folder was left", sourceLocation: sourceLocation)
    }

    @Test("A shard's runs.csv copied into another shard's folder is refused at its first row")
    func copiedRuns() throws {
        let fixture = try Self.shards()
        defer { fixture.remove() }
        try Self.write(Self.text(fixture, "shard0", "runs.csv"), fixture, "shard1", "runs.csv")
        Self.expectRefused(fixture, "shard1/runs.csv:2:1", "sweep point 0, replication 0 belongs to shard 0/2, but this folder's "
                           + "manifest.json says shard 1/2 (a shard folder copied, renamed or from another run)")
    }

    @Test("A whole shard folder copied under another shard's manifest is refused")
    func copiedFolder() throws {
        let fixture = try Self.shards()
        defer { fixture.remove() }
        for file in ["runs.csv", "failures.csv", "pnl.csv", "summary.csv"] {
            try Self.write(Self.text(fixture, "shard1", file), fixture, "shard0", file)
        }
        Self.expectRefused(fixture, "shard0/runs.csv:2:1", "sweep point 0, replication 1 belongs to shard 1/2, but this folder's "
                           + "manifest.json says shard 0/2 (a shard folder copied, renamed or from another run)")
    }

    @Test("A failures.csv row of another shard is refused at its line")
    func foreignFailure() throws {
        let fixture = try Self.shards()
        defer { fixture.remove() }
        // Shard 0's last item (1,4) moved from runs.csv to failures.csv, and (1,5) of shard 1 after it.
        var runs = try Self.text(fixture, "shard0", "runs.csv").split(separator: "\n").map(String.init)
        let last = runs.removeLast()
        try Self.write(runs.joined(separator: "\n") + "\n", fixture, "shard0", "runs.csv")
        let seed = last.split(separator: ",")[2], next = SeedDerivation.replicationSeed(scenarioSeed: 3, replication: 5)
        try Self.write("sweep_point,replication,seed,message\n1,4,\(seed),boom\n1,5,\(next),boom\n", fixture, "shard0", "failures.csv")
        Self.expectRefused(fixture, "shard0/failures.csv:3:1", "sweep point 1, replication 5 belongs to shard 1/2, but this folder's "
                           + "manifest.json says shard 0/2 (a shard folder copied, renamed or from another run)")
    }

    @Test("A pnl.csv of another shard is refused at its first row")
    func copiedPnL() throws {
        let fixture = try Self.shards()
        defer { fixture.remove() }
        try Self.write(Self.text(fixture, "shard0", "pnl.csv"), fixture, "shard1", "pnl.csv")
        Self.expectRefused(fixture, "shard1/pnl.csv:2:1", "sweep point 0, replication 0 belongs to shard 0/2, but this folder's "
                           + "manifest.json says shard 1/2 (a shard folder copied, renamed or from another run)")
    }

    /// "seed S is not the seed of replication R …" for a row of a run with scenario seed 4 in the
    /// fixture's batch (scenario seed 3).
    static func otherSeed(replication: Int) -> String {
        "seed \(SeedDerivation.replicationSeed(scenarioSeed: 4, replication: replication)) is not the seed of replication "
            + "\(replication) in this batch: scenario seed 3 derives \(SeedDerivation.replicationSeed(scenarioSeed: 3, replication: replication)) "
            + "for it (a folder from a run with another seed)"
    }

    @Test("A shard's files from a run with another seed, same shard layout, are refused at the seed of their first row",
          arguments: [["runs.csv", "failures.csv", "pnl.csv"], ["pnl.csv"]])
    func otherSeed(files: [String]) throws {
        let fixture = try Self.shards()
        defer { fixture.remove() }
        try fixture.run(fixture.spec(shard: Shard(index: 1, count: 2), seed: 4), into: "other", threads: 1)
        for file in files { try Self.write(Self.text(fixture, "other", file), fixture, "shard1", file) }
        Self.expectRefused(fixture, "shard1/\(files[0]):2:5", Self.otherSeed(replication: 1))
    }

    @Test("A failures.csv row with the seed of a run with another seed is refused at its seed")
    func otherSeedFailure() throws {
        let fixture = try Self.shards()
        defer { fixture.remove() }
        // Shard 0's last item (1,4) moved from runs.csv to failures.csv with the seed scenario seed 4 derives.
        let runs = try Self.text(fixture, "shard0", "runs.csv").split(separator: "\n")
        try Self.write(runs.dropLast().joined(separator: "\n") + "\n", fixture, "shard0", "runs.csv")
        let seed = SeedDerivation.replicationSeed(scenarioSeed: 4, replication: 4)
        try Self.write("sweep_point,replication,seed,message\n1,4,\(seed),boom\n", fixture, "shard0", "failures.csv")
        Self.expectRefused(fixture, "shard0/failures.csv:2:5", Self.otherSeed(replication: 4))
    }

    /// "param_pools_p_fee 'F' is not the value of sweep point P …" for a row of a run with
    /// another sweep in the fixture's batch (sweep pools.p.fee=0.001,0.01).
    static func otherSweep(found: String, point: Int) -> String {
        "param_pools_p_fee '\(found)' is not the value of sweep point \(point) in this batch: its sweep gives "
            + "'\(["0.001", "0.01"][point])' (a folder from a run with another sweep)"
    }

    /// The 1-based column of the first `param_` cell on a row of replication `replication`
    /// (scenario seed 3) at a one-digit sweep point.
    static func parameterColumn(replication: Int) -> Int {
        "0,\(replication),\(SeedDerivation.replicationSeed(scenarioSeed: 3, replication: replication)),".count + 1
    }

    @Test("A shard's files from a run with another sweep, same seed and shard layout, are refused at the first wrong param_ cell",
          arguments: [("pools.p.fee=0.002,0.01", "0.002"), ("pools.p.fee=0.01,0.001", "0.01")])
    func otherSweep(sweep: String, found: String) throws {
        let fixture = try Self.shards()
        defer { fixture.remove() }
        try fixture.run(fixture.spec(sweep: [sweep], shard: Shard(index: 1, count: 2)), into: "other", threads: 1)
        for file in ["runs.csv", "failures.csv", "pnl.csv"] { try Self.write(Self.text(fixture, "other", file), fixture, "shard1", file) }
        Self.expectRefused(fixture, "shard1/runs.csv:2:\(Self.parameterColumn(replication: 1))", Self.otherSweep(found: found, point: 0))
    }

    @Test("A shard folder whose manifest has a sweep but no sweep_axes (an older advsim) is refused at its sweep key")
    func manifestWithoutAxes() throws {
        let fixture = try Self.shards()
        defer { fixture.remove() }
        for name in ["shard0", "shard1"] {
            var manifest = try Manifest.read(from: fixture.folder + "/" + name)
            #expect(manifest.sweepAxes == ["pools.p.fee=0.001,0.01"] && manifest.sweepDesign == "grid")
            manifest.sweepAxes = nil
            manifest.sweepDesign = nil
            try manifest.write(to: fixture.folder + "/" + name)
        }
        let lines = try Self.text(fixture, "shard0", "manifest.json").split(separator: "\n", omittingEmptySubsequences: false)
        let line = try #require(lines.firstIndex { $0.hasPrefix("  \"sweep\" : ") }) + 1
        do {
            try ShardMerge.merge([fixture.folder + "/shard0", fixture.folder + "/shard1"], into: fixture.folder + "/merged",
                                 commandLine: ["test"])
            Issue.record("merged")
        } catch {
            #expect("\(error)" == "\(fixture.folder)/shard0/manifest.json:\(line):13: '\(fixture.folder)/shard0' has no 'sweep_axes' and "
                    + "'sweep_design' (written by an older advsim), so its rows' param_ cells cannot be checked: run the batch again "
                    + "with this advsim; cannot merge")
        }
        #expect(!FileManager.default.fileExists(atPath: fixture.folder + "/merged"))
    }

    @Test("A Latin-hypercube batch's shards merge: the points laid out again from the manifest are the batch's")
    func latinHypercubeMerges() throws {
        let fixture = try BatchFixture()
        defer { fixture.remove() }
        func spec(_ shard: Shard) throws -> BatchSpec {
            var spec = try fixture.spec(replications: 2, shard: shard)
            spec.plan = try SweepPlan(axes: [SweepAxis.parse("pools.p.fee=range:0.001:0.01")], design: .latinHypercube(count: 2), seed: 3)
            return spec
        }
        try fixture.run(spec(.whole), into: "one", threads: 1)
        for index in 0..<2 { try fixture.run(spec(Shard(index: index, count: 2)), into: "shard\(index)", threads: 1) }
        try ShardMerge.merge([fixture.folder + "/shard0", fixture.folder + "/shard1"], into: fixture.folder + "/merged", commandLine: ["test"])
        #expect(try fixture.bytes("merged", "runs.csv") == fixture.bytes("one", "runs.csv"))
        #expect(try Manifest.read(from: fixture.folder + "/merged").sweepDesign == "lhs:2")
    }

    @Test("Party rows of this shard out of canonical order are refused")
    func pnlOutOfOrder() throws {
        let fixture = try Self.shards()
        defer { fixture.remove() }
        // The rows of replication (0,1) moved after those of (0,3).
        let lines = try Self.text(fixture, "shard1", "pnl.csv").split(separator: "\n").map(String.init)
        let first = lines.dropFirst().filter { $0.hasPrefix("0,1,") }, third = lines.dropFirst().filter { $0.hasPrefix("0,3,") }
        let rest = lines.dropFirst().filter { !$0.hasPrefix("0,1,") && !$0.hasPrefix("0,3,") }
        try #require(!first.isEmpty && !third.isEmpty)
        try Self.write(([lines[0]] + third + first + rest).joined(separator: "\n") + "\n", fixture, "shard1", "pnl.csv")
        Self.expectRefused(fixture, "shard1/pnl.csv:\(2 + third.count):1", "sweep point 0, replication 1 has party rows out of place: "
                           + "pnl.csv must hold only party rows of the replications in runs.csv, in order")
    }

    @Test("A shard with a replication missing from both runs.csv and failures.csv is refused at the end of runs.csv")
    func missingReplication() throws {
        let fixture = try Self.shards()
        defer { fixture.remove() }
        let lines = try Self.text(fixture, "shard1", "runs.csv").split(separator: "\n")
        try Self.write(lines.dropLast().joined(separator: "\n") + "\n", fixture, "shard1", "runs.csv")
        Self.expectRefused(fixture, "shard1/runs.csv:\(lines.count):1", "sweep point 1, replication 5 is missing: runs.csv and "
                           + "failures.csv hold 5 of the 6 replications of this folder's shard 1/2")
    }

    @Test("A cut-off last row in a shard whose manifest says complete is refused, not dropped")
    func cutOffRow() throws {
        let fixture = try Self.shards()
        defer { fixture.remove() }
        try Self.write(Self.text(fixture, "shard1", "failures.csv") + "1,5", fixture, "shard1", "failures.csv")
        Self.expectRefused(fixture, "shard1/failures.csv:2:1", "a last line without its newline (a cut-off row) in a shard whose "
                           + "manifest.json says complete")
    }

    @Test("A row of a sweep point beyond the batch's is refused")
    func pointBeyond() throws {
        let fixture = try Self.shards()
        defer { fixture.remove() }
        let text = try Self.text(fixture, "shard0", "runs.csv")
        let last = String(text.split(separator: "\n").last!)
        try Self.write(text + "2" + last.dropFirst(1) + "\n", fixture, "shard0", "runs.csv")
        let lineCount = text.split(separator: "\n").count
        Self.expectRefused(fixture, "shard0/runs.csv:\(lineCount + 1):1", "sweep point 2 is beyond this batch's 2 sweep points")
    }

    @Test("A shard folder copied twice, or of another batch, is refused at its manifest.json's key; a missing shard is named")
    func manifestRefusals() throws {
        let fixture = try Self.shards()
        defer { fixture.remove() }
        try FileManager.default.copyItem(atPath: fixture.folder + "/shard0", toPath: fixture.folder + "/copy")
        try fixture.run(fixture.spec(replications: 3, shard: Shard(index: 1, count: 2)), into: "other", threads: 1)
        // "line:column" of the value of `key` in `name`'s manifest.json.
        func location(_ name: String, _ key: String) throws -> String {
            let lines = try Self.text(fixture, name, "manifest.json").split(separator: "\n", omittingEmptySubsequences: false)
            let line = try #require(lines.firstIndex { $0.hasPrefix("  \"\(key)\" : ") })
            return "\(line + 1):\(key.count + 8)"
        }
        let cases: [([String], String)] = [
            (["shard0", "copy"], "\(fixture.folder)/copy/manifest.json:\(try location("copy", "shard")): '\(fixture.folder)/copy' is shard "
                + "0/2, as '\(fixture.folder)/shard0' is: a shard given twice (a shard folder copied?); cannot merge"),
            (["shard0", "other"], "\(fixture.folder)/other/manifest.json:\(try location("other", "replications")): '\(fixture.folder)/other' "
                + "belongs to a different batch than '\(fixture.folder)/shard0' (scenario, seed, replications or sweep differ); cannot merge"),
            (["shard1"], "merge: missing shard(s) 0/2: give all 2 shard folders of the batch"),
        ]
        for (names, expected) in cases {
            do {
                try ShardMerge.merge(names.map { fixture.folder + "/" + $0 }, into: fixture.folder + "/merged", commandLine: ["test"])
                Issue.record("merged \(names)")
            } catch {
                #expect("\(error)" == expected)
            }
        }
        #expect(!FileManager.default.fileExists(atPath: fixture.folder + "/merged"))
    }
}
