import Foundation
import Testing

/// `merge` writes only into a new or empty folder (docs/output-format.md).
@Suite("Command line: where merge writes")
struct MergeCLITests {
    @Test("merge into a folder holding other files exits 2 and writes nothing; into an empty one it merges")
    func nonEmptyFolder() throws {
        let cli = CLITests()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("merge-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        for shard in 0..<2 {
            let outcome = try cli.advsim(["batch", "amm-arbitrage", "-n", "4", "--set", "duration=10m", "--shard", "\(shard)/2",
                                          "--quiet", "--out", folder + "/s\(shard)"])
            #expect(outcome.status == 0, "\(outcome.stderr)")
        }
        let busy = folder + "/busy"
        try FileManager.default.createDirectory(atPath: busy, withIntermediateDirectories: true)
        try "hi\n".write(toFile: busy + "/readme.txt", atomically: true, encoding: .utf8)
        let refused = try cli.advsim(["merge", folder + "/s0", folder + "/s1", "--out", busy])
        #expect(refused.status == 2 && refused.stdout.isEmpty)
        #expect(refused.stderr == "advsim: '\(busy)' is not empty (readme.txt): merge into a new or empty folder\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: busy) == ["readme.txt"])
        #expect(try String(contentsOfFile: busy + "/readme.txt", encoding: .utf8) == "hi\n")

        let empty = folder + "/empty"
        try FileManager.default.createDirectory(atPath: empty, withIntermediateDirectories: true)
        let merged = try cli.advsim(["merge", folder + "/s0", folder + "/s1", "--out", empty])
        #expect(merged.status == 0, "\(merged.stderr)")
        #expect(FileManager.default.fileExists(atPath: empty + "/summary.csv"))
    }
}
