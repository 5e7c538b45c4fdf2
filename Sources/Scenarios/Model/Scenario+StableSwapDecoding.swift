import ProtocolModel

extension StableSwapPoolSpec {
    /// Decodes `stable_pools:` in order.
    static func decodeAll(_ node: InputNode, references: References) throws -> [StableSwapPoolSpec] {
        try node.mappingEntries().map { try StableSwapPoolSpec(id: $0.key, node: $0.value, references: references) }
    }

    init(id: String, node: InputNode, references: References) throws {
        let map = try node.mapping(allowedKeys: ["coins", "balances", "amplification", "fee"])
        self.id = id
        let coinsNode = try map.required("coins")
        coins = try coinsNode.sequence().map { coin in
            let symbol = try references.asset(coin)
            guard (references.decimals[symbol] ?? 18) <= 18 else {
                throw InputError("\(coin.path): a stable pool's coins have at most 18 decimals (\(symbol) has \(references.decimals[symbol]!))",
                                 at: coin.location)
            }
            return symbol
        }
        guard (2...8).contains(coins.count), Set(coins).count == coins.count else {
            throw InputError("\(coinsNode.path): a stable pool needs 2 to 8 different coins", at: coinsNode.location)
        }
        let balancesNode = try map.required("balances")
        let balanceNodes = try balancesNode.sequence()
        guard balanceNodes.count == coins.count else {
            throw InputError("\(balancesNode.path): expected \(coins.count) balances, one per coin", at: balancesNode.location)
        }
        balances = try zip(balanceNodes, coins).map { node, coin in
            try PoolSpec.positiveAmountText(node, decimals: references.decimals[coin] ?? 18) { _ in "a stable pool's balances must be positive" }
        }
        amplification = try map.required("amplification").int(in: 1...1_000_000)
        fee = try map.optional("fee")?.double(min: 0, exclusiveMax: 0.5) ?? 0.0004
        // The world builds the pool from these numbers: balances too far apart for Curve's
        // invariant (its Newton iteration overflows) are bad input, not a failed build.
        do {
            _ = try genesisPool(references: references)
        } catch {
            throw InputError("\(balancesNode.path): these balances have no StableSwap invariant (Curve's iteration overflows: "
                             + "they are too far apart or too large)", at: balancesNode.location)
        }
    }

    /// The fee in Curve's units of 10^-10.
    var feeUnits: UInt128 { UInt128((fee * 1e10).rounded()) }

    /// The pool as the world builds it at genesis; its `totalShares` (its invariant D) are the LP
    /// shares the vaults on it are funded from.
    func genesisPool(references: References) throws -> StableSwapPool {
        let decimals = coins.map { references.decimals[$0] ?? 18 }
        return try StableSwapPool(balances: try zip(balances, decimals).map { try TokenUnits.parse($0, decimals: $1) },
                                  decimals: decimals, amplification: UInt128(amplification), fee: feeUnits)
    }
}

extension VaultSpec {
    /// Decodes `vaults:` in order.
    static func decodeAll(_ node: InputNode, stablePools: [StableSwapPoolSpec], references: References) throws -> [VaultSpec] {
        var sharesLeft: [String: UInt128] = [:]
        return try node.mappingEntries().map {
            try VaultSpec(id: $0.key, node: $0.value, stablePools: stablePools, references: references, sharesLeft: &sharesLeft)
        }
    }

    /// `sharesLeft`: the LP shares each stable pool has left for vaults after the earlier ones
    /// (genesis funds every vault's position from the pool's D shares, in order).
    init(id: String, node: InputNode, stablePools: [StableSwapPoolSpec], references: References,
         sharesLeft: inout [String: UInt128]) throws {
        let map = try node.mapping(allowedKeys: ["underlying", "pool", "idle", "invested", "valuation", "accounting", "max_deviation"])
        self.id = id
        let poolNode = try map.required("pool")
        let poolID = try poolNode.string()
        guard let pool = stablePools.first(where: { $0.id == poolID }) else {
            throw InputError("\(poolNode.path): unknown stable pool '\(poolID)'\(Suggestion.didYouMean(poolID, in: stablePools.map(\.id)))",
                             at: poolNode.location)
        }
        self.pool = poolID
        let underlyingNode = try map.required("underlying")
        underlying = try references.asset(underlyingNode)
        guard pool.coins.contains(underlying) else {
            throw InputError("\(underlyingNode.path): \(underlying) is not a coin of stable pool \(poolID)", at: underlyingNode.location)
        }
        let decimals = references.decimals[underlying] ?? 18
        let idleNode = try map.required("idle"), investedNode = try map.required("invested")
        idle = try idleNode.decimalText()
        invested = try investedNode.decimalText()
        let idleRaw = try PoolSpec.raw(idle, decimals: decimals, node: idleNode)
        let investedRaw = try PoolSpec.raw(invested, decimals: decimals, node: investedNode)
        guard idleRaw > 0 || investedRaw > 0 else {
            throw InputError("\(idleNode.path): a vault starts with some idle or invested funds", at: idleNode.location)
        }
        // At genesis one LP share is worth one normalised (18-decimal) unit: shares = D.
        let left = try sharesLeft[poolID] ?? pool.genesisPool(references: references).totalShares
        let (shares, overflow) = investedRaw.multipliedReportingOverflow(by: FixedPoint.powerOfTen(18 - decimals))
        guard !overflow, shares <= left else {
            throw InputError("\(investedNode.path): more than stable pool \(poolID)'s invariant D leaves for this vault "
                             + "(\(TokenUnits.format(left / FixedPoint.powerOfTen(18 - decimals), decimals: decimals)) \(underlying))",
                             at: investedNode.location)
        }
        sharesLeft[poolID] = left - shares
        valuation = try map.choice("valuation", from: ShareVault.Valuation.allCases.map(\.rawValue), default: "spot")
        accounting = try map.choice("accounting", from: ShareVault.Accounting.allCases.map(\.rawValue), default: "balance")
        maxDeviation = try map.optional("max_deviation")?.double(in: 0...1)
    }

    /// The symbol of vault `id`'s share token (`V-<id>`); a lending market may list it as collateral.
    public static func shareSymbol(_ id: String) -> String { "V-" + id }
}

extension Scenario {
    /// The `stable_pools:` and `vaults:` sections of ``resolvedYAML()`` (nothing without them).
    func renderedStableSwap() -> [String] {
        var lines: [String] = []
        if !stablePools.isEmpty { lines.append("stable_pools:") }
        for spec in stablePools {
            lines.append("  \(spec.id): {coins: [\(spec.coins.joined(separator: ", "))], balances: [\(spec.balances.joined(separator: ", "))], "
                + "amplification: \(spec.amplification), fee: \(Self.number(spec.fee))}")
        }
        if !vaults.isEmpty { lines.append("vaults:") }
        for spec in vaults {
            let guardField = spec.maxDeviation.map { ", max_deviation: \(Self.number($0))" } ?? ""
            lines.append("  \(spec.id): {underlying: \(spec.underlying), pool: \(spec.pool), idle: \(spec.idle), invested: \(spec.invested), "
                + "valuation: \(spec.valuation), accounting: \(spec.accounting)\(guardField)}")
        }
        return lines
    }

    /// Decodes `stable_pools:` and `vaults:` and records their ids, coins and share tokens in
    /// `references` (share tokens `LP-<id>` and `V-<id>` go to `marketReferences` only, for
    /// lending markets to list).
    mutating func decodeStableSwap(_ map: InputMapping, references: inout References) throws {
        let known = references
        stablePools = try map.optional("stable_pools").map { try StableSwapPoolSpec.decodeAll($0, references: known) } ?? []
        let pools = stablePools
        vaults = try map.optional("vaults").map { try VaultSpec.decodeAll($0, stablePools: pools, references: known) } ?? []
        references.stablePools = Dictionary(stablePools.map { ($0.id, $0.coins) }, uniquingKeysWith: { first, _ in first })
        references.vaults = Dictionary(vaults.map { ($0.id, $0.underlying) }, uniquingKeysWith: { first, _ in first })
    }

    /// Adds the stable pools' and vaults' share tokens to the symbols a lending market may list.
    func addStableSwapShares(to references: inout References) {
        for pool in stablePools {
            references.assets.insert(PoolSpec.shareSymbol(pool.id))
            references.decimals[PoolSpec.shareSymbol(pool.id)] = 18
        }
        for vault in vaults {
            references.assets.insert(VaultSpec.shareSymbol(vault.id))
            references.decimals[VaultSpec.shareSymbol(vault.id)] = references.decimals[vault.underlying] ?? 18
        }
    }
}

extension Scenario {
    /// Every ledger asset a world of this scenario creates, in creation order: the scenario's
    /// assets, the constant-product pools' LP shares, the stable pools' LP shares, the vaults'
    /// shares, the option vaults' shares (output writers name and scale an ``AssetID`` with it).
    public var ledgerAssets: [Asset] {
        let decimals = Dictionary(assets.map { ($0.symbol, $0.decimals) }, uniquingKeysWith: { first, _ in first })
        return assets.map { Asset(symbol: $0.symbol, decimals: $0.decimals) }
            + pools.map { Asset(symbol: PoolSpec.shareSymbol($0.id), decimals: 18) }
            + stablePools.map { Asset(symbol: PoolSpec.shareSymbol($0.id), decimals: 18) }
            + vaults.map { Asset(symbol: VaultSpec.shareSymbol($0.id), decimals: decimals[$0.underlying] ?? 18) }
            + optionVaults.map { Asset(symbol: "OV-\($0.id)", decimals: 18) }
    }
}
