/// A flash-loan provider (`flash_loans: ID: {TOKEN: {...}}`): per token, the liquidity it can
/// lend within one transaction and its fee.
public struct FlashLoanSpec: Sendable {
    public var id: String
    /// The tokens it lends, in scenario order.
    public var tokens: [FlashLoanTokenSpec]
}

/// One token a flash-loan provider lends.
public struct FlashLoanTokenSpec: Sendable {
    public var symbol: String
    /// Lendable liquidity, whole tokens (exact decimal text).
    public var liquidity: String
    /// Fee as a fraction of the principal (0.0009 = Aave v2's 0.09 %), in [0, 1).
    public var fee: Double
}
