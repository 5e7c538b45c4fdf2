import ProtocolModel

/// Automated price reserves and fixed-price depots, built after the pools and before the
/// oracles that may read them. Their inventories are minted into their own accounts (genesis).
extension WorldBuilder {
    mutating func buildVenues() throws {
        for spec in scenario.reserves {
            let x = assetIDs[spec.x]!, y = assetIDs[spec.y]!
            do {
                let core = try spec.core(decimalsX: state.ledger.assets[x.index].decimals, decimalsY: state.ledger.assets[y.index].decimals)
                reserveIndices[spec.id] = try state.addReserve(
                    name: spec.id, assetX: x, assetY: y, minPrice: core.minPrice, maxPrice: core.maxPrice, rate: core.rate,
                    inventoryX: core.inventoryX, inventoryY: core.inventoryY, provider: nil)
            } catch {
                throw WorldBuildError("reserve \(spec.id): \(text(of: error))")
            }
        }
        for spec in scenario.depots {
            let sells = assetIDs[spec.sells]!, paidWith = assetIDs[spec.paidWith]!
            do {
                depotIndices[spec.id] = try state.addDepot(
                    name: spec.id, sells: sells, paidWith: paidWith, price: try TokenUnits.parse(spec.price, decimals: 18),
                    inventory: try raw(spec.inventory, sells), provider: nil)
            } catch {
                throw WorldBuildError("depot \(spec.id): \(text(of: error))")
            }
        }
    }
}

extension WorldBuilder {
    /// Margin venues, built after the oracles their equity checks read; each one's liquidity is
    /// minted into its account `margin:ID` (genesis).
    mutating func buildMarginVenues() throws {
        for spec in scenario.marginVenues {
            let loanAsset = assetIDs[spec.loanAsset]!
            do {
                marginVenueIndices[spec.id] = try state.addMarginVenue(
                    name: spec.id, pool: poolIndices[spec.pool]!, loanAsset: loanAsset,
                    leverage: try TokenUnits.parse(spec.leverage, decimals: 18), ocr: try TokenUnits.parse(spec.ocr, decimals: 18),
                    oracle: oracleIndices[spec.oracle]!, checkEquity: spec.checkEquity, liquidity: try raw(spec.liquidity, loanAsset),
                    provider: nil)
            } catch {
                throw WorldBuildError("margin venue \(spec.id): \(text(of: error))")
            }
        }
    }
}
