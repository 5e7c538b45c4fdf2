extension OracleSpec {
    /// The oracle's parameters as a flow-mapping body for ``Scenario/resolvedYAML()`` (every
    /// default written out), without its unit.
    func renderedBody() -> String {
        func keeper(_ spec: OracleKeeperSpec) -> String {
            "priority_fee: \(Scenario.number(spec.priorityFee)), keeper_balance: \(Scenario.number(spec.balance))"
        }
        switch kind {
        case .spot(let pool, let base): return "type: spot, pool: \(pool), base: \(base)"
        case .twap(let pool, let base, let window, let geometric):
            return "type: twap, pool: \(pool), base: \(base), window: \(Scenario.seconds(window)), geometric: \(geometric)"
        case .keeperTwap(let spec):
            let interval = spec.interval.map { ", interval: \(Scenario.seconds($0))" } ?? ""
            return "type: twap, update: keeper, pool: \(spec.pool), base: \(spec.base), window: \(Scenario.seconds(spec.window))\(interval), \(keeper(spec.keeper))"
        case .push(let spec):
            return "type: push, source: \(spec.source), deviation: \(Scenario.number(spec.deviation)), heartbeat: \(Scenario.seconds(spec.heartbeat)), "
                + "latency: \(Scenario.seconds(spec.latency)), noise: \(Scenario.number(spec.noise)), \(keeper(spec.keeper))"
        case .lp(let spec):
            let token0 = spec.token0Oracle.map { ", token0_oracle: \($0)" } ?? ""
            return "type: lp, pool: \(spec.pool), pricing: \(spec.fair ? "fair" : "naive")\(token0), token1_oracle: \(spec.token1Oracle)"
        case .median(let members): return "type: median, members: [\(members.joined(separator: ", "))]"
        case .lowest(let members): return "type: lowest, members: [\(members.joined(separator: ", "))]"
        case .constant(let value): return "type: constant, value: \(Scenario.number(value))"
        case .reserve(let reserve): return "type: reserve, reserve: \(reserve)"
        case .stableSpot(let pool, let base, let quote): return "type: stable_spot, pool: \(pool), base: \(base), quote: \(quote)"
        case .vaultShare(let vault, let oracle): return "type: vault_share, vault: \(vault), underlying_oracle: \(oracle)"
        case .stableLP(let spec):
            let oracles = spec.coinOracles.map { "\($0.coin): \($0.oracle)" }.joined(separator: ", ")
            return "type: stable_lp, pool: \(spec.pool), pricing: \(spec.virtualPrice ? "virtual_price" : "naive"), coin_oracles: {\(oracles)}"
        }
    }
}

extension PriceGuardSpec {
    /// The guard keys that are set, as flow-mapping fields.
    func renderedFields() -> [String] {
        var fields: [String] = []
        if let maxAge { fields.append("max_age: \(Scenario.seconds(maxAge))") }
        if let fallback { fields.append("fallback: \(fallback)") }
        if let maxDeviation {
            fields.append("max_deviation: \(Scenario.number(maxDeviation))")
            fields.append("on_deviation: \(pauseOnDeviation ? "pause" : "fallback")")
        }
        return fields
    }
}
