import Testing
@testable import GSL

@Suite("Random stream skipping")
struct RandomStreamSkipTests {
    @Test("Skipping k uniform draws leaves the stream where k uniform() calls leave it, over random seeds and counts")
    func skipMatchesDraws() {
        let choices = RandomStream(seed: 2026)
        for trial in 0..<200 {
            let seed = UInt64(choices.uniformInt(1 << 30)), count = choices.uniformInt(300)
            let skipped = RandomStream(seed: seed), drawn = RandomStream(seed: seed)
            _ = (0..<choices.uniformInt(5)).map { _ in (skipped.uniform(), drawn.uniform()) }  // not at the seed's start
            skipped.skipUniforms(count)
            for _ in 0..<count { _ = drawn.uniform() }
            let expected = (0..<5).map { _ in drawn.uniform() } + [drawn.standardNormal()]
            let after = (0..<5).map { _ in skipped.uniform() } + [skipped.standardNormal()]
            #expect(after == expected, "trial \(trial): seed \(seed), \(count) skipped")
        }
    }
}
