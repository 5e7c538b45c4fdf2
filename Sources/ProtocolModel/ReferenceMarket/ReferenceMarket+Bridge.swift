import Foundation
import GSL

/// Prices between blocks: a Brownian bridge in log space.
///
/// Between blocks k and k+1 (u = (t − kΔ)/Δ in (0, 1)) the log price is
/// log S_k + u·D + σ√Δ·B(u), where D is the step's log increment without its jumps (jumps
/// happen at the END of the interval, so a price strictly inside the interval never includes
/// them) and B is a standard Brownian bridge (B(0) = B(1) = 0, Var B(u) = u(1 − u)).
///
/// B is refined dyadically to 2^6 = 64 sub-steps from the substream
/// `RandomStream(seed: mix(bridgeSeed, k))`: for each asset in order (up to the last one with
/// a diffusion: the rest are never read, so not drawn), the midpoint 32, then the
/// quarter points 16 and 48, then 8, 24, 40, 56, … (each level left to right), each draw
/// the conditional N(average of the neighbours, h/4) of a bridge over a sub-interval of
/// length h. The assets' independent bridges are then correlated with the same Cholesky factor
/// as the grid. Values between the 65 points are linear. The result is a function of
/// (seed, asset, time) only; the cache of the last refined interval only saves work.
extension ReferenceMarket {
    /// Dyadic refinement depth of a bridge.
    static let bridgeDepth = 6
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
    ///   O(64 × assets²) to refine it.
    public func price(asset: Int, at time: Double) -> Double {
        precondition((0..<assetCount).contains(asset), "asset \(asset) is not in 0..<\(assetCount)")
        precondition(time >= 0 && time <= endTime, "time \(time) is not in 0...\(endTime)")
        // NOTE: an agent reads one asset several times at one moment (an arbitrageur: the native
        // asset for its gas, then as a pool token); the last answer between blocks is kept
        // (≈ 200 instructions per repeated read).
        if time == lastAnswer.time, asset == lastAnswer.asset { return lastAnswer.price }
        // The interval k with k·blockTime ≤ time < (k+1)·blockTime, computed exactly as block
        // timestamps are, so a block's timestamp always lands on the grid.
        var block = Int((time / blockTime).rounded(.down))
        if Double(block) * blockTime > time { block -= 1 }
        if block < blockCount, Double(block + 1) * blockTime <= time { block += 1 }
        let start = Double(block) * blockTime
        if start == time || block >= blockCount { return gridPrices[asset * gridPoints + block] }

        // Without shocks the factor is the empty product, 1: skip the call (and the array's retain).
        let shock = shocksByAsset[asset].isEmpty ? 1 : Self.shockFactor(shocksByAsset[asset], at: time)
        if isReplay[asset], case .replay(let replay) = processes[asset] {
            let price = replay.price(at: time) * shock
            lastAnswer = (time, asset, price)
            return price
        }

        let fraction = (time - start) / blockTime
        let row = asset * gridPoints + block
        let diffusion = logBase[row + 1] - logBase[row] - logJumps[asset * blockCount + block]
        var logPrice = logBase[row] + fraction * diffusion
        let scale = bridgeScales[asset]
        if scale > 0 {
            if cachedInterval != block { refineBridge(interval: block) }
            let position = fraction * Double(Self.bridgeSteps)
            let index = min(Int(position), Self.bridgeSteps - 1)
            let weight = position - Double(index)
            // The correlated bridge at the two points read, L·Z as the grid's drivers.
            let left = factor.correlate(row: asset, bridgeDraws, base: index, stride: Self.bridgePoints)
            let right = factor.correlate(row: asset, bridgeDraws, base: index + 1, stride: Self.bridgePoints)
            let bridge = left + weight * (right - left)
            logPrice += scale * bridge
        }
        let price = exp(logPrice) * shock
        lastAnswer = (time, asset, price)
        return price
    }

    /// Draws the independent standard bridges of `interval` into the cache.
    ///
    /// Only the first ``bridgedAssets`` assets are drawn: the assets after them have no
    /// diffusion (their bridges are never read), and their draws come last in the substream, so
    /// leaving them out changes no value that is read. They are correlated where they are read
    /// (`price(asset:at:)`): two points of the 65 (Σ_{j ≤ i} L[i][j]·Z_j, the same sum in the
    /// same order as correlating all of them).
    /// - Complexity: O(64 × bridgedAssets), no allocation.
    func refineBridge(interval: Int) {
        let stream = bridgeStream
        stream.reseed(SeedDerivation.mix(bridgeSeed, UInt64(interval)))
        let points = Self.bridgePoints, steps = Self.bridgeSteps, assets = bridgedAssets
        // NOTE: unsafe buffers into reused storage instead of a fresh array checked on every
        // write: with the skipped constant assets, 27 k → 7 k instructions per interval
        // (callgrind, benchmark-day idle blocks), the same draws in the same order. One stream
        // reseeded instead of a new one, and two points correlated where read instead of all
        // 65: 8.9 k → 7.2 k per interval (benchmark-day; 5.4 k of them are the 63 GSL draws).
        bridgeDraws.withUnsafeMutableBufferPointer { draws in
            for asset in 0..<assets {
                let base = asset * points
                var step = steps
                while step > 1 {
                    let half = step / 2
                    let standardDeviation = (Double(step) / Double(steps)).squareRoot() / 2
                    var left = base
                    while left < base + steps {
                        let average = (draws[left] + draws[left + step]) / 2
                        draws[left + half] = average + standardDeviation * stream.standardNormal()
                        left += step
                    }
                    step = half
                }
            }
        }
        cachedInterval = interval
    }
}
