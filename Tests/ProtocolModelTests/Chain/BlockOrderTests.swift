import Testing
@testable import ProtocolModel

@Suite("Block order")
struct BlockOrderTests {
    @Test("Sorting a block's keys in place gives the standard sort's order", arguments: [1, 2, 3] as [UInt64])
    func sortMatchesStandardSort(seed: UInt64) {
        var random = SplitMix64(state: seed)
        for count in 0...40 {
            // Fees from a small range, so that ties on fee are frequent and ids break them.
            let ids = Array(1...max(count, 1)).shuffled(using: &random).prefix(count)
            let keys = ids.enumerated().map { index, id in
                BlockOrderKey(index: index, id: id, priorityFee: UInt64.random(in: 0...3, using: &random),
                              isPrivate: Bool.random(using: &random), closesBlock: Bool.random(using: &random))
            }
            var sorted = keys
            sorted.withUnsafeMutableBufferPointer { BlockOrderKey.sortInBlockOrder($0) }
            #expect(sorted.map(\.index) == keys.sorted(by: BlockOrderKey.precedes).map(\.index))
        }
    }
}
