/// The unit money columns are reported in (DESIGN.md §4): USD, or one of the scenario's assets.
public enum Numeraire: Sendable, Equatable {
    case usd
    /// An asset of the reference market (e.g. ETH for the bZx re-enactments).
    case asset(AssetID)
}

/// Values holdings at reference prices in the numeraire.
///
/// The reference market's assets are the ledger's first assets, in the same order
/// (`AssetID(i)` is market asset i); LP share assets are valued through their pool's reserves.
public struct Valuation {
    public let market: ReferenceMarket
    public let numeraire: Numeraire

    public init(market: ReferenceMarket, numeraire: Numeraire) {
        self.market = market
        self.numeraire = numeraire
    }

    /// The USD reference price of `asset` at `time`, or nil when it is not a market asset.
    public func usdPrice(_ asset: AssetID, at time: Double) -> Double? {
        asset.index < market.assetCount ? market.price(asset: asset.index, at: time) : nil
    }

    /// The price of one whole token of `asset` in the numeraire at `time` (0 for assets that
    /// are neither market assets nor LP shares).
    public func price(_ asset: AssetID, at time: Double, state: ProtocolState) -> Double {
        let usd: Double
        if let price = usdPrice(asset, at: time) {
            usd = price
        } else if let venue = state.pools.first(where: { $0.shareAsset == asset }) {
            usd = lpShareUSD(venue, at: time)
        } else {
            return 0
        }
        return usd / numeraireUSD(at: time)
    }

    /// The value of `raw` units of `asset` in the numeraire at `time`.
    public func value(_ raw: UInt128, of asset: AssetID, at time: Double, state: ProtocolState) -> Double {
        guard raw > 0 else { return 0 }
        let decimals = state.ledger.assets[asset.index].decimals
        return TokenUnits.toDouble(raw, decimals: decimals) * price(asset, at: time, state: state)
    }

    /// The value of a signed amount (a change of holdings) of `asset` in the numeraire at
    /// `time`: ``value(_:of:at:state:)`` of its magnitude, with its sign.
    public func signedValue(_ amount: Int128, of asset: AssetID, at time: Double, state: ProtocolState) -> Double {
        let value = value(amount.magnitude, of: asset, at: time, state: state)
        return amount < 0 ? -value : value
    }

    /// Everything `account` holds, valued in the numeraire at `time`.
    public func wealth(of account: AccountID, at time: Double, state: ProtocolState) -> Double {
        var total = 0.0
        for index in state.ledger.assets.indices {
            let asset = AssetID(index)
            total += value(state.ledger.balance(asset, of: account), of: asset, at: time, state: state)
        }
        return total
    }

    /// One USD in numeraire units' terms: the numeraire's USD price.
    public func numeraireUSD(at time: Double) -> Double {
        switch numeraire {
        case .usd: return 1
        case .asset(let asset): return market.price(asset: asset.index, at: time)
        }
    }

    /// The USD value of one whole LP share: the pool's reserves at reference prices over the
    /// share supply.
    private func lpShareUSD(_ venue: PoolVenue, at time: Double) -> Double {
        let pool = venue.pool
        guard pool.totalShares > 0 else { return 0 }
        let value0 = TokenUnits.toDouble(pool.reserve0, decimals: pool.decimals0) * (usdPrice(venue.token0, at: time) ?? 0)
        let value1 = TokenUnits.toDouble(pool.reserve1, decimals: pool.decimals1) * (usdPrice(venue.token1, at: time) ?? 0)
        return (value0 + value1) / TokenUnits.toDouble(pool.totalShares, decimals: 18)
    }
}
