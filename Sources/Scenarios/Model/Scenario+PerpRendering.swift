extension Scenario {
    /// The `perp_markets:` section of ``resolvedYAML()`` (nothing without perp markets).
    func renderedPerpMarkets() -> [String] {
        guard !perpMarkets.isEmpty else { return [] }
        return ["perp_markets:"] + perpMarkets.map { spec in
            "  \(spec.id): {base: \(spec.base), quote: \(spec.quote), oracle: \(spec.oracle), "
                + "initial_margin: \(Self.number(spec.initialMargin)), maintenance_margin: \(Self.number(spec.maintenanceMargin)), "
                + "liquidation_fee: \(Self.number(spec.liquidationFee)), liquidity: \(spec.liquidity), "
                + "pnl_as_collateral: \(spec.pnlAsCollateral), pnl_haircut: \(Self.number(spec.pnlHaircut))}"
        }
    }

    /// The `agents.perp_liquidators` part of ``resolvedYAML()``.
    func renderedPerpLiquidators() -> [String] {
        guard let spec = perpLiquidators else { return [] }
        return ["  perp_liquidators:", "    count: \(spec.count)", "    market: \(spec.market)", "    capital: \(Self.render(spec.capital))",
                "    deposit: \(spec.deposit)", "    priority_fee: \(Self.number(spec.priorityFee))", "    min_profit: \(Self.number(spec.minProfit))",
                "    latency: \(Self.render(spec.latency))"]
            + (spec.gasPriceCap.map { ["    gas_price_cap: \(Self.number($0))"] } ?? [])
    }
}
