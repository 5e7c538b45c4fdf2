extension AttackerSpec {
    /// The keys every strategy accepts.
    static let commonKeys: Set<String> = ["strategy", "at", "capital", "priority_fee", "private", "revert_if_unprofitable"]

    init(node: InputNode, scenario: Scenario, references: References) throws {
        let map = try node.mapping(allowedKeys: Self.strategyKeys.values.reduce(Self.commonKeys) { $0.union($1) })
        let strategyNode = try map.required("strategy")
        let strategy = try strategyNode.string()
        guard Self.strategyKeys[strategy] != nil else {
            throw InputError("\(strategyNode.path): unknown strategy '\(strategy)'\(Suggestion.didYouMean(strategy, in: Self.strategyKeys.keys.sorted()))",
                             at: strategyNode.location)
        }
        try Self.rejectForeignKeys(map, strategy: strategy)
        start = try map.optional("at")?.duration() ?? 0
        guard start < scenario.duration else {
            throw InputError("\(map.node.path).at: the attack must start before the scenario ends (\(scenario.duration) s)",
                             at: map.optional("at")?.location ?? map.node.location)
        }
        capital = try map.optional("capital").map { try ArbitrageurSpec.capital($0, references: references) } ?? []
        priorityFee = try map.optional("priority_fee")?.double(in: 0...1e6) ?? 0
        isPrivate = try map.optional("private")?.bool() ?? true
        revertIfUnprofitable = try map.optional("revert_if_unprofitable")?.bool() ?? true
        switch strategy {
        case "spot-oracle-borrow":
            self.strategy = .spotOracleBorrow(try SpotOracleBorrowSpec(map, scenario: scenario, references: references))
        case "pump-and-arbitrage":
            self.strategy = .pumpAndArbitrage(try PumpAndArbitrageSpec(map, scenario: scenario, references: references))
        case "cascade-trigger":
            self.strategy = .cascadeTrigger(try CascadeTriggerSpec(map, revertIfUnprofitable: revertIfUnprofitable, start: start,
                                                                   scenario: scenario, references: references))
        case "twap-manipulation":
            self.strategy = .twapManipulation(try TwapManipulationSpec(map, scenario: scenario, references: references))
        case "share-price-cycle":
            self.strategy = .sharePriceCycle(try SharePriceCycleSpec(map, scenario: scenario, references: references))
        case "oracle-pump-pnl":
            self.strategy = .oraclePumpPnL(try OraclePumpPnLSpec(map, scenario: scenario, references: references))
        case "settlement-manipulation":
            self.strategy = .settlementManipulation(try SettlementManipulationSpec(map, scenario: scenario, start: start, references: references))
        case "donation-inflation":
            self.strategy = .donationInflation(try DonationInflationSpec(map, scenario: scenario, references: references))
        default:
            self.strategy = .oracleBribe(try OracleBribeSpec(map, scenario: scenario, references: references))
        }
    }
}

extension SpotOracleBorrowSpec {
    /// The keys `strategy: spot-oracle-borrow` reads, besides the attacker's common ones.
    static let keys: Set<String> = ["market", "collateral", "borrow", "funding", "flash_loan", "buy", "sell_back", "liquidity", "pump"]

    init(_ map: InputMapping, scenario: Scenario, references: References) throws {
        let marketSpec = try AttackerSpec.lendingMarket(map, scenario: scenario)
        market = marketSpec.id
        collateral = try AttackerSpec.listedAsset(map, "collateral", in: marketSpec)
        borrow = try AttackerSpec.listedAsset(map, "borrow", in: marketSpec)
        funding = try map.optional("funding").map { try references.asset($0) } ?? borrow
        let fundingSymbol = funding
        flashLoan = try AttackerSpec.flashLoan(map, lending: fundingSymbol, scenario: scenario)
        let provision = try Self.provision(map, collateral: collateral, funding: funding, scenario: scenario, references: references)
        (liquidity, pump) = provision
        // The LP form buys the LP pool's other token; the plain form buys the collateral.
        let collateralSymbol = collateral
        let bought = scenario.pools.first { PoolSpec.shareSymbol($0.id) == collateralSymbol && provision.liquidity != nil }
            .map { $0.token0 == fundingSymbol ? $0.token1 : $0.token0 } ?? collateralSymbol
        let buyNode = try map.required("buy")
        buy = try buyNode.mappingEntries().map { entry in
            guard let pair = Self.venuePair(entry.key, in: scenario) else {
                let ids = scenario.pools.map(\.id) + scenario.reserves.map(\.id) + scenario.depots.map(\.id)
                throw InputError("\(buyNode.path): unknown venue '\(entry.key)'\(Suggestion.didYouMean(entry.key, in: ids))",
                                 at: entry.keyLocation)
            }
            guard pair.sells.contains(fundingSymbol), pair.buys.contains(bought) else {
                throw InputError("\(entry.value.path): \(entry.key) does not sell \(bought) for \(fundingSymbol)", at: entry.keyLocation)
            }
            return (entry.key, try PoolSpec.amountText(entry.value, decimals: references.decimals[fundingSymbol] ?? 18))
        }
        guard !buy.isEmpty else { throw InputError("\(buyNode.path): at least one purchase", at: buyNode.location) }
        let sellNode = map.optional("sell_back")
        sellBack = try sellNode.map { try references.pool($0) }
        if borrow != funding {
            guard let sellBack, let pool = scenario.pools.first(where: { $0.id == sellBack }),
                  Set([pool.token0, pool.token1]) == Set([borrow, funding]) else {
                throw InputError("\(sellNode?.path ?? map.node.path): borrowing \(borrow) for a \(funding) attack needs sell_back: a pool trading \(borrow) for \(funding)",
                                 at: sellNode?.location ?? map.node.location)
            }
        }
    }

    /// `liquidity` and `pump`: both required when `collateral` is an LP share `LP-<pool>` (whose
    /// pool must trade `funding`), refused otherwise.
    static func provision(_ map: InputMapping, collateral: String, funding: String, scenario: Scenario,
                          references: References) throws -> (liquidity: String?, pump: String?) {
        let nodes = (liquidity: map.optional("liquidity"), pump: map.optional("pump"))
        guard PoolSpec.isShareSymbol(collateral), let pool = scenario.pools.first(where: { PoolSpec.shareSymbol($0.id) == collateral }) else {
            if let node = nodes.liquidity ?? nodes.pump {
                throw InputError("\(node.path): only for LP-share collateral (LP-<pool>); \(collateral) is a token", at: node.location)
            }
            return (nil, nil)
        }
        guard pool.token0 == funding || pool.token1 == funding else {
            throw InputError("\(map.node.path).collateral: \(collateral)'s pool does not trade \(funding), the asset the attack spends",
                             at: map.node.location)
        }
        let decimals = references.decimals[funding] ?? 18
        func amount(_ key: String, _ node: InputNode?) throws -> String {
            guard let node else {
                throw InputError("\(map.node.path): LP-share collateral needs \(key) (whole tokens of \(funding))", at: map.node.location)
            }
            return try PoolSpec.amountText(node, decimals: decimals)
        }
        return (try amount("liquidity", nodes.liquidity), try amount("pump", nodes.pump))
    }

    /// What venue `id` takes and gives: either token of a pool or a reserve, or a depot's one way
    /// (pools first, then reserves, then depots); nil for an unknown id.
    static func venuePair(_ id: String, in scenario: Scenario) -> (sells: Set<String>, buys: Set<String>)? {
        if let pool = scenario.pools.first(where: { $0.id == id }) {
            return ([pool.token0, pool.token1], [pool.token0, pool.token1])
        }
        if let reserve = scenario.reserves.first(where: { $0.id == id }) { return ([reserve.x, reserve.y], [reserve.x, reserve.y]) }
        if let depot = scenario.depots.first(where: { $0.id == id }) { return ([depot.paidWith], [depot.sells]) }
        return nil
    }
}

extension AttackerSpec {
    /// The `flash_loan:` of an attacker: a `flash_loans` id lending `symbol` (what the attack
    /// `spends`, for the message), or nil without the key.
    static func flashLoan(_ map: InputMapping, lending symbol: String, scenario: Scenario, spends: String = "spends") throws -> String? {
        guard let node = map.optional("flash_loan") else { return nil }
        let id = try node.string()
        guard let provider = scenario.flashLoans.first(where: { $0.id == id }) else {
            throw InputError("\(node.path): unknown flash-loan provider '\(id)'\(Suggestion.didYouMean(id, in: scenario.flashLoans.map(\.id)))",
                             at: node.location)
        }
        guard provider.tokens.contains(where: { $0.symbol == symbol }) else {
            throw InputError("\(node.path): \(id) does not lend \(symbol), the asset the attack \(spends)", at: node.location)
        }
        return id
    }
}
