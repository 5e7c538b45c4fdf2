/// The largest counts `batch`, `slurm`, `optimize` and `frontier` take (docs/batch.md, "Limits"),
/// checked before anything is written: beyond them an item index or a buffer size would overflow
/// `Int`, or memory run out, and the commands say so with exit code 2 instead of trapping.
public enum BatchLimits {
    /// The most worker threads (`--threads`, and `slurm`'s `--cpus-per-task`, which is its
    /// tasks' `--threads`). The reorder window is 64 items per thread.
    public static let maximumThreads = 4096

    /// The most replications one batch runs: sweep points × replications (10^12; at a
    /// millisecond each, some 30 CPU-years).
    public static let maximumItems = 1_000_000_000_000

    /// The most replications per evaluated point of `optimize` and `frontier`, which hold every
    /// replication's metrics of a point in memory (about 1 KiB each).
    public static let maximumHeldReplications = 1_000_000

    /// Refuses a batch of `points` sweep points × `replications` (`-n`) of more than
    /// ``maximumItems`` replications, the product computed without overflow; located at `-n`
    /// (`<command line>:1:1`), as the commands' other refusals of a count are.
    public static func checkItems(points: Int, replications: Int) throws(BatchArgumentError) {
        let (items, overflow) = points.multipliedReportingOverflow(by: replications)
        if !overflow, items <= maximumItems { return }
        throw BatchArgumentError(points == 1 ? "-n \(replications): a batch runs at most 10^12 replications: lower -n"
                                 : "-n \(replications) at each of \(points) sweep points: a batch runs at most 10^12 replications "
                                 + "(sweep points × replications): lower -n or the sweep's points").located(atFlag: 1)
    }

    /// Why `-n replications` is refused by a command (`optimize`, `frontier`) that holds every
    /// replication of a point in memory; nil when it is at most ``maximumHeldReplications``.
    public static func heldReplicationsError(_ replications: Int) -> String? {
        replications <= maximumHeldReplications ? nil
            : "-n \(replications): at most \(maximumHeldReplications) replications per evaluated point (each point's results are held in memory)"
    }

    /// Why `--threads` (or `flag`) `threads` is refused; nil when it is in 1…``maximumThreads``.
    public static func threadsError(_ threads: Int, flag: String = "--threads") -> String? {
        (1...maximumThreads).contains(threads) ? nil : "\(flag) must be in 1…\(maximumThreads)"
    }
}
