extension Scenario {
    /// The `oracles:` and `lending_markets:` sections of ``resolvedYAML()`` (nothing when the
    /// scenario has none).
    func renderedLendingSections() -> [String] {
        var lines: [String] = []
        if !oracles.isEmpty { lines.append("oracles:") }
        for oracle in oracles { lines.append("  \(oracle.id): {\(oracle.renderedBody()), unit: \(Self.quote(oracle.unit))}") }
        if !lendingMarkets.isEmpty { lines.append("lending_markets:") }
        for market in lendingMarkets {
            lines.append("  \(market.id):")
            lines.append("    unit: \(Self.quote(market.unit))")
            lines.append("    mode: \(market.isolated ? "isolated" : "cross")")
            lines.append("    close_factor: \(Self.number(market.closeFactor))")
            lines.append("    cascade_window: \(market.cascadeWindow)")
            lines.append("    insurance_fund: {\(market.insuranceFund.map { "\($0.symbol): \($0.amount)" }.joined(separator: ", "))}")
            lines.append(contentsOf: Self.renderedDefences(market))
            lines.append("    assets:")
            for asset in market.assets {
                var fields = ["oracle: \(asset.oracle)", "collateral_factor: \(Self.number(asset.collateralFactor))",
                              "liquidation_threshold: \(Self.number(asset.liquidationThreshold))",
                              "bonus: \(Self.number(asset.bonus))", "supply: \(asset.supply)"]
                if let cap = asset.supplyCap { fields.append("supply_cap: \(Self.number(cap))") }
                if let cap = asset.borrowCap { fields.append("borrow_cap: \(Self.number(cap))") }
                fields.append("borrowable: \(asset.borrowable)")
                fields += asset.guards.renderedFields()
                if let interest = asset.interest { fields.append("interest: \(Self.render(interest))") }
                lines.append("      \(asset.symbol): {\(fields.joined(separator: ", "))}")
            }
        }
        return lines
    }

    /// The `agents.borrowers` and `agents.liquidators` parts of ``resolvedYAML()``.
    func renderedLendingAgents() -> [String] {
        var lines: [String] = []
        lines += renderedBorrowers()
        if let spec = liquidators {
            lines.append("  liquidators:")
            lines.append("    count: \(spec.count)")
            lines.append("    market: \(spec.market)")
            lines.append("    capital: \(Self.render(spec.capital))")
            lines.append("    latency: \(Self.render(spec.latency))")
            if let cap = spec.gasPriceCap { lines.append("    gas_price_cap: \(Self.number(cap))") }
            lines.append("    min_profit: \(Self.number(spec.minProfit))")
            lines.append("    priority_fee: \(Self.number(spec.priorityFee))")
            if spec.sellsAtLoss { lines.append("    sell_at_loss: true") }
            let english = lendingMarkets.first(where: { $0.id == spec.market })?.liquidation.takesBids ?? false
            lines += Self.renderedAuctionBidding(spec, english: english)
            lines += Self.renderedFunding(spec)
        }
        return lines
    }
}
