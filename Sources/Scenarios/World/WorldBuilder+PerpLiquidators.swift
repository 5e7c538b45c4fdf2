import Agents
import GSL
import ProtocolModel

extension WorldBuilder {
    /// The perp liquidators (`agents.perp_liquidators`): accounts `perp-liquidator-N`, each
    /// endowed with its capital (drawn from the stream `population:perp_liquidators`) and then
    /// depositing `deposit` of the market's quote as collateral at genesis.
    mutating func buildPerpLiquidators() throws {
        guard let spec = scenario.perpLiquidators else { return }
        let stream = RandomStream(replicationSeed: seed, name: "population:perp_liquidators")
        let market = perpMarketIndex(spec.market)
        let quote = state.perpMarkets[market].quoteAsset
        let deposit = try raw(spec.deposit, quote)
        for index in 0..<spec.count {
            let name = "perp-liquidator-\(index)"
            let account = state.addAccount(named: name)
            try endow(account, spec.capital, stream)
            if deposit > 0 {
                try genesis(account, [.perpDeposit(market: market, account: account, amount: .exact(deposit))], what: "\(name)'s deposit")
            }
            perpLiquidators.append(PerpLiquidator(name: name, account: account, market: market,
                                                  priorityFee: GasPriceProcess.wei(gwei: spec.priorityFee), minProfit: spec.minProfit,
                                                  latency: spec.latency, gasPriceCap: spec.gasPriceCap.map { GasPriceProcess.wei(gwei: $0) },
                                                  replicationSeed: seed))
        }
    }
}
