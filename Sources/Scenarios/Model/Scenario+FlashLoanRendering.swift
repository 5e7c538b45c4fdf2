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

    /// The `funding:` (and `provider:`) lines of a liquidator population in ``resolvedYAML()``.
    static func renderedFunding(_ spec: LiquidatorSpec) -> [String] {
        guard let provider = spec.flashLoanProvider else { return ["    funding: capital"] }
        return ["    funding: flash-loan", "    provider: \(provider)"]
    }
}
