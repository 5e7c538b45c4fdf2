import Foundation
import Testing

/// `advsim batch … --resume` into a damaged output folder, or one of another scenario, and
/// `merge` of such shards, through the binary: bad input — exit 2, a message on stderr that says
/// where and what (`file:line:column: message` for a damaged file), no decoder dump — and the
/// folder untouched.
@Suite("Command line: resuming a damaged batch folder")
struct ResumeCLITests {
    static let scenario = """
    name: tiny
    duration: 10m
    chain: {native_asset: ETH}
    assets:
      ETH: {price: 2000, process: {model: gbm, volatility: 0.9}}
      USDC: {decimals: 6, price: 1}
    pools:
      p: {token0: ETH, token1: USDC, reserve0: 100}
    agents:
      noise_traders: {count: 3, rate: 30, size: {dist: lognormal, mu: 7, sigma: 1}, capital: {ETH: 5, USDC: 10000}}
    """

    /// The damages: the file, its new bytes, and the location and text stderr must hold.
    static let damages: [(name: String, file: String, text: String, located: String, says: String)] = [
        ("a word for a replication", "runs.csv", "", ":2:3: ", "'x' in column replication is not a whole number ≥ 0"),
        ("a truncated row with its newline", "runs.csv", "", ":3:4: ", "the row has 2 fields, the header 48"),
        ("a pnl.csv row one field short", "pnl.csv", "", ":2:", "the row has 6 fields, the header 7"),
        ("a manifest that is not JSON", "manifest.json", "{\"tool\": ", ":1:1: ", "not an advsim manifest: not valid JSON"),
        ("a manifest without its seeds", "manifest.json", "", ":1:1: ", "not an advsim manifest: key 'seeds' is missing"),
    ]

    /// The damaged bytes of `file` for damage `name`, from the undamaged `text`.
    static func damaged(_ name: String, _ text: String) -> String {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        switch name {
        case "a word for a replication": lines[1] = lines[1].replacingOccurrences(of: "0,0,", with: "0,x,")
        case "a truncated row with its newline": lines[2] = lines[2].split(separator: ",").prefix(2).joined(separator: ",")
        case "a pnl.csv row one field short": lines[1] = String(lines[1][..<lines[1].lastIndex(of: ",")!])
        case "a manifest without its seeds": return text.replacingOccurrences(of: "\"seeds\" :", with: "\"seedz\" :")
        default: return text
        }
        return lines.joined(separator: "\n")
    }

    @Test("Each damage exits 2 with the damaged file's line and column, and leaves the folder's bytes as they were",
          arguments: damages.map(\.name))
    func damagedFolder(name: String) throws {
        let damage = try #require(Self.damages.first { $0.name == name })
        let cli = CLITests()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cli-resume-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try Self.scenario.write(toFile: folder + "/tiny.yaml", atomically: true, encoding: .utf8)
        let arguments = ["batch", folder + "/tiny.yaml", "-n", "3", "--seed", "5", "--quiet", "--out", folder + "/out"]
        let first = try cli.advsim(arguments)
        try #require(first.status == 0, "\(first.stderr)")
        let path = folder + "/out/" + damage.file
        let text = damage.text.isEmpty ? Self.damaged(name, try String(contentsOfFile: path, encoding: .utf8)) : damage.text
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let names = try FileManager.default.contentsOfDirectory(atPath: folder + "/out").sorted()
        let before = try names.map { try Data(contentsOf: URL(fileURLWithPath: folder + "/out/" + $0)) }

        let outcome = try cli.advsim(arguments + ["--resume"])
        #expect(outcome.status == 2, "\(name): exit \(outcome.status), \(outcome.stderr)")
        #expect(outcome.stderr.contains(path + damage.located), "\(name): \(outcome.stderr)")
        #expect(outcome.stderr.contains(damage.says + "; cannot resume: remove the folder or choose another --out"), "\(name): \(outcome.stderr)")
        #expect(!outcome.stderr.contains("batch failed") && !outcome.stderr.contains("Context"), "\(name): \(outcome.stderr)")
        #expect(outcome.stdout.isEmpty, "\(name): \(outcome.stdout)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder + "/out").sorted() == names, "\(name): files added or removed")
        #expect(try names.map { try Data(contentsOf: URL(fileURLWithPath: folder + "/out/" + $0)) } == before, "\(name): the folder changed")
    }

    @Test("A shard folder holding the rows of a run with another --seed or --sweep exits 2 at the first wrong cell, for merge and --resume",
          arguments: [
        (["--seed", "6", "--sweep", "pools.p.fee=0.001,0.01"], 2, "seed ", "(a folder from a run with another seed)"),
        (["--seed", "5", "--sweep", "pools.p.fee=0.01,0.001"], 3, "param_pools_p_fee '0.01' is not the value of sweep point 0 in this batch: "
            + "its sweep gives '0.001'", "(a folder from a run with another sweep)"),
    ])
    func otherRunShard(other: [String], field: Int, says: String, cause: String) throws {
        let cli = CLITests()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cli-other-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try Self.scenario.write(toFile: folder + "/tiny.yaml", atomically: true, encoding: .utf8)
        let mine = ["--seed", "5", "--sweep", "pools.p.fee=0.001,0.01"]
        func batch(_ options: [String], shard: Int, into name: String) -> [String] {
            ["batch", folder + "/tiny.yaml", "-n", "3"] + options + ["--shard", "\(shard)/2", "--quiet", "--out", folder + "/" + name]
        }
        for (options, shard, name) in [(mine, 0, "shard0"), (mine, 1, "shard1"), (other, 1, "other")] {
            let outcome = try cli.advsim(batch(options, shard: shard, into: name))
            try #require(outcome.status == 0, "\(outcome.stderr)")
        }
        for file in ["runs.csv", "failures.csv", "pnl.csv"] {
            try Data(contentsOf: URL(fileURLWithPath: folder + "/other/" + file)).write(to: URL(fileURLWithPath: folder + "/shard1/" + file))
        }
        // Where the wrong cell is: line 2 (the first row), column of field `field` (no quoted cells before it).
        let row = try String(contentsOfFile: folder + "/shard1/runs.csv", encoding: .utf8).split(separator: "\n")[1]
        let located = folder + "/shard1/runs.csv:2:\(row.split(separator: ",").prefix(field).reduce(1) { $0 + $1.count + 1 }): " + says
        // Every file of shard1, by name.
        func contents() throws -> [String: Data] {
            let names = try FileManager.default.contentsOfDirectory(atPath: folder + "/shard1")
            return try Dictionary(uniqueKeysWithValues: names.map { ($0, try Data(contentsOf: URL(fileURLWithPath: folder + "/shard1/" + $0))) })
        }
        let before = try contents()
        let merge = try cli.advsim(["merge", folder + "/shard0", folder + "/shard1", "--out", folder + "/merged"])
        #expect(merge.status == 2, "\(merge.stderr)")
        #expect(merge.stderr.contains(located), "\(merge.stderr)")
        #expect(merge.stderr.contains(cause + "; cannot merge: run that shard again"), "\(merge.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder + "/merged"))
        let resume = try cli.advsim(batch(mine, shard: 1, into: "shard1") + ["--resume"])
        #expect(resume.status == 2, "\(resume.stderr)")
        #expect(resume.stderr.contains(located) && resume.stderr.contains(cause + "; cannot resume"), "\(resume.stderr)")
        #expect(try contents() == before, "the folder changed")
    }

    @Test("Shards and a resume after the extends parent changed exit 2, saying so, and leave the folders as they were")
    func changedParent() throws {
        let cli = CLITests()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cli-parent-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try Self.scenario.write(toFile: folder + "/parent.yaml", atomically: true, encoding: .utf8)
        try "name: child\nextends: parent.yaml\nduration: 5m\n".write(toFile: folder + "/child.yaml", atomically: true, encoding: .utf8)
        func batch(shard: Int) -> [String] {
            ["batch", folder + "/child.yaml", "-n", "4", "--seed", "5", "--shard", "\(shard)/2", "--quiet", "--out", folder + "/shard\(shard)"]
        }
        try #require(try cli.advsim(batch(shard: 0)).status == 0)
        try Self.scenario.replacingOccurrences(of: "reserve0: 100", with: "reserve0: 120")
            .write(toFile: folder + "/parent.yaml", atomically: true, encoding: .utf8)
        try #require(try cli.advsim(batch(shard: 1)).status == 0)
        let names = try FileManager.default.contentsOfDirectory(atPath: folder + "/shard0").sorted()
        let before = try names.map { try Data(contentsOf: URL(fileURLWithPath: folder + "/shard0/" + $0)) }

        let merge = try cli.advsim(["merge", folder + "/shard0", folder + "/shard1", "--out", folder + "/merged"])
        #expect(merge.status == 2, "\(merge.stderr)")
        #expect(merge.stderr.contains(folder + "/shard1/manifest.json:") && merge.stderr.contains(": the scenario as resolved in '\(folder)/shard1' "
                + "differs from the one in '\(folder)/shard0': a file it extends or reads changed between the shards"), "\(merge.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder + "/merged"))
        let resume = try cli.advsim(batch(shard: 0) + ["--resume"])
        #expect(resume.status == 2, "\(resume.stderr)")
        #expect(resume.stderr.contains("holds a different batch: the scenario as resolved (a file it extends or reads changed) differs; "
                + "cannot resume"), "\(resume.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder + "/shard0").sorted() == names)
        #expect(try names.map { try Data(contentsOf: URL(fileURLWithPath: folder + "/shard0/" + $0)) } == before, "the folder changed")
    }
}
