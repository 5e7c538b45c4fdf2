import Agents
import ProtocolModel

/// Flash-loan providers, built before the lending agents that may borrow from them.
extension WorldBuilder {
    /// One core provider per (provider, token): its account `flash:ID:TOKEN` holds exactly the
    /// token's liquidity, so each token is lent only at its own fee.
    mutating func buildFlashLoans() throws {
        for spec in scenario.flashLoans {
            for token in spec.tokens {
                let asset = assetIDs[token.symbol]!
                let account = state.addAccount(named: "flash:\(spec.id):\(token.symbol)")
                try endow(account, asset, raw(token.liquidity, asset))
                let feePips = UInt128((token.fee * 1_000_000).rounded())
                flashLoanIndices[spec.id, default: [:]][asset] = state.addFlashLoanProvider(name: spec.id, account: account,
                                                                                            feePips: feePips)
            }
        }
    }
}

extension WorldBuilder {
    /// A liquidator population's funding: its own capital, or flash loans from the scenario
    /// provider's core provider of each asset it lends.
    func liquidatorFunding(_ spec: LiquidatorSpec) -> LiquidatorFunding {
        guard let provider = spec.flashLoanProvider else { return .capital }
        return .flashLoan(providers: flashLoanIndices[provider] ?? [:])
    }
}
