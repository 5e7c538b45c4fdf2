extension OracleSpec {
    /// The oracle types, for did-you-mean suggestions.
    static let types = ["spot", "twap", "push", "lp", "median", "lowest", "constant", "reserve", "stable_spot", "vault_share", "stable_lp"]

    /// Decodes `oracles:` in order; a median or an LP oracle may only name oracles declared
    /// before it.
    static func decodeAll(_ node: InputNode, pools: [PoolSpec], references: References) throws -> [OracleSpec] {
        var oracles: [OracleSpec] = []
        for entry in try node.mappingEntries() {
            oracles.append(try OracleSpec(id: entry.key, node: entry.value, pools: pools, references: references, earlier: oracles))
        }
        return oracles
    }

    init(id: String, node: InputNode, pools: [PoolSpec], references: References, earlier: [OracleSpec]) throws {
        let keys: Set<String> = ["type", "unit", "pool", "base", "window", "geometric", "update", "interval", "members", "value",
                                 "source", "deviation", "heartbeat", "latency", "noise", "priority_fee", "keeper_balance",
                                 "pricing", "token0_oracle", "token1_oracle", "reserve", "quote", "vault", "underlying_oracle", "coin_oracles"]
        let map = try node.mapping(allowedKeys: keys)
        self.id = id
        let unit = try map.optional("unit")?.string() ?? "USD"
        self.unit = unit
        let typeNode = try map.required("type")
        let type = try typeNode.string()
        /// Refuses the keys outside `allowed`; a key of this type that only another setting takes
        /// (`elsewhere`: key → the reason) is refused with that reason rather than as foreign.
        func allow(_ allowed: Set<String>, elsewhere: [String: String] = [:]) throws {
            for key in map.keys where key != "type" && key != "unit" && !allowed.contains(key) {
                let location = map.optional(key)?.location ?? node.location
                if let reason = elsewhere[key] { throw InputError("\(node.path).\(key): \(reason)", at: location) }
                throw InputError("\(node.path).\(key): not a parameter of oracle type '\(type)' (parameters: \(allowed.sorted().joined(separator: ", ")))",
                                 at: location)
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
        /// An earlier oracle in this oracle's unit (an LP share's value sums its tokens' prices).
        func earlierOracle(_ key: String) throws -> String {
            let member = try map.required(key)
            return try Self.earlier(member, before: id, earlier: earlier, unit: unit)
        }
        func keeper() throws -> OracleKeeperSpec {
            OracleKeeperSpec(priorityFee: try map.optional("priority_fee")?.double(in: 0...1e6) ?? 1,
                             balance: try map.optional("keeper_balance")?.double(in: 0...1e12) ?? 10)
        }
        switch type {
        case "spot":
            try allow(["pool", "base"])
            let (pool, base) = try poolAndBase()
            kind = .spot(pool: pool, base: base)
        case "twap":
            let (pool, base) = try poolAndBase()
            let windowNode = try map.required("window")
            let window = try windowNode.positiveDuration()
            guard window == window.rounded() else {
                throw InputError("\(windowNode.path): a TWAP window must be a whole number of seconds", at: windowNode.location)
            }
            let updateNode = map.optional("update")
            switch try updateNode?.string() ?? "block" {
            case "block":
                let keeperKeys = ["interval", "priority_fee", "keeper_balance"]
                try allow(["pool", "base", "window", "geometric", "update"], elsewhere: Dictionary(uniqueKeysWithValues: keeperKeys.map {
                    ($0, "`\($0)` applies only with `update: keeper` (without it the TWAP is updated every block)")
                }))
                kind = .twap(pool: pool, base: base, window: window, geometric: try map.optional("geometric")?.bool() ?? false)
            case "keeper":
                try allow(["pool", "base", "window", "update", "interval", "priority_fee", "keeper_balance"],
                          elsewhere: ["geometric": "`geometric` applies only with `update: block` (a keeper-updated TWAP is arithmetic)"])
                kind = .keeperTwap(KeeperTwapSpec(pool: pool, base: base, window: window,
                                                  interval: try map.optional("interval")?.positiveDuration(), keeper: try keeper()))
            case let other:
                throw InputError("\(updateNode!.path): expected block or keeper, got '\(other)'", at: updateNode!.location)
            }
        case "push":
            try allow(["source", "deviation", "heartbeat", "latency", "noise", "priority_fee", "keeper_balance"])
            let source = try references.asset(map.required("source"))
            guard unit == "USD" || references.assets.contains(unit) else {
                let unitNode = map.optional("unit")!
                throw InputError("\(unitNode.path): a push oracle's unit must be USD or a declared asset, got '\(unit)'", at: unitNode.location)
            }
            kind = .push(PushOracleSpec(
                source: source, deviation: try map.optional("deviation")?.double(in: 0...1) ?? 0.005,
                heartbeat: try map.optional("heartbeat")?.positiveDuration() ?? 3600,
                latency: try map.optional("latency")?.duration() ?? 0,
                noise: try map.optional("noise")?.double(in: 0...1) ?? 0, keeper: try keeper()))
        case "lp":
            let poolID = try references.pool(map.required("pool"))
            let pricingNode = try map.required("pricing")
            switch try pricingNode.string() {
            case "naive":
                try allow(["pool", "pricing", "token1_oracle"],
                          elsewhere: ["token0_oracle": "`token0_oracle` applies only with `pricing: fair` (`naive` values token0 at the pool's own spot)"])
                kind = .lp(LPOracleSpec(pool: poolID, fair: false, token0Oracle: nil, token1Oracle: try earlierOracle("token1_oracle")))
            case "fair":
                try allow(["pool", "pricing", "token0_oracle", "token1_oracle"])
                kind = .lp(LPOracleSpec(pool: poolID, fair: true, token0Oracle: try earlierOracle("token0_oracle"),
                                        token1Oracle: try earlierOracle("token1_oracle")))
            case let other:
                throw InputError("\(pricingNode.path): expected naive or fair, got '\(other)'", at: pricingNode.location)
            }
        case "median", "lowest":
            try allow(["members"])
            let membersNode = try map.required("members")
            // Answers in other units are not comparable: the members answer in the aggregate's unit.
            let members = try membersNode.sequence().map { try Self.earlier($0, before: id, earlier: earlier, unit: unit) }
            guard !members.isEmpty else { throw InputError("\(membersNode.path): a \(type) needs at least one member", at: membersNode.location) }
            kind = type == "median" ? .median(members) : .lowest(members)
        case "reserve":
            try allow(["reserve"])
            let reserveNode = try map.required("reserve")
            let reserve = try reserveNode.string()
            guard let x = references.reserves[reserve] else {
                throw InputError("\(reserveNode.path): unknown reserve '\(reserve)'\(Suggestion.didYouMean(reserve, in: references.reserves.keys))",
                                 at: reserveNode.location)
            }
            if let unitNode = map.optional("unit"), unit != x {
                throw InputError("\(unitNode.path): a reserve oracle answers in its reserve's x asset, \(x)", at: unitNode.location)
            }
            self.unit = x
            kind = .reserve(reserve)
        case "stable_spot":
            try allow(["pool", "base", "quote"])
            (kind, self.unit) = try Self.stableSpot(map, references: references)
        case "vault_share":
            try allow(["vault", "underlying_oracle"])
            (kind, self.unit) = try Self.vaultShare(map, id: id, references: references, earlier: earlier)
        case "stable_lp":
            try allow(["pool", "pricing", "coin_oracles"])
            kind = try Self.stableLP(map, id: id, unit: unit, references: references, earlier: earlier)
        case "constant":
            try allow(["value"])
            kind = .constant(try map.required("value").double(min: 1e-12, exclusiveMax: 1e15))
        default:
            throw InputError("\(typeNode.path): unknown oracle type '\(type)'\(Suggestion.didYouMean(type, in: Self.types))",
                             at: typeNode.location)
        }
    }

    /// Checks that `node` names an oracle declared before `id` (in `unit` when given).
    static func earlier(_ node: InputNode, before id: String, earlier: [OracleSpec], unit: String?) throws -> String {
        let name = try node.string()
        guard let spec = earlier.first(where: { $0.id == name }) else {
            throw InputError("\(node.path): '\(name)' is not an oracle declared before \(id)\(Suggestion.didYouMean(name, in: earlier.map(\.id)))",
                             at: node.location)
        }
        if let unit, spec.unit != unit {
            throw InputError("\(node.path): oracle \(name) answers in \(spec.unit), but \(id) answers in \(unit) (its `unit`, default USD)",
                             at: node.location)
        }
        return name
    }
}

extension PriceGuardSpec {
    /// Reads a market asset's guard keys; `oracle` is its primary oracle, and the fallback must
    /// be another oracle in the same unit.
    init(map: InputMapping, oracle: OracleSpec, oracles: [OracleSpec]) throws {
        maxAge = try map.optional("max_age")?.positiveDuration()
        if let node = map.optional("fallback") {
            let name = try node.string()
            guard let spec = oracles.first(where: { $0.id == name }) else {
                throw InputError("\(node.path): unknown oracle '\(name)'\(Suggestion.didYouMean(name, in: oracles.map(\.id)))", at: node.location)
            }
            guard name != oracle.id else { throw InputError("\(node.path): the fallback must differ from the oracle", at: node.location) }
            guard spec.unit == oracle.unit else {
                throw InputError("\(node.path): oracle \(name) answers in \(spec.unit), the oracle \(oracle.id) in \(oracle.unit)", at: node.location)
            }
            fallback = name
        } else {
            fallback = nil
        }
        let deviationNode = map.optional("max_deviation")
        maxDeviation = try deviationNode?.double(in: 0...1e6)
        if let deviationNode, fallback == nil {
            throw InputError("\(deviationNode.path): max_deviation needs a fallback oracle", at: deviationNode.location)
        }
        if let actionNode = map.optional("on_deviation") {
            guard maxDeviation != nil else {
                throw InputError("\(actionNode.path): on_deviation needs max_deviation", at: actionNode.location)
            }
            switch try actionNode.string() {
            case "fallback": pauseOnDeviation = false
            case "pause": pauseOnDeviation = true
            case let other: throw InputError("\(actionNode.path): expected fallback or pause, got '\(other)'", at: actionNode.location)
            }
        } else {
            pauseOnDeviation = false
        }
    }
}

extension OracleSpec {
    /// The id at `node` of an oracle of `oracles` that answers in `unit`, for a `consumer` (a
    /// "market", a "venue") that needs its price in that unit; a located error otherwise.
    static func id(at node: InputNode, in oracles: [OracleSpec], answeringIn unit: String, for consumer: String) throws -> String {
        let id = try node.string()
        guard let spec = oracles.first(where: { $0.id == id }) else {
            throw InputError("\(node.path): unknown oracle '\(id)'\(Suggestion.didYouMean(id, in: oracles.map(\.id)))", at: node.location)
        }
        guard spec.unit == unit else {
            throw InputError("\(node.path): oracle \(id) answers in \(spec.unit), the \(consumer) needs a price in \(unit)", at: node.location)
        }
        return id
    }
}
