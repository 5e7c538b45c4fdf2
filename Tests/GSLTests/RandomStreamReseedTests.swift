import Testing
@testable import GSL

@Suite("Random stream reseeding")
struct RandomStreamReseedTests {
    @Test("A reseeded stream draws exactly what a new stream with that seed draws, seed 0 included")
    func reseedMatchesFreshStream() {
        let reused = RandomStream(seed: 7)
        _ = (0..<37).map { _ in reused.standardNormal() }  // a state far from any seed's start
        for seed: UInt64 in [0, 1, 0x5EED, 12_345, .max] {
            reused.reseed(seed)
            let fresh = RandomStream(seed: seed)
            #expect(reused.seed == seed)
            let expected = (0..<200).map { _ in fresh.standardNormal() } + (0..<20).map { _ in fresh.uniform() }
            let drawn = (0..<200).map { _ in reused.standardNormal() } + (0..<20).map { _ in reused.uniform() }
            #expect(drawn == expected, "seed \(seed)")
        }
    }

    @Test("Reseeding with the seed in use restarts the stream")
    func reseedRestarts() {
        let stream = RandomStream(seed: 99)
        let first = (0..<10).map { _ in stream.uniform() }
        stream.reseed(99)
        #expect((0..<10).map { _ in stream.uniform() } == first)
    }
}
