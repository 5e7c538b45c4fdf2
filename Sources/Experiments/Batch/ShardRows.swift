/// A shard folder's rows checked against the items its shard was assigned
/// (``Shard/items(total:)``): runs.csv and failures.csv together hold its items in canonical
/// order, each once, and pnl.csv only party rows of items in runs.csv. `--resume` accepts the
/// first items of the shard; `merge` wants all of them. A row of another shard — a shard
/// folder copied, renamed or from another run — is a ``ResumeError`` at its line.
enum ShardRows {
    /// Walks `runs` and `failures` (nil: no failures.csv) together against the items of `shard`
    /// among `total`; returns how many of the shard's first items they hold and the last of
    /// them (nil: none). Streamed: constant memory.
    ///
    /// - Throws: ``ResumeError`` at the first row that is not the shard's next item.
    static func firstItems(of shard: Shard, total: Int, runs: CompletedRows, failures: CompletedRows?) throws -> (count: Int, last: Int?) {
        var count = 0
        var last: Int?
        var nextRun = try runs.next(), nextFailure = try failures?.next()
        for item in shard.items(total: total) {
            if nextRun == item {
                nextRun = try runs.next()
            } else if nextFailure == item {
                nextFailure = try failures?.next()
            } else {
                break
            }
            count += 1
            last = item
        }
        if let nextRun { throw outOfPlace(runs, item: nextRun, shard: shard, total: total) }
        if let failures, let nextFailure { throw outOfPlace(failures, item: nextFailure, shard: shard, total: total) }
        return (count, last)
    }

    /// Checks that `runs` and `failures` hold every item of `shard` among `total`.
    ///
    /// - Throws: ``ResumeError`` at the first row that is not the shard's next item, or at the
    ///   end of runs.csv for an item missing from both files.
    static func checkAllItems(of shard: Shard, total: Int, runs: CompletedRows, failures: CompletedRows) throws {
        let (count, _) = try firstItems(of: shard, total: total, runs: runs, failures: failures)
        let expected = shard.itemCount(total: total)
        guard count == expected else {
            let missing = shard.index + count * shard.count
            throw ResumeError("\(name(missing, replications: runs.replications)) is missing: runs.csv and failures.csv hold \(count) "
                              + "of the \(expected) replications of this folder's shard \(shard)", file: runs.path, line: runs.nextLine)
        }
    }

    /// Checks that every row of `pnl` belongs to an item of `runs`, in canonical order (a
    /// finished replication may have no party rows). Reads both to the end.
    ///
    /// - Throws: ``ResumeError`` at the first pnl.csv row that does not.
    static func checkPartyRows(_ pnl: CompletedRows, of runs: CompletedRows, shard: Shard, total: Int) throws {
        var run = try runs.next()
        while let item = try pnl.next() {
            while let current = run, current < item { run = try runs.next() }
            guard run == item else {
                throw foreign(pnl, item: item, shard: shard, total: total)
                    ?? ResumeError("\(name(item, replications: pnl.replications)) has party rows out of place: pnl.csv must hold "
                                   + "only party rows of the replications in runs.csv, in order", file: pnl.path, line: pnl.line)
            }
        }
    }

    /// The error for the last row `rows` returned, canonical index `item`: it is not the next
    /// item of `shard`.
    private static func outOfPlace(_ rows: CompletedRows, item: Int, shard: Shard, total: Int) -> ResumeError {
        foreign(rows, item: item, shard: shard, total: total)
            ?? ResumeError("\(name(item, replications: rows.replications)) is out of place: runs.csv and failures.csv must hold the "
                           + "first replications of this batch (or shard) in order, none missing", file: rows.path, line: rows.line)
    }

    /// The error for a row (the last `rows` returned, canonical index `item`) that is no item of
    /// `shard` at all; nil when it is one.
    private static func foreign(_ rows: CompletedRows, item: Int, shard: Shard, total: Int) -> ResumeError? {
        let points = total / rows.replications
        if item >= total {
            return ResumeError("sweep point \(rows.item.point) is beyond this batch's \(points) sweep points", file: rows.path,
                               line: rows.line)
        }
        guard item % shard.count != shard.index else { return nil }
        return ResumeError("\(name(item, replications: rows.replications)) belongs to shard \(item % shard.count)/\(shard.count), "
                           + "but this folder's manifest.json says shard \(shard) (a shard folder copied, renamed or from another run)",
                           file: rows.path, line: rows.line)
    }

    /// "sweep point P, replication R" for canonical index `item`.
    private static func name(_ item: Int, replications: Int) -> String {
        "sweep point \(item / replications), replication \(item % replications)"
    }
}
