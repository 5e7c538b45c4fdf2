import GSL

extension LendingMarketSpec {
    init(id: String, node: InputNode, oracles: [OracleSpec], references: References) throws {
        let map = try node.mapping(allowedKeys: Set(["unit", "mode", "close_factor", "insurance_fund", "assets", "cascade_window", "liquidation"])
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
            // At least one unit of the 18-decimal fixed point the market holds it in.
            guard closeFactor >= 1e-18 else {
                throw InputError("\(node.path): the close factor must be in (0, 1] and at least 1e-18", at: node.location)
            }
        } else {
            closeFactor = 0.5
        }
        cascadeWindow = try map.optional("cascade_window")?.int(in: 1...1_000_000) ?? 5
        insuranceFund = try (map.optional("insurance_fund")?.mappingEntries() ?? []).map { entry in
            let symbol = try references.asset(entry.key, at: entry.keyLocation, path: entry.value.path)
            guard !PoolSpec.isShareSymbol(symbol) else {
                throw InputError("\(entry.value.path): LP shares come only from the pool; an insurance fund cannot hold them at genesis",
                                 at: entry.keyLocation)
            }
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
        let keys: Set<String> = ["oracle", "collateral_factor", "liquidation_threshold", "bonus", "supply", "supply_cap",
                                 "borrow_cap", "borrowable", "interest"]
        let map = try node.mapping(allowedKeys: keys.union(PriceGuardSpec.keys))
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
        guards = try PriceGuardSpec(map: map, oracle: spec, oracles: oracles)
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
        let supplyCapNode = map.optional("supply_cap")
        supplyCap = try supplyCapNode?.double(in: 0...1e30)
        // The genesis supply is an ordinary deposit: above the cap it would revert at set-up.
        if let supplyNode, let cap = supplyCap, let amount = Double(supply), amount > cap {
            throw InputError("\(supplyNode.path): the genesis supply \(supply) \(symbol) is above supply_cap \(supplyCapNode?.shortDescription ?? "")",
                             at: supplyNode.location)
        }
        borrowCap = try map.optional("borrow_cap")?.double(in: 0...1e30)
        borrowable = try map.optional("borrowable")?.bool() ?? true
        if PoolSpec.isShareSymbol(symbol) {
            // LP shares exist only as the pool mints them: no genesis supply, and nobody lends them.
            guard supply == "0", !borrowable || map.optional("borrowable") == nil else {
                throw InputError("\(node.path): an LP share token can only be collateral: no supply, not borrowable", at: node.location)
            }
            borrowable = false
        }
        interest = try map.optional("interest").map(InterestSpec.init(node:))
    }
}

extension LiquidatorSpec {
    init(node: InputNode, markets: [LendingMarketSpec], flashLoans: [FlashLoanSpec] = [], references: References) throws {
        let map = try node.mapping(allowedKeys: ["count", "market", "capital", "latency", "gas_price_cap", "min_profit", "priority_fee",
                                                 "funding", "provider", "sell_at_loss", "bid_margin", "zero_bidders"])
        count = try map.required("count").int(in: 0...10_000)
        let marketNode = try map.required("market")
        let market = try marketNode.string()
        self.market = market
        guard markets.contains(where: { $0.id == market }) else {
            throw InputError("\(marketNode.path): unknown lending market '\(market)'\(Suggestion.didYouMean(market, in: markets.map(\.id)))",
                             at: marketNode.location)
        }
        capital = try ArbitrageurSpec.capital(map.required("capital"), references: references)
        latency = try map.optional("latency")?.delayDistribution() ?? .constant(0)
        gasPriceCap = try map.optional("gas_price_cap")?.double(in: 0...1e6)
        minProfit = try map.optional("min_profit")?.double(in: 0...1e12) ?? 0
        priorityFee = try map.optional("priority_fee")?.double(in: 0...1e6) ?? 1
        flashLoanProvider = try Self.flashLoanProvider(map, market: markets.first { $0.id == market }, flashLoans: flashLoans)
        if let node = map.optional("sell_at_loss") {
            sellsAtLoss = try node.bool()
            if sellsAtLoss, flashLoanProvider != nil {
                throw InputError("\(node.path): a flash-loan liquidator must repay its loan from the sale, so it cannot sell at a loss",
                                 at: node.location)
            }
        }
        try decodeAuctionBidding(map, market: markets.first { $0.id == market })
    }
}
