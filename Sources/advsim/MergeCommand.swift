import ArgumentParser
import Experiments

/// `advsim merge DIR... --out DIR`: joins the shards of a batch.
struct Merge: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Merge the shard folders of a batch into runs.csv, summary.csv, pnl.csv and failures.csv identical to an unsharded run's."
    )

    @Argument(help: "The shard folders (all N of them).")
    var shards: [String]

    @Option(help: "Output folder.")
    var out: String

    func run() throws {
        CommandSupport.checkOutputFolder(out)
        do {
            try ShardMerge.merge(shards, into: out, commandLine: CommandSupport.commandLine)
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
