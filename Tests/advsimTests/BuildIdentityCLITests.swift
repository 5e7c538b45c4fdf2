import Foundation
import Testing

/// manifest.json's `build_id` through the binary: it is the executable's GNU build ID (as
/// `readelf -n` reads it from the file), and `--resume` and `merge` warn, without refusing, when a
/// folder's rows come from two builds.
@Suite("Command line: the build that wrote a folder")
struct BuildIdentityCLITests {
    /// The `build_id` of the manifest.json in `folder` (nil when absent).
    static func buildID(in folder: String) throws -> String? {
        let data = try Data(contentsOf: URL(fileURLWithPath: folder + "/manifest.json"))
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        return object["build_id"] as? String
    }

    /// Rewrites the `build_id` of the manifest.json in `folder` as another build's would be.
    static func pretendAnotherBuild(_ folder: String, id: String) throws {
        let path = folder + "/manifest.json"
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let current = try #require(try buildID(in: folder))
        try text.replacingOccurrences(of: current, with: id).write(toFile: path, atomically: true, encoding: .utf8)
    }

    /// The executable's build ID as binutils' `readelf -n` prints it (binutils comes with the
    /// Swift toolchain on Linux).
    static func readelfBuildID(_ binary: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["readelf", "-n", binary]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        let line = try #require(text.split(separator: "\n").first { $0.contains("Build ID:") }, "\(text)")
        return String(try #require(line.split(separator: " ").last))
    }

    static func folder() throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cli-build-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try ResumeCLITests.scenario.write(toFile: folder + "/tiny.yaml", atomically: true, encoding: .utf8)
        return folder
    }

    @Test("A run's manifest records the executable's build ID, as readelf reads it from the file")
    func runRecordsBuildID() throws {
        let cli = CLITests()
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let run = try cli.advsim(["run", folder + "/tiny.yaml", "--seed", "3", "--quiet", "--out", folder + "/run"])
        try #require(run.status == 0, "\(run.stderr)")
        let recorded = try #require(try Self.buildID(in: folder + "/run"))
        #expect(recorded == (try Self.readelfBuildID(try #require(CLITests.binary))))
        #expect(recorded.count >= 16 && recorded.allSatisfy(\.isHexDigit))
    }

    @Test("Resuming a folder of another build warns, continues, and leaves build_id out of the manifest; the same build says nothing")
    func resumeAcrossBuilds() throws {
        let cli = CLITests()
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let arguments = ["batch", folder + "/tiny.yaml", "-n", "2", "--seed", "5", "--quiet", "--out", folder + "/out"]
        try #require(try cli.advsim(arguments).status == 0)
        let same = try cli.advsim(arguments + ["--resume"])
        #expect(same.status == 0 && !same.stderr.contains("warning"), "\(same.stderr)")
        #expect(try Self.buildID(in: folder + "/out") != nil)
        try Self.pretendAnotherBuild(folder + "/out", id: "0123456789abcdef")
        let other = try cli.advsim(arguments + ["--resume"])
        #expect(other.status == 0, "\(other.stderr)")
        #expect(other.stderr.contains("batch: warning: '\(folder)/out' was written by another build of advsim (build_id 0123456789abcdef there, "),
                "\(other.stderr)")
        #expect(try Self.buildID(in: folder + "/out") == nil)
    }

    @Test("Merging shards of two builds warns and records no build_id; shards of one build merge quietly with theirs")
    func mergeAcrossBuilds() throws {
        let cli = CLITests()
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        for shard in 0..<2 {
            let outcome = try cli.advsim(["batch", folder + "/tiny.yaml", "-n", "3", "--seed", "5", "--quiet", "--shard", "\(shard)/2",
                                          "--out", folder + "/shard\(shard)"])
            try #require(outcome.status == 0, "\(outcome.stderr)")
        }
        let shards = [folder + "/shard0", folder + "/shard1"]
        let quiet = try cli.advsim(["merge"] + shards + ["--out", folder + "/merged"])
        #expect(quiet.status == 0 && !quiet.stderr.contains("warning"), "\(quiet.stderr)")
        #expect(try Self.buildID(in: folder + "/merged") == (try Self.buildID(in: shards[0])))
        try Self.pretendAnotherBuild(shards[1], id: "fedcba9876543210")
        let mixed = try cli.advsim(["merge"] + shards + ["--out", folder + "/mixed"])
        #expect(mixed.status == 0, "\(mixed.stderr)")
        #expect(mixed.stderr.contains("advsim: warning: the shards were written by 2 different builds of advsim ("), "\(mixed.stderr)")
        #expect(mixed.stderr.contains("'\(folder)/shard1': fedcba9876543210"), "\(mixed.stderr)")
        #expect(try Self.buildID(in: folder + "/mixed") == nil)
        // The rows are merged all the same: byte for byte the merge of one build.
        for file in ["runs.csv", "pnl.csv", "summary.csv"] {
            #expect(try Data(contentsOf: URL(fileURLWithPath: folder + "/mixed/" + file))
                    == (try Data(contentsOf: URL(fileURLWithPath: folder + "/merged/" + file))), "\(file)")
        }
    }
}
