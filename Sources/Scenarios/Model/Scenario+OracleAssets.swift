extension OracleSpec {
    /// The asset whose price this oracle answers, when its kind names one: a spot or TWAP
    /// oracle's `base`, a push feed's `source`, a stable spot's `base`, an LP oracle's share
    /// token, and an aggregate's when every member prices the same asset. nil for the others
    /// (a constant, a reserve, a vault share), which name no asset.
    func pricedAsset(among oracles: [OracleSpec]) -> String? {
        switch kind {
        case .spot(_, let base), .twap(_, let base, _, _), .stableSpot(_, let base, _): return base
        case .keeperTwap(let spec): return spec.base
        case .push(let spec): return spec.source
        case .lp(let spec): return PoolSpec.shareSymbol(spec.pool)
        case .stableLP(let spec): return PoolSpec.shareSymbol(spec.pool)
        case .median(let members), .lowest(let members):
            let assets = Set(members.map { member in oracles.first { $0.id == member }?.pricedAsset(among: oracles) })
            return assets.count == 1 ? assets.first! : nil
        case .constant, .reserve, .vaultShare: return nil
        }
    }
}

extension Scenario {
    /// Warnings for an oracle that prices another asset than the one it is used for: a lending
    /// market's asset priced by an oracle of another asset of the same market (`oracle: eth_twap`
    /// under `WBTC:` where ETH is listed too: a copy-paste slip that values the asset at the
    /// other's price without a word), or an LP oracle's token priced by an oracle of another
    /// asset. Not refused, and a market asset priced by a feed of an asset the market does not
    /// list is not warned about: that is how a proxy feed is modelled (compound-dai-2020 prices
    /// DAI by the Coinbase feed of its own asset DAI_CB).
    func oracleAssetWarnings(_ map: InputMapping) -> [InputWarning] {
        var warnings: [InputWarning] = []
        func check(_ oracleID: String, prices asset: String, node: InputNode?, use: String, suspects: Set<String>? = nil) {
            guard let node, let oracle = oracles.first(where: { $0.id == oracleID }),
                  let priced = oracle.pricedAsset(among: oracles), priced != asset, suspects?.contains(priced) ?? true else { return }
            warnings.append(InputWarning("\(node.path): oracle \(oracleID) prices \(priced), not \(asset): \(use) at \(priced)'s price "
                                         + "(intended when \(asset) tracks \(priced); otherwise name an oracle of \(asset))", at: node.location))
        }
        for market in lendingMarkets {
            let assets = map.optional("lending_markets")?.child(market.id)?.child("assets")
            let listed = Set(market.assets.map(\.symbol))
            for asset in market.assets {
                check(asset.oracle, prices: asset.symbol, node: assets?.child(asset.symbol)?.child("oracle"),
                      use: "market \(market.id) values \(asset.symbol)", suspects: listed)
            }
        }
        for oracle in oracles {
            let node = map.optional("oracles")?.child(oracle.id)
            if case .stableLP(let spec) = oracle.kind {
                for (coin, coinOracle) in spec.coinOracles {
                    check(coinOracle, prices: coin, node: node?.child("coin_oracles")?.child(coin), use: "\(oracle.id) values \(coin)")
                }
            }
            guard case .lp(let spec) = oracle.kind, let pool = pools.first(where: { $0.id == spec.pool }) else { continue }
            if let token0Oracle = spec.token0Oracle {
                check(token0Oracle, prices: pool.token0, node: node?.child("token0_oracle"), use: "\(oracle.id) values \(pool.token0)")
            }
            check(spec.token1Oracle, prices: pool.token1, node: node?.child("token1_oracle"), use: "\(oracle.id) values \(pool.token1)")
        }
        return warnings
    }
}
