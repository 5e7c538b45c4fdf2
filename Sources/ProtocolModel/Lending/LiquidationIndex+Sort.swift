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
            quicksort(keys, from: 0, to: keys.count, depth: 2 * (Int.bitWidth - keys.count.leadingZeroBitCount))
        }
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
