extension LiquidationIndex {
    /// Sorts `keys`, all distinct, ascending: the order `sort()` gives.
    ///
    /// NOTE: a quicksort in place (median of three, insertion sort below 16 keys) instead of the
    /// standard library's stable sort, which merges through a scratch buffer it allocates: the
    /// accounts below health 1 that a cascade's blocks sort (a few hundred each in benchmark-day)
    /// cost about half as many instructions (callgrind, benchmark-day full day, warm-up + 1:
    /// 679.7 M -> 676.6 M, with the keys collected directly). Distinct keys have one ascending
    /// order, so a sort that is not stable gives the same. Past 2·log2(n) levels (a pathological
    /// input) the rest of a range goes to the standard sort.
    /// - Complexity: O(n log n).
    static func sortDistinct(_ keys: inout [UInt128]) {
        guard keys.count > 1 else { return }
        keys.withUnsafeMutableBufferPointer { keys in
            if keys.count >= bucketedCount, sortByBuckets(keys) { return }
            quicksort(keys, from: 0, to: keys.count, depth: 2 * (Int.bitWidth - keys.count.leadingZeroBitCount))
        }
    }

    /// From this many keys on, ``sortDistinct(_:)`` spreads them into buckets first.
    private static let bucketedCount = 64

    /// Sorts `keys`, all distinct, by spreading them into at most count buckets of equal
    /// ranges of their high words (a health, in a liquidation answer's keys), in order, then
    /// sorting each bucket (``quicksort(_:from:to:depth:)``); false, leaving them as they are,
    /// when every high word is the same.
    ///
    /// NOTE: a cascade block's answer lists up to ≈ 1,000 accounts in benchmark-day, whose
    /// healths spread over a range: most buckets hold a few keys, sorted in a few passes instead
    /// of ≈ log2(n) levels of partitioning (callgrind, benchmark-day warm-up + 1: 533.50 M ->
    /// 532.70 M; about count / 2 buckets 532.75 M, from 32 keys on 532.72 M).
    /// - Complexity: O(n) for keys spread evenly, O(n log n) at worst.
    private static func sortByBuckets(_ keys: UnsafeMutableBufferPointer<UInt128>) -> Bool {
        var lowest = UInt64.max, highest = UInt64.min
        for key in keys {
            let high = UInt64(truncatingIfNeeded: key >> 64)
            lowest = min(lowest, high)
            highest = max(highest, high)
        }
        guard highest > lowest else { return false }
        // The high words' range shifted down to fewer than 2^bits buckets, 2^bits ≤ count.
        let bits = Int.bitWidth - 1 - keys.count.leadingZeroBitCount
        let shift = max(0, UInt64.bitWidth - (highest - lowest).leadingZeroBitCount - bits)
        let buckets = Int((highest - lowest) >> shift) + 1
        @inline(__always) func bucket(_ key: UInt128) -> Int { Int((UInt64(truncatingIfNeeded: key >> 64) &- lowest) >> shift) }
        // NOTE: heap buffers: with `withUnsafeTemporaryAllocation` here (called inside the
        // answer's own temporary buffer) the release build trapped at run time ("Allocation
        // capacity must be greater than or equal to zero"), which a standalone copy of this sort
        // did not reproduce.
        let ends = UnsafeMutableBufferPointer<Int>.allocate(capacity: buckets + 1)
        let spread = UnsafeMutableBufferPointer<UInt128>.allocate(capacity: keys.count)
        defer {
            ends.deallocate()
            spread.deallocate()
        }
        ends.initialize(repeating: 0)
        for key in keys { ends[bucket(key)] += 1 }
        for index in 1..<buckets { ends[index] += ends[index - 1] }
        // Each key placed from its bucket's end down (the buckets' ends become their starts),
        // into a copy, then back.
        for key in keys.reversed() {
            let index = bucket(key)
            ends[index] -= 1
            (spread.baseAddress.unsafelyUnwrapped + ends[index]).initialize(to: key)
        }
        keys.baseAddress.unsafelyUnwrapped.update(from: spread.baseAddress.unsafelyUnwrapped, count: keys.count)
        ends[buckets] = keys.count
        for index in 0..<buckets where ends[index + 1] - ends[index] > 1 {
            let count = ends[index + 1] - ends[index]
            quicksort(keys, from: ends[index], to: ends[index + 1], depth: 2 * (Int.bitWidth - count.leadingZeroBitCount))
        }
        return true
    }

    /// Sorts `keys[low..<high]`, with `depth` levels of partitioning left before the standard sort.
    private static func quicksort(_ keys: UnsafeMutableBufferPointer<UInt128>, from low: Int, to high: Int, depth: Int) {
        var low = low, high = high, depth = depth
        while high - low > 16 {
            guard depth > 0 else {
                var range = UnsafeMutableBufferPointer(rebasing: keys[low..<high])
                range.sort()
                return
            }
            depth -= 1
            // The median of the first, middle and last keys goes first, the smallest to the
            // middle, the largest last: the scans below stop at the ends without bound checks.
            let middle = low + (high - low) / 2, last = high - 1
            if keys[middle] < keys[low] { keys.swapAt(middle, low) }
            if keys[last] < keys[low] { keys.swapAt(last, low) }
            if keys[last] < keys[middle] { keys.swapAt(last, middle) }
            keys.swapAt(low, middle)
            let pivot = keys[low]
            var left = low, right = high
            while true {
                repeat { left += 1 } while keys[left] < pivot
                repeat { right -= 1 } while keys[right] > pivot
                guard left < right else { break }
                keys.swapAt(left, right)
            }
            keys.swapAt(low, right)
            // The smaller side recursively, the larger in this loop: at most log2(n) frames.
            if right - low < high - right {
                quicksort(keys, from: low, to: right, depth: depth)
                low = right + 1
            } else {
                quicksort(keys, from: right + 1, to: high, depth: depth)
                high = right
            }
        }
        guard high - low > 1 else { return }
        for next in (low + 1)..<high {
            let key = keys[next]
            var slot = next
            while slot > low, keys[slot - 1] > key {
                keys[slot] = keys[slot - 1]
                slot -= 1
            }
            keys[slot] = key
        }
    }
}
