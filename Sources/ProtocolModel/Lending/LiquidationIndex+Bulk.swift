extension LiquidationIndex {
    /// Indexes the positions of rows `rows` of `positions` — accounts none of them indexed yet,
    /// each position committed — as ``update(_:to:)`` one by one would (same heaps, same general
    /// set in the same order, same `locations` length), but appends each heap's new keys and
    /// restores the heap with one bottom-up heapify (Floyd 1964) instead of a sift-up per key.
    /// - Complexity: O(rows + keys of the heaps they enter).
    mutating func insertFresh(rows: Range<Int>, of positions: LendingPositions, config: [MarketAssetConfig]) {
        guard let last = positions.accounts[rows].max() else { return }
        if last.index >= locations.count {
            locations.append(contentsOf: repeatElement(.none, count: last.index + 1 - locations.count))
        }
        var touched = [Bool](repeating: false, count: heaps.count)
        // NOTE: the heaps and locations are moved out and worked on through one buffer of heaps:
        // no uniqueness check of the heaps array per key appended or per node sifted.
        var heaps = self.heaps, locations = self.locations
        self.heaps = []
        self.locations = []
        heaps.withUnsafeMutableBufferPointer { heaps in
            for (account, position) in positions[rows] {
                precondition(locations[account.index].heap == Location.none.heap, "a fresh account is not indexed yet")
                switch Self.placement(position, in: positions, config: config) {
                case .none: continue
                case .general:
                    locations[account.index] = Location(heap: -2, position: Int32(general.count))
                    general.append(account)
                case .keyed(let number, let key):
                    locations[account.index] = Location(heap: Int32(number), position: Int32(heaps[number].keys.count))
                    heaps[number].keys.append(key)
                    heaps[number].accounts.append(account)
                    touched[number] = true
                }
            }
            for number in heaps.indices where touched[number] {
                for node in stride(from: heaps[number].keys.count / 2 - 1, through: 0, by: -1) {
                    heaps[number].siftDown(node, locations: &locations)
                }
            }
        }
        self.heaps = heaps
        self.locations = locations
    }
}
