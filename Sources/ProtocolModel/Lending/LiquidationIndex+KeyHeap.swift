extension LiquidationIndex {
    /// An indexed binary max-heap of accounts by key; each account's position in the arrays
    /// is kept in the index's `locations`, so a key changes or leaves in O(log n).
    struct KeyHeap: Sendable {
        var keys: [Double] = []
        var accounts: [AccountID] = []

        mutating func insert(_ account: AccountID, key: Double, heapNumber: Int32, locations: inout [Location]) {
            keys.append(key)
            accounts.append(account)
            locations[account.index] = Location(heap: heapNumber, position: Int32(keys.count - 1))
            siftUp(keys.count - 1, locations: &locations)
        }

        /// Changes the key of the account at `position` to `key` and restores the heap order.
        /// O(log n).
        // NOTE: inlined into the index's re-key, its one caller (benchmark-day full day, warm-up
        // + 1: 651.4 M -> 651.2 M; callgrind).
        @inline(__always)
        mutating func setKey(_ key: Double, at position: Int, locations: inout [Location]) {
            let old = keys[position]
            keys[position] = key
            if key > old { siftUp(position, locations: &locations) } else { siftDown(position, locations: &locations) }
        }

        /// Takes out the account at `position` (its own location is left for the caller to
        /// clear): the last account fills the place and is sifted. O(log n).
        // NOTE: the last account moves into the place and is sifted one way only, chosen by
        // comparing its key with the removed one (the other sift would not move it), instead of
        // a swap of both arrays' elements, a sift down and a sift up: KeyHeap.remove ≈ 445 ->
        // ≈ 276 instructions a call, ≈ 8.2 k calls a benchmark day (warm-up + 1: 622.2 M ->
        // 620.9 M; callgrind).
        mutating func remove(at position: Int, locations: inout [Location]) {
            let removedKey = keys[position]
            let key = keys.removeLast(), account = accounts.removeLast()
            guard position < keys.count else { return }
            keys[position] = key
            accounts[position] = account
            locations[account.index].position = Int32(position)
            if key > removedKey { siftUp(position, locations: &locations) } else { siftDown(position, locations: &locations) }
        }

        /// Calls `body` with every account whose key is above `bound`, walking down from the
        /// root and pruning subtrees whose root is not. O(answers + 1).
        func forEach(keyAbove bound: Double, _ body: (AccountID) -> Void) {
            guard let root = keys.first, root > bound else { return }
            // NOTE: the stack of nodes to visit lives in the caller's frame, not on the heap (an
            // allocation and a release per walk, ≈ 300 instructions: a calm block's query walks
            // the heap to its root's account). Each visit pops one node and pushes at most its two
            // children, so the stack never holds more than the heap's height + 1 < 64 nodes.
            // Its node and count arithmetic wraps: nodes are below the heap's count and the stack
            // count below 64 (benchmark day, warm-up + 1: 619.4 M -> 619.3 M; callgrind).
            withUnsafeTemporaryAllocation(of: Int.self, capacity: 64) { stack in
                stack[0] = 0
                var count = 1
                while count > 0 {
                    count &-= 1
                    let node = stack[count]
                    guard keys[node] > bound else { continue }
                    body(accounts[node])
                    let left = 2 &* node &+ 1
                    if left < keys.count {
                        stack[count] = left
                        count &+= 1
                    }
                    if left &+ 1 < keys.count {
                        stack[count] = left &+ 1
                        count &+= 1
                    }
                }
            }
        }

        // NOTE: the sifts move a hole instead of swapping: the sifted account's key and id are
        // held aside, each account passed over moves one level (its location written once), and
        // the sifted one lands once — the same layout as a swap per level, with half the writes,
        // through buffer pointers (one uniqueness check per array per sift, not one per write).
        // A liquidation re-keys its borrower from near the root to near a leaf (callgrind:
        // reindexPositions 42.6 M -> 21.0 M a benchmark day, warm-up + 1).
        // NOTE: the node arithmetic wraps (`&*`, `&+`, `&-`): every node is below the array's
        // count, so it cannot overflow, and the overflow checks cost ≈ 4 instructions a level
        // (≈ 10 levels a re-key's sift; benchmark day, warm-up + 1: 620.3 M -> 619.4 M; callgrind).
        // The positions stored are truncated, not checked: every node is below the count, and
        // each position entered the heap through a checked `Int32` (`insert`, `insertFresh`), so
        // it fits (≈ 4 instructions a level: 619.3 M -> 618.6 M).
        private mutating func siftUp(_ start: Int, locations: inout [Location]) {
            guard start > 0 else { return }
            keys.withUnsafeMutableBufferPointer { keys in
                accounts.withUnsafeMutableBufferPointer { accounts in
                    locations.withUnsafeMutableBufferPointer { locations in
                        let key = keys[start], account = accounts[start]
                        var node = start
                        while node > 0 {
                            let parent = (node &- 1) &>> 1
                            guard key > keys[parent] else { break }
                            keys[node] = keys[parent]
                            accounts[node] = accounts[parent]
                            locations[accounts[node].index].position = Int32(truncatingIfNeeded: node)
                            node = parent
                        }
                        guard node != start else { return }
                        keys[node] = key
                        accounts[node] = account
                        locations[account.index].position = Int32(truncatingIfNeeded: node)
                    }
                }
            }
        }

        mutating func siftDown(_ start: Int, locations: inout [Location]) {
            guard 2 * start + 1 < keys.count else { return }
            keys.withUnsafeMutableBufferPointer { keys in
                accounts.withUnsafeMutableBufferPointer { accounts in
                    locations.withUnsafeMutableBufferPointer { locations in
                        Self.siftDown(start, keys: keys, accounts: accounts, locations: locations)
                    }
                }
            }
        }

        /// Moves the key at `start` down below its larger children until neither is larger,
        /// in `keys` and `accounts` (a heap's buffers), noting each moved account's position
        /// in `locations`.
        @inline(__always)
        static func siftDown(_ start: Int, keys: UnsafeMutableBufferPointer<Double>, accounts: UnsafeMutableBufferPointer<AccountID>,
                             locations: UnsafeMutableBufferPointer<Location>) {
            let key = keys[start], account = accounts[start], count = keys.count
            var node = start
            while true {
                let left = 2 &* node &+ 1
                guard left < count else { break }
                // NOTE: the larger child is picked by adding the comparison's bit (`seta`,
                // no branch): as `if keys[right] > keys[left] { largest = right }` (even
                // as a ternary) it was a branch, taken at random on a heapify's random
                // keys. Same child, same layout; benchmark-day --set duration=12s
                // 1.187 -> 1.117 ms a replication (0.941×), the full day 0.991×
                // (9 interleaved rounds each, plain build).
                var largest = left
                if left &+ 1 < count { largest = left &+ (keys[left &+ 1] > keys[left] ? 1 : 0) }
                guard keys[largest] > key else { break }
                keys[node] = keys[largest]
                accounts[node] = accounts[largest]
                locations[accounts[node].index].position = Int32(truncatingIfNeeded: node)
                node = largest
            }
            guard node != start else { return }
            keys[node] = key
            accounts[node] = account
            locations[account.index].position = Int32(truncatingIfNeeded: node)
        }
    }
}
