import ProtocolModel

/// Reference USD prices at one time, each asset read once: the block's accounting reads the
/// same assets for its pools' and its oracles' deviations. The last two assets read are kept (a
/// market of two assets in the common case; no array to allocate). The market is passed to each
/// read, not held: holding it cost a retain and a release per block.
struct ReferencePrices {
    /// Seconds: when the prices are read.
    let time: Double
    private var last: (asset: Int, price: Double)?
    private var previous: (asset: Int, price: Double)?

    init(at time: Double) {
        self.time = time
    }

    /// `market`'s price of its asset `asset` at ``time`` (``ReferenceMarket/price(asset:at:)``);
    /// `market` must be the same in every call.
    mutating func usdPrice(of asset: Int, in market: ReferenceMarket) -> Double {
        if let last, last.asset == asset { return last.price }
        if let previous, previous.asset == asset { return previous.price }
        let price = market.price(asset: asset, at: time)
        previous = last
        last = (asset, price)
        return price
    }
}
