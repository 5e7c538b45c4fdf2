import Agents
import ProtocolModel

extension WorldBuilder {
    /// The `oracle-pump-pnl` plan of `account`, with its second wallet: an account `attacker:wallet`
    /// whose perp account delegates to `account` (it signs the orders the attacker takes).
    mutating func oraclePumpPnLPlan(_ spec: OraclePumpPnLSpec, account: AccountID, revertIfUnprofitable: Bool) throws
        -> (plan: AttackPlan, wallet: AccountID) {
        let market = perpMarketIndex(spec.perpMarket)
        let quote = state.perpMarkets[market].quoteAsset, base = state.perpMarkets[market].baseAsset
        let wallet = state.addAccount(named: "attacker:wallet")
        state.setPerpDelegate(market: market, account: wallet, delegate: account)
        let legs = try spec.buy.map { leg in
            let pool = poolIndices[leg.venue]!
            return AttackLeg(venue: .pool(index: pool, zeroForOne: state.pools[pool].token0 == quote), amount: try raw(leg.amount, quote))
        }
        let plan = OraclePumpPnL(
            market: market, wallet: wallet, quote: quote, deposit: try raw(spec.deposit, quote), size: try raw(spec.size, base),
            price: try spec.price.map { try TokenUnits.parse($0, decimals: 18) }, legs: legs, pumpBlocks: spec.pumpBlocks,
            blockTime: Double(scenario.chain.blockTime), revertIfUnprofitable: revertIfUnprofitable)
        return (.oraclePumpPnL(plan, account: account), wallet)
    }
}
