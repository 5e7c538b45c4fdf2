/// One scheduled event as the heap stores it: a small value, no closure.
///
/// Field order is layout order: two 8-byte keys first, then the 4-byte priority and the
/// event, so an `Entry<Int32>` is 24 bytes.
@usableFromInline
struct ScheduledEntry<Event> {
    @usableFromInline var time: Double
    @usableFromInline var sequence: UInt64
    @usableFromInline var priority: Int32
    @usableFromInline var event: Event

    @inlinable
    init(time: Double, sequence: UInt64, priority: Int32, event: Event) {
        self.time = time
        self.sequence = sequence
        self.priority = priority
        self.event = event
    }

    /// The kernel's total order: time, then priority (lower first), then sequence (FIFO).
    @inlinable
    func precedes(_ other: ScheduledEntry) -> Bool {
        if time != other.time { return time < other.time }
        if priority != other.priority { return priority < other.priority }
        return sequence < other.sequence
    }
}

/// An array-backed binary min-heap of ``ScheduledEntry`` values.
///
/// Why not swift-collections' `Heap`: it is a min-max heap (levels alternate between min and
/// max order), which costs extra comparisons per level on every pop for a max end the kernel
/// never uses.
///
/// Sifts move a "hole" instead of swapping, so each level costs one move, not three.
/// The storage only grows; popping keeps its capacity, so a steady state allocates nothing.
// NOTE: binary beats 4-ary on `advsim bench kernel` (1,000 pending events): 9.4 / 9.2 M
// events/s against 8.8 / 8.4 M in interleaved runs; Floyd's bottom-up sift-down was slower
// too (8.7 / 9.0 M). Details in docs/bench-notes/kernel.md.
@usableFromInline
struct EventQueue<Event> {
    @usableFromInline var storage: ContiguousArray<ScheduledEntry<Event>> = []

    @inlinable
    init() {}

    /// The number of stored entries. - Complexity: O(1).
    @inlinable
    var count: Int { storage.count }

    /// The least entry, if any. - Complexity: O(1).
    @inlinable
    var first: ScheduledEntry<Event>? { storage.first }

    /// Inserts an entry. - Complexity: O(log n); amortised O(1) allocation (capacity doubles).
    @inlinable
    mutating func push(_ entry: ScheduledEntry<Event>) {
        storage.append(entry)
        storage.withUnsafeMutableBufferPointer { heap in
            var hole = heap.count - 1
            while hole > 0 {
                let parent = (hole &- 1) >> 1
                guard entry.precedes(heap[parent]) else { break }
                heap[hole] = heap[parent]
                hole = parent
            }
            heap[hole] = entry
        }
    }

    /// Removes and returns the least entry, or nil when empty. - Complexity: O(log n).
    @inlinable
    mutating func popFirst() -> ScheduledEntry<Event>? {
        guard let last = storage.popLast() else { return nil }
        guard !storage.isEmpty else { return last }
        return storage.withUnsafeMutableBufferPointer { heap in
            let top = heap[0]
            Self.siftDown(last, from: 0, in: heap)
            return top
        }
    }

    /// Replaces the least entry by `entry` and returns the old least entry: one sift instead
    /// of a pop and a push. The queue must not be empty. - Complexity: O(log n).
    @inlinable
    mutating func replaceFirst(with entry: ScheduledEntry<Event>) -> ScheduledEntry<Event> {
        storage.withUnsafeMutableBufferPointer { heap in
            let top = heap[0]
            Self.siftDown(entry, from: 0, in: heap)
            return top
        }
    }

    /// Places `entry` into the hole at `start`, moving smaller children up.
    /// - Complexity: O(log n): at most 2 comparisons per level.
    @inlinable
    static func siftDown(
        _ entry: ScheduledEntry<Event>, from start: Int,
        in heap: UnsafeMutableBufferPointer<ScheduledEntry<Event>>
    ) {
        let count = heap.count
        var hole = start
        while true {
            var child = 2 &* hole &+ 1
            guard child < count else { break }
            if child &+ 1 < count {
                let leftTime = heap[child].time, rightTime = heap[child &+ 1].time
                if leftTime != rightTime {
                    // NOTE: the left/right choice is a coin flip the branch predictor loses;
                    // selecting arithmetically compiles to setb/cmov: ≈ +20 % on the kernel
                    // benchmark (5.9 → 7.2 M events/s on a loaded machine; kernel / C from
                    // 0.83 to 1.07–1.12), docs/bench-notes/kernel.md.
                    child &+= rightTime < leftTime ? 1 : 0
                } else if heap[child &+ 1].precedes(heap[child]) {
                    child &+= 1
                }
            }
            guard heap[child].precedes(entry) else { break }
            heap[hole] = heap[child]
            hole = child
        }
        heap[hole] = entry
    }

    /// The sequences of all stored entries, in storage order. - Complexity: O(n).
    @inlinable
    func sequences() -> [UInt64] { storage.map(\.sequence) }
}

extension ScheduledEntry: Sendable where Event: Sendable {}
extension EventQueue: Sendable where Event: Sendable {}
