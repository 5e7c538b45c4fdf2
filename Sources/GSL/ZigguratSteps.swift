import CGSL

/// One of the 128 steps of GSL's Gaussian ziggurat (`gsl_ran_gaussian_ziggurat`, after Marsaglia
/// and Tsang 2000): an output k of the generator picks the step k mod 128, the sign (bit 7) and
/// j = k >> 8 below 2²⁴; when j is below the step's `threshold` GSL accepts at once and draws
/// ±σ·(j·`width`), without another output.
@usableFromInline
struct ZigguratStep {
    /// GSL accepts at once iff j is below it (0: never).
    @usableFromInline let threshold: UInt32
    /// The x of a unit j in the step.
    @usableFromInline let width: Double
}

/// GSL's ziggurat steps, read back from GSL.
///
/// GSL keeps its tables static; ``steps`` asks its function for them once, with a probing
/// generator whose first output is chosen: the draw of j = 1 in a step, accepted at once,
/// is its width (1·width·(±1)·1 exactly), and the threshold is the least j not accepted at once
/// (a binary search over j; accepted at once means: one output and no uniform taken). The
/// values are GSL's own, whatever its version's tables; a step whose draws do not look as
/// above gets threshold 0, so ``RandomStream/standardNormal()`` leaves all of it to GSL.
enum ZigguratSteps {
    /// The 128 steps, allocated once, never freed, read-only after that.
    nonisolated(unsafe) static let steps: UnsafePointer<ZigguratStep> = {
        let steps = UnsafeMutablePointer<ZigguratStep>.allocate(capacity: 128)
        for index in 0..<128 { (steps + index).initialize(to: step(index)) }
        return UnsafePointer(steps)
    }()

    /// What the probing generator did during one draw.
    private struct Probe {
        /// The first output to give.
        var first: UInt = 0
        /// Outputs given.
        var outputs = 0
        /// Uniforms given.
        var uniforms = 0
    }

    /// Step `index` as GSL's ziggurat draws it.
    private static func step(_ index: Int) -> ZigguratStep {
        let never = ZigguratStep(threshold: 0, width: 0)
        // j = 1 in the positive half of the step.
        guard let width = drawnAtOnce(step: index, j: 1) else { return never }
        var accepted: UInt32 = 1, refused: UInt32 = 1 << 24
        while refused - accepted > 1 {
            let middle = accepted + (refused - accepted) / 2
            if let x = drawnAtOnce(step: index, j: middle) {
                guard x == Double(middle) * width else { return never }
                accepted = middle
            } else {
                refused = middle
            }
        }
        return ZigguratStep(threshold: refused, width: width)
    }

    /// GSL's standard normal when the generator's first output holds step `index`, the positive
    /// sign and `j`, or nil when GSL took anything more than that output.
    private static func drawnAtOnce(step index: Int, j: UInt32) -> Double? {
        GSLLibrary.configure()
        var probe = Probe(first: UInt(j) << 8 | 0x80 | UInt(index))
        let name: StaticString = "advsim-ziggurat-probe"
        var type = gsl_rng_type(
            name: UnsafeRawPointer(name.utf8Start).assumingMemoryBound(to: CChar.self),
            max: 0xFFFF_FFFF, min: 0, size: MemoryLayout<Probe>.size,
            set: { _, _ in },
            get: { state in
                let probe = state!.assumingMemoryBound(to: Probe.self)
                probe.pointee.outputs += 1
                // After the first, outputs GSL accepts at once: j = 0 in steps 1…127.
                return probe.pointee.outputs == 1 ? probe.pointee.first : UInt(0x80 | (1 + probe.pointee.outputs % 127))
            },
            get_double: { state in
                state!.assumingMemoryBound(to: Probe.self).pointee.uniforms += 1
                return 0.5
            })
        let x = withUnsafeMutablePointer(to: &type) { type in
            withUnsafeMutablePointer(to: &probe) { probe in
                var generator = gsl_rng(type: type, state: UnsafeMutableRawPointer(probe))
                return gsl_ran_gaussian_ziggurat(&generator, 1.0)
            }
        }
        return probe.outputs == 1 && probe.uniforms == 0 ? x : nil
    }
}
