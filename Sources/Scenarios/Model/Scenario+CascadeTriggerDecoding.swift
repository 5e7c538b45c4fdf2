extension CascadeTriggerSpec {
    /// The keys `strategy: cascade-trigger` reads, besides the attacker's common ones.
    static let keys: Set<String> = ["market", "pool", "collateral", "sell", "max_liquidations", "flash_loan", "buy_back"]

    /// Decodes the strategy's keys of `agents.attacker`, refusing the other strategies' keys and
    /// a `buy_back: false` with `revert_if_unprofitable` on (without a buy-back the on-chain
    /// check of the collateral balance could only fail).
    init(_ map: InputMapping, common: Set<String>, revertIfUnprofitable: Bool, scenario: Scenario, references: References) throws {
        let allowed = common.union(Self.keys)
        for entry in try map.node.mappingEntries() where !allowed.contains(entry.key) {
            throw InputError("\(map.node.path).\(entry.key): not a key of strategy cascade-trigger; " + KeySuggestion.hint(for: entry.key, among: allowed),
                             at: entry.keyLocation)
        }
        let marketNode = try map.required("market")
        market = try marketNode.string()
        let marketID = market
        guard let marketSpec = scenario.lendingMarkets.first(where: { $0.id == marketID }) else {
            throw InputError("\(marketNode.path): unknown lending market '\(market)'\(Suggestion.didYouMean(market, in: scenario.lendingMarkets.map(\.id)))",
                             at: marketNode.location)
        }
        let collateralNode = try map.required("collateral")
        collateral = try collateralNode.string()
        let collateralSymbol = collateral
        guard marketSpec.assets.contains(where: { $0.symbol == collateralSymbol }) else {
            throw InputError("\(collateralNode.path): \(collateral) is not listed in market \(marketID)\(Suggestion.didYouMean(collateral, in: marketSpec.assets.map(\.symbol)))",
                             at: collateralNode.location)
        }
        let poolNode = try map.required("pool")
        pool = try references.pool(poolNode)
        let poolID = pool
        guard let poolSpec = scenario.pools.first(where: { $0.id == poolID }), poolSpec.token0 == collateral || poolSpec.token1 == collateral else {
            throw InputError("\(poolNode.path): \(pool) does not trade \(collateral)", at: poolNode.location)
        }
        debt = poolSpec.token0 == collateral ? poolSpec.token1 : poolSpec.token0
        let debtSymbol = debt
        guard marketSpec.assets.contains(where: { $0.symbol == debtSymbol }) else {
            throw InputError("\(poolNode.path): \(pool) pays \(debt), which market \(marketID) does not list: the liquidations could not repay with it",
                             at: poolNode.location)
        }
        let sellNode = try map.required("sell")
        sell = try sellNode.decimalText()
        _ = try PoolSpec.raw(sell, decimals: references.decimals[collateral] ?? 18, node: sellNode)
        maxLiquidations = try map.optional("max_liquidations")?.int(in: 0...1_000) ?? 10
        if let node = map.optional("flash_loan") {
            let id = try node.string()
            guard let provider = scenario.flashLoans.first(where: { $0.id == id }) else {
                throw InputError("\(node.path): unknown flash-loan provider '\(id)'\(Suggestion.didYouMean(id, in: scenario.flashLoans.map(\.id)))",
                                 at: node.location)
            }
            guard provider.tokens.contains(where: { $0.symbol == collateralSymbol }) else {
                throw InputError("\(node.path): \(id) does not lend \(collateralSymbol), the asset the attack sells", at: node.location)
            }
            flashLoan = id
        } else {
            flashLoan = nil
        }
        let buyBackNode = map.optional("buy_back")
        buyBack = try buyBackNode?.bool() ?? true
        if !buyBack, revertIfUnprofitable {
            throw InputError("\(buyBackNode?.path ?? map.node.path): buy_back: false keeps the proceeds in \(debt), so the on-chain check of the \(collateral) balance would always revert: set revert_if_unprofitable: false",
                             at: buyBackNode?.location ?? map.node.location)
        }
    }

    /// The strategy's lines of ``Scenario/resolvedYAML()``.
    func renderedLines() -> [String] {
        var lines = ["    market: \(market)", "    pool: \(pool)", "    collateral: \(collateral)", "    sell: \(sell)",
                     "    max_liquidations: \(maxLiquidations)"]
        if let flashLoan { lines.append("    flash_loan: \(flashLoan)") }
        lines.append("    buy_back: \(buyBack)")
        return lines
    }
}
