/// One asset of the reference market: its symbol, USD price at time 0 and price process.
public struct ReferenceAsset: Sendable, Equatable {
    /// Ticker, e.g. `ETH`.
    public var symbol: String
    /// USD price at time 0, finite and > 0 (not used by a replay, which carries its own prices).
    public var initialPrice: Double
    /// How the price moves.
    public var process: PriceProcess

    public init(symbol: String, initialPrice: Double, process: PriceProcess) {
        self.symbol = symbol
        self.initialPrice = initialPrice
        self.process = process
    }
}

/// Everything that defines a reference market except the seed.
public struct ReferenceMarketSpec: Sendable, Equatable {
    /// The assets, in a fixed order (indices are used by shocks and queries).
    public var assets: [ReferenceAsset]
    /// Correlation of the assets' Brownian drivers (n×n, symmetric, unit diagonal, positive
    /// definite); nil = independent.
    public var correlation: [[Double]]?
    /// Scheduled deterministic moves.
    public var shocks: [PriceShock]
    /// Seconds between blocks (> 0).
    public var blockTime: Double
    /// The path covers blocks 0...blockCount (≥ 0).
    public var blockCount: Int

    public init(
        assets: [ReferenceAsset],
        correlation: [[Double]]? = nil,
        shocks: [PriceShock] = [],
        blockTime: Double,
        blockCount: Int
    ) {
        self.assets = assets
        self.correlation = correlation
        self.shocks = shocks
        self.blockTime = blockTime
        self.blockCount = blockCount
    }
}

extension ReferenceMarketSpec {
    /// Checks every parameter except the correlation's positive definiteness (checked by the
    /// Cholesky factorisation).
    func validate() throws(ReferenceMarketError) {
        guard !assets.isEmpty else { throw .noAssets }
        guard blockTime.isFinite, blockTime > 0 else { throw .invalidBlockTime(blockTime) }
        guard blockCount >= 0 else { throw .invalidBlockCount(blockCount) }
        for asset in assets {
            if !(asset.initialPrice.isFinite && asset.initialPrice > 0) {
                throw .invalidAsset(symbol: asset.symbol, reason: "initial price \(asset.initialPrice) must be finite and > 0")
            }
            if let reason = asset.process.validationFailure() {
                throw .invalidAsset(symbol: asset.symbol, reason: reason)
            }
        }
        for (index, shock) in shocks.enumerated() {
            if let reason = shock.validationFailure(assetCount: assets.count) {
                throw .invalidShock(index: index, reason: reason)
            }
        }
    }
}

extension ReferenceMarketSpec {
    /// Checks that `matrix` can correlate `size` assets' drivers — n×n, symmetric with a unit
    /// diagonal (to 1e-12), positive definite — exactly as the reference market's set-up will:
    /// for a scenario's decoding, which locates the failure in the file.
    /// - Throws: the ``ReferenceMarketError`` the set-up would throw.
    /// - Complexity: O(n³).
    public static func checkCorrelation(_ matrix: [[Double]], size: Int) throws(ReferenceMarketError) {
        _ = try CorrelationFactor(correlation: matrix, size: size)
    }
}
