extension Scenario {
    /// The `option_vaults:` section of ``resolvedYAML()`` (nothing without vaults), every
    /// default filled in.
    func renderedOptionVaults() -> [String] {
        guard !optionVaults.isEmpty else { return [] }
        var lines = ["option_vaults:"]
        for vault in optionVaults {
            lines.append("  \(vault.id):")
            lines.append("    underlying: \(vault.underlying)")
            lines.append("    collateral: \(vault.collateral)")
            lines.append("    price_oracle: \(vault.priceOracle)")
            lines.append("    settlement_oracle: \(vault.settlementOracle)")
            switch vault.volatility {
            case .implied(let atm, let skew):
                lines.append("    volatility: {model: implied, atm: \(Self.number(atm)), skew: \(Self.number(skew))}")
            case .ewma(let lambda, let initial):
                lines.append("    volatility: {model: ewma, lambda: \(Self.number(lambda)), initial: \(Self.number(initial))}")
            }
            let spread = vault.spread
            lines.append("    spread: {base: \(Self.number(spread.base)), per_delta: \(Self.number(spread.perDelta)), "
                + "per_vega: \(Self.number(spread.perVega)), max: \(Self.number(spread.max))}")
            let strikes: String
            switch vault.series.strikes {
            case .list(let values): strikes = "[\(values.map(Self.number).joined(separator: ", "))]"
            case .range(let from, let to, let step): strikes = "{from: \(Self.number(from)), to: \(Self.number(to)), step: \(Self.number(step))}"
            }
            lines.append("    series: {strikes: \(strikes), expiries: [\(vault.series.expiries.map(Self.seconds).joined(separator: ", "))], "
                + "kinds: [\(vault.series.kinds.map(\.rawValue).joined(separator: ", "))]}")
            let margin = vault.margin
            lines.append("    margin: {spot_shock: \(Self.number(margin.spotShock)), spot_steps: \(margin.spotSteps), "
                + "vol_shocks: [\(margin.volShocks.map(Self.number).joined(separator: ", "))], vol_buffer: \(Self.number(margin.volBuffer)), "
                + "spot_gap: \(Self.number(margin.spotGap)), maintenance: \(Self.number(margin.maintenance)), "
                + "liquidation_penalty: \(Self.number(margin.liquidationPenalty))}")
            lines.append("    deposits: {\(vault.deposits.map { "\(Self.quote($0.name)): \($0.amount)" }.joined(separator: ", "))}")
            if let hedge = vault.hedge { lines.append("    hedge: {pool: \(hedge.pool), every: \(Self.seconds(hedge.every))}") }
            lines.append("    keeper: {priority_fee: \(Self.number(vault.keeper.priorityFee)), balance: \(Self.number(vault.keeper.balance))}")
        }
        return lines
    }

    /// The `agents.option_traders` part of ``resolvedYAML()``.
    func renderedOptionTraders() -> [String] {
        guard let spec = optionTraders else { return [] }
        var lines = ["  option_traders:", "    count: \(spec.count)", "    vault: \(spec.vault)", "    rate: \(Self.number(spec.rate))",
                     "    size: \(Self.render(spec.size))"]
        if let view = spec.volView { lines.append("    vol_view: \(Self.render(view))") }
        if let view = spec.directionView { lines.append("    direction_view: \(Self.render(view))") }
        lines += ["    capital: \(Self.render(spec.capital))", "    margin: \(Self.number(spec.margin))",
                  "    slippage: \(Self.number(spec.slippage))", "    priority_fee: \(Self.number(spec.priorityFee))"]
        return lines
    }

    /// The `settlement-manipulation` keys of ``renderedAttacker()``.
    static func rendered(_ plan: SettlementManipulationSpec) -> [String] {
        var lines = ["    vault: \(plan.vault)",
                     "    series: {kind: \(plan.kind.rawValue), strike: \(number(plan.strike)), expiry: \(seconds(plan.expiry))}",
                     "    contracts: \(plan.contracts)", "    pool: \(plan.pool)", "    amount: \(plan.amount)"]
        if let target = plan.targetPrice { lines.append("    target_price: \(number(target))") }
        lines.append("    hold_blocks: \(plan.holdBlocks)")
        if let flashLoan = plan.flashLoan { lines.append("    flash_loan: \(flashLoan)") }
        if let premium = plan.maxPremium { lines.append("    max_premium: \(premium)") }
        return lines
    }
}
