import GSL
import Testing
@testable import ProtocolModel

@Suite("The liquidation answer's sort of distinct keys")
struct LiquidationIndexSortTests {
    /// 64 random bits: 53 from a uniform double, 11 from a uniform integer.
    static func randomWord(_ stream: RandomStream) -> UInt64 {
        UInt64(stream.uniform() * 0x1p53) << 11 | UInt64(stream.uniformInt(2048))
    }

    @Test("Hand-written lists: empty, one key, two keys either way, and a descending run past the insertion sort's 16")
    func handWritten() {
        for list: [UInt128] in [[], [7], [1, 2], [2, 1], (0..<40).map { UInt128(40 - $0) << 64 | 3 }] {
            var keys = list
            LiquidationIndex.sortDistinct(&keys)
            #expect(keys == list.sorted())
        }
    }

    @Test("Random distinct keys of every shape (random, ascending, descending, organ pipe, one health with many accounts) sort as sort() does (seed 20261127, 400 lists)")
    func randomAgainstStandardSort() {
        let stream = RandomStream(seed: 20261127)
        for trial in 0..<400 {
            let count = trial < 100 ? stream.uniformInt(40) : stream.uniformInt(2_000)
            var unique = Set<UInt128>()
            while unique.count < count {
                // Health (below 2^64) in the high half, an account index in the low half; every
                // fourth list shares a few healths among many accounts.
                let health = trial % 4 == 0 ? UInt128(stream.uniformInt(3)) : UInt128(Self.randomWord(stream) >> UInt64(stream.uniformInt(64)))
                unique.insert(health << 64 | UInt128(stream.uniformInt(100_000)))
            }
            var keys = Array(unique)
            switch trial % 5 {
            case 1: keys.sort()
            case 2: keys.sort(by: >)
            case 3:
                keys.sort()
                keys = stride(from: 0, to: keys.count, by: 2).map { keys[$0] } + stride(from: 1, to: keys.count, by: 2).reversed().map { keys[$0] }
            default: break
            }
            let expected = keys.sorted()
            LiquidationIndex.sortDistinct(&keys)
            #expect(keys == expected, "trial \(trial), \(count) keys")
        }
    }

    @Test("A cascade block's answer: 64 to 1,500 healths just below 1 (wad) with a few far below, some shared, sort as sort() does (seed 20261128, 100 lists)")
    func clusteredHealths() {
        let stream = RandomStream(seed: 20261128)
        for trial in 0..<100 {
            let count = 64 + stream.uniformInt(1_437)
            var unique = Set<UInt128>()
            while unique.count < count {
                // One in 50 far below; every third list's others share 40 healths.
                let health = stream.uniformInt(50) == 0
                    ? UInt64(stream.uniform() * 1e16)
                    : trial % 3 == 0 ? 1_000_000_000_000_000_000 - UInt64(1 + stream.uniformInt(40)) * 1_000_000_000_000_000
                    : UInt64(1e18 - stream.uniform() * 1e17)
                unique.insert(UInt128(health) << 64 | UInt128(stream.uniformInt(100_000)) << 32 | UInt128(unique.count))
            }
            var keys = Array(unique)
            let expected = keys.sorted()
            LiquidationIndex.sortDistinct(&keys)
            #expect(keys == expected, "trial \(trial), \(count) keys")
        }
    }
}
