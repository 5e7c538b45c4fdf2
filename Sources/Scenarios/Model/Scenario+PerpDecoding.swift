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
