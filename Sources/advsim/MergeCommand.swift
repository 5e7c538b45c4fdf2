import ArgumentParser
import Foundation
import Experiments

/// `advsim merge DIR... --out DIR`: joins the shards of a batch.
struct Merge: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Merge the shard folders of a batch into runs.csv, summary.csv, pnl.csv and failures.csv identical to an unsharded run's."
    )

    @Argument(help: "The shard folders (all N of them).")
    var shards: [String]

    @Option(help: "Output folder (new or empty).")
    var out: String

    func run() throws {
        CommandSupport.checkOutputFolder(out)
        CommandSupport.checkOutputOwner(out, for: .batch)
        // A merge writes a whole batch: not over one of its shards, nor over another batch.
        func resolved(_ path: String) -> String { URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path }
        if shards.map(resolved).contains(resolved(out)) {
            CommandSupport.fail("--out '\(out)' is one of the shards being merged: choose another folder", code: 2)
        }
        if FileManager.default.fileExists(atPath: out + "/runs.csv") {
            CommandSupport.fail("'\(out)' already holds a batch (runs.csv): merge into a new or empty folder", code: 2)
        }
        // Nor among other files, which would be mixed with the batch's.
        if let files = try? FileManager.default.contentsOfDirectory(atPath: out).sorted(), let first = files.first {
            let more = files.count > 1 ? " and \(files.count - 1) more" : ""
            CommandSupport.fail("'\(out)' is not empty (\(first)\(more)): merge into a new or empty folder", code: 2)
        }
        do {
            for warning in try ShardMerge.merge(shards, into: out, commandLine: CommandSupport.commandLine) {
                FileHandle.standardError.write(Data("advsim: warning: \(warning)\n".utf8))
            }
        } catch let error as BatchArgumentError {
            CommandSupport.fail(error.description, code: 2)
        } catch {
            CommandSupport.fail("merge failed: \(error)", code: 1)
        }
        print("merged \(shards.count) shards into \(out)/")
        if let manifest = try? Manifest.read(from: out),
           let headline = try? BatchHeadline.text(summaryPath: out + "/summary.csv", pointCount: manifest.sweepPoints ?? 1,
                                                  numeraire: manifest.numeraire) {
            print(headline)
        }
    }
}
