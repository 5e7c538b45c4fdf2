extension Scenario {
    /// The `reserves:`, `depots:` and `margin_venues:` sections of ``resolvedYAML()`` (nothing
    /// for a scenario without them); numbers as the exact decimal text they were read as.
    func renderedVenues() -> [String] {
        var lines: [String] = []
        if !reserves.isEmpty { lines.append("reserves:") }
        for spec in reserves {
            lines.append("  \(spec.id): {x: \(spec.x), y: \(spec.y), min_price: \(spec.minPrice), max_price: \(spec.maxPrice), "
                + "rate: \(spec.rate), inventory_x: \(spec.inventoryX), inventory_y: \(spec.inventoryY)}")
        }
        if !depots.isEmpty { lines.append("depots:") }
        for spec in depots {
            lines.append("  \(spec.id): {sells: \(spec.sells), for: \(spec.paidWith), price: \(spec.price), inventory: \(spec.inventory)}")
        }
        if !marginVenues.isEmpty { lines.append("margin_venues:") }
        for spec in marginVenues {
            lines.append("  \(spec.id): {pool: \(spec.pool), loan_asset: \(spec.loanAsset), liquidity: \(spec.liquidity), "
                + "leverage: \(spec.leverage), ocr: \(spec.ocr), oracle: \(spec.oracle), check_equity: \(spec.checkEquity)}")
        }
        return lines
    }
}
