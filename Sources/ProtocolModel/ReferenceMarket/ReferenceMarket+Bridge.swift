import Foundation
import GSL

/// Prices between blocks: a Brownian bridge in log space.
///
/// Between blocks k and k+1 (u = (t − kΔ)/Δ in (0, 1)) the log price is
/// log S_k + u·D + σ√Δ·B(u) (computed as S_k · exp(u·D + σ√Δ·B(u)), so it is S_k where nothing
/// moves), where D is the step's log increment without its jumps (jumps
/// happen at the END of the interval, so a price strictly inside the interval never includes
/// them) and B is a standard Brownian bridge (B(0) = B(1) = 0, Var B(u) = u(1 − u)).
///
/// B is refined dyadically to 2^4 = 16 sub-steps from the substream
/// `RandomStream(seed: mix(bridgeSeed, k))`: for each asset in order (up to the last one with
/// a diffusion: the rest are never read, so not drawn), depth first — the midpoint 8, then the
/// left half's 4, 2, 1, 3, 6, 5, 7, then the right half's 12, 10, 9, 11, 14, 13, 15 — each draw
/// the conditional N(average of the neighbours, h/4) of a bridge over a sub-interval of length
/// h. The assets' independent bridges are then correlated with the same Cholesky
/// factor as the grid. Values between the 17 points are linear. The result is a function of
/// (seed, asset, time) only; the cache of the last refined interval only saves work.
extension ReferenceMarket {
    /// Dyadic refinement depth of a bridge.
    ///
    /// NOTE: 4, not 6 (docs/design-notes.md, "Between blocks"): reads come early in an interval,
    /// and the level order made them draw every coarser level of a 64-step bridge first — 45 GSL
    /// normals per 12-s interval in benchmark-day, 11 at depth 4; `price(asset:at:)` 89.9 M →
    /// 37.4 M instructions (full day, warm-up + 1 replication); drawn depth first (``bridgeOrder``),
    /// 8.6 normals, 34.4 M. The linear interpolation between
    /// 16 sub-steps loses at most 1/64 of σ²Δ (σ = 0.8, 12-s blocks: a sub-step's standard
    /// deviation ≈ 1 bp, far below a pool's fee).
    static let bridgeDepth = 4
    /// Sub-steps of a refined bridge: 2^bridgeDepth.
    static let bridgeSteps = 1 << bridgeDepth
    /// Points of a refined bridge, both ends included.
    static let bridgePoints = bridgeSteps + 1

    /// Price (USD) of `asset` at `time` seconds, shocks included: exact on the block grid, a
    /// Brownian bridge in between (replays: their linear interpolation).
    ///
    /// Deterministic: the same (seed, asset, time) gives the same value whatever was asked
    /// before.
    /// - Precondition: `asset` in 0..<assetCount, `time` in 0...endTime.
    /// - Complexity: O(1) when the interval of `time` was the last one refined; otherwise
    ///   O(bridgeSteps × assets²) to refine it.
    public func price(asset: Int, at time: Double) -> Double {
        // NOTE: two comparisons, not a range's `contains`: building the range checks its bounds
        // at each of the ≈ 122 k reads a benchmark day (763.6 M → 763.2 M instructions, warm-up + 1).
        precondition(asset >= 0 && asset < assetCount, "asset \(asset) is not in 0..<\(assetCount)")
        precondition(time >= 0 && time <= endTime, "time \(time) is not in 0...\(endTime)")
        // NOTE: a flat asset (a stablecoin's constant process) answers its one price: its read
        // went through the interval search and an exp (≈ 150 instructions; ≈ 40 k reads in
        // benchmark-day, full day, warm-up + 1: noise traders' and arbitrageurs' USDC).
        let flat = flatPrices[asset]
        if !flat.isNaN { return flat }
        // NOTE: an agent reads one asset several times at one moment (an arbitrageur: the native
        // asset for its gas, then as a pool token); the last answer between blocks is kept
        // (≈ 200 instructions per repeated read).
        if time == lastAnswer.time, asset == lastAnswer.asset { return lastAnswer.price }
        // The interval k with k·blockTime ≤ time < (k+1)·blockTime, computed exactly as block
        // timestamps are, so a block's timestamp always lands on the grid.
        // NOTE: truncated, not rounded down and then converted: the same for a time ≥ 0 (the
        // precondition), without a call to `floor` (≈ 55 k reads between blocks a benchmark day;
        // with the stored end time, `price(asset:at:)` 33.2 M → 32.6 M instructions, warm-up + 1).
        var block = Int(time / blockTime)
        if Double(block) * blockTime > time { block -= 1 }
        if block < blockCount, Double(block + 1) * blockTime <= time { block += 1 }
        let start = Double(block) * blockTime
        if start == time || block >= blockCount { return gridPrices[asset * gridPoints + block] }
        return price(asset: asset, at: time, inBlockInterval: block, from: start)
    }

    /// ``price(asset:at:)`` strictly inside the interval of block `block`, which starts at
    /// `start` seconds.
    ///
    /// NOTE: out of line, so the reads answered above (flat assets, grid times, a repeated
    /// read: ≈ 94 k of ≈ 122 k reads a benchmark day) save no registers for the bridge's work:
    /// `price(asset:at:)` 31.8 M → 30.6 M instructions a benchmark day (warm-up + 1).
    @inline(never)
    private func price(asset: Int, at time: Double, inBlockInterval block: Int, from start: Double) -> Double {
        let shock = shockWindows[asset].restingFactor(at: time) ?? Self.shockFactor(shocksByAsset[asset], at: time)
        if isReplay[asset], case .replay(let replay) = processes[asset] {
            let price = replay.price(at: time) * shock
            lastAnswer = (time, asset, price)
            return price
        }

        let fraction = (time - start) / blockTime
        // NOTE: the grid's logs and jumps read through unchecked buffers, with wrapping index
        // arithmetic: `asset` and `block` are in range (the caller's preconditions), so every
        // index is within the arrays (checked in debug builds).
        let row = asset &* gridPoints &+ block
        let diffusion = logBase.withUnsafeBufferPointer { logs in
            logJumps.withUnsafeBufferPointer { jumps in
                logs[row &+ 1] - logs[row] - jumps[asset &* blockCount &+ block]
            }
        }
        let startPrice = basePrices.withUnsafeBufferPointer { $0[row] }
        var logMove = fraction * diffusion
        let scale = bridgeScales[asset]
        if scale > 0 {
            let position = fraction * Double(Self.bridgeSteps)
            let index = min(Int(position), Self.bridgeSteps - 1)
            let weight = position - Double(index)
            refineBridge(interval: block, asset: asset, points: index)
            // The correlated bridge at the two points read, L·Z as the grid's drivers.
            let draws = UnsafeBufferPointer(bridgeDraws)
            let left = factor.correlate(row: asset, draws, base: index, stride: Self.bridgePoints)
            let right = factor.correlate(row: asset, draws, base: index &+ 1, stride: Self.bridgePoints)
            let bridge = left + weight * (right - left)
            logMove += scale * bridge
        }
        let price = startPrice * exp(logMove) * shock
        lastAnswer = (time, asset, price)
        return price
    }

    /// Standard deviation of the draw that bisects a sub-interval of 2^(z+1) sub-steps,
    /// indexed by z: √(2^(z+1)/bridgeSteps) / 2, as the plain refinement computes it.
    static let bridgeDeviations: [Double] = (0..<bridgeDepth).map { z in
        (Double(2 << z) / Double(bridgeSteps)).squareRoot() / 2
    }

    /// One draw of a standard bridge: the point it sets, the two points whose average it is
    /// drawn around, and its standard deviation.
    struct BridgeDraw: Sendable, Equatable {
        let left: Int
        let point: Int
        let right: Int
        let standardDeviation: Double
    }

    /// The bridgeSteps − 1 draws of one asset's bridge in the substream's order: depth first
    /// (pre-order), each sub-interval's midpoint, then its left half's points, then its right
    /// half's (8; 4; 2; 1, 3; 6; 5, 7; 12; …).
    static let bridgeOrder: [BridgeDraw] = {
        var draws: [BridgeDraw] = []
        func bisect(_ left: Int, _ right: Int) {
            let half = (right - left) / 2
            guard half > 0 else { return }
            draws.append(BridgeDraw(left: left, point: left + half, right: right,
                                    standardDeviation: bridgeDeviations[half.trailingZeroBitCount]))
            bisect(left, left + half)
            bisect(left + half, right)
        }
        bisect(0, bridgeSteps)
        return draws
    }()

    /// Draws in the substream (from its start) that `point` (1..<bridgeSteps) of an asset's
    /// bridge needs: its place in the depth-first order, counting from 1. On the way down from
    /// the midpoint to `point` = (2m+1)·2^z (d − z levels, d = bridgeDepth), each step draws one
    /// midpoint, and a step to the right half of a sub-interval of 2h sub-steps first passes
    /// the h − 1 points of its left half: d − z + Σ(h − 1) over the right steps, where the h
    /// of the right steps are the bits of `point` above its lowest (Σh = point & (point − 1),
    /// their count popcount(point) − 1).
    static func drawsThrough(point: Int) -> Int {
        bridgeDepth - point.trailingZeroBitCount + (point & (point - 1)) - point.nonzeroBitCount + 1
    }

    /// Makes the independent standard bridges of `interval` hold `asset`'s points `points` and
    /// `points + 1`: reseeds the bridge stream when the interval changes, then draws on in the
    /// substream's order just as far as those points need (the earlier assets' bridges, which
    /// the correlation reads, come before them in the substream).
    ///
    /// NOTE: a read draws only the points the depth-first order puts before the two it needs, so
    /// an interval read only in its first half never draws the second half's points: 8.6 of the
    /// 15 GSL draws per interval on average (benchmark-day, full day; agents' wake-ups fall
    /// anywhere in the interval). Each draw reads its points and deviation from ``bridgeOrder``
    /// (held by the market as `order`) instead of working out its place in the tree.
    /// - Complexity: O(bridgeSteps × assets) per interval in all, no allocation.
    func refineBridge(interval: Int, asset: Int, points index: Int) {
        if cachedInterval != interval {
            bridgeStream.reseed(SeedDerivation.mix(bridgeSeed, UInt64(interval)))
            cachedInterval = interval
            drawnCount = 0
        }
        let interior = Self.bridgeSteps - 1
        // The later of the two points in the substream: the odd one (the other is an end point
        // or at a coarser level, drawn earlier). `index` is in 0..<bridgeSteps.
        let point = index | 1
        var drawn = drawnCount
        let target = drawCounts.withUnsafeBufferPointer { asset &* interior &+ $0[point] }
        guard drawn < target else { return }
        let stream = bridgeStream, draws = bridgeDraws
        order.withUnsafeBufferPointer { order in
            // Runs of draws within one asset's bridge: from its `next` draw on, through its
            // last or the target. Wrapping index arithmetic: every index is below
            // assets × 65, and the buffers check their bounds in debug builds.
            while drawn < target {
                let drawnAsset = drawn / interior
                let base = drawnAsset &* Self.bridgePoints
                let next = drawn &- drawnAsset &* interior
                let end = min(interior, next &+ (target &- drawn))
                for place in next..<end {
                    // NOTE: the normal is drawn before the draw's points are read (the same
                    // values: the call writes none of them), so nothing read is held across the
                    // call in spilled registers: 729.5 M → 728.9 M instructions a benchmark day
                    // (≈ 123 k draws, warm-up + 1; callgrind).
                    let normal = stream.standardNormal()
                    let draw = order[place]
                    let average = (draws[base &+ draw.left] + draws[base &+ draw.right]) / 2
                    draws[base &+ draw.point] = average + draw.standardDeviation * normal
                }
                drawn &+= end &- next
            }
        }
        drawnCount = drawn
    }
}
