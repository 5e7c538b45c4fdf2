import GSL

extension Liquidator {
    /// Seconds until it acts on a block just sealed (never negative). The delays of wake-ups
    /// passed over (``deferReactionDelay()``) are drawn first, so every delay it takes is the one
    /// it would have taken had it drawn them then.
    public func reactionDelay() -> Double {
        if deferredDelays > 0 { drawDeferredDelays() }
        return max(0, latency.sample(stream))
    }

    /// Passes over the wake-up after a sealed block without drawing its delay: the next
    /// ``reactionDelay()`` draws it first. Its stream serves only these delays, so deferring a
    /// draw changes none of them; a seal that finds it idle before the next block need not draw.
    @inlinable
    public func deferReactionDelay() { deferredDelays += 1 }

    /// Draws (and drops) the deferred delays, exactly as as many ``reactionDelay()`` calls would.
    private func drawDeferredDelays() {
        // A uniform latency takes one uniform draw a delay (``Distribution/sample(_:)``).
        if case .uniform = latency {
            stream.skipUniforms(deferredDelays)
        } else {
            for _ in 0..<deferredDelays { _ = latency.sample(stream) }
        }
        deferredDelays = 0
    }

    /// The largest reaction delay `latency` can draw, when it is uniform (+∞ otherwise): a draw
    /// is min + (max − min)·u with 0 ≤ u < 1 (``Distribution/sample(_:)``), and rounding is
    /// monotone, so no draw exceeds the value at u = 1, nor min when max < min.
    static func latestDelay(_ latency: Distribution) -> Double {
        guard case .uniform(let min, let max) = latency else { return .infinity }
        return Swift.max(0, min, min + (max - min))
    }
}
