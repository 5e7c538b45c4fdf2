extension AttackerSpec {
    /// The `agents.attacker` keys each strategy reads besides ``commonKeys``.
    static let strategyKeys: [String: Set<String>] = [
        "spot-oracle-borrow": SpotOracleBorrowSpec.keys,
        "pump-and-arbitrage": PumpAndArbitrageSpec.keys,
        "cascade-trigger": CascadeTriggerSpec.keys,
        "twap-manipulation": TwapManipulationSpec.keys,
        "oracle-bribe": OracleBribeSpec.keys,
        "share-price-cycle": SharePriceCycleSpec.keys,
        "oracle-pump-pnl": OraclePumpPnLSpec.keys,
        "settlement-manipulation": SettlementManipulationSpec.keys,
        "donation-inflation": DonationInflationSpec.keys,
    ]

    /// Rejects, at its value's location, a key another strategy reads but `strategy` does not.
    static func rejectForeignKeys(_ map: InputMapping, strategy: String) throws {
        guard let own = strategyKeys[strategy] else { return }
        for entry in try map.node.mappingEntries() where !own.contains(entry.key) && !commonKeys.contains(entry.key) {
            throw InputError("\(map.node.path).\(entry.key): not a key of strategy \(strategy) (its keys: \(own.sorted().joined(separator: ", ")))",
                             at: entry.value.location)
        }
    }

    /// The lending market named at `map[key]`, checked.
    static func lendingMarket(_ map: InputMapping, scenario: Scenario) throws -> LendingMarketSpec {
        let node = try map.required("market")
        let id = try node.string()
        guard let market = scenario.lendingMarkets.first(where: { $0.id == id }) else {
            throw InputError("\(node.path): unknown lending market '\(id)'\(Suggestion.didYouMean(id, in: scenario.lendingMarkets.map(\.id)))",
                             at: node.location)
        }
        return market
    }

    /// The asset at `map[key]`, checked to be listed in `market`.
    static func listedAsset(_ map: InputMapping, _ key: String, in market: LendingMarketSpec) throws -> String {
        let node = try map.required(key)
        let symbol = try node.string()
        guard market.assets.contains(where: { $0.symbol == symbol }) else {
            throw InputError("\(node.path): \(symbol) is not listed in market \(market.id)\(Suggestion.didYouMean(symbol, in: market.assets.map(\.symbol)))",
                             at: node.location)
        }
        return symbol
    }
}

extension TwapManipulationSpec {
    /// The keys `strategy: twap-manipulation` reads, besides the attacker's common ones.
    static let keys: Set<String> = ["pool", "push", "blocks", "market", "collateral", "borrow", "bundle_share", "unwind"]

    init(_ map: InputMapping, scenario: Scenario, references: References) throws {
        let marketSpec = try AttackerSpec.lendingMarket(map, scenario: scenario)
        market = marketSpec.id
        collateral = try AttackerSpec.listedAsset(map, "collateral", in: marketSpec)
        guard collateral != scenario.chain.nativeAsset else {
            let node = try map.required("collateral")
            throw InputError("\(node.path): the collateral must not be the native asset \(collateral) (the attack deposits all it holds, gas money included)",
                             at: node.location)
        }
        borrow = try AttackerSpec.listedAsset(map, "borrow", in: marketSpec)
        let poolNode = try map.required("pool")
        pool = try references.pool(poolNode)
        let poolID = pool
        let poolSpec = scenario.pools.first { $0.id == poolID }!
        guard Set([poolSpec.token0, poolSpec.token1]) == Set([collateral, borrow]), collateral != borrow else {
            throw InputError("\(poolNode.path): \(pool) must trade the collateral \(collateral) for the borrowed \(borrow) (the pushes spend what the attack borrows)",
                             at: poolNode.location)
        }
        push = try map.required("push").positiveDouble()
        let blocksNode = try map.required("blocks")
        blocks = try blocksNode.int(in: 1...1_000_000)
        // Wake-ups at start, start + T, …, start + m·T; the borrow lands in the block after the last.
        let start = try map.optional("at")?.duration() ?? 0, blockTime = Double(scenario.chain.blockTime)
        guard Int(((start + Double(blocks) * blockTime) / blockTime).rounded(.down)) + 1 <= scenario.blockCount else {
            throw InputError("\(blocksNode.path): \(blocks) blocks of pushing from \(InputNode.format(start)) s leave no block for the borrow before the scenario ends (\(scenario.blockCount) blocks)",
                             at: blocksNode.location)
        }
        let isPrivate = try map.optional("private")?.bool() ?? true
        bundleShare = try map.optional("bundle_share")?.double(in: 0...1) ?? (isPrivate ? 1 : 0)
        unwind = try map.optional("unwind")?.bool() ?? true
    }
}

extension OracleBribeSpec {
    /// The keys `strategy: oracle-bribe` reads, besides the attacker's common ones.
    static let keys: Set<String> = ["oracle", "sources", "answer", "bribe", "bribe_asset", "market", "collateral", "deposit", "borrow"]

    init(_ map: InputMapping, scenario: Scenario, references: References) throws {
        let marketSpec = try AttackerSpec.lendingMarket(map, scenario: scenario)
        market = marketSpec.id
        collateral = try AttackerSpec.listedAsset(map, "collateral", in: marketSpec)
        borrow = try AttackerSpec.listedAsset(map, "borrow", in: marketSpec)
        let oracleNode = try map.required("oracle")
        oracle = try oracleNode.string()
        let oracleID = oracle
        guard let oracleSpec = scenario.oracles.first(where: { $0.id == oracleID }) else {
            throw InputError("\(oracleNode.path): unknown oracle '\(oracle)'\(Suggestion.didYouMean(oracle, in: scenario.oracles.map(\.id)))",
                             at: oracleNode.location)
        }
        guard case .median(let members) = oracleSpec.kind else {
            throw InputError("\(oracleNode.path): \(oracle) is not a median oracle", at: oracleNode.location)
        }
        let sourcesNode = try map.required("sources")
        sources = try sourcesNode.int(in: 1...members.count)
        for member in members.prefix(sources) {
            guard let spec = scenario.oracles.first(where: { $0.id == member }), case .push = spec.kind else {
                throw InputError("\(sourcesNode.path): member \(member) of \(oracle) is not a push oracle, so it has no operator to bribe",
                                 at: sourcesNode.location)
            }
        }
        answer = try map.required("answer").positiveDouble()
        bribeAsset = try map.optional("bribe_asset").map { try references.asset($0) } ?? borrow
        let bribeNode = try map.required("bribe")
        bribe = try bribeNode.decimalText()
        _ = try PoolSpec.raw(bribe, decimals: references.decimals[bribeAsset] ?? 18, node: bribeNode)
        let depositNode = try map.required("deposit")
        deposit = try depositNode.decimalText()
        _ = try PoolSpec.raw(deposit, decimals: references.decimals[collateral] ?? 18, node: depositNode)
    }
}
