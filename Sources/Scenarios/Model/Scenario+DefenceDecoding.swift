/// Strict decoding of the lending-market keys for liquidation mechanisms, interest and
/// defences (docs/scenario-format.md, `lending_markets`).
extension LiquidationSpec {
    init(node: InputNode) throws {
        let map = try node.mapping(allowedKeys: Set(["mechanism", "start_premium", "duration", "tail", "cusp"])
                                       .union(EnglishAuctionSpec.keys))
        let mechanismNode = try map.required("mechanism")
        let mechanism = try mechanismNode.string()
        switch mechanism {
        case "fixed-bonus":
            for key in map.keys where key != "mechanism" {
                throw InputError("\(node.path).\(key): not a parameter of the fixed-bonus mechanism", at: map.optional(key)?.location ?? node.location)
            }
            self = .fixedBonus
        case "dutch-auction":
            try EnglishAuctionSpec.refuseForeignKeys(map, allowed: ["mechanism", "start_premium", "duration", "tail", "cusp"],
                                                     mechanism: mechanism)
            let durationNode = try map.required("duration")
            let duration = try Self.wholeSeconds(durationNode, positive: true)
            let tail = try map.optional("tail").map { try Self.wholeSeconds($0, positive: true) } ?? duration
            self = .dutchAuction(DutchAuctionSpec(
                startPremium: try map.optional("start_premium")?.double(in: 0...10) ?? 0.1, duration: duration, tail: tail,
                cusp: try map.optional("cusp")?.double(min: 0, exclusiveMax: 1) ?? 0))
        case "english-auction":
            self = .englishAuction(try EnglishAuctionSpec(map))
        default:
            throw InputError("\(mechanismNode.path): unknown liquidation mechanism '\(mechanism)'\(Suggestion.didYouMean(mechanism, in: ["fixed-bonus", "dutch-auction", "english-auction"]))",
                             at: mechanismNode.location)
        }
    }

    /// A duration that must be a whole number of seconds (the protocol's clock is in seconds).
    static func wholeSeconds(_ node: InputNode, positive: Bool) throws -> Double {
        let seconds = positive ? try node.positiveDuration() : try node.duration()
        guard seconds == seconds.rounded(), seconds <= 1e12 else {
            throw InputError("\(node.path): expected a whole number of seconds up to 1e12, got \(seconds)", at: node.location)
        }
        return seconds
    }
}

extension InterestSpec {
    init(node: InputNode) throws {
        let map = try node.mapping(allowedKeys: ["base", "slope1", "slope2", "kink"])
        base = try map.optional("base")?.double(in: 0...100) ?? 0
        slope1 = try map.optional("slope1")?.double(in: 0...100) ?? 0
        slope2 = try map.optional("slope2")?.double(in: 0...1000) ?? 0
        let kinkNode = map.optional("kink")
        kink = try kinkNode?.double(in: 0...1) ?? 0.8
        guard kink > 0, kink < 1 else {
            throw InputError("\(kinkNode?.path ?? node.path): the kink must be strictly between 0 and 1", at: kinkNode?.location ?? node.location)
        }
    }
}

extension MarketDefencesSpec {
    /// The market-level defence keys of a `lending_markets` entry.
    static let keys: Set<String> = ["circuit_breaker", "liquidation_cap", "dynamic_collateral_factor"]

    init(map: InputMapping, oracles: [OracleSpec]) throws {
        circuitBreaker = try map.optional("circuit_breaker").map { try CircuitBreakerSpec(node: $0, oracles: oracles) }
        liquidationCap = try map.optional("liquidation_cap").map(LiquidationCapSpec.init(node:))
        dynamicCollateral = try map.optional("dynamic_collateral_factor").map(DynamicCollateralSpec.init(node:))
    }
}

extension CircuitBreakerSpec {
    init(node: InputNode, oracles: [OracleSpec]) throws {
        let map = try node.mapping(allowedKeys: ["oracle", "threshold", "window", "cooldown", "pause"])
        if let oracleNode = map.optional("oracle") {
            let id = try oracleNode.string()
            guard oracles.contains(where: { $0.id == id }) else {
                throw InputError("\(oracleNode.path): unknown oracle '\(id)'\(Suggestion.didYouMean(id, in: oracles.map(\.id)))",
                                 at: oracleNode.location)
            }
            oracle = id
        } else {
            oracle = nil
        }
        let thresholdNode = try map.required("threshold")
        threshold = try thresholdNode.double(in: 0...1)
        guard threshold > 0, threshold < 1 else {
            throw InputError("\(thresholdNode.path): the threshold must be strictly between 0 and 1", at: thresholdNode.location)
        }
        window = try LiquidationSpec.wholeSeconds(map.required("window"), positive: true)
        cooldown = try LiquidationSpec.wholeSeconds(map.required("cooldown"), positive: false)
        if let pauseNode = map.optional("pause") {
            let actions = try pauseNode.sequence().map { item in
                let action = try item.string()
                guard action == "borrow" || action == "liquidate" else {
                    throw InputError("\(item.path): unknown action '\(action)'\(Suggestion.didYouMean(action, in: ["borrow", "liquidate"]))",
                                     at: item.location)
                }
                return action
            }
            guard !actions.isEmpty else { throw InputError("\(pauseNode.path): pause at least one of borrow, liquidate", at: pauseNode.location) }
            pauseBorrow = actions.contains("borrow")
            pauseLiquidate = actions.contains("liquidate")
        } else {
            pauseBorrow = true
            pauseLiquidate = true
        }
    }
}

extension LiquidationCapSpec {
    init(node: InputNode) throws {
        let map = try node.mapping(allowedKeys: ["per_block", "count", "per_account"])
        perBlock = try map.optional("per_block")?.double(in: 0...1e30)
        count = try map.optional("count")?.int(in: 1...1_000_000)
        perAccount = try map.optional("per_account")?.int(in: 1...1_000_000)
        if let perBlock, perBlock <= 0 {
            throw InputError("\(node.path).per_block: expected a positive value", at: map.optional("per_block")?.location ?? node.location)
        }
        guard perBlock != nil || count != nil || perAccount != nil else {
            throw InputError("\(node.path): a liquidation cap needs per_block, count, per_account or several", at: node.location)
        }
    }
}

extension DynamicCollateralSpec {
    init(node: InputNode) throws {
        let map = try node.mapping(allowedKeys: ["halflife", "target_volatility", "min_factor"])
        let halflifeNode = try map.required("halflife")
        halflife = try halflifeNode.positiveDuration()
        guard halflife <= 1e12 else { throw InputError("\(halflifeNode.path): a half-life up to 1e12 s", at: halflifeNode.location) }
        let targetNode = try map.required("target_volatility")
        targetVolatility = try targetNode.double(in: 0...1000)
        guard targetVolatility > 0 else { throw InputError("\(targetNode.path): expected a positive volatility", at: targetNode.location) }
        let minNode = map.optional("min_factor")
        minFactor = try minNode?.double(in: 0...1) ?? 0.5
        guard minFactor > 0 else { throw InputError("\(minNode?.path ?? node.path): min_factor must be in (0, 1]", at: minNode?.location ?? node.location) }
    }
}
