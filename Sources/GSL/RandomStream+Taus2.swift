import CGSL

/// taus2 stepped in Swift, on the state of the stream's GSL generator.
///
/// GSL reaches taus2 through two calls (`gsl_rng_uniform`, then the generator type's `get`
/// through a function pointer); the combined Tausworthe step itself is a dozen instructions
/// (L'Ecuyer 1996, Math. Comp. 65: ``Taus2Jump`` has the three components). Stepping the same
/// three words here draws exactly what GSL draws — the same outputs in the same order, and the
/// words GSL's own functions (`gsl_ran_poisson`, …) then read — without the calls.
///
/// NOTE: the same values without GSL's calls: benchmark-day's uniforms (≈ 100 k a replication:
/// the arbitrageurs' wake-up and participation draws, the noise traders' sides, pools, arrivals
/// and lognormal sizes), the bridges' reseeding (≈ 7 k a replication) and, with the ziggurat's
/// common case (``RandomStream/standardNormal()``), their ≈ 61 k normals: 561.10 M → 553.37 M
/// instructions (warm-up + 1; callgrind), 205.86 M → 201.63 M a replication. `uniform()` is
/// `@inline(__always)`: left to the optimiser it stayed a call from the agents' module
/// (drawWakeUp 110 → 98 instructions).
extension RandomStream {
    /// The generator's next output (GSL's `gsl_rng_get` for taus2): one step of each of the
    /// three components, their exclusive or. The words stay below 2³², as GSL keeps them.
    @inlinable @inline(__always)
    func nextOutput() -> UInt32 {
        let s1 = UInt32(truncatingIfNeeded: words[0])
        let s2 = UInt32(truncatingIfNeeded: words[1])
        let s3 = UInt32(truncatingIfNeeded: words[2])
        let t1 = ((s1 & 0xFFFF_FFFE) &<< 12) ^ (((s1 &<< 13) ^ s1) &>> 19)
        let t2 = ((s2 & 0xFFFF_FFF8) &<< 4) ^ (((s2 &<< 2) ^ s2) &>> 25)
        let t3 = ((s3 & 0xFFFF_FFF0) &<< 17) ^ (((s3 &<< 3) ^ s3) &>> 11)
        words[0] = UInt(t1)
        words[1] = UInt(t2)
        words[2] = UInt(t3)
        return t1 ^ t2 ^ t3
    }

    /// Sets the words as GSL's taus2 seeding does from the `unsigned long` `seed` (not 0):
    /// three steps of the LCG x ↦ 69069·x mod 2³², each word raised past the bits its
    /// component ignores (below 2, 8, 16), then six outputs discarded.
    @usableFromInline
    func seedWords(_ seed: UInt) {
        let s1 = (69_069 &* seed) & 0xFFFF_FFFF
        words[0] = s1 < 2 ? s1 + 2 : s1
        let s2 = (69_069 &* words[0]) & 0xFFFF_FFFF
        words[1] = s2 < 8 ? s2 + 8 : s2
        let s3 = (69_069 &* words[1]) & 0xFFFF_FFFF
        words[2] = s3 < 16 ? s3 + 16 : s3
        for _ in 0..<6 { _ = nextOutput() }
    }

    /// The words of taus2's state inside `generator` (GSL's `taus_state_t`: three `unsigned
    /// long`).
    static func stateWords(of generator: UnsafeMutablePointer<gsl_rng>) -> UnsafeMutablePointer<UInt> {
        guard gsl_rng_size(generator) == 3 * MemoryLayout<UInt>.size,
              let state = generator.pointee.state?.assumingMemoryBound(to: UInt.self) else {
            fatalError("GSL's taus2 state is not three unsigned long words")
        }
        return state
    }
}
