import GSL

extension OracleSpec {
    /// Decodes `oracles:` in order; a median may only name oracles declared before it.
    static func decodeAll(_ node: InputNode, pools: [PoolSpec], references: References) throws -> [OracleSpec] {
        var oracles: [OracleSpec] = []
        for entry in try node.mappingEntries() {
            oracles.append(try OracleSpec(id: entry.key, node: entry.value, pools: pools, references: references,
                                          earlier: oracles.map(\.id)))
        }
        return oracles
    }

    init(id: String, node: InputNode, pools: [PoolSpec], references: References, earlier: [String]) throws {
        let keys: Set<String> = ["type", "unit", "pool", "base", "window", "geometric", "members", "value"]
        let map = try node.mapping(allowedKeys: keys)
        self.id = id
        unit = try map.optional("unit")?.string() ?? "USD"
        let typeNode = try map.required("type")
        let type = try typeNode.string()
        func allow(_ allowed: Set<String>) throws {
            for key in map.keys where key != "type" && key != "unit" && !allowed.contains(key) {
                throw InputError("\(node.path).\(key): not a parameter of oracle type '\(type)' (parameters: \(allowed.sorted().joined(separator: ", ")))",
                                 at: map.optional(key)?.location ?? node.location)
            }
        }
        func poolAndBase() throws -> (String, String) {
            let poolID = try references.pool(map.required("pool"))
            let pool = pools.first { $0.id == poolID }!
            guard let baseNode = map.optional("base") else { return (poolID, pool.token0) }
            let base = try references.asset(baseNode)
            guard base == pool.token0 || base == pool.token1 else {
                throw InputError("\(baseNode.path): \(base) is not traded in pool \(poolID)", at: baseNode.location)
            }
            return (poolID, base)
        }
        switch type {
        case "spot":
            try allow(["pool", "base"])
            let (pool, base) = try poolAndBase()
            kind = .spot(pool: pool, base: base)
        case "twap":
            try allow(["pool", "base", "window", "geometric"])
            let (pool, base) = try poolAndBase()
            let windowNode = try map.required("window")
            let window = try windowNode.positiveDuration()
            guard window == window.rounded() else {
                throw InputError("\(windowNode.path): a TWAP window must be a whole number of seconds", at: windowNode.location)
            }
            kind = .twap(pool: pool, base: base, window: window, geometric: try map.optional("geometric")?.bool() ?? false)
        case "median":
            try allow(["members"])
            let membersNode = try map.required("members")
            let members = try membersNode.sequence().map { member in
                let name = try member.string()
                guard earlier.contains(name) else {
                    throw InputError("\(member.path): '\(name)' is not an oracle declared before \(id)\(Suggestion.didYouMean(name, in: earlier))",
                                     at: member.location)
                }
                return name
            }
            guard !members.isEmpty else { throw InputError("\(membersNode.path): a median needs at least one member", at: membersNode.location) }
            kind = .median(members)
        case "constant":
            try allow(["value"])
            kind = .constant(try map.required("value").double(min: 1e-12, exclusiveMax: 1e15))
        default:
            throw InputError("\(typeNode.path): unknown oracle type '\(type)'\(Suggestion.didYouMean(type, in: ["spot", "twap", "median", "constant"]))",
                             at: typeNode.location)
        }
    }
}

extension LendingMarketSpec {
    init(id: String, node: InputNode, oracles: [OracleSpec], references: References) throws {
        let map = try node.mapping(allowedKeys: Set(["unit", "mode", "close_factor", "insurance_fund", "assets", "liquidation"])
                                       .union(MarketDefencesSpec.keys))
        self.id = id
        unit = try map.optional("unit")?.string() ?? "USD"
        if let modeNode = map.optional("mode") {
            switch try modeNode.string() {
            case "cross": isolated = false
            case "isolated": isolated = true
            default: throw InputError("\(modeNode.path): expected cross or isolated", at: modeNode.location)
            }
        } else {
            isolated = false
        }
        if let node = map.optional("close_factor") {
            closeFactor = try node.double(in: 0...1)
            guard closeFactor > 0 else { throw InputError("\(node.path): the close factor must be in (0, 1]", at: node.location) }
        } else {
            closeFactor = 0.5
        }
        insuranceFund = try (map.optional("insurance_fund")?.mappingEntries() ?? []).map { entry in
            let symbol = try references.asset(entry.key, at: entry.keyLocation, path: entry.value.path)
            let text = try entry.value.decimalText()
            _ = try PoolSpec.raw(text, decimals: references.decimals[symbol] ?? 18, node: entry.value)
            return (symbol, text)
        }
        let assetsNode = try map.required("assets")
        let unit = unit
        assets = try assetsNode.mappingEntries().map { entry in
            let symbol = try references.asset(entry.key, at: entry.keyLocation, path: entry.value.path)
            return try MarketAssetSpec(symbol: symbol, node: entry.value, unit: unit, oracles: oracles, references: references)
        }
        guard !assets.isEmpty else { throw InputError("\(assetsNode.path): a market lists at least one asset", at: assetsNode.location) }
        liquidation = try map.optional("liquidation").map(LiquidationSpec.init(node:)) ?? .fixedBonus
        defences = try MarketDefencesSpec(map: map, oracles: oracles)
    }
}

extension MarketAssetSpec {
    init(symbol: String, node: InputNode, unit: String, oracles: [OracleSpec], references: References) throws {
        let map = try node.mapping(allowedKeys: ["oracle", "collateral_factor", "liquidation_threshold", "bonus", "supply",
                                                 "supply_cap", "borrow_cap", "borrowable", "interest"])
        self.symbol = symbol
        let oracleNode = try map.required("oracle")
        let oracle = try oracleNode.string()
        self.oracle = oracle
        guard let spec = oracles.first(where: { $0.id == oracle }) else {
            throw InputError("\(oracleNode.path): unknown oracle '\(oracle)'\(Suggestion.didYouMean(oracle, in: oracles.map(\.id)))",
                             at: oracleNode.location)
        }
        guard spec.unit == unit else {
            throw InputError("\(oracleNode.path): oracle \(oracle) answers in \(spec.unit), the market's unit is \(unit)", at: oracleNode.location)
        }
        let factor = try map.optional("collateral_factor")?.double(in: 0...1) ?? 0
        collateralFactor = factor
        let thresholdNode = map.optional("liquidation_threshold")
        let threshold = try thresholdNode?.double(in: 0...1) ?? factor
        liquidationThreshold = threshold
        guard threshold >= factor else {
            throw InputError("\(thresholdNode?.path ?? node.path): liquidation threshold must be at least the collateral factor",
                             at: thresholdNode?.location ?? node.location)
        }
        bonus = try map.optional("bonus")?.double(in: 0...1) ?? 0
        let supplyNode = map.optional("supply")
        supply = try supplyNode?.decimalText() ?? "0"
        if let supplyNode { _ = try PoolSpec.raw(supply, decimals: references.decimals[symbol] ?? 18, node: supplyNode) }
        supplyCap = try map.optional("supply_cap")?.double(in: 0...1e30)
        borrowCap = try map.optional("borrow_cap")?.double(in: 0...1e30)
        borrowable = try map.optional("borrowable")?.bool() ?? true
        interest = try map.optional("interest").map(InterestSpec.init(node:))
    }
}

extension BorrowerSpec {
    init(node: InputNode, markets: [LendingMarketSpec], references: References) throws {
        let map = try node.mapping(allowedKeys: ["count", "market", "collateral", "amount", "debt", "health"])
        count = try map.required("count").int(in: 0...100_000)
        let marketNode = try map.required("market")
        let market = try marketNode.string()
        self.market = market
        guard let spec = markets.first(where: { $0.id == market }) else {
            throw InputError("\(marketNode.path): unknown lending market '\(market)'\(Suggestion.didYouMean(market, in: markets.map(\.id)))",
                             at: marketNode.location)
        }
        func listed(_ key: String) throws -> String {
            let node = try map.required(key)
            let symbol = try references.asset(node)
            guard spec.assets.contains(where: { $0.symbol == symbol }) else {
                throw InputError("\(node.path): \(symbol) is not listed in market \(market)", at: node.location)
            }
            return symbol
        }
        let collateralSymbol = try listed("collateral"), debtSymbol = try listed("debt")
        collateral = collateralSymbol
        debt = debtSymbol
        let debtNode = try map.required("debt")
        guard collateralSymbol != debtSymbol else { throw InputError("\(debtNode.path): the debt asset must differ from the collateral", at: debtNode.location) }
        let amountNode = try map.required("amount")
        let amountDistribution = try amountNode.distribution()
        amount = amountDistribution
        guard amountDistribution.lowerBound >= 0 else { throw InputError("\(amountNode.path): an amount cannot be negative", at: amountNode.location) }
        let healthNode = try map.required("health")
        let healthDistribution = try healthNode.distribution()
        health = healthDistribution
        guard healthDistribution.lowerBound > 0 else { throw InputError("\(healthNode.path): a health factor must be positive", at: healthNode.location) }
    }
}

extension LiquidatorSpec {
    init(node: InputNode, markets: [LendingMarketSpec], references: References) throws {
        let map = try node.mapping(allowedKeys: ["count", "market", "capital", "latency", "gas_price_cap", "min_profit", "priority_fee"])
        count = try map.required("count").int(in: 0...10_000)
        let marketNode = try map.required("market")
        let market = try marketNode.string()
        self.market = market
        guard markets.contains(where: { $0.id == market }) else {
            throw InputError("\(marketNode.path): unknown lending market '\(market)'\(Suggestion.didYouMean(market, in: markets.map(\.id)))",
                             at: marketNode.location)
        }
        capital = try ArbitrageurSpec.capital(map.required("capital"), references: references)
        latency = try map.optional("latency")?.distribution() ?? .constant(0)
        gasPriceCap = try map.optional("gas_price_cap")?.double(in: 0...1e6)
        minProfit = try map.optional("min_profit")?.double(in: 0...1e12) ?? 0
        priorityFee = try map.optional("priority_fee")?.double(in: 0...1e6) ?? 1
    }
}
