import Foundation
import GSL

/// The "true" USD price of every asset over a replication: what arbitrageurs, oracles and the
/// metrics read (DESIGN.md §2, "Reference market").
///
/// The whole grid path — blockCount + 1 points per asset — is drawn when the market is created,
/// from the replication's stream `"market"`. Draw order (fixed; changing it changes every
/// result): asset by asset, and within an asset block by block, step k → k+1 draws one standard
/// normal Z for the Brownian driver, then — for a jump diffusion with λ > 0 only — a Poisson count N of
/// jumps with mean λΔ followed by N normal log jump sizes. Every asset draws its Z, replays
/// included (they ignore it), up to the last one whose path uses a draw (σ > 0, or jumps): the
/// assets after it draw nothing, as no draw follows theirs. Correlated drivers are L·Z with L
/// the lower-triangular Cholesky factor of the correlation matrix, so appending an asset at the
/// END of the list leaves every earlier asset's path unchanged, correlated or not; inserting one
/// earlier does not.
///
/// Between blocks k and k+1 the diffusion part of the log price follows a Brownian bridge
/// drawn from a substream keyed by k (see `ReferenceMarket+Bridge.swift`); jumps of a step
/// are placed at the end of its interval. Scheduled shocks multiply the result.
///
/// Not thread-safe (it caches the last refined interval and its last answer between blocks);
/// each replication owns its market.
public final class ReferenceMarket {
    /// Seconds in a year of 365 days: parameters are annualised with it.
    public static let secondsPerYear: Double = 365 * 86_400

    /// Number of assets.
    public let assetCount: Int
    /// Seconds between blocks.
    public let blockTime: Double
    /// The path covers blocks 0...blockCount.
    public let blockCount: Int
    /// Timestamp of the last block, seconds: blockCount·blockTime (stored: every price read
    /// checks its time against it).
    public let endTime: Double
    /// The assets' symbols, by index.
    public let symbols: [String]

    /// Block time in years (Δ of the transitions).
    let stepYears: Double
    /// Points per asset on the grid: blockCount + 1.
    let gridPoints: Int
    /// The asset processes, by index.
    let processes: [PriceProcess]
    /// Cholesky factor of the drivers' correlation.
    let factor: CorrelationFactor
    /// Log price without shocks, asset-major: `[asset * gridPoints + block]`.
    let logBase: [Double]
    /// Sum of the log jumps of step k → k+1, asset-major: `[asset * blockCount + k]`.
    let logJumps: [Double]
    /// Price with shocks on the grid, asset-major: `[asset * gridPoints + block]`.
    let gridPrices: [Double]
    /// Price without shocks on the grid, asset-major: `[asset * gridPoints + block]`; block 0 is
    /// the configured price itself (exp(log p) need not give back p: 3000 reads
    /// 2999.9999999999977), later blocks exp of the log, or the block before's price when the
    /// log did not move (so a constant asset keeps its configured price). A price between blocks
    /// moves from its interval's start by exp of the log move, so it too is the configured price
    /// where nothing moved.
    let basePrices: [Double]
    /// Shocks of each asset.
    let shocksByAsset: [[PriceShock]]
    /// When each asset's shocks move (outside it their product is a constant).
    let shockWindows: [ShockWindow]
    /// Seed of the bridge substreams: `streamSeed(replicationSeed, "market-bridge")`.
    let bridgeSeed: UInt64
    /// σ√Δ of each asset: the scale of its standard bridge.
    let bridgeScales: [Double]
    /// ``bridgeOrder``, held by the market: a read of the static costs a `swift_once` check per
    /// refinement.
    let order: [BridgeDraw] = ReferenceMarket.bridgeOrder
    /// ``drawsThrough(point:)`` by point (0 for the end points, which are not drawn), held by the
    /// market.
    ///
    /// NOTE: the formula's bit counts take ≈ 28 instructions a refinement without a
    /// population-count instruction in the baseline x86-64 target: `refineBridge` 20.1 M →
    /// 19.3 M instructions a benchmark day (warm-up + 1).
    let drawCounts: [Int] = (0..<ReferenceMarket.bridgePoints).map { point in
        point == 0 || point == ReferenceMarket.bridgeSteps ? 0 : ReferenceMarket.drawsThrough(point: point)
    }

    /// Number of leading assets whose bridges are drawn: up to the last asset with σ > 0
    /// (0 when none has one).
    let bridgedAssets: Int
    /// Whether each asset's process is a replay.
    let isReplay: [Bool]
    /// The one price of each asset whose path is flat — no diffusion, drift, jump, shock or
    /// replay, so every price between blocks is its grid price — or NaN.
    let flatPrices: [Double]

    /// The stream of the bridges, reseeded for each interval refined (`refineBridge`).
    let bridgeStream: RandomStream

    // NOTE: the three caches below and the draws' buffer are read on every price between
    // blocks (≈ 20 per block in benchmark-day); `@exclusivity(unchecked)` drops the dynamic
    // exclusivity check of each access (≈ 76 instructions; 1.2 M per 600 blocks). Safe: a market
    // belongs to one replication on one thread, and no access to them overlaps another (no
    // closure or inout escapes them).
    /// The last price answered between blocks: (time, asset, price); time NaN before the first.
    @exclusivity(unchecked) var lastAnswer: (time: Double, asset: Int, price: Double) = (.nan, -1, 0)
    /// Interval whose bridges are in `bridgeDraws` (and whose substream `bridgeStream` draws),
    /// or −1.
    @exclusivity(unchecked) var cachedInterval = -1
    /// Draws of `cachedInterval`'s substream made so far (the first `drawnCount` in its order).
    @exclusivity(unchecked) var drawnCount = 0
    /// The independent standard bridges of `cachedInterval`, `[asset * bridgePoints + point]`
    /// for the first `bridgedAssets` assets, valid for the first `drawnCount` draws; a price
    /// correlates the two points it reads. The end points stay 0 (only interior points are
    /// written). Owned by the market (allocated in `init`, freed in `deinit`).
    ///
    /// NOTE: a buffer the market owns, not an array: each refinement checked the array's
    /// uniqueness and wrote it back, and each read of a point checked its bounds; with the
    /// grid's reads unchecked, `price(asset:at:)` 30.3 M → 28.8 M instructions a benchmark day
    /// (warm-up + 1; callgrind).
    let bridgeDraws: UnsafeMutableBufferPointer<Double>

    /// Builds the market of one replication and draws its whole grid path.
    ///
    /// - Throws: ``ReferenceMarketError`` for an invalid spec (bad block time or count, asset
    ///   parameters, shocks, or a correlation matrix that is not symmetric positive definite
    ///   with unit diagonal).
    /// - Complexity: O(blockCount × assets²) time and O(blockCount × assets) memory.
    public init(spec: ReferenceMarketSpec, replicationSeed: UInt64) throws {
        try spec.validate()
        let count = spec.assets.count
        let steps = spec.blockCount
        assetCount = count
        blockTime = spec.blockTime
        blockCount = steps
        endTime = Double(steps) * spec.blockTime
        symbols = spec.assets.map(\.symbol)
        let processes = spec.assets.map(\.process)
        let stepYears = spec.blockTime / Self.secondsPerYear
        self.processes = processes
        let isReplay = processes.map { if case .replay = $0 { true } else { false } }
        self.isReplay = isReplay
        self.stepYears = stepYears
        let gridPoints = steps + 1
        self.gridPoints = gridPoints
        let factor = try spec.correlation.map { matrix throws(ReferenceMarketError) in
            try CorrelationFactor(correlation: matrix, size: count)
        } ?? CorrelationFactor(independent: count)
        self.factor = factor
        var byAsset = [[PriceShock]](repeating: [], count: count)
        for shock in spec.shocks { byAsset[shock.asset].append(shock) }
        shocksByAsset = byAsset
        let windows = byAsset.map(ShockWindow.init)
        shockWindows = windows
        bridgeSeed = SeedDerivation.streamSeed(replicationSeed: replicationSeed, name: "market-bridge")
        let bridgeScales = processes.map { $0.diffusionVolatility * stepYears.squareRoot() }
        self.bridgeScales = bridgeScales
        let bridgedAssets = (bridgeScales.lastIndex { $0 > 0 } ?? -1) + 1
        self.bridgedAssets = bridgedAssets
        bridgeStream = RandomStream(seed: bridgeSeed)
        bridgeDraws = .allocate(capacity: bridgedAssets * Self.bridgePoints)
        bridgeDraws.initialize(repeating: 0)

        // Independent draws, asset-major (see the type's documentation for the order).
        let stream = RandomStream(replicationSeed: replicationSeed, name: "market")
        var normals = [Double](repeating: 0, count: count * steps)
        var jumps = [Double](repeating: 0, count: count * steps)
        // NOTE: the draws and the transitions below go through unchecked buffers instead of a
        // checked read or write per step (bounds, overflow, uniqueness): benchmark-day's two
        // markets (warm-up + 1, 2 × 14,400 steps) 6.90 M → 6.61 M instructions.
        // NOTE: the last assets whose paths take nothing from the draws (σ√Δ = 0 and no jumps: a
        // stablecoin's constant process, a replay) draw nothing. No draw comes after theirs, and
        // their Z would enter only their own drivers (L is lower-triangular), each times a zero
        // scale: without it the term is still ±0, and a jump-free step adds +0 last, so the logs
        // are the same bits. Benchmark-day's USDC: 7,200 normals, ≈ 0.7 M instructions a
        // replication.
        let drawnAssets = (processes.indices.lastIndex { asset in
            if bridgeScales[asset] != 0 { return true }
            if case .jumpDiffusion(_, _, let intensity, _, _) = processes[asset] { return intensity * stepYears > 0 }
            return false
        } ?? -1) + 1
        normals.withUnsafeMutableBufferPointer { normals in
            jumps.withUnsafeMutableBufferPointer { jumps in
                for asset in 0..<drawnAssets {
                    let jumpParameters: (mean: Double, jumpMean: Double, jumpStdDev: Double)?
                    if case .jumpDiffusion(_, _, let intensity, let jumpMean, let jumpStdDev) = processes[asset] {
                        jumpParameters = (intensity * stepYears, jumpMean, jumpStdDev)
                    } else {
                        jumpParameters = nil
                    }
                    for step in 0..<steps {
                        normals[asset * steps + step] = stream.standardNormal()
                        if let jumpParameters, jumpParameters.mean > 0 {
                            var sum = 0.0
                            for _ in 0..<stream.poisson(mean: jumpParameters.mean) {
                                sum += stream.normal(mean: jumpParameters.jumpMean, standardDeviation: jumpParameters.jumpStdDev)
                            }
                            jumps[asset * steps + step] = sum
                        }
                    }
                }
            }
        }
        logJumps = jumps

        // Exact transitions of the log price.
        var logs = [Double](repeating: 0, count: count * gridPoints)
        var prices = [Double](repeating: 0, count: count * gridPoints)
        for asset in 0..<count {
            let row = asset * gridPoints
            let process = processes[asset]
            if case .replay(let replay) = process {
                for block in 0...steps {
                    let price = replay.price(at: Double(block) * spec.blockTime)
                    logs[row + block] = log(price)
                    prices[row + block] = price
                }
                continue
            }
            let drift = Self.diffusionLogDrift(process) * stepYears
            let scale = bridgeScales[asset]
            let initialLog = log(spec.assets[asset].initialPrice)
            // NOTE: an asset after the drawn ones (no diffusion, no jumps) without drift keeps its
            // initial log at every block — each step adds a zero drift, a ±0 diffusion term and
            // +0 jumps last: the same bits — and so its first price: filled, not stepped.
            // Benchmark-day's USDC: ≈ 45 instructions a block, 0.3 M a replication.
            if asset >= drawnAssets, drift == 0 {
                let price = spec.assets[asset].initialPrice
                logs.withUnsafeMutableBufferPointer { logs in
                    prices.withUnsafeMutableBufferPointer { prices in
                        for index in row ..< row &+ gridPoints {
                            logs[index] = initialLog
                            prices[index] = price
                        }
                    }
                }
                continue
            }
            logs.withUnsafeMutableBufferPointer { logs in
                normals.withUnsafeBufferPointer { normals in
                    jumps.withUnsafeBufferPointer { jumps in
                        logs[row] = initialLog
                        for step in 0..<steps {
                            let driver = factor.correlate(row: asset, normals, base: step, stride: steps)
                            logs[row &+ step &+ 1] = logs[row &+ step] + drift + scale * driver + jumps[asset &* steps &+ step]
                        }
                    }
                }
                // NOTE: a log equal to the previous block's gives that block's price, the same
                // bits (exp is a function): a stablecoin's constant process, whose log never
                // moves, computed an exp at every block (≈ 40 instructions; 14.4 k a benchmark
                // day, warm-up + 1).
                // Block 0 is the configured price itself: exp(log p) need not give back p
                // (3000 read as 2999.9999999999977).
                prices.withUnsafeMutableBufferPointer { prices in
                    prices[row] = spec.assets[asset].initialPrice
                    for step in 0..<steps {
                        let index = row &+ step &+ 1, logPrice = logs[index]
                        prices[index] = logPrice == logs[index &- 1] ? prices[index &- 1] : exp(logPrice)
                    }
                }
            }
        }
        basePrices = prices
        // NOTE: outside its window an asset's shock factor is the window's resting factor, the
        // same bits (ShockWindow): the product of the shocks' factors was computed (and the list
        // retained) at every block, ≈ 80 instructions each: benchmark-day full day (warm-up +
        // 1) 934.8 M → 933.7 M instructions.
        // The prices are written through an unchecked buffer: a write to the array after the
        // out-of-line product checked its uniqueness again at every block of the window.
        for asset in 0..<count where !byAsset[asset].isEmpty {
            let shocks = byAsset[asset], window = windows[asset], row = asset * gridPoints
            prices.withUnsafeMutableBufferPointer { prices in
                for block in 0...steps {
                    let time = Double(block) * spec.blockTime
                    prices[row &+ block] *= window.restingFactor(at: time) ?? Self.shockFactor(shocks, at: time)
                }
            }
        }
        logBase = logs
        gridPrices = prices
        flatPrices = (0..<count).map { asset in
            Self.isFlat(asset, logs: logs, jumps: jumps, gridPoints: gridPoints, bridgeScales: bridgeScales,
                        isReplay: isReplay, shocksByAsset: byAsset) ? prices[asset * gridPoints] : .nan
        }
    }

    deinit {
        bridgeDraws.deallocate()
    }

    /// Whether `asset`'s path is flat: not a replay, no bridge scale, no shock, no jump, and the
    /// same log price at every block. Between two of its blocks ``price(asset:at:)`` computes
    /// exp(log S_k + u·0) · 1: its grid price, to the bit.
    static func isFlat(_ asset: Int, logs: [Double], jumps: [Double], gridPoints: Int, bridgeScales: [Double],
                       isReplay: [Bool], shocksByAsset: [[PriceShock]]) -> Bool {
        let row = asset * gridPoints, steps = gridPoints - 1
        return !isReplay[asset] && bridgeScales[asset] == 0 && shocksByAsset[asset].isEmpty
            && logs[row..<row + gridPoints].allSatisfy { $0 == logs[row] }
            && jumps[asset * steps..<(asset + 1) * steps].allSatisfy { $0 == 0 }
    }

    /// The per-year drift of the log price's diffusion part: μ − σ²/2, and for a jump
    /// diffusion also − λ·(exp(m + s²/2) − 1) (the compensator).
    static func diffusionLogDrift(_ process: PriceProcess) -> Double {
        switch process {
        case .gbm(let drift, let volatility):
            return drift - volatility * volatility / 2
        case .jumpDiffusion(let drift, let volatility, let intensity, let jumpMean, let jumpStdDev):
            let meanJump = expm1(jumpMean + jumpStdDev * jumpStdDev / 2)
            return drift - intensity * meanJump - volatility * volatility / 2
        case .replay:
            return 0
        }
    }

    /// Product of the shocks' factors at `time`.
    static func shockFactor(_ shocks: [PriceShock], at time: Double) -> Double {
        var product = 1.0
        for shock in shocks { product *= shock.factor(at: time) }
        return product
    }

    /// Index of the asset called `symbol`, or nil.
    /// - Complexity: O(assets).
    public func assetIndex(symbol: String) -> Int? { symbols.firstIndex(of: symbol) }


    /// Price (USD) of `asset` at block `block`'s timestamp (block·blockTime), shocks included.
    ///
    /// - Precondition: `asset` in 0..<assetCount, `block` in 0...blockCount.
    /// - Complexity: O(1).
    public func price(asset: Int, block: Int) -> Double {
        precondition((0..<assetCount).contains(asset), "asset \(asset) is not in 0..<\(assetCount)")
        precondition((0...blockCount).contains(block), "block \(block) is not in 0...\(blockCount)")
        return gridPrices[asset * gridPoints + block]
    }
}
