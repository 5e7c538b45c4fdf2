extension Valuation {
    /// Values holdings at one moment of one state, reading each asset's price once.
    ///
    /// The metrics of a sealed block value many amounts (every gas payment, every swap) at the
    /// block's time on its closing state; each asset's price is then the same, so it is read
    /// once and reused. `value(_:of:state:)` returns exactly what
    /// ``Valuation/value(_:of:at:state:)`` returns at `time` for the same state: the same
    /// product of the same two factors.
    public struct Moment {
        /// The valuation whose prices are read.
        public let valuation: Valuation
        /// Seconds: when the prices are read.
        public let time: Double
        /// Price of one whole token per asset index, numeraire; NaN until read.
        private var prices: [Double]

        /// A moment with no price read yet.
        /// - Parameter assetCount: the ledger's number of assets.
        public init(_ valuation: Valuation, at time: Double, assetCount: Int) {
            self.valuation = valuation
            self.time = time
            prices = [Double](repeating: .nan, count: assetCount)
        }

        /// The value of `raw` units of `asset` in the numeraire: ``Valuation/value(_:of:at:state:)``
        /// at `time`.
        ///
        /// - Precondition: `state` is the state of every earlier call on this moment (an LP share's
        ///   price depends on its pool's reserves).
        /// - Complexity: O(1) once the asset's price was read.
        public mutating func value(_ raw: UInt128, of asset: AssetID, state: ProtocolState) -> Double {
            guard raw > 0 else { return 0 }
            var price = prices[asset.index]
            if price.isNaN {
                price = valuation.price(asset, at: time, state: state)
                prices[asset.index] = price
            }
            return TokenUnits.toDouble(raw, decimals: state.ledger.assets[asset.index].decimals) * price
        }
    }
}
