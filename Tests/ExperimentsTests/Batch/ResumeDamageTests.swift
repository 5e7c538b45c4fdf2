import Foundation
import GSL
import Testing
@testable import Experiments

/// `--resume` into a damaged folder: every kind of damage is a ``ResumeError`` located in the
/// damaged file, and the folder's bytes are unchanged afterwards.
@Suite("Batches: resuming a damaged folder")
struct ResumeDamageTests {
    /// One kind of damage: edits of the folder's files (nil: the file is absent), and where and
    /// what the error must say.
    struct Damage {
        var name: String
        var edits: [String: @Sendable (String?) -> String?]
        var file: String
        var line: Int
        var column: Int
        var message: String
    }

    /// `text` with its 1-based line `number` replaced by `transform(line)`.
    static func line(_ number: Int, of text: String?, _ transform: (String) -> String) -> String? {
        guard let text else { return nil }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        lines[number - 1] = transform(lines[number - 1])
        return lines.joined(separator: "\n")
    }

    /// `line` with field `index` (0-based; no quoted fields) replaced by `cell`.
    static func field(_ index: Int, of line: String, _ cell: String) -> String {
        var cells = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        cells[index] = cell
        return cells.joined(separator: ",")
    }

    /// The 1-based column where field `index` of `line` starts (no quoted fields).
    static func column(_ index: Int, of line: String) -> Int {
        line.split(separator: ",", omittingEmptySubsequences: false).prefix(index).reduce(1) { $0 + $1.count + 1 }
    }

    /// The damages, given the undamaged files (runs.csv line 2 is sweep point 0, replication 0).
    static func damages(runs: String, pnl: String) -> [Damage] {
        let runsLines = runs.split(separator: "\n").map(String.init)
        let pnlLines = pnl.split(separator: "\n").map(String.init)
        let shorter = String(runsLines[2][..<runsLines[2].lastIndex(of: ",")!])
        // The header's field count: the replication columns, one swept parameter, the metrics.
        let fields = 3 + 1 + RunsTable.metricNames.count
        // The seed of `replication` in this batch (scenario seed 3) and in one of scenario seed 4.
        let seed: @Sendable (Int) -> UInt64 = { SeedDerivation.replicationSeed(scenarioSeed: 3, replication: $0) }
        let otherSeed: @Sendable (Int) -> UInt64 = { SeedDerivation.replicationSeed(scenarioSeed: 4, replication: $0) }
        let pnlReplication = Int(pnlLines[1].split(separator: ",")[1])!
        return [
            Damage(name: "runs.csv: a misspelt column name",
                   edits: ["runs.csv": { line(1, of: $0) { $0.replacingOccurrences(of: "param_pools_p_fee", with: "param_pools_p_fees") } }],
                   file: "runs.csv", line: 1, column: 30,
                   message: "unexpected header: 'param_pools_p_fees' where this batch's runs.csv has 'param_pools_p_fee'"),
            Damage(name: "runs.csv: empty", edits: ["runs.csv": { _ in "" }], file: "runs.csv", line: 1, column: 1,
                   message: "no header line (the file is empty or cut off)"),
            Damage(name: "runs.csv: a row one field short", edits: ["runs.csv": { line(3, of: $0) { _ in shorter } }],
                   file: "runs.csv", line: 3, column: shorter.count + 1, message: "the row has \(fields - 1) fields, the header \(fields)"),
            Damage(name: "runs.csv: a row one field long", edits: ["runs.csv": { line(4, of: $0) { $0 + ",7" } }],
                   file: "runs.csv", line: 4, column: runsLines[3].count + 2, message: "the row has \(fields + 1) fields, the header \(fields)"),
            Damage(name: "runs.csv: a row cut short but ended", edits: ["runs.csv": { line(3, of: $0) { String($0.prefix(30)) } }],
                   file: "runs.csv", line: 3, column: 31, message: "the row has 4 fields, the header \(fields)"),
            Damage(name: "runs.csv: a word for a metric", edits: ["runs.csv": { line(2, of: $0) { field(4, of: $0, "soon") } }],
                   file: "runs.csv", line: 2, column: column(4, of: runsLines[1]), message: "'soon' in column end_time is not a number or empty"),
            Damage(name: "runs.csv: a negative seed", edits: ["runs.csv": { line(5, of: $0) { field(2, of: $0, "-1") } }],
                   file: "runs.csv", line: 5, column: 5, message: "'-1' in column seed is not a seed (a whole number below 2^64)"),
            Damage(name: "runs.csv: the seed of a run with another seed",
                   edits: ["runs.csv": { line(5, of: $0) { field(2, of: $0, "\(otherSeed(3))") } }],
                   file: "runs.csv", line: 5, column: 5, message: "seed \(otherSeed(3)) is not the seed of replication 3 in this batch: "
                       + "scenario seed 3 derives \(seed(3)) for it (a folder from a run with another seed)"),
            Damage(name: "runs.csv: a seed spelt with a leading zero", edits: ["runs.csv": { line(2, of: $0) { field(2, of: $0, "0\(seed(0))") } }],
                   file: "runs.csv", line: 2, column: 5, message: "seed 0\(seed(0)) is not the seed of replication 0 in this batch: "
                       + "scenario seed 3 derives \(seed(0)) for it (a folder from a run with another seed)"),
            Damage(name: "runs.csv: a replication beyond the batch's", edits: ["runs.csv": { line(2, of: $0) { field(1, of: $0, "6") } }],
                   file: "runs.csv", line: 2, column: 3, message: "replication 6 is beyond this batch's 6 replications"),
            Damage(name: "runs.csv: a duplicated row", edits: ["runs.csv": { line(2, of: $0) { $0 + "\n" + $0 } }],
                   file: "runs.csv", line: 3, column: 1, message: "sweep point 0, replication 0 is out of place: runs.csv and failures.csv must hold the first "
                       + "replications of this batch (or shard) in order, none missing"),
            Damage(name: "runs.csv: a last line without its newline that is not the start of a row",
                   edits: ["runs.csv": { $0.map { $0 + "0,\tx" } }], file: "runs.csv", line: 14, column: 3,
                   message: "the cut-off last row is not the start of a row: '\\tx' in column replication is not a whole number ≥ 0"),
            Damage(name: "failures.csv: a missing column",
                   edits: ["failures.csv": { _ in "sweep_point,replication,seed\n" }], file: "failures.csv", line: 1, column: 29,
                   message: "unexpected header: the end of the line where this batch's failures.csv has 'message'"),
            Damage(name: "failures.csv: a bad row after a two-line message",
                   edits: ["runs.csv": { _ in runsLines[0] + "\n" },
                           "failures.csv": { $0.map { $0 + "0,0,\(seed(0)),\"two\nlines\"\n0,y,5,boom\n" } }],
                   file: "failures.csv", line: 4, column: 3, message: "'y' in column replication is not a whole number ≥ 0"),
            Damage(name: "pnl.csv: a misspelt column name", edits: ["pnl.csv": { line(1, of: $0) { $0.replacingOccurrences(of: "amount", with: "amt") } }],
                   file: "pnl.csv", line: 1, column: 42, message: "unexpected header: 'amt' where this batch's pnl.csv has 'amount'"),
            Damage(name: "pnl.csv: a word for an amount", edits: ["pnl.csv": { line(2, of: $0) { field(5, of: $0, "lots") } }],
                   file: "pnl.csv", line: 2, column: column(5, of: pnlLines[1]), message: "'lots' in column amount is not a number or empty"),
            Damage(name: "failures.csv: the seed of a run with another seed",
                   edits: ["runs.csv": { _ in runsLines[0] + "\n" }, "failures.csv": { $0.map { $0 + "0,0,\(otherSeed(0)),boom\n" } }],
                   file: "failures.csv", line: 2, column: 5, message: "seed \(otherSeed(0)) is not the seed of replication 0 in this batch: "
                       + "scenario seed 3 derives \(seed(0)) for it (a folder from a run with another seed)"),
            Damage(name: "pnl.csv: the seed of a run with another seed",
                   edits: ["pnl.csv": { line(2, of: $0) { field(2, of: $0, "\(otherSeed(pnlReplication))") } }],
                   file: "pnl.csv", line: 2, column: 5, message: "seed \(otherSeed(pnlReplication)) is not the seed of replication "
                       + "\(pnlReplication) in this batch: scenario seed 3 derives \(seed(pnlReplication)) for it (a folder from a run with another seed)"),
            Damage(name: "pnl.csv: a row one field long", edits: ["pnl.csv": { line(3, of: $0) { $0 + ",x" } }],
                   file: "pnl.csv", line: 3, column: pnlLines[2].count + 2, message: "the row has 8 fields, the header 7"),
            Damage(name: "pnl.csv: missing while replications are done", edits: ["pnl.csv": { _ in nil }], file: "pnl.csv", line: 1,
                   column: 1, message: "the file is missing, but 12 replications are done and their party rows would be lost"),
            Damage(name: "manifest.json: missing", edits: ["manifest.json": { _ in nil }], file: "manifest.json", line: 1, column: 1,
                   message: "missing or cannot be read"),
            Damage(name: "manifest.json: not JSON", edits: ["manifest.json": { _ in "{" }], file: "manifest.json", line: 1, column: 1,
                   message: "not an advsim manifest: not valid JSON"),
            Damage(name: "manifest.json: a missing key",
                   edits: ["manifest.json": { $0.map { $0.split(separator: "\n").filter { !$0.contains("\"numeraire\"") }.joined(separator: "\n") } }],
                   file: "manifest.json", line: 1, column: 1, message: "not an advsim manifest: key 'numeraire' is missing"),
            Damage(name: "manifest.json: a value of the wrong type",
                   edits: ["manifest.json": { $0?.replacingOccurrences(of: "\"replications\" : 6", with: "\"replications\" : \"6\"") }],
                   file: "manifest.json", line: 1, column: 1, message: "not an advsim manifest: 'replications' has the wrong type"),
        ]
    }

    /// Every file of `folder`, by name.
    static func contents(_ folder: String) throws -> [String: Data] {
        var files: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: folder) {
            files[name] = try Data(contentsOf: URL(fileURLWithPath: folder + "/" + name))
        }
        return files
    }

    @Test("Each kind of damage is refused with its file, line, column and advice, and changes no byte of the folder")
    func damagedFolders() throws {
        let fixture = try BatchFixture()
        defer { fixture.remove() }
        try fixture.run(fixture.spec(), into: "full", threads: 2)
        let damages = Self.damages(runs: String(decoding: try fixture.bytes("full", "runs.csv"), as: UTF8.self),
                                   pnl: String(decoding: try fixture.bytes("full", "pnl.csv"), as: UTF8.self))
        for (index, damage) in damages.enumerated() {
            let folder = fixture.folder + "/damaged\(index)"
            try FileManager.default.copyItem(atPath: fixture.folder + "/full", toPath: folder)
            for (file, edit) in damage.edits {
                let path = folder + "/" + file
                let old = try? String(contentsOfFile: path, encoding: .utf8)
                try? FileManager.default.removeItem(atPath: path)
                if let new = edit(old) { try new.write(toFile: path, atomically: true, encoding: .utf8) }
            }
            let before = try Self.contents(folder)
            do {
                try fixture.run(fixture.spec(), into: "damaged\(index)", threads: 1, resume: true)
                Issue.record("\(damage.name): resumed")
            } catch let error as ResumeError {
                #expect(error.file == folder + "/" + damage.file, "\(damage.name)")
                #expect(error.line == damage.line && error.column == damage.column,
                        "\(damage.name): at \(error.line):\(error.column), expected \(damage.line):\(damage.column)")
                #expect(error.message == damage.message + "; cannot resume: remove the folder or choose another --out",
                        "\(damage.name): \(error.message)")
                #expect(error.description == "\(folder)/\(damage.file):\(damage.line):\(damage.column): \(error.message)")
            }
            #expect(try Self.contents(folder) == before, "\(damage.name): the folder changed")
        }
    }

    @Test("A shard folder whose files come from a run with another seed, same shard layout, is refused and left as it was")
    func otherSeedFolder() throws {
        try checkForeignFolderRefused(other: { try $0.spec(shard: $1, seed: 4) }, location: "runs.csv:2:5",
                                      message: MergeShardRowsTests.otherSeed(replication: 1))
    }

    @Test("A shard folder whose files come from a run with another sweep, same seed and shard layout, is refused and left as it was")
    func otherSweepFolder() throws {
        try checkForeignFolderRefused(other: { try $0.spec(sweep: ["pools.p.fee=0.01,0.001"], shard: $1) },
                                      location: "runs.csv:2:\(MergeShardRowsTests.parameterColumn(replication: 1))",
                                      message: MergeShardRowsTests.otherSweep(found: "0.01", point: 0))
    }

    /// Runs shard 1/2 of the fixture's batch into "mine" and of the batch `other` describes into
    /// "other", copies other's files over mine's, and checks that resuming mine is refused at
    /// `location` (a file of mine with its line and column) with `message`, changing nothing.
    private func checkForeignFolderRefused(other: (BatchFixture, Shard) throws -> BatchSpec, location: String,
                                           message: String) throws {
        let fixture = try BatchFixture()
        defer { fixture.remove() }
        let shard = Shard(index: 1, count: 2)
        try fixture.run(fixture.spec(shard: shard), into: "mine", threads: 1)
        try fixture.run(other(fixture, shard), into: "other", threads: 1)
        for file in ["runs.csv", "failures.csv", "pnl.csv", "summary.csv"] {
            try fixture.bytes("other", file).write(to: URL(fileURLWithPath: fixture.folder + "/mine/" + file))
        }
        let before = try Self.contents(fixture.folder + "/mine")
        do {
            try fixture.run(fixture.spec(shard: shard), into: "mine", threads: 1, resume: true)
            Issue.record("resumed")
        } catch let error as ResumeError {
            #expect(error.description == fixture.folder + "/mine/" + location + ": " + message
                    + "; cannot resume: remove the folder or choose another --out")
        }
        #expect(try Self.contents(fixture.folder + "/mine") == before)
    }

    /// Runs the two shards of the fixture's batch, writes "x" for the replication of line `line`
    /// of `file` in shard `shard`, and merges them into `merged`, which must fail at that line.
    static func mergeDamagedShard(_ fixture: BatchFixture, shard: Int, file: String, line: Int, into merged: String) throws {
        for index in 0..<2 { try fixture.run(fixture.spec(shard: Shard(index: index, count: 2)), into: "shard\(index)", threads: 1) }
        let path = fixture.folder + "/shard\(shard)/" + file
        let text = try String(contentsOfFile: path, encoding: .utf8)
        try Self.line(line, of: text) { Self.field(1, of: $0, "x") }!.write(toFile: path, atomically: true, encoding: .utf8)
        do {
            try ShardMerge.merge([fixture.folder + "/shard0", fixture.folder + "/shard1"], into: merged, commandLine: ["test"])
            Issue.record("merged a damaged shard")
        } catch let error as BatchArgumentError {
            #expect(error.description == path + ":\(line):3: 'x' in column replication is not a whole number ≥ 0; cannot merge: run that shard again")
        }
    }

    @Test("A damaged row in a shard stops the merge, located, instead of silently ending that shard's rows")
    func damagedShardMerge() throws {
        let fixture = try BatchFixture()
        defer { fixture.remove() }
        try Self.mergeDamagedShard(fixture, shard: 1, file: "runs.csv", line: 3, into: fixture.folder + "/merged")
        #expect(!FileManager.default.fileExists(atPath: fixture.folder + "/merged/runs.csv"))
        #expect(!FileManager.default.fileExists(atPath: fixture.folder + "/merged/runs.csv.partial"))
    }

    @Test("A damaged pnl.csv in a shard, the last table merged, leaves no merged file and no merged folder")
    func damagedShardPnLLeavesNothing() throws {
        let fixture = try BatchFixture()
        defer { fixture.remove() }
        let merged = fixture.folder + "/merged"
        try Self.mergeDamagedShard(fixture, shard: 0, file: "pnl.csv", line: 2, into: merged)
        // runs.csv and failures.csv were merged before pnl.csv was read: none is put in place.
        #expect(!FileManager.default.fileExists(atPath: merged))
        // An existing output folder is kept, and what it held is untouched.
        try FileManager.default.createDirectory(atPath: merged, withIntermediateDirectories: true)
        try "earlier\n".write(toFile: merged + "/runs.csv", atomically: true, encoding: .utf8)
        #expect(throws: BatchArgumentError.self) {
            try ShardMerge.merge([fixture.folder + "/shard0", fixture.folder + "/shard1"], into: merged, commandLine: ["test"])
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: merged) == ["runs.csv"])
        #expect(try String(contentsOfFile: merged + "/runs.csv", encoding: .utf8) == "earlier\n")
    }

    @Test("A torn last row without its newline is a killed write, not damage: resume cuts it and finishes")
    func tornLastRowResumes() throws {
        let fixture = try BatchFixture()
        defer { fixture.remove() }
        try fixture.run(fixture.spec(), into: "full", threads: 1)
        try fixture.run(fixture.spec(), into: "torn", threads: 1)
        // pnl.csv keeps every row: a replication's pnl rows are written before its runs.csv row.
        let lines = String(decoding: try fixture.bytes("full", "runs.csv"), as: UTF8.self).split(separator: "\n")
        let cut = lines.prefix(4).joined(separator: "\n") + "\n" + lines[4].prefix(9)
        try cut.write(toFile: fixture.folder + "/torn/runs.csv", atomically: true, encoding: .utf8)
        try "sweep_point,replication,seed,message\n0,3,1".write(toFile: fixture.folder + "/torn/failures.csv", atomically: true, encoding: .utf8)
        let report = try fixture.run(fixture.spec(), into: "torn", threads: 1, resume: true)
        #expect(report.resumed == 3)
        for file in ["runs.csv", "pnl.csv", "failures.csv", "summary.csv"] {
            #expect(try fixture.bytes("torn", file) == fixture.bytes("full", file), "\(file) differs")
        }
    }
}
