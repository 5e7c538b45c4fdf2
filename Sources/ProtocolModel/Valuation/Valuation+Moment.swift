extension Valuation {
    /// Values holdings at one moment of one state, remembering the last two assets' prices (and
    /// the last two market assets' USD prices).
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
        /// The last market asset whose USD price was read (its index) and that price.
        @usableFromInline var lastUSD: (asset: Int, price: Double)?
        /// The market asset read before it.
        @usableFromInline var previousUSD: (asset: Int, price: Double)?

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
            let price = readPrice(asset, state: state)
            previous = last
            last = (asset.index, price)
            return price
        }

        /// ``Valuation/price(_:at:state:)`` at `time`: a market asset's USD price over the
        /// numeraire's (the same quotient), each read through ``usdPrice(ofMarketAsset:)``.
        ///
        /// NOTE: the world's block accounting reads the same USD prices for its pools' and oracles'
        /// deviations through the moment that valued its gas and swaps: one reference-market read
        /// each instead of two (with the Valuation.price calls it saved, 621.9 M -> 620.5 M
        /// instructions a benchmark day, warm-up + 1). Out of line, so the inlined hit path of
        /// ``price(_:state:)`` stays small.
        @usableFromInline @inline(never)
        mutating func readPrice(_ asset: AssetID, state: ProtocolState) -> Double {
            guard asset.index < valuation.market.assetCount else { return valuation.price(asset, at: time, state: state) }
            let numeraireUSD: Double
            switch valuation.numeraire {
            case .usd: numeraireUSD = 1
            case .asset(let numeraire): numeraireUSD = usdPrice(ofMarketAsset: numeraire.index)
            }
            return usdPrice(ofMarketAsset: asset.index) / numeraireUSD
        }

        /// The reference market's USD price of its asset `index` at `time`
        /// (``ReferenceMarket/price(asset:at:)``).
        /// - Complexity: O(1) when `index` is one of the last two read.
        @inlinable
        public mutating func usdPrice(ofMarketAsset index: Int) -> Double {
            if let lastUSD, lastUSD.asset == index { return lastUSD.price }
            if let previousUSD, previousUSD.asset == index { return previousUSD.price }
            let price = valuation.market.price(asset: index, at: time)
            previousUSD = lastUSD
            lastUSD = (index, price)
            return price
        }
    }
}
