import Foundation
import Scenarios
import Testing
@testable import Experiments

/// `--resume` and `merge` check the scenario as run (manifest.json's `scenario.resolved_sha256`),
/// not only its file: a changed `extends` parent or borrower snapshot CSV, with the scenario file
/// itself unchanged, is refused before anything is written; the same scenario read from another
/// folder is not.
@Suite("Batches: the scenario as resolved, for --resume and merge")
struct ScenarioIdentityTests {
    /// A child that only extends `parent.yaml` (``BatchFixture/text``) and shortens it.
    static let child = "name: child\nextends: parent.yaml\nduration: 5m\n"

    /// A fixture whose tiny.yaml is ``child``, with its parent beside it.
    static func extending() throws -> BatchFixture {
        let fixture = try BatchFixture(text: child)
        try BatchFixture.text.write(toFile: fixture.folder + "/parent.yaml", atomically: true, encoding: .utf8)
        return fixture
    }

    /// Borrowers loaded from `positions.csv` beside the scenario (no sweep: it has no pool).
    static let snapshotScenario = """
    name: snapshot
    duration: 1m
    chain: {native_asset: ETH, gas_price: 10}
    assets:
      ETH: {price: 3000, process: {model: gbm, volatility: 0.9}}
      USDC: {decimals: 6, price: 1}
    oracles:
      eth: {type: constant, value: 3000}
      one: {type: constant, value: 1}
    lending_markets:
      m:
        assets:
          ETH: {oracle: eth, collateral_factor: 0.8, liquidation_threshold: 0.8, bonus: 0.1, borrowable: false}
          USDC: {oracle: one, supply: 1000000}
    agents:
      borrowers: {market: m, snapshot: positions.csv}
    """

    static let positions = "account,collateral_asset,collateral_amount,debt_asset,debt_amount\nalice,ETH,10,USDC,19200\nbob,ETH,2.5,USDC,1\n"

    /// A fixture of ``snapshotScenario`` with ``positions`` beside it.
    static func snapshot() throws -> BatchFixture {
        let fixture = try BatchFixture(text: snapshotScenario)
        try positions.write(toFile: fixture.folder + "/positions.csv", atomically: true, encoding: .utf8)
        return fixture
    }

    /// Writes `text` over `file` of the fixture's folder.
    static func rewrite(_ fixture: BatchFixture, _ file: String, _ text: String) throws {
        try text.write(toFile: fixture.folder + "/" + file, atomically: true, encoding: .utf8)
    }

    /// Every file of folder `name`, by file name.
    static func contents(_ fixture: BatchFixture, _ name: String) throws -> [String: Data] {
        let names = try FileManager.default.contentsOfDirectory(atPath: fixture.folder + "/" + name)
        return try Dictionary(uniqueKeysWithValues: names.map { ($0, try fixture.bytes(name, $0)) })
    }

    /// The merge of the fixture's folders shard0 and shard1 into merged is refused, naming
    /// shard1's manifest at its `scenario` key, and writes no merged folder.
    static func expectMergeRefused(_ fixture: BatchFixture, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        let (shard0, shard1) = (fixture.folder + "/shard0", fixture.folder + "/shard1")
        let lines = try String(contentsOfFile: shard1 + "/manifest.json", encoding: .utf8).split(separator: "\n")
        let line = try #require(lines.firstIndex { $0.hasPrefix("  \"scenario\" : ") }, sourceLocation: sourceLocation) + 1
        let error = #expect(throws: BatchArgumentError.self, sourceLocation: sourceLocation) {
            try ShardMerge.merge([shard0, shard1], into: fixture.folder + "/merged", commandLine: ["test"])
        }
        #expect(error?.description == "\(shard1)/manifest.json:\(line):16: the scenario as resolved in '\(shard1)' differs from the one "
                + "in '\(shard0)': a file it extends or reads changed between the shards; run that shard again; cannot merge",
                sourceLocation: sourceLocation)
        #expect(!FileManager.default.fileExists(atPath: fixture.folder + "/merged"), sourceLocation: sourceLocation)
    }

    /// Resuming folder `name` with `spec` is refused for a changed resolved scenario, and leaves
    /// the folder's bytes as they were.
    static func expectResumeRefused(_ fixture: BatchFixture, _ spec: BatchSpec, into name: String,
                                    sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        let before = try contents(fixture, name)
        let error = #expect(throws: BatchArgumentError.self, sourceLocation: sourceLocation) {
            try fixture.run(spec, into: name, threads: 2, resume: true)
        }
        #expect(error?.description == "'\(fixture.folder)/\(name)' holds a different batch: the scenario as resolved "
                + "(a file it extends or reads changed) differs; cannot resume", sourceLocation: sourceLocation)
        #expect(try contents(fixture, name) == before, "the folder changed", sourceLocation: sourceLocation)
    }

    @Test("Shards run before and after the extends parent changed are refused by merge")
    func mergeChangedParent() throws {
        let fixture = try Self.extending()
        defer { fixture.remove() }
        try fixture.run(fixture.spec(shard: Shard(index: 0, count: 2)), into: "shard0", threads: 2)
        try Self.rewrite(fixture, "parent.yaml", BatchFixture.text.replacingOccurrences(of: "reserve0: 100", with: "reserve0: 120"))
        try fixture.run(fixture.spec(shard: Shard(index: 1, count: 2)), into: "shard1", threads: 2)
        try Self.expectMergeRefused(fixture)
    }

    @Test("Resuming after the extends parent changed is refused, and the folder is left as it was")
    func resumeChangedParent() throws {
        let fixture = try Self.extending()
        defer { fixture.remove() }
        try fixture.run(fixture.spec(), into: "a", threads: 2)
        try Self.rewrite(fixture, "parent.yaml", BatchFixture.text.replacingOccurrences(of: "reserve0: 100", with: "reserve0: 120"))
        try Self.expectResumeRefused(fixture, fixture.spec(), into: "a")
    }

    @Test("A borrower snapshot CSV changed between the shards, or before a resume, is refused")
    func changedSnapshot() throws {
        let fixture = try Self.snapshot()
        defer { fixture.remove() }
        let spec = { (index: Int) in try fixture.spec(replications: 4, sweep: [], shard: Shard(index: index, count: 2)) }
        try fixture.run(spec(0), into: "shard0", threads: 2)
        try Self.rewrite(fixture, "positions.csv", Self.positions.replacingOccurrences(of: "USDC,1\n", with: "USDC,2\n"))
        try fixture.run(spec(1), into: "shard1", threads: 2)
        try Self.expectMergeRefused(fixture)
        try Self.expectResumeRefused(fixture, spec(0), into: "shard0")
    }

    @Test("Shards of an unchanged extends parent and snapshot, one run from a copy of the scenario folder, merge into the unsharded run's bytes")
    func unchangedFromAnotherFolder() throws {
        let fixture = try Self.snapshot()
        defer { fixture.remove() }
        try Self.rewrite(fixture, "parent.yaml", Self.snapshotScenario)
        try Self.rewrite(fixture, "tiny.yaml", Self.child)
        let copy = try BatchFixture(text: Self.child)
        defer { copy.remove() }
        for file in ["parent.yaml", "positions.csv"] {
            try FileManager.default.copyItem(atPath: fixture.folder + "/" + file, toPath: copy.folder + "/" + file)
        }
        let spec = { (fixture: BatchFixture, shard: Shard) in try fixture.spec(replications: 4, sweep: [], shard: shard) }
        try fixture.run(spec(fixture, .whole), into: "whole", threads: 2)
        try fixture.run(spec(fixture, Shard(index: 0, count: 2)), into: "shard0", threads: 2)
        try copy.run(spec(copy, Shard(index: 1, count: 2)), into: "shard1", threads: 2)
        let manifests = try ["shard0", "shard1"].map { try Manifest.read(from: ($0 == "shard0" ? fixture : copy).folder + "/" + $0) }
        #expect(manifests[0].scenario.resolved != manifests[1].scenario.resolved, "the snapshot's path differs in the resolved YAML")
        #expect(manifests[0].scenario.resolvedSHA256 == manifests[1].scenario.resolvedSHA256)
        try ShardMerge.merge([fixture.folder + "/shard0", copy.folder + "/shard1"], into: fixture.folder + "/merged", commandLine: ["test"])
        for file in ["runs.csv", "summary.csv", "failures.csv", "pnl.csv"] {
            #expect(try fixture.bytes("merged", file) == fixture.bytes("whole", file), "\(file): merged shards differ")
        }
        // Resuming the finished shard with everything unchanged is accepted and runs nothing.
        let report = try fixture.run(spec(fixture, Shard(index: 0, count: 2)), into: "shard0", threads: 2, resume: true)
        #expect(report.resumed == 2 && report.completed == 0)
    }

    @Test("A folder of an older advsim (no resolved_sha256) is resumed on the file and snapshot hashes alone: a changed parent goes unnoticed there")
    func olderFolder() throws {
        let fixture = try Self.extending()
        defer { fixture.remove() }
        try fixture.run(fixture.spec(), into: "a", threads: 2)
        let path = fixture.folder + "/a/manifest.json"
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let older = text.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.contains("\"resolved_sha256\"") }
        try older.joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)
        #expect(try Manifest.read(from: fixture.folder + "/a").scenario.resolvedSHA256 == nil)
        try Self.rewrite(fixture, "parent.yaml", BatchFixture.text.replacingOccurrences(of: "reserve0: 100", with: "reserve0: 120"))
        let report = try fixture.run(fixture.spec(), into: "a", threads: 2, resume: true)
        #expect(report.resumed == 12 && report.completed == 0)
    }

    @Test("The hash follows a replay price CSV's bytes, not its path; without a file it is the resolved YAML's hash")
    func replayFile() throws {
        let fixture = try BatchFixture(text: BatchFixture.text.replacingOccurrences(
            of: "process: {model: gbm, volatility: 0.9}", with: "process: {model: replay, file: prices.csv}"))
        defer { fixture.remove() }
        let copy = try BatchFixture(text: try String(contentsOfFile: fixture.scenarioPath, encoding: .utf8))
        defer { copy.remove() }
        let prices = "time,price\n0,2000\n600,2100\n"
        try Self.rewrite(fixture, "prices.csv", prices)
        try Self.rewrite(copy, "prices.csv", prices)
        func hash(_ path: String) throws -> String {
            let scenario = try Scenario.load(path: path)
            return scenario.resolvedSHA256(resolved: scenario.resolvedYAML())
        }
        let original = try hash(fixture.scenarioPath)
        #expect(try hash(copy.scenarioPath) == original)
        try Self.rewrite(copy, "prices.csv", prices.replacingOccurrences(of: "2100", with: "2200"))
        #expect(try hash(copy.scenarioPath) != original)
        // No file read: the hash of the resolved YAML itself.
        let plain = try Scenario.parse(text: BatchFixture.text, file: fixture.scenarioPath)
        #expect(plain.resolvedSHA256(resolved: plain.resolvedYAML()) == SHA256.hex(Array(plain.resolvedYAML().utf8)))
    }
}
