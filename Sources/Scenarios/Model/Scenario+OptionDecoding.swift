import Pricing
import ProtocolModel

extension OptionVaultSpec {
    /// The keys of one `option_vaults` entry.
    static let keys: Set<String> = ["underlying", "collateral", "price_oracle", "settlement_oracle", "volatility", "spread",
                                    "series", "margin", "deposits", "hedge", "keeper"]

    /// Decodes `option_vaults:` in order.
    static func decodeAll(_ node: InputNode, scenario: Scenario, references: References) throws -> [OptionVaultSpec] {
        try node.mappingEntries().map { try OptionVaultSpec(id: $0.key, node: $0.value, scenario: scenario, references: references) }
    }

    init(id: String, node: InputNode, scenario: Scenario, references: References) throws {
        let map = try node.mapping(allowedKeys: Self.keys)
        self.id = id
        let underlyingNode = try map.required("underlying"), collateralNode = try map.required("collateral")
        let underlying = try references.asset(underlyingNode), collateral = try references.asset(collateralNode)
        self.underlying = underlying
        self.collateral = collateral
        guard underlying != collateral else {
            throw InputError("\(collateralNode.path): the collateral must differ from the underlying \(underlying)", at: collateralNode.location)
        }
        let priceNode = try map.required("price_oracle")
        priceOracle = try OracleSpec.id(at: priceNode, in: scenario.oracles, answeringIn: collateral, for: "vault")
        settlementOracle = try map.optional("settlement_oracle").map {
            try OracleSpec.id(at: $0, in: scenario.oracles, answeringIn: collateral, for: "vault")
        } ?? priceOracle
        volatility = try Self.volatility(map.required("volatility"))
        spread = try map.optional("spread").map(Self.spread) ?? SpreadSpec()
        series = try Self.grid(map.required("series"))
        margin = try map.optional("margin").map(Self.marginRule) ?? OptionMarginSpec()
        let depositsNode = try map.required("deposits")
        let decimals = references.decimals[collateral] ?? 18
        deposits = try depositsNode.mappingEntries().map { entry in
            (entry.key, try PoolSpec.positiveAmountText(entry.value, decimals: decimals) { _ in "a deposit must be positive" })
        }
        guard !deposits.isEmpty else {
            throw InputError("\(depositsNode.path): a vault needs at least one LP deposit (NAME: amount)", at: depositsNode.location)
        }
        hedge = try map.optional("hedge").map { try Self.hedge($0, underlying: underlying, collateral: collateral, scenario: scenario,
                                                                references: references) }
        keeper = try map.optional("keeper").map(Self.keeperTerms) ?? OracleKeeperSpec(priorityFee: 1, balance: 10)
    }

    /// `volatility: {model: implied, atm, skew} | {model: ewma, lambda, initial}`.
    static func volatility(_ node: InputNode) throws -> VolatilitySpec {
        let map = try node.mapping(allowedKeys: ["model", "atm", "skew", "lambda", "initial"])
        let modelNode = try map.required("model")
        let model = try modelNode.string()
        func allow(_ keys: Set<String>) throws {
            for key in map.keys where key != "model" && !keys.contains(key) {
                throw InputError("\(node.path).\(key): not a parameter of volatility model '\(model)' (parameters: \(keys.sorted().joined(separator: ", ")))",
                                 at: map.optional(key)?.location ?? node.location)
            }
        }
        switch model {
        case "implied":
            try allow(["atm", "skew"])
            return .implied(atm: try map.required("atm").double(in: 0.01...10), skew: try map.optional("skew")?.double(in: -10...10) ?? 0)
        case "ewma":
            try allow(["lambda", "initial"])
            return .ewma(lambda: try map.optional("lambda")?.double(min: 0, exclusiveMax: 1) ?? 0.94,
                         initial: try map.required("initial").double(in: 0.01...10))
        default:
            throw InputError("\(modelNode.path): unknown volatility model '\(model)'\(Suggestion.didYouMean(model, in: ["implied", "ewma"]))",
                             at: modelNode.location)
        }
    }

    /// `spread: {base, per_delta, per_vega, max}`.
    static func spread(_ node: InputNode) throws -> SpreadSpec {
        let map = try node.mapping(allowedKeys: ["base", "per_delta", "per_vega", "max"])
        var spread = SpreadSpec()
        if let value = map.optional("base") { spread.base = try value.double(min: 0, exclusiveMax: 1) }
        if let value = map.optional("per_delta") { spread.perDelta = try value.double(in: 0...1e6) }
        if let value = map.optional("per_vega") { spread.perVega = try value.double(in: 0...1e6) }
        if let value = map.optional("max") { spread.max = try value.double(min: 0, exclusiveMax: 1) }
        return spread
    }

    /// `series: {strikes: [..] | {from, to, step}, expiries: [durations], kinds: [call, put]}`.
    static func grid(_ node: InputNode) throws -> SeriesGridSpec {
        let map = try node.mapping(allowedKeys: ["strikes", "expiries", "kinds"])
        let strikesNode = try map.required("strikes")
        let strikes: StrikeSpec
        if strikesNode.kind == .mapping {
            let range = try strikesNode.mapping(allowedKeys: ["from", "to", "step"])
            let from = try range.required("from").double(min: 1e-12, exclusiveMax: 1e15)
            let toNode = try range.required("to"), stepNode = try range.required("step")
            let to = try toNode.double(min: from, exclusiveMax: 1e15)
            let step = try stepNode.positiveDouble()
            guard (to - from) / step < 1_000 else {
                throw InputError("\(stepNode.path): more than 1000 strikes from \(InputNode.format(from)) to \(InputNode.format(to))", at: stepNode.location)
            }
            strikes = .range(from: from, to: to, step: step)
        } else {
            let items = try strikesNode.sequence()
            guard !items.isEmpty, items.count <= 1_000 else {
                throw InputError("\(strikesNode.path): expected 1 to 1000 strikes", at: strikesNode.location)
            }
            let values = try items.map { try $0.double(min: 1e-12, exclusiveMax: 1e15) }
            if let index = values.indices.dropFirst().first(where: { values[$0] <= values[$0 - 1] }) {
                throw InputError("\(items[index].path): strikes must increase", at: items[index].location)
            }
            strikes = .list(values)
        }
        let expiriesNode = try map.required("expiries")
        let expiryItems = try expiriesNode.sequence()
        guard !expiryItems.isEmpty, expiryItems.count <= 100 else {
            throw InputError("\(expiriesNode.path): expected 1 to 100 expiries", at: expiriesNode.location)
        }
        let expiries = try expiryItems.map { item in
            let seconds = try item.positiveDuration()
            guard seconds <= 10 * OptionSeries.secondsPerYear else {
                throw InputError("\(item.path): an expiry beyond ten years", at: item.location)
            }
            return seconds
        }
        if let index = expiries.indices.dropFirst().first(where: { expiries[$0] <= expiries[$0 - 1] }) {
            throw InputError("\(expiryItems[index].path): expiries must increase", at: expiryItems[index].location)
        }
        var kinds: [OptionKind] = [.call, .put]
        if let kindsNode = map.optional("kinds") {
            let items = try kindsNode.sequence()
            kinds = try items.map(Self.kind)
            guard !kinds.isEmpty, Set(kinds).count == kinds.count else {
                throw InputError("\(kindsNode.path): expected call, put or both, each once", at: kindsNode.location)
            }
        }
        return SeriesGridSpec(strikes: strikes, expiries: expiries, kinds: kinds)
    }

    /// `call` or `put`.
    static func kind(_ node: InputNode) throws -> OptionKind {
        let text = try node.string()
        guard let kind = OptionKind(rawValue: text) else {
            throw InputError("\(node.path): unknown option kind '\(text)'\(Suggestion.didYouMean(text, in: ["call", "put"]))", at: node.location)
        }
        return kind
    }

    /// `margin: {spot_shock, spot_steps, vol_shocks, vol_buffer, spot_gap, maintenance, liquidation_penalty}`.
    static func marginRule(_ node: InputNode) throws -> OptionMarginSpec {
        let map = try node.mapping(allowedKeys: ["spot_shock", "spot_steps", "vol_shocks", "vol_buffer", "spot_gap", "maintenance",
                                                 "liquidation_penalty"])
        var margin = OptionMarginSpec()
        if let value = map.optional("spot_shock") { margin.spotShock = try value.double(min: 0, exclusiveMax: 1) }
        if let value = map.optional("spot_steps") { margin.spotSteps = try value.int(in: 2...101) }
        if let value = map.optional("vol_shocks") {
            let items = try value.sequence()
            guard !items.isEmpty, items.count <= 21 else {
                throw InputError("\(value.path): expected 1 to 21 volatility multipliers", at: value.location)
            }
            margin.volShocks = try items.map { try $0.double(in: 0...10) }
        }
        if let value = map.optional("vol_buffer") { margin.volBuffer = try value.double(in: 0...10) }
        if let value = map.optional("spot_gap") { margin.spotGap = try value.double(in: 0...1) }
        if let value = map.optional("maintenance") { margin.maintenance = try value.double(in: 0.01...100) }
        if let value = map.optional("liquidation_penalty") { margin.liquidationPenalty = try value.double(min: 0, exclusiveMax: 1) }
        return margin
    }

    /// `hedge: {pool, every}`: a pool trading the underlying for the collateral.
    static func hedge(_ node: InputNode, underlying: String, collateral: String, scenario: Scenario,
                      references: References) throws -> HedgeSpec {
        let map = try node.mapping(allowedKeys: ["pool", "every"])
        let poolNode = try map.required("pool")
        let pool = try references.pool(poolNode)
        let spec = scenario.pools.first { $0.id == pool }!
        guard Set([spec.token0, spec.token1]) == Set([underlying, collateral]) else {
            throw InputError("\(poolNode.path): \(pool) must trade the underlying \(underlying) for the collateral \(collateral)", at: poolNode.location)
        }
        let everyNode = try map.required("every")
        let every = try everyNode.positiveDuration()
        guard every >= Double(scenario.chain.blockTime) else {
            throw InputError("\(everyNode.path): hedging more often than once a block (\(scenario.chain.blockTime) s)", at: everyNode.location)
        }
        return HedgeSpec(pool: pool, every: every)
    }

    /// `keeper: {priority_fee, balance}`.
    static func keeperTerms(_ node: InputNode) throws -> OracleKeeperSpec {
        let map = try node.mapping(allowedKeys: ["priority_fee", "balance"])
        return OracleKeeperSpec(priorityFee: try map.optional("priority_fee")?.double(in: 0...1e6) ?? 1,
                                balance: try map.optional("balance")?.double(in: 0...1e12) ?? 10)
    }
}

extension OptionTraderSpec {
    /// Decodes `agents.option_traders`.
    init(node: InputNode, vaults: [OptionVaultSpec], references: References) throws {
        let map = try node.mapping(allowedKeys: ["count", "vault", "rate", "size", "vol_view", "direction_view", "capital", "margin",
                                                 "slippage", "priority_fee"])
        count = try map.required("count").int(in: 0...10_000)
        let vaultID: String
        if let vaultNode = map.optional("vault") {
            vaultID = try vaultNode.string()
            guard vaults.contains(where: { $0.id == vaultID }) else {
                throw InputError("\(vaultNode.path): unknown option vault '\(vaultID)'\(Suggestion.didYouMean(vaultID, in: vaults.map(\.id)))",
                                 at: vaultNode.location)
            }
        } else {
            guard vaults.count == 1 else {
                throw InputError("\(node.path): name the vault traded (vault: ID); the scenario declares \(vaults.count) option vaults", at: node.location)
            }
            vaultID = vaults[0].id
        }
        vault = vaultID
        rate = try map.required("rate").double(min: 1e-9, exclusiveMax: 1e6)
        size = try map.required("size").distribution()
        volView = try map.optional("vol_view")?.distribution()
        directionView = try map.optional("direction_view")?.distribution()
        let capital = try ArbitrageurSpec.capital(map.required("capital"), references: references)
        self.capital = capital
        let collateral = vaults.first { $0.id == vaultID }!.collateral
        let margin = try map.optional("margin")?.double(in: 0...1e15) ?? 0
        self.margin = margin
        if let marginNode = map.optional("margin") {
            let decimals = references.decimals[collateral] ?? 18
            try ArbitrageurSpec.requireCapital(capital, for: TokenUnits.fromDecimal(margin, decimals: decimals), of: collateral,
                                               written: InputNode.format(margin), decimals: decimals, at: marginNode,
                                               agent: "trader", verb: "posts", outlay: "margin")
        }
        slippage = try map.optional("slippage")?.double(min: 0, exclusiveMax: 1) ?? 0.01
        priorityFee = try map.optional("priority_fee")?.double(in: 0...1e6) ?? 1
    }
}

extension SettlementManipulationSpec {
    /// The keys `strategy: settlement-manipulation` reads, besides the attacker's common ones.
    static let keys: Set<String> = ["vault", "series", "contracts", "pool", "amount", "target_price", "hold_blocks", "flash_loan",
                                    "max_premium"]

    init(_ map: InputMapping, scenario: Scenario, start: Double, references: References) throws {
        let vaultNode = try map.required("vault")
        let vaultID = try vaultNode.string()
        guard let vaultSpec = scenario.optionVaults.first(where: { $0.id == vaultID }) else {
            throw InputError("\(vaultNode.path): unknown option vault '\(vaultID)'\(Suggestion.didYouMean(vaultID, in: scenario.optionVaults.map(\.id)))",
                             at: vaultNode.location)
        }
        vault = vaultID
        let seriesNode = try map.required("series")
        let seriesMap = try seriesNode.mapping(allowedKeys: ["kind", "strike", "expiry"])
        kind = try OptionVaultSpec.kind(seriesMap.required("kind"))
        strike = try seriesMap.required("strike").positiveDouble()
        expiry = try seriesMap.required("expiry").positiveDuration()
        let (kind, strike, expiry) = (kind, strike, expiry)
        guard let index = vaultSpec.series.listed.firstIndex(where: {
            $0.kind == kind && abs($0.strike - strike) <= 1e-9 * strike && $0.expiry == expiry
        }) else {
            throw InputError("\(seriesNode.path): vault \(vaultID) lists no \(kind.rawValue) at strike \(InputNode.format(strike)) expiring at \(InputNode.format(expiry)) s",
                             at: seriesNode.location)
        }
        series = index
        guard start < expiry else {
            throw InputError("\(seriesNode.path): the series expires (\(InputNode.format(expiry)) s) before the attack starts (\(InputNode.format(start)) s)",
                             at: seriesNode.location)
        }
        let contractsNode = try map.required("contracts")
        contracts = try PoolSpec.positiveAmountText(contractsNode, decimals: references.decimals[vaultSpec.underlying] ?? 18) { _ in
            "buy a positive number of contracts"
        }
        let poolNode = try map.required("pool")
        pool = try references.pool(poolNode)
        let poolID = pool
        let poolSpec = scenario.pools.first { $0.id == poolID }!
        guard Set([poolSpec.token0, poolSpec.token1]) == Set([vaultSpec.underlying, vaultSpec.collateral]) else {
            throw InputError("\(poolNode.path): \(pool) must trade the underlying \(vaultSpec.underlying) for the collateral \(vaultSpec.collateral)",
                             at: poolNode.location)
        }
        let spent = kind == .call ? vaultSpec.collateral : vaultSpec.underlying
        let amountNode = try map.required("amount")
        amount = try PoolSpec.positiveAmountText(amountNode, decimals: references.decimals[spent] ?? 18) { _ in
            "swap a positive amount of \(spent)"
        }
        let targetNode = map.optional("target_price")
        targetPrice = try targetNode?.double(min: 1e-12, exclusiveMax: 1e15)
        let holdNode = map.optional("hold_blocks")
        let holdBlocks = try holdNode?.int(in: 0...100_000) ?? 0
        self.holdBlocks = holdBlocks
        let blockTime = Double(scenario.chain.blockTime)
        let settlementBlock = Int((expiry / blockTime).rounded(.up))
        guard settlementBlock <= scenario.blockCount else {
            throw InputError("\(seriesNode.path): no block at or after the expiry before the scenario ends (\(scenario.blockCount) blocks)",
                             at: seriesNode.location)
        }
        if let holdNode, holdBlocks > 0 {
            guard targetNode != nil else {
                throw InputError("\(holdNode.path): holding the pool over blocks needs target_price", at: holdNode.location)
            }
            // The purchase (at `at`) must come before the first push, one block before the first held block.
            guard Double(settlementBlock - holdBlocks - 1) * blockTime > start else {
                throw InputError("\(holdNode.path): \(holdBlocks) blocks of holding start before the attack does (at \(InputNode.format(start)) s)",
                                 at: holdNode.location)
            }
        }
        flashLoan = try AttackerSpec.flashLoan(map, lending: spent, scenario: scenario, spends: "swaps in")
        if let flashNode = map.optional("flash_loan"), holdBlocks > 0 {
            throw InputError("\(flashNode.path): a flash loan cannot span the blocks of holding (hold_blocks: \(holdBlocks))", at: flashNode.location)
        }
        maxPremium = try map.optional("max_premium").map { try PoolSpec.amountText($0, decimals: references.decimals[vaultSpec.collateral] ?? 18) }
    }
}
