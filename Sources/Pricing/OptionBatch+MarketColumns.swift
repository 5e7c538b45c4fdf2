/// The three columns of an `OptionBatch` that move with the market — spot, time to expiry and
/// volatility — as writable buffers of `count` elements each, valid only inside
/// `OptionBatch.withMarketColumns(_:)` (the pointers must not escape it).
public struct OptionMarketColumns {
    /// Spot S (or forward F), per option.
    public let spots: UnsafeMutableBufferPointer<Double>
    /// Expiry T in years, per option.
    public let expiries: UnsafeMutableBufferPointer<Double>
    /// Volatility σ per √year, per option.
    public let volatilities: UnsafeMutableBufferPointer<Double>
}

extension OptionBatch {
    /// Calls `body` with the spot, expiry and volatility columns writable in place, so a
    /// revaluation that rewrites them for a batch of fixed contracts does so in one pass,
    /// without a uniqueness check per element.
    ///
    /// - Complexity: O(1) plus `body`; O(count) when a column is shared with another batch
    ///   and must first be copied.
    public mutating func withMarketColumns<R>(_ body: (OptionMarketColumns) throws -> R) rethrows -> R {
        try spots.withUnsafeMutableBufferPointer { spots in
            try expiries.withUnsafeMutableBufferPointer { expiries in
                try volatilities.withUnsafeMutableBufferPointer { volatilities in
                    try body(OptionMarketColumns(spots: spots, expiries: expiries, volatilities: volatilities))
                }
            }
        }
    }
}
