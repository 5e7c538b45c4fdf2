import ProtocolModel

extension OraclePumpPnLSpec {
    /// The keys `strategy: oracle-pump-pnl` reads, besides the attacker's common ones.
    static let keys: Set<String> = ["perp_market", "size", "price", "deposit", "buy", "pump_blocks"]

    init(_ map: InputMapping, scenario: Scenario, references: References) throws {
        let marketNode = try map.required("perp_market")
        let id = try marketNode.string()
        guard let market = scenario.perpMarkets.first(where: { $0.id == id }) else {
            throw InputError("\(marketNode.path): unknown perp market '\(id)'\(Suggestion.didYouMean(id, in: scenario.perpMarkets.map(\.id)))",
                             at: marketNode.location)
        }
        perpMarket = id
        let sizeNode = try map.required("size")
        size = try PoolSpec.positiveAmountText(sizeNode, decimals: references.decimals[market.base] ?? 18) { "expected a positive size, got \($0)" }
        if let priceNode = map.optional("price") {
            let text = try priceNode.decimalText()
            _ = try VenueNumbers.positiveWad(text, node: priceNode)
            price = text
        } else {
            price = nil
        }
        let depositNode = try map.required("deposit")
        deposit = try PoolSpec.amountText(depositNode, decimals: references.decimals[market.quote] ?? 18)
        let buyNode = try map.required("buy")
        buy = try buyNode.mappingEntries().map { entry in
            guard let pool = scenario.pools.first(where: { $0.id == entry.key }) else {
                throw InputError("\(buyNode.path): unknown pool '\(entry.key)'\(Suggestion.didYouMean(entry.key, in: scenario.pools.map(\.id)))",
                                 at: entry.keyLocation)
            }
            guard Set([pool.token0, pool.token1]) == Set([market.base, market.quote]) else {
                throw InputError("\(entry.value.path): pool \(entry.key) does not sell \(market.base) for \(market.quote)", at: entry.keyLocation)
            }
            return (entry.key, try PoolSpec.amountText(entry.value, decimals: references.decimals[market.quote] ?? 18))
        }
        pumpBlocks = try map.optional("pump_blocks")?.int(in: 1...10_000) ?? 1
    }
}

extension Scenario {
    /// The `oracle-pump-pnl` keys of ``renderedAttacker()``.
    static func rendered(_ plan: OraclePumpPnLSpec) -> [String] {
        var lines = ["    perp_market: \(plan.perpMarket)", "    size: \(plan.size)"]
        if let price = plan.price { lines.append("    price: \(price)") }
        lines.append("    deposit: \(plan.deposit)")
        lines.append("    buy: {\(plan.buy.map { "\($0.venue): \($0.amount)" }.joined(separator: ", "))}")
        lines.append("    pump_blocks: \(plan.pumpBlocks)")
        return lines
    }
}
