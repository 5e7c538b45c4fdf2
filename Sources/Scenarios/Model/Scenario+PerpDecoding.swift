import ProtocolModel

extension PerpMarketSpec {
    /// The keys of one `perp_markets:` entry.
    static let keys: Set<String> = ["base", "quote", "oracle", "initial_margin", "maintenance_margin", "liquidation_fee", "liquidity",
                                    "pnl_as_collateral", "pnl_haircut"]

    /// Decodes `perp_markets:` in order.
    static func decodeAll(_ node: InputNode, oracles: [OracleSpec], references: References) throws -> [PerpMarketSpec] {
        try node.mappingEntries().map { try PerpMarketSpec(id: $0.key, node: $0.value, oracles: oracles, references: references) }
    }

    init(id: String, node: InputNode, oracles: [OracleSpec], references: References) throws {
        let map = try node.mapping(allowedKeys: Self.keys)
        self.id = id
        base = try references.asset(map.required("base"))
        let quoteNode = try map.required("quote")
        quote = try references.asset(quoteNode)
        guard base != quote else { throw InputError("\(quoteNode.path): a perp market needs two different assets", at: quoteNode.location) }
        oracle = try OracleSpec.id(at: map.required("oracle"), in: oracles, answeringIn: quote, for: "market")
        initialMargin = try map.optional("initial_margin")?.double(min: 0, exclusiveMax: 1) ?? 0.2
        let maintenanceNode = map.optional("maintenance_margin")
        maintenanceMargin = try maintenanceNode?.double(in: 0...1) ?? min(0.1, initialMargin)
        if let maintenanceNode, maintenanceMargin > initialMargin {
            throw InputError("\(maintenanceNode.path): maintenance_margin must not exceed initial_margin (\(initialMargin))",
                             at: maintenanceNode.location)
        }
        liquidationFee = try map.optional("liquidation_fee")?.double(min: 0, exclusiveMax: 1) ?? 0.025
        let liquidityNode = try map.required("liquidity")
        liquidity = try PoolSpec.amountText(liquidityNode, decimals: references.decimals[quote] ?? 18)
        pnlAsCollateral = try map.optional("pnl_as_collateral")?.bool() ?? true
        pnlHaircut = try map.optional("pnl_haircut")?.double(in: 0...1) ?? 0
    }
}

extension PerpLiquidatorSpec {
    /// Decodes `agents.perp_liquidators`.
    init(node: InputNode, markets: [PerpMarketSpec], references: References) throws {
        let map = try node.mapping(allowedKeys: ["count", "market", "capital", "deposit", "priority_fee", "min_profit", "latency",
                                                      "gas_price_cap"])
        guard !markets.isEmpty else {
            throw InputError("\(node.path): perp liquidators need a perp market (perp_markets:)", at: node.location)
        }
        count = try map.required("count").int(in: 0...1_000)
        if let marketNode = map.optional("market") {
            let id = try marketNode.string()
            guard markets.contains(where: { $0.id == id }) else {
                throw InputError("\(marketNode.path): unknown perp market '\(id)'\(Suggestion.didYouMean(id, in: markets.map(\.id)))",
                                 at: marketNode.location)
            }
            market = id
        } else {
            guard markets.count == 1 else {
                throw InputError("\(node.path): name the perp market watched (market: ID); the scenario declares \(markets.count)", at: node.location)
            }
            market = markets[0].id
        }
        let watched = market
        let quote = markets.first { $0.id == watched }!.quote
        let capital = try ArbitrageurSpec.capital(map.required("capital"), references: references)
        self.capital = capital
        let depositNode = try map.required("deposit")
        let deposit = try PoolSpec.amountText(depositNode, decimals: references.decimals[quote] ?? 18)
        self.deposit = deposit
        let decimals = references.decimals[quote] ?? 18
        try ArbitrageurSpec.requireCapital(capital, for: try TokenUnits.parse(deposit, decimals: decimals), of: quote, written: deposit,
                                           decimals: decimals, at: depositNode, agent: "liquidator", verb: "deposits", outlay: "the deposit")
        priorityFee = try map.optional("priority_fee")?.double(in: 0...1e6) ?? 1
        minProfit = try map.optional("min_profit")?.double(min: 0, exclusiveMax: 1e15) ?? 0
        latency = try map.optional("latency")?.delayDistribution() ?? .constant(0)
        gasPriceCap = try map.optional("gas_price_cap")?.double(in: 0...1e6)
    }
}
