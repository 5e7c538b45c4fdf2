extension Valuation {
    /// Values holdings at one moment of one state, remembering the last two assets' prices.
    ///
    /// The metrics of a sealed block value many amounts (every gas payment, every swap) at the
    /// block's time on its closing state, mostly in one or two assets (the native asset and a
    /// pool's pair); their prices are then read once and reused. `value(_:of:state:)` returns
    /// exactly what ``Valuation/value(_:of:at:state:)`` returns at `time` for the same state:
    /// the same product of the same two factors.
    public struct Moment {
        /// The valuation whose prices are read.
        public let valuation: Valuation
        /// Seconds: when the prices are read.
        public let time: Double
        // NOTE: two remembered prices in the value itself, not an array per asset: the array's
        // allocation cost more than the reads it saved (callgrind, benchmark-day idle blocks).
        /// The last asset priced (its index) and its price in the numeraire.
        @usableFromInline var last: (asset: Int, price: Double)?
        /// The asset priced before it.
        @usableFromInline var previous: (asset: Int, price: Double)?

        /// A moment with no price read yet.
        public init(_ valuation: Valuation, at time: Double) {
            self.valuation = valuation
            self.time = time
        }

        /// The value of `raw` units of `asset` in the numeraire: ``Valuation/value(_:of:at:state:)``
        /// at `time`.
        ///
        /// - Precondition: `state` is the state of every earlier call on this moment (an LP share's
        ///   price depends on its pool's reserves).
        /// - Complexity: O(1) when `asset` is one of the last two priced.
        @inlinable
        public mutating func value(_ raw: UInt128, of asset: AssetID, state: ProtocolState) -> Double {
            // NOTE: inlinable, like ``price(_:state:)``: the world values every gas payment and swap
            // of a block through it (≈ 10 calls a block), each an out-of-line call across modules:
            // 963.3 M -> 960.8 M instructions a benchmark day (warm-up + 1).
            guard raw > 0 else { return 0 }
            let decimals = state.ledger.assets[asset.index].decimals
            return TokenUnits.toDouble(raw, decimals: decimals) * price(asset, state: state)
        }

        /// The price of one whole token of `asset` in the numeraire: ``Valuation/price(_:at:state:)``
        /// at `time`.
        @inlinable
        public mutating func price(_ asset: AssetID, state: ProtocolState) -> Double {
            if let last, last.asset == asset.index { return last.price }
            if let previous, previous.asset == asset.index { return previous.price }
            let price = valuation.price(asset, at: time, state: state)
            previous = last
            last = (asset.index, price)
            return price
        }
    }
}
