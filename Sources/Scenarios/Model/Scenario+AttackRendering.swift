extension Scenario {
    /// The `agents.attacker` part of ``resolvedYAML()`` (nothing without an attacker).
    func renderedAttacker() -> [String] {
        guard let spec = attacker else { return [] }
        var lines = ["  attacker:", "    strategy: \(spec.strategy.name)", "    at: \(Self.number(spec.start))"]
        if !spec.capital.isEmpty { lines.append("    capital: \(Self.render(spec.capital))") }
        lines.append("    priority_fee: \(Self.number(spec.priorityFee))")
        lines.append("    private: \(spec.isPrivate)")
        lines.append("    revert_if_unprofitable: \(spec.revertIfUnprofitable)")
        switch spec.strategy {
        case .spotOracleBorrow(let plan):
            lines.append("    market: \(plan.market)")
            lines.append("    collateral: \(plan.collateral)")
            lines.append("    borrow: \(plan.borrow)")
            lines.append("    funding: \(plan.funding)")
            if let flashLoan = plan.flashLoan { lines.append("    flash_loan: \(flashLoan)") }
            lines.append("    buy: {\(plan.buy.map { "\($0.venue): \($0.amount)" }.joined(separator: ", "))}")
            if let sellBack = plan.sellBack { lines.append("    sell_back: \(sellBack)") }
            if let liquidity = plan.liquidity { lines.append("    liquidity: \(liquidity)") }
            if let pump = plan.pump { lines.append("    pump: \(pump)") }
        case .pumpAndArbitrage(let plan):
            lines += plan.renderedLines()
        case .cascadeTrigger(let plan):
            lines += plan.renderedLines()
        case .twapManipulation(let plan): lines += Self.rendered(plan)
        case .oracleBribe(let plan): lines += Self.rendered(plan)
        case .sharePriceCycle(let plan): lines += plan.renderedLines()
        case .oraclePumpPnL(let plan): lines += Self.rendered(plan)
        case .settlementManipulation(let plan): lines += Self.rendered(plan)
        case .donationInflation(let plan): lines += plan.renderedLines()
        }
        return lines
    }
}
