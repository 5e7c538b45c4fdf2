import Testing
@testable import GSL

@Suite("Random stream skipping")
struct RandomStreamSkipTests {
    @Test("Skipping k uniform draws leaves the stream where k uniform() calls leave it, over random seeds and counts")
    func skipMatchesDraws() {
        let choices = RandomStream(seed: 2026)
        for trial in 0..<200 {
            // Counts below and above the jump's threshold (16), up to 10^5.
            let seed = UInt64(choices.uniformInt(1 << 30))
            let count = trial % 4 == 0 ? choices.uniformInt(100_000) : choices.uniformInt(300)
            let skipped = RandomStream(seed: seed), drawn = RandomStream(seed: seed)
            _ = (0..<choices.uniformInt(5)).map { _ in (skipped.uniform(), drawn.uniform()) }  // not at the seed's start
            skipped.skipUniforms(count)
            for _ in 0..<count { _ = drawn.uniform() }
            let expected = (0..<5).map { _ in drawn.uniform() } + [drawn.standardNormal()]
            let after = (0..<5).map { _ in skipped.uniform() } + [skipped.standardNormal()]
            #expect(after == expected, "trial \(trial): seed \(seed), \(count) skipped")
        }
    }

    @Test("Jumps agree with single steps at every count up to 2,100 and at powers of two up to 2^20")
    func jumpsAgree() {
        let counts = Array(0...2_100) + (11...20).flatMap { [(1 << $0) - 1, 1 << $0, (1 << $0) + 1] }
        for count in counts {
            let skipped = RandomStream(seed: 88)
            skipped.skipUniforms(count)
            #expect(skipped.uniform() == RandomStream(seed: 88).drawn(after: count), "\(count) skipped")
        }
    }
}

extension RandomStream {
    /// The uniform draw after `count` draws, made one by one.
    fileprivate func drawn(after count: Int) -> Double {
        for _ in 0..<count { _ = uniform() }
        return uniform()
    }
}
