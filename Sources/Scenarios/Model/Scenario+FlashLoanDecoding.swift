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
        fee = try map.optional("fee")?.double(min: 0, exclusiveMax: 1) ?? 0
    }
}

extension Scenario {
    /// The provider `id`'s terms for `symbol`, if it lends it.
    public func flashLoan(provider id: String, token symbol: String) -> FlashLoanTokenSpec? {
        flashLoans.first { $0.id == id }?.tokens.first { $0.symbol == symbol }
    }

    /// The `flash_loans:` section of ``resolvedYAML()`` (nothing when the scenario has none).
    func renderedFlashLoans() -> [String] {
        guard !flashLoans.isEmpty else { return [] }
        var lines = ["flash_loans:"]
        for provider in flashLoans {
            let tokens = provider.tokens.map { "\($0.symbol): {liquidity: \($0.liquidity), fee: \(Self.number($0.fee))}" }
            lines.append("  \(provider.id): {\(tokens.joined(separator: ", "))}")
        }
        return lines
    }
}
