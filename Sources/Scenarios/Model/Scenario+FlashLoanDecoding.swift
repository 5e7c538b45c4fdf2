extension FlashLoanSpec {
    /// Decodes `flash_loans:` in order.
    static func decodeAll(_ node: InputNode, references: References) throws -> [FlashLoanSpec] {
        try node.mappingEntries().map { entry in
            let tokens = try entry.value.mappingEntries().map { token in
                let symbol = try references.asset(token.key, at: token.keyLocation, path: token.value.path)
                return try FlashLoanTokenSpec(symbol: symbol, node: token.value, references: references)
            }
            guard !tokens.isEmpty else {
                throw InputError("\(entry.value.path): a flash-loan provider lends at least one token", at: entry.value.location)
            }
            return FlashLoanSpec(id: entry.key, tokens: tokens)
        }
    }
}

extension FlashLoanTokenSpec {
    init(symbol: String, node: InputNode, references: References) throws {
        let map = try node.mapping(allowedKeys: ["liquidity", "fee"])
        self.symbol = symbol
        let liquidityNode = try map.required("liquidity")
        liquidity = try liquidityNode.decimalText()
        _ = try PoolSpec.raw(liquidity, decimals: references.decimals[symbol] ?? 18, node: liquidityNode)
        fee = try map.optional("fee")?.feeInMillionths() ?? 0
    }
}

extension LiquidatorSpec {
    /// `funding: capital|flash-loan` and, for `flash-loan`, `provider:` — a `flash_loans` id
    /// that lends at least one asset of `market`. Returns the provider id, nil for capital.
    static func flashLoanProvider(_ map: InputMapping, market: LendingMarketSpec?, flashLoans: [FlashLoanSpec]) throws -> String? {
        let fundingNode = map.optional("funding")
        let funding = try fundingNode?.string() ?? "capital"
        let providerNode = map.optional("provider")
        switch funding {
        case "capital":
            if let providerNode {
                throw InputError("\(providerNode.path): a provider is only used with funding: flash-loan", at: providerNode.location)
            }
            return nil
        case "flash-loan":
            guard let providerNode else {
                throw InputError("missing required key 'provider' in \(map.node.path) (funding: flash-loan)", at: map.node.location)
            }
            let id = try providerNode.string()
            guard let provider = flashLoans.first(where: { $0.id == id }) else {
                throw InputError("\(providerNode.path): unknown flash-loan provider '\(id)'\(Suggestion.didYouMean(id, in: flashLoans.map(\.id)))",
                                 at: providerNode.location)
            }
            if let market, !provider.tokens.contains(where: { token in market.assets.contains { $0.symbol == token.symbol } }) {
                throw InputError("\(providerNode.path): \(id) lends no asset listed in market \(market.id)", at: providerNode.location)
            }
            return id
        default:
            throw InputError("\(fundingNode?.path ?? map.node.path): expected capital or flash-loan\(Suggestion.didYouMean(funding, in: ["capital", "flash-loan"]))",
                             at: fundingNode?.location ?? map.node.location)
        }
    }
}
