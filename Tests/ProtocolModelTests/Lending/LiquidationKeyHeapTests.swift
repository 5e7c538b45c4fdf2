import GSL
import Testing
@testable import ProtocolModel

@Suite("Lending: the liquidation index's key heaps keep the layout of a swap per level")
struct LiquidationKeyHeapTests {
    /// The heap a swap per level builds (the textbook indexed max-heap), as keys and accounts:
    /// an independent reference for the index's hole-moving sifts.
    struct SwapHeap {
        var keys: [Double] = []
        var accounts: [AccountID] = []

        mutating func insert(_ account: AccountID, key: Double) {
            keys.append(key)
            accounts.append(account)
            siftUp(keys.count - 1)
        }

        mutating func setKey(_ key: Double, of account: AccountID) {
            let node = accounts.firstIndex(of: account)!
            let old = keys[node]
            keys[node] = key
            if key > old { siftUp(node) } else { siftDown(node) }
        }

        mutating func remove(_ account: AccountID) {
            let node = accounts.firstIndex(of: account)!, last = keys.count - 1
            if node != last { swap(node, last) }
            keys.removeLast()
            accounts.removeLast()
            guard node < keys.count else { return }
            siftDown(node)
            siftUp(node)
        }

        private mutating func siftUp(_ start: Int) {
            var node = start
            while node > 0, keys[node] > keys[(node - 1) / 2] {
                swap(node, (node - 1) / 2)
                node = (node - 1) / 2
            }
        }

        private mutating func siftDown(_ start: Int) {
            var node = start
            while 2 * node + 1 < keys.count {
                let left = 2 * node + 1
                let largest = left + 1 < keys.count && keys[left + 1] > keys[left] ? left + 1 : left
                guard keys[largest] > keys[node] else { return }
                swap(node, largest)
                node = largest
            }
        }

        private mutating func swap(_ a: Int, _ b: Int) {
            keys.swapAt(a, b)
            accounts.swapAt(a, b)
        }
    }

    @Test("Random inserts, re-keys up and down, unchanged keys, moves to the general set and removals: same arrays as the reference, locations point back")
    func randomUpdatesMatchSwapHeap() {
        let stream = RandomStream(seed: 20_261_126)
        var index = LiquidationIndex(slots: 2)
        var reference = SwapHeap()
        var placed: [Bool] = Array(repeating: false, count: 300)
        for round in 0..<3_000 {
            let account = AccountID(stream.uniformInt(placed.count))
            let draw = stream.uniform()
            // Keys from a small set, so that equal keys (ties) occur often.
            let key = Double(stream.uniformInt(40)) / 8
            if draw < 0.15 {
                index.update(account, to: placed[account.index] ? .general : .none)
                if placed[account.index] { reference.remove(account) }
                placed[account.index] = false
            } else if placed[account.index], draw < 0.25 {
                let same = reference.keys[reference.accounts.firstIndex(of: account)!]
                index.update(account, to: .keyed(heap: 1, key: same))
            } else {
                index.update(account, to: .keyed(heap: 1, key: key))
                if placed[account.index] { reference.setKey(key, of: account) } else { reference.insert(account, key: key) }
                placed[account.index] = true
            }
            let heap = index.heaps[1]
            #expect(heap.keys == reference.keys && heap.accounts == reference.accounts, "round \(round)")
            let pointBack = heap.accounts.indices.allSatisfy {
                index.locations[heap.accounts[$0].index].heap == 1 && index.locations[heap.accounts[$0].index].position == Int32($0)
            }
            #expect(pointBack, "round \(round)")
        }
        #expect(index.heaps[1].keys.count > 100)
    }
}
