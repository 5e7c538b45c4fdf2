extension LiquidationIndex {
    /// Indexes the `fresh` accounts — none of them indexed yet — each at its `placements` entry (the
    /// ``placement(_:in:config:)`` of its committed position, in the same order), as
    /// ``update(_:to:)`` one by one would (same heaps, same general set in the same order, same
    /// `locations` length), but gives each heap its new keys at once and restores it with one
    /// bottom-up heapify (Floyd 1964) instead of a sift-up per key.
    /// - Complexity: O(accounts + keys of the heaps they enter).
    mutating func insertFresh(_ fresh: UnsafeBufferPointer<AccountID>, placements: UnsafeBufferPointer<Placement>) {
        precondition(fresh.count == placements.count, "one placement an account")
        guard let last = fresh.max() else { return }
        if last.index >= locations.count {
            locations.append(contentsOf: repeatElement(.none, count: last.index + 1 - locations.count))
        }
        // NOTE: the rows are placed first and each heap's arrays are then rebuilt once with its
        // new keys, instead of two appends (each a uniqueness check) per row: ≈ 400 -> 300
        // instructions a borrower (callgrind, benchmark-day with 10,000 borrowers).
        let placed = UnsafeMutableBufferPointer<(heap: Int, account: AccountID, key: Double)>.allocate(capacity: fresh.count)
        defer { placed.deallocate() }
        var placedCount = 0
        var newKeys = [Int](repeating: 0, count: heaps.count)
        var heaps = self.heaps, locations = self.locations
        self.heaps = []
        self.locations = []
        locations.withUnsafeMutableBufferPointer { locations in
            for (account, placement) in zip(fresh, placements) {
                precondition(locations[account.index].heap == Location.none.heap, "a fresh account is not indexed yet")
                switch placement {
                case .none: continue
                case .general:
                    locations[account.index] = Location(heap: -2, position: Int32(general.count))
                    general.append(account)
                case .keyed(let number, let key):
                    placed.initializeElement(at: placedCount, to: (number, account, key))
                    placedCount += 1
                    newKeys[number] += 1
                }
            }
            for number in heaps.indices where newKeys[number] > 0 {
                let oldKeys = heaps[number].keys, oldAccounts = heaps[number].accounts
                let total = oldKeys.count + newKeys[number]
                var accounts: [AccountID] = [], filled = 0
                let keys = [Double](unsafeUninitializedCapacity: total) { keys, keysCount in
                    accounts = [AccountID](unsafeUninitializedCapacity: total) { accounts, accountsCount in
                        var next = keys.initialize(fromContentsOf: oldKeys)
                        _ = accounts.initialize(fromContentsOf: oldAccounts)
                        for entry in placed[..<placedCount] where entry.heap == number {
                            keys.initializeElement(at: next, to: entry.key)
                            accounts.initializeElement(at: next, to: entry.account)
                            locations[entry.account.index] = Location(heap: Int32(number), position: Int32(next))
                            next += 1
                        }
                        filled = next
                        accountsCount = next
                    }
                    keysCount = filled
                }
                precondition(filled == total, "every new key placed")
                heaps[number].keys = keys
                heaps[number].accounts = accounts
            }
        }
        // NOTE: each heap is taken out of the list while it is heapified: a sift called through
        // `heaps[number]` checked the list's uniqueness and bounds and wrote the heap's two
        // arrays back at every node.
        for number in heaps.indices where newKeys[number] > 0 {
            var heap = KeyHeap()
            swap(&heap, &heaps[number])
            locations.withUnsafeMutableBufferPointer { heap.heapify(locations: $0) }
            heaps[number] = heap
        }
        self.heaps = heaps
        self.locations = locations
    }
}

extension LiquidationIndex.KeyHeap {
    /// Restores the heap order bottom-up (Floyd 1964): ``siftDown(_:locations:)`` of every parent
    /// node from the last to the root, the same moves, through the arrays' buffers taken once.
    /// - Complexity: O(keys).
    // NOTE: a `siftDown` per node took the three arrays' buffers (a uniqueness check each) per
    // node: insertFresh ≈ 104 -> 84 instructions a borrower (callgrind, benchmark-day, 10,000
    // borrowers at genesis).
    mutating func heapify(locations: UnsafeMutableBufferPointer<LiquidationIndex.Location>) {
        keys.withUnsafeMutableBufferPointer { keys in
            accounts.withUnsafeMutableBufferPointer { accounts in
                for start in stride(from: keys.count / 2 - 1, through: 0, by: -1) {
                    Self.siftDown(start, keys: keys, accounts: accounts, locations: locations)
                }
            }
        }
    }
}
