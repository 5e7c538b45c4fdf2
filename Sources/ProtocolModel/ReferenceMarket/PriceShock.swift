import Foundation

/// A deterministic scheduled price move of one asset.
///
/// From `at` over `over` seconds the price is multiplied by (1 + `move`), progressing
/// log-linearly in time; with `over` = 0 it is a jump at `at`, effective for t ≥ `at`.
/// Shocks multiply the stochastic path: price(t) = base(t) × Π factor_i(t).
public struct PriceShock: Sendable, Equatable {
    /// Start of the move, seconds from the scenario start.
    public var at: Double
    /// Index of the asset in ``ReferenceMarketSpec/assets``.
    public var asset: Int
    /// Relative move, > −1 (−0.3 is a 30 % fall).
    public var move: Double
    /// Duration of the move in seconds, ≥ 0.
    public var over: Double

    public init(at: Double, asset: Int, move: Double, over: Double) {
        self.at = at
        self.asset = asset
        self.move = move
        self.over = over
    }

    /// The multiplier this shock applies at `time`: 1 before `at`, (1 + move)^f while
    /// f = (time − at)/over runs from 0 to 1, then 1 + move.
    public func factor(at time: Double) -> Double {
        guard time >= at else { return 1 }
        guard over > 0, time < at + over else { return 1 + move }
        return exp((time - at) / over * log1p(move))
    }

    /// The reason the shock is invalid for a market of `assetCount` assets, or nil.
    func validationFailure(assetCount: Int) -> String? {
        if !at.isFinite { return "time \(at) is not finite" }
        if !(0..<assetCount).contains(asset) { return "asset index \(asset) is not in 0..<\(assetCount)" }
        if !(move.isFinite && move > -1) { return "move \(move) must be finite and > −1" }
        if !(over.isFinite && over >= 0) { return "duration \(over) must be finite and ≥ 0" }
        return nil
    }
}
