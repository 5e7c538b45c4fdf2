/// Seed derivation, exactly as DESIGN.md §2 specifies.
///
/// - A replication's seed is `mix(scenarioSeed, replication)`; the sweep point is deliberately
///   not an input, so every sweep point sees the same market (common random numbers).
/// - Each stochastic source gets its own stream seeded with
///   `mix(replicationSeed, fnv1a(streamName))`.
///
/// `mix` is SplitMix64 (Steele, Lea & Flood, "Fast splittable pseudorandom number generators",
/// OOPSLA 2014) applied to the sum of the first input and a golden-ratio multiple of the second.
/// Swift's `Hasher` is never used: it is seeded per process.
public enum SeedDerivation {
    /// SplitMix64's finaliser: a bijective avalanche of 64 bits.
    @inlinable
    public static func splitMix64(_ value: UInt64) -> UInt64 {
        var z = value &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Combines a seed with a key: `splitMix64(seed + splitMix64(key))`.
    ///
    /// Keying the second argument through the finaliser first keeps `mix(s, k)` and
    /// `mix(s + 1, k - 1)`-style collisions from lining up.
    @inlinable
    public static func mix(_ seed: UInt64, _ key: UInt64) -> UInt64 {
        splitMix64(seed &+ splitMix64(key))
    }

    /// 64-bit FNV-1a of the UTF-8 bytes of `name`.
    @inlinable
    public static func fnv1a(_ name: String) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in name.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return hash
    }

    /// The seed of replication `replication` of a scenario run with `scenarioSeed`.
    @inlinable
    public static func replicationSeed(scenarioSeed: UInt64, replication: Int) -> UInt64 {
        mix(scenarioSeed, UInt64(truncatingIfNeeded: replication))
    }

    /// The seed of the stream called `name` within a replication.
    @inlinable
    public static func streamSeed(replicationSeed: UInt64, name: String) -> UInt64 {
        mix(replicationSeed, fnv1a(name))
    }
}
