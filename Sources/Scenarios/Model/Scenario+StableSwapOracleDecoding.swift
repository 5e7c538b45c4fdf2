extension OracleSpec {
    /// `type: stable_spot`: `pool` a stable pool, `base` one of its coins, `quote` another
    /// (default: the other coin of a two-coin pool); the unit is `quote` (a `unit:` key must agree).
    static func stableSpot(_ map: InputMapping, references: References) throws -> (OracleSpecKind, String) {
        let poolNode = try map.required("pool")
        let pool = try poolNode.string()
        guard let coins = references.stablePools[pool] else {
            throw InputError("\(poolNode.path): unknown stable pool '\(pool)'\(Suggestion.didYouMean(pool, in: references.stablePools.keys))",
                             at: poolNode.location)
        }
        func coin(_ node: InputNode) throws -> String {
            let symbol = try references.asset(node)
            guard coins.contains(symbol) else { throw InputError("\(node.path): \(symbol) is not a coin of stable pool \(pool)", at: node.location) }
            return symbol
        }
        let baseNode = try map.required("base")
        let base = try coin(baseNode)
        let quote: String
        if let quoteNode = map.optional("quote") {
            quote = try coin(quoteNode)
            guard quote != base else { throw InputError("\(quoteNode.path): quote must differ from base (\(base))", at: quoteNode.location) }
        } else {
            guard coins.count == 2 else {
                throw InputError("\(map.node.path): stable pool \(pool) has \(coins.count) coins: name the quote coin", at: map.node.location)
            }
            quote = coins.first { $0 != base }!
        }
        if let unitNode = map.optional("unit"), try unitNode.string() != quote {
            throw InputError("\(unitNode.path): a stable_spot oracle answers in its quote coin, \(quote)", at: unitNode.location)
        }
        return (.stableSpot(pool: pool, base: base, quote: quote), quote)
    }

    /// `type: vault_share`: `vault` a declared vault, `underlying_oracle` an earlier oracle whose
    /// unit the answer takes (a `unit:` key must agree).
    static func vaultShare(_ map: InputMapping, id: String, references: References,
                           earlier: [OracleSpec]) throws -> (OracleSpecKind, String) {
        let vaultNode = try map.required("vault")
        let vault = try vaultNode.string()
        guard references.vaults[vault] != nil else {
            throw InputError("\(vaultNode.path): unknown vault '\(vault)'\(Suggestion.didYouMean(vault, in: references.vaults.keys))",
                             at: vaultNode.location)
        }
        let oracle = try Self.earlier(try map.required("underlying_oracle"), before: id, earlier: earlier, unit: nil)
        let unit = earlier.first { $0.id == oracle }!.unit
        if let unitNode = map.optional("unit"), try unitNode.string() != unit {
            throw InputError("\(unitNode.path): a vault_share oracle answers in its underlying oracle's unit, \(unit)", at: unitNode.location)
        }
        return (.vaultShare(vault: vault, underlyingOracle: oracle), unit)
    }
}

extension OracleSpec {
    /// `type: stable_lp`: `pool` a stable pool, `pricing` `naive` or `virtual_price`, and
    /// `coin_oracles` a mapping from each of the pool's coins to an earlier oracle in `unit`.
    static func stableLP(_ map: InputMapping, id: String, unit: String, references: References,
                         earlier: [OracleSpec]) throws -> OracleSpecKind {
        let poolNode = try map.required("pool")
        let pool = try poolNode.string()
        guard let coins = references.stablePools[pool] else {
            throw InputError("\(poolNode.path): unknown stable pool '\(pool)'\(Suggestion.didYouMean(pool, in: references.stablePools.keys))",
                             at: poolNode.location)
        }
        let pricingNode = try map.required("pricing")
        let virtualPrice: Bool
        switch try pricingNode.string() {
        case "naive": virtualPrice = false
        case "virtual_price": virtualPrice = true
        case let other: throw InputError("\(pricingNode.path): expected naive or virtual_price, got '\(other)'", at: pricingNode.location)
        }
        let oraclesNode = try map.required("coin_oracles")
        let oracles = try oraclesNode.mapping(allowedKeys: Set(coins))
        let coinOracles = try coins.map { coin in
            guard let node = oracles.optional(coin) else {
                throw InputError("\(oraclesNode.path): missing an oracle for \(coin) (stable pool \(pool) holds \(coins.joined(separator: ", ")))",
                                 at: oraclesNode.location)
            }
            return (coin: coin, oracle: try Self.earlier(node, before: id, earlier: earlier, unit: unit))
        }
        return .stableLP(StableLPOracleSpec(pool: pool, virtualPrice: virtualPrice, coinOracles: coinOracles))
    }
}
