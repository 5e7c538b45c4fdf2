import ProtocolModel

/// The protocol-core values of a market's liquidation mechanism, interest curves and defences.
extension WorldBuilder {
    static func interestModel(_ spec: InterestSpec?) -> InterestRateModel {
        guard let spec else { return .zero }
        return InterestRateModel(base: wad(spec.base), slope1: wad(spec.slope1), slope2: wad(spec.slope2), kink: wad(spec.kink))
    }

    static func mechanism(_ spec: LiquidationSpec) -> LiquidationMechanism {
        switch spec {
        case .fixedBonus: return .fixedBonus
        case .dutchAuction(let auction):
            return .dutchAuction(DutchAuctionParameters(startPremium: wad(auction.startPremium), duration: Int64(auction.duration),
                                                        tail: Int64(auction.tail), cusp: wad(auction.cusp)))
        case .englishAuction(let auction):
            return .englishAuction(EnglishAuctionParameters(bidDuration: Int64(auction.bidDuration),
                                                            auctionDuration: Int64(auction.auctionDuration),
                                                            minIncrement: wad(auction.minIncrement), penalty: wad(auction.penalty)))
        }
    }

    /// The market's defences; a circuit breaker without `oracle` watches every oracle pricing
    /// one of the market's assets (each once, in listing order).
    func defences(_ spec: LendingMarketSpec) -> MarketDefences {
        let breaker = spec.defences.circuitBreaker.map { breaker in
            var watched: [Int] = []
            for id in breaker.oracle.map({ [$0] }) ?? spec.assets.map(\.oracle) where !watched.contains(oracleIndices[id]!) {
                watched.append(oracleIndices[id]!)
            }
            return CircuitBreaker(oracles: watched, threshold: Self.wad(breaker.threshold), window: Int64(breaker.window),
                                  cooldown: Int64(breaker.cooldown), pausesBorrow: breaker.pauseBorrow,
                                  pausesLiquidations: breaker.pauseLiquidate)
        }
        let cap = spec.defences.liquidationCap.map {
            LiquidationCap(value: $0.perBlock.map(Self.wad), count: $0.count, perAccount: $0.perAccount)
        }
        let dynamic = spec.defences.dynamicCollateral.map {
            DynamicCollateralFactor(halflife: $0.halflife, targetVolatility: $0.targetVolatility, minFactor: $0.minFactor)
        }
        return MarketDefences(circuitBreaker: breaker, liquidationCap: cap, dynamicCollateral: dynamic)
    }
}
