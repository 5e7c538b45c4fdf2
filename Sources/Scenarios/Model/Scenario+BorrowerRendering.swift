extension Scenario {
    /// The `agents.borrowers` part of ``resolvedYAML()`` (nothing without borrowers).
    func renderedBorrowers() -> [String] {
        guard let spec = borrowers else { return [] }
        var lines = ["  borrowers:", "    market: \(spec.market)"]
        switch spec.positions {
        case .drawn(let draws):
            lines.append("    count: \(spec.count)")
            lines.append("    collateral: \(draws.collateral)")
            lines.append("    amount: \(Self.render(draws.amount))")
            lines.append("    debt: \(draws.debt)")
            lines.append("    health: \(Self.render(draws.health))")
        case .snapshot(let snapshot):
            lines.append("    snapshot: \(Self.quote(snapshot.resolvedPath))")
        }
        if let behaviour = spec.behaviour {
            lines.append("    behaviour:")
            lines.append("      below: \(Self.number(behaviour.below))")
            lines.append("      action: \(behaviour.action.rawValue)")
            lines.append("      target: \(Self.number(behaviour.target))")
            lines.append("      probability: \(Self.number(behaviour.probability))")
            lines.append("      latency: \(Self.render(behaviour.latency))")
            lines.append("      reserve: \(Self.render(behaviour.reserve))")
            lines.append("      priority_fee: \(Self.number(behaviour.priorityFee))")
        }
        return lines
    }
}
