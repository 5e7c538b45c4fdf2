extension LiquidationIndex {
    /// An indexed binary max-heap of accounts by key; each account's position in the arrays
    /// is kept in the index's `locations`, so a key changes or leaves in O(log n).
    struct KeyHeap: Sendable {
        let collateralSlot: Int
        let debtSlot: Int
        var keys: [Double] = []
        var accounts: [AccountID] = []

        init(collateralSlot: Int, debtSlot: Int) {
            self.collateralSlot = collateralSlot
            self.debtSlot = debtSlot
        }

        mutating func insert(_ account: AccountID, key: Double, heapNumber: Int32, locations: inout [Location]) {
            keys.append(key)
            accounts.append(account)
            locations[account.index] = Location(heap: heapNumber, position: Int32(keys.count - 1))
            siftUp(keys.count - 1, locations: &locations)
        }

        mutating func setKey(_ key: Double, at position: Int, locations: inout [Location]) {
            let old = keys[position]
            keys[position] = key
            if key > old { siftUp(position, locations: &locations) } else { siftDown(position, locations: &locations) }
        }

        mutating func remove(at position: Int, locations: inout [Location]) {
            let last = keys.count - 1
            if position != last { swapAt(position, last, locations: &locations) }
            keys.removeLast()
            accounts.removeLast()
            guard position < keys.count else { return }
            siftDown(position, locations: &locations)
            siftUp(position, locations: &locations)
        }

        /// Calls `body` with every account whose key is above `bound`, walking down from the
        /// root and pruning subtrees whose root is not. O(answers + 1).
        func forEach(keyAbove bound: Double, _ body: (AccountID) throws(OracleError) -> Void) throws(OracleError) {
            guard !keys.isEmpty else { return }
            var stack = [0]
            while let node = stack.popLast() {
                guard keys[node] > bound else { continue }
                try body(accounts[node])
                let left = 2 * node + 1
                if left < keys.count { stack.append(left) }
                if left + 1 < keys.count { stack.append(left + 1) }
            }
        }

        private mutating func siftUp(_ start: Int, locations: inout [Location]) {
            var node = start
            while node > 0 {
                let parent = (node - 1) / 2
                guard keys[node] > keys[parent] else { return }
                swapAt(node, parent, locations: &locations)
                node = parent
            }
        }

        mutating func siftDown(_ start: Int, locations: inout [Location]) {
            var node = start
            while true {
                let left = 2 * node + 1
                guard left < keys.count else { return }
                var largest = left
                if left + 1 < keys.count, keys[left + 1] > keys[left] { largest = left + 1 }
                guard keys[largest] > keys[node] else { return }
                swapAt(node, largest, locations: &locations)
                node = largest
            }
        }

        private mutating func swapAt(_ a: Int, _ b: Int, locations: inout [Location]) {
            keys.swapAt(a, b)
            accounts.swapAt(a, b)
            locations[accounts[a].index].position = Int32(a)
            locations[accounts[b].index].position = Int32(b)
        }
    }
}
