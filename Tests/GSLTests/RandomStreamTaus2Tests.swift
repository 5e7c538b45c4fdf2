import CGSL
import Testing
@testable import GSL

/// The draws stepped in Swift against GSL's own functions on a twin generator: the same values,
/// and the same generator state after them.
@Suite("Random stream: taus2 stepped in Swift")
struct RandomStreamTaus2Tests {
    static let seeds: [UInt64] = [0, 1, 2, 7, 0x5EED, 12_345, 20_261_125, 1 << 32, .max - 1, .max]

    @Test("Uniform draws and outputs equal GSL's", arguments: seeds)
    func uniforms(seed: UInt64) {
        let swift = RandomStream(seed: seed), gsl = RandomStream(seed: seed)
        for _ in 0..<20_000 {
            #expect(swift.uniform() == gsl_rng_uniform(gsl.generator))
            #expect(swift.uniformPositive() == gsl_rng_uniform_pos(gsl.generator))
            #expect(UInt(swift.nextOutput()) == gsl_rng_get(gsl.generator))
        }
        #expect(swift.state == gsl.state)
    }

    @Test("Uniform integers equal GSL's, from 1 to the generator's range", arguments: seeds)
    func uniformIntegers(seed: UInt64) {
        let swift = RandomStream(seed: seed), gsl = RandomStream(seed: seed)
        let bounds = [1, 2, 3, 7, 10, 256, 1_000, 65_537, 1 << 24, (1 << 31) - 1, 1 << 31, (1 << 31) + 1,
                      Int(UInt32.max) - 1, Int(UInt32.max)]
        for round in 0..<2_000 {
            let n = bounds[round % bounds.count]
            #expect(swift.uniformInt(n) == Int(gsl_rng_uniform_int(gsl.generator, UInt(n))), "n = \(n)")
        }
        #expect(swift.state == gsl.state)
    }

    @Test("Exponential, lognormal and Bernoulli draws equal GSL's", arguments: seeds)
    func distributions(seed: UInt64) {
        let swift = RandomStream(seed: seed), gsl = RandomStream(seed: seed)
        let parameters: [(Double, Double)] = [(0, 1), (1.6094379, 0.5), (1.8025851, 1), (-3, 2.5), (0.1, 1e-3)]
        for round in 0..<10_000 {
            let (mu, sigma) = parameters[round % parameters.count]
            #expect(swift.lognormal(mu: mu, sigma: sigma) == gsl_ran_lognormal(gsl.generator, mu, sigma))
            #expect(swift.exponential(mean: sigma) == gsl_ran_exponential(gsl.generator, sigma))
            #expect(swift.bernoulli(0.5) == (gsl_rng_uniform(gsl.generator) < 0.5))
        }
        #expect(swift.state == gsl.state)
    }

    @Test("Reseeding in Swift sets GSL's taus2 seeding's words", arguments: seeds)
    func seeding(seed: UInt64) {
        let swift = RandomStream(seed: 3), gsl = RandomStream(seed: seed)
        swift.reseed(seed)
        #expect(swift.state == gsl.state)
        for raw: UInt in [1, 2, 3, 7, 8, 15, 16, 17, 62_183, 0xFFFF_FFFF, 1 << 32, .max] {
            swift.seedWords(raw)
            gsl_rng_set(gsl.generator, raw)
            #expect(swift.state == gsl.state, "seed \(raw)")
        }
    }
}

extension RandomStream {
    /// The generator's three words.
    fileprivate var state: [UInt] { [words[0], words[1], words[2]] }
}

@Suite("Random stream: GSL's ziggurat with its common case in Swift")
struct RandomStreamZigguratTests {
    @Test("Normal draws equal GSL's, with the state after them", arguments: RandomStreamTaus2Tests.seeds)
    func normals(seed: UInt64) {
        let swift = RandomStream(seed: seed), gsl = RandomStream(seed: seed)
        let deviations = [1.0, 0.5, 2.5e-3, 17, -1, 0]
        for round in 0..<50_000 {
            let sd = deviations[round % deviations.count]
            #expect(swift.standardNormal() == gsl_ran_gaussian_ziggurat(gsl.generator, 1.0))
            #expect(swift.normal(mean: 0.25, standardDeviation: sd) == 0.25 + gsl_ran_gaussian_ziggurat(gsl.generator, sd))
        }
        #expect(swift.state == gsl.state)
    }

    @Test("Every step but the base strip's is settled in Swift for most of its draws")
    func stepsRead() {
        let steps = (0..<128).map { ZigguratSteps.steps[$0] }
        #expect(steps[0].threshold == 0)
        #expect(steps.dropFirst().allSatisfy { $0.threshold > 1 << 23 && $0.width > 0 })
    }
}
