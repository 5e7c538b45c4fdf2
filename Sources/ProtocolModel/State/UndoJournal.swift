/// A stack of undo records, oldest first, that is emptied in O(1): the records past ``count``
/// stay in the storage until overwritten. For records that hold no references (a stale record
/// then keeps nothing alive), such as ``ModelUndo`` and the ledger's records.
///
/// NOTE: emptying an array with `removeAll(keepingCapacity:)` at each commit goes through its
/// generic `replaceSubrange`, ≈ 85 instructions even for trivial records: ≈ 8.3 M a benchmark
/// day for the ledger's and the model's journals, warm-up + 1 (callgrind).
struct UndoJournal<Record: Sendable>: Sendable {
    /// The records written since the storage last grew; the first `count` are the journal's.
    private var storage: [Record] = []
    /// The number of records in the journal.
    private(set) var count = 0

    var isEmpty: Bool { count == 0 }

    /// Pushes `record`. O(1) amortised.
    // NOTE: a pool's record (128 bytes) is built on the stack and then copied in (≈ 25
    // instructions a swap); a push taking the old pool `borrowing` and building the record in
    // the storage: 564.4 M → 565.4 M a benchmark day, warm-up + 1 (callgrind).
    @inline(__always)
    mutating func append(_ record: Record) {
        if count < storage.count { storage[count] = record } else { storage.append(record) }
        count += 1
    }

    /// Pushes `first`, then `second`, checking the storage's uniqueness once when both fit in it.
    @inline(__always)
    mutating func append(_ first: Record, _ second: Record) {
        guard count + 2 <= storage.count else {
            append(first)
            append(second)
            return
        }
        let index = count
        storage.withUnsafeMutableBufferPointer { records in
            records[index] = first
            records[index + 1] = second
        }
        count += 2
    }

    /// Pushes `first` to `fourth` in order, checking the storage's uniqueness once when all fit
    /// in it.
    @inline(__always)
    mutating func append(_ first: Record, _ second: Record, _ third: Record, _ fourth: Record) {
        guard count + 4 <= storage.count else {
            append(first, second)
            append(third, fourth)
            return
        }
        let index = count
        storage.withUnsafeMutableBufferPointer { records in
            records[index] = first
            records[index + 1] = second
            records[index + 2] = third
            records[index + 3] = fourth
        }
        count += 4
    }

    /// Pops the newest record.
    @inline(__always)
    mutating func removeLast() -> Record {
        precondition(count > 0, "popping an empty undo journal")
        count -= 1
        return storage[count]
    }

    /// Forgets every record (the storage is kept). O(1).
    mutating func removeAll() { count = 0 }

    /// The records from position `range.lowerBound` on, oldest first.
    subscript(range: PartialRangeFrom<Int>) -> ArraySlice<Record> {
        storage[range.lowerBound..<count]
    }
}
