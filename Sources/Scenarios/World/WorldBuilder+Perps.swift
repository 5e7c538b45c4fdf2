import ProtocolModel

extension WorldBuilder {
    /// Perp markets, built after the oracles that mark them; each one's lenders' liquidity is
    /// minted into its account `perp:ID` (genesis).
    mutating func buildPerpMarkets() throws {
        for spec in scenario.perpMarkets {
            let quote = assetIDs[spec.quote]!
            do {
                _ = try state.addPerpMarket(
                    name: spec.id, baseAsset: assetIDs[spec.base]!, quoteAsset: quote, oracle: oracleIndices[spec.oracle]!,
                    initialMargin: Self.wad(spec.initialMargin),
                    maintenanceMargin: Self.wad(spec.maintenanceMargin),
                    liquidationFee: Self.wad(spec.liquidationFee), pnlAsCollateral: spec.pnlAsCollateral,
                    pnlHaircut: Self.wad(spec.pnlHaircut), lendable: try raw(spec.liquidity, quote))
            } catch {
                throw WorldBuildError("perp market \(spec.id): \(text(of: error))")
            }
        }
    }

    /// The core index of perp market `id` (the decoder checked it exists). O(perp markets).
    func perpMarketIndex(_ id: String) -> Int {
        state.perpMarkets.firstIndex { $0.name == id }!
    }
}
