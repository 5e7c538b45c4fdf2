extension CascadeTriggerSpec {
    /// The keys `strategy: cascade-trigger` reads, besides the attacker's common ones.
    static let keys: Set<String> = ["market", "pool", "collateral", "sell", "max_liquidations", "flash_loan", "buy_back",
                                    "buy_back_after", "short"]

    /// Decodes the strategy's keys of `agents.attacker`, refusing the other strategies' keys and
    /// combinations that cannot work: a buy-back that is not in the attack transaction with
    /// `revert_if_unprofitable` on (the on-chain check of the collateral balance could only fail),
    /// a later buy-back with a flash loan (repaid within its transaction), a short without one.
    init(_ map: InputMapping, revertIfUnprofitable: Bool, start: Double, scenario: Scenario, references: References) throws {
        let marketSpec = try AttackerSpec.lendingMarket(map, scenario: scenario)
        market = marketSpec.id
        collateral = try AttackerSpec.listedAsset(map, "collateral", in: marketSpec)
        let collateralSymbol = collateral
        let poolNode = try map.required("pool")
        pool = try references.pool(poolNode)
        let poolID = pool
        guard let poolSpec = scenario.pools.first(where: { $0.id == poolID }), poolSpec.token0 == collateral || poolSpec.token1 == collateral else {
            throw InputError("\(poolNode.path): \(pool) does not trade \(collateral)", at: poolNode.location)
        }
        debt = poolSpec.token0 == collateral ? poolSpec.token1 : poolSpec.token0
        let debtSymbol = debt
        guard marketSpec.assets.contains(where: { $0.symbol == debtSymbol }) else {
            throw InputError("\(poolNode.path): \(pool) pays \(debt), which market \(market) does not list: the liquidations could not repay with it",
                             at: poolNode.location)
        }
        let sellNode = try map.required("sell")
        sell = try sellNode.decimalText()
        _ = try PoolSpec.raw(sell, decimals: references.decimals[collateral] ?? 18, node: sellNode)
        maxLiquidations = try map.optional("max_liquidations")?.int(in: 0...1_000) ?? 10
        flashLoan = try AttackerSpec.flashLoan(map, lending: collateralSymbol, scenario: scenario, spends: "sells")
        let buyBackNode = map.optional("buy_back")
        buyBack = try buyBackNode?.bool() ?? true
        if !buyBack, revertIfUnprofitable {
            throw InputError("\(buyBackNode?.path ?? map.node.path): buy_back: false keeps the proceeds in \(debt), so the on-chain check of the \(collateral) balance would always revert: set revert_if_unprofitable: false",
                             at: buyBackNode?.location ?? map.node.location)
        }
        let afterNode = map.optional("buy_back_after")
        buyBackAfter = try afterNode.map { try Self.buyBackAfter($0, buyBack: buyBack, flashLoan: flashLoan, revertIfUnprofitable: revertIfUnprofitable,
                                                                 start: start, scenario: scenario) }
        if let shortNode = map.optional("short") {
            guard buyBackAfter != nil else {
                throw InputError("\(shortNode.path): a short is held until a later buy-back: set buy_back_after", at: shortNode.location)
            }
            short = try Self.short(shortNode, collateral: collateral, debt: debt, scenario: scenario, references: references)
        } else {
            short = nil
        }
    }

    /// `buy_back_after`: a positive duration ending before the scenario does, with a buy-back, no
    /// flash loan and no end-of-transaction check.
    private static func buyBackAfter(_ node: InputNode, buyBack: Bool, flashLoan: String?, revertIfUnprofitable: Bool,
                                     start: Double, scenario: Scenario) throws -> Double {
        let seconds = try node.duration()
        guard seconds > 0, start + seconds < scenario.duration else {
            throw InputError("\(node.path): the buy-back must come after the attack and before the scenario ends (\(scenario.duration - start) s after it)",
                             at: node.location)
        }
        guard buyBack else { throw InputError("\(node.path): buy_back: false never buys back", at: node.location) }
        guard flashLoan == nil else {
            throw InputError("\(node.path): a flash loan is repaid within its transaction, so it cannot finance a later buy-back: drop flash_loan (sell capital or a short)",
                             at: node.location)
        }
        guard !revertIfUnprofitable else {
            throw InputError("\(node.path): with a later buy-back the attack transaction cannot check its gain on-chain: set revert_if_unprofitable: false",
                             at: node.location)
        }
        return seconds
    }

    /// `short: {market, deposit}`: a market that lends `collateral` against `debt`.
    private static func short(_ node: InputNode, collateral: String, debt: String, scenario: Scenario,
                              references: References) throws -> (market: String, deposit: String) {
        let map = try node.mapping(allowedKeys: ["market", "deposit"])
        let market = try AttackerSpec.lendingMarket(map, scenario: scenario), id = market.id
        let marketNode = try map.required("market")
        guard market.assets.contains(where: { $0.symbol == collateral && $0.borrowable }),
              market.assets.contains(where: { $0.symbol == debt && $0.collateralFactor > 0 }) else {
            throw InputError("\(marketNode.path): \(id) must lend \(collateral) (borrowable) against \(debt) (collateral factor > 0)",
                             at: marketNode.location)
        }
        let depositNode = try map.required("deposit")
        let deposit = try depositNode.decimalText()
        _ = try PoolSpec.raw(deposit, decimals: references.decimals[debt] ?? 18, node: depositNode)
        return (id, deposit)
    }

    /// The strategy's lines of ``Scenario/resolvedYAML()``.
    func renderedLines() -> [String] {
        var lines = ["    market: \(market)", "    pool: \(pool)", "    collateral: \(collateral)", "    sell: \(sell)",
                     "    max_liquidations: \(maxLiquidations)"]
        if let flashLoan { lines.append("    flash_loan: \(flashLoan)") }
        lines.append("    buy_back: \(buyBack)")
        if let buyBackAfter { lines.append("    buy_back_after: \(Scenario.number(buyBackAfter))") }
        if let short { lines.append("    short: {market: \(short.market), deposit: \(short.deposit)}") }
        return lines
    }
}
