import CGSL
import Foundation

/// One stream of random numbers: owns one GSL generator (`gsl_rng_taus2`).
///
/// Why taus2: it is GSL's fastest generator of good quality (≈ 5.7 ns per uniform here against
/// ≈ 9.5 ns for mt19937, ../shared/research/feasibility.md §1), maximally equidistributed
/// (L'Ecuyer 1996, Math. Comp. 65), with period 2^88 — far beyond the ≤ 10^9 draws a
/// replication makes — and a 12-byte state, so the thousands of streams of a batch are cheap
/// to create. Both taus2 and mt19937 fail only the linear-complexity tests of TestU01's
/// BigCrush, which no simulation here can detect; ranlxd2 passes them but is ~10× slower.
///
/// A stream is not thread-safe; every replication, and every stochastic source inside it,
/// owns its own (DESIGN.md §2).
public final class RandomStream {
    @usableFromInline
    let generator: UnsafeMutablePointer<gsl_rng>
    /// taus2's three words inside `generator`, stepped in Swift for the draws GSL would make
    /// the same way (``nextOutput()``).
    @usableFromInline
    let words: UnsafeMutablePointer<UInt>
    /// GSL's ziggurat steps (``ZigguratSteps``), held by the stream: a read of the static costs
    /// a `swift_once` check per draw.
    @usableFromInline
    let zigguratSteps: UnsafePointer<ZigguratStep> = ZigguratSteps.steps

    /// The 64-bit seed this stream was created (or last ``reseed(_:)``ed) with.
    public private(set) var seed: UInt64

    /// Creates a stream from a 64-bit seed.
    ///
    /// taus2 seeds from an `unsigned long` through an LCG; a seed of 0 would be replaced by
    /// GSL's default, so 0 is mapped to a fixed non-zero value first.
    public init(seed: UInt64) {
        GSLLibrary.configure()
        guard let generator = gsl_rng_alloc(cgsl_rng_taus2()) else {
            fatalError("gsl_rng_alloc failed: out of memory")
        }
        self.generator = generator
        words = Self.stateWords(of: generator)
        self.seed = seed
        gsl_rng_set(generator, Self.generatorSeed(seed))
    }

    /// Restarts the stream from `seed`: afterwards it draws exactly what a new
    /// `RandomStream(seed: seed)` would, without allocating a generator.
    ///
    /// NOTE: the reference market draws each block interval's bridge from its own seed; a
    /// reseed instead of a new stream saves ≈ 800 instructions per interval (an allocation and
    /// a free of the generator and of this object). Seeded in Swift as `gsl_rng_set` seeds
    /// taus2 (``seedWords(_:)``): ≈ 160 instructions through GSL's calls.
    public func reseed(_ seed: UInt64) {
        self.seed = seed
        seedWords(Self.generatorSeed(seed))
    }

    /// The `unsigned long` seed given to GSL: taus2 would replace 0 by its default seed, so 0
    /// is mapped to a fixed non-zero value first.
    private static func generatorSeed(_ seed: UInt64) -> UInt { UInt(seed == 0 ? 0x5EED : seed) }

    /// Creates the stream called `name` of a replication (DESIGN.md §2).
    public convenience init(replicationSeed: UInt64, name: String) {
        self.init(seed: SeedDerivation.streamSeed(replicationSeed: replicationSeed, name: name))
    }

    deinit {
        gsl_rng_free(generator)
    }

    /// A uniform double in [0, 1): the generator's output over 2³², as `gsl_rng_uniform`.
    @inlinable @inline(__always) public func uniform() -> Double { Double(nextOutput()) * 0x1p-32 }

    /// Advances the stream past `count` ``uniform()`` draws without making them: afterwards it
    /// draws exactly what it would after `count` calls of ``uniform()`` (each takes one output of
    /// the generator, as `gsl_rng_get` does).
    /// - Complexity: O(log count): a jump (``Taus2Jump``).
    // NOTE: a gsl_rng_get call per draw skipped cost ≈ 1.4 M instructions a benchmark-day
    // replication (its liquidators pass over ≈ 39 k wake-ups); with the jumps the day, warm-up
    // + 1, went 575.7 M -> 574.0 M (callgrind, the jump tables' one-time ≈ 0.5 M included).
    public func skipUniforms(_ count: Int) {
        guard count > 0 else { return }
        Taus2Jump.advance(words, by: count)
    }

    /// A uniform double in (0, 1): safe to take the logarithm of (`gsl_rng_uniform_pos`: a
    /// 0 is drawn again).
    @inlinable public func uniformPositive() -> Double {
        var draw = uniform()
        while draw == 0 { draw = uniform() }
        return draw
    }

    /// A uniform integer in [0, n), n ≥ 1: as `gsl_rng_uniform_int`, the output divided by
    /// ⌊(2³² − 1)/n⌋, drawn again while the quotient is n or more.
    // NOTE: `uniformInt` and `exponential` are `@inline(__always)`: left to the optimiser they
    // stayed calls from the noise traders (≈ 14 k each a benchmark-day replication): 552.32 M →
    // 551.99 M instructions (warm-up + 1; callgrind).
    @inlinable @inline(__always) public func uniformInt(_ n: Int) -> Int {
        precondition(n >= 1, "uniformInt needs n ≥ 1")
        // Beyond the generator's range GSL reports an error and returns 0.
        guard n <= Int(UInt32.max) else { return Int(gsl_rng_uniform_int(generator, UInt(n))) }
        let bound = UInt32(truncatingIfNeeded: n), scale = UInt32.max / bound
        var draw = nextOutput() / scale
        while draw >= bound { draw = nextOutput() / scale }
        return Int(draw)
    }

    /// A standard normal draw (GSL's ziggurat).
    @inlinable public func standardNormal() -> Double { gaussian(1.0) }

    /// A normal draw with the given mean and standard deviation.
    @inlinable public func normal(mean: Double, standardDeviation: Double) -> Double {
        mean + gaussian(standardDeviation)
    }

    /// `gsl_ran_gaussian_ziggurat(generator, sigma)`: its common case, a draw its first output
    /// settles, in Swift (``ZigguratSteps``); otherwise the words are put back and GSL draws.
    // NOTE: ≈ 99 % of draws settle at once. GSL's call cost ≈ 86 instructions a draw; the
    // bridges' loop now takes ≈ 50 a draw, the taus2 step included (benchmark-day: ≈ 61 k
    // draws a replication; `refineBridge` 17.9 M → 12.8 M, warm-up + 1, with the reseeding).
    @inlinable @inline(__always)
    func gaussian(_ sigma: Double) -> Double {
        let s1 = words[0], s2 = words[1], s3 = words[2]
        let output = nextOutput()
        let step = zigguratSteps[Int(output & 0x7F)]
        let j = output &>> 8
        if j < step.threshold { return (output & 0x80 != 0 ? sigma : -sigma) * (Double(j) * step.width) }
        words[0] = s1
        words[1] = s2
        words[2] = s3
        return gsl_ran_gaussian_ziggurat(generator, sigma)
    }

    /// A lognormal draw: exp(N(mu, sigma²)), by `gsl_ran_lognormal`'s polar method: a point
    /// (u, v) uniform in the square (−1, 1)², drawn again until it falls inside the unit disc
    /// (and is not its centre), gives the normal u·√(−2 ln r² / r²).
    @inlinable @inline(never) public func lognormal(mu: Double, sigma: Double) -> Double {
        var u: Double, radiusSquared: Double
        repeat {
            u = -1 + 2 * uniform()
            let v = -1 + 2 * uniform()
            radiusSquared = u * u + v * v
        } while radiusSquared > 1.0 || radiusSquared == 0
        let normal = u * (-2.0 * log(radiusSquared) / radiusSquared).squareRoot()
        return exp(sigma * normal + mu)
    }

    /// An exponential draw with the given mean: −mean · ln(1 − U), as `gsl_ran_exponential`.
    @inlinable @inline(__always) public func exponential(mean: Double) -> Double { -mean * log1p(-uniform()) }

    /// A Poisson count with the given mean.
    @inlinable public func poisson(mean: Double) -> Int { Int(gsl_ran_poisson(generator, mean)) }

    /// A gamma draw with shape k and scale θ (mean kθ).
    @inlinable public func gamma(shape: Double, scale: Double) -> Double {
        gsl_ran_gamma(generator, shape, scale)
    }

    /// A beta draw on [0, 1].
    @inlinable public func beta(a: Double, b: Double) -> Double { gsl_ran_beta(generator, a, b) }

    /// A Student-t draw with ν degrees of freedom.
    @inlinable public func studentT(degreesOfFreedom nu: Double) -> Double { gsl_ran_tdist(generator, nu) }

    /// A Pareto draw with shape a and scale b (support x ≥ b).
    @inlinable public func pareto(shape a: Double, scale b: Double) -> Double { gsl_ran_pareto(generator, a, b) }

    /// A Bernoulli trial with success probability p.
    @inlinable @inline(__always) public func bernoulli(_ p: Double) -> Bool { uniform() < p }
}
