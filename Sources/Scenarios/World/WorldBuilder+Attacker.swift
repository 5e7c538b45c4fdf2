import Agents
import GSL
import ProtocolModel

extension WorldBuilder {
    /// The attacker, built last (after every population, so adding one leaves the other streams'
    /// draws unchanged), with its capital drawn from the stream `population:attacker`.
    mutating func buildAttacker() throws {
        guard let spec = scenario.attacker else { return }
        let account = state.addAccount(named: "attacker")
        try endow(account, spec.capital, RandomStream(replicationSeed: seed, name: "population:attacker"))
        var wallets: [AccountID] = []
        let plan = try attackPlan(spec, account: account, wallets: &wallets)
        attacker = Attacker(name: "attacker", account: account, plan: plan, start: spec.start,
                            priorityFee: GasPriceProcess.wei(gwei: spec.priorityFee), isPrivate: spec.isPrivate, wallets: wallets)
    }

    /// The strategy's plan; a strategy that needs more accounts than the attacker's own (its other
    /// wallets) adds them and appends them to `wallets`.
    private mutating func attackPlan(_ spec: AttackerSpec, account: AccountID, wallets: inout [AccountID]) throws -> AttackPlan {
        switch spec.strategy {
        case .spotOracleBorrow(let plan):
            let funding = assetIDs[plan.funding]!
            let legs = try plan.buy.map { leg in
                AttackLeg(venue: venue(leg.venue, selling: funding), amount: try raw(leg.amount, funding))
            }
            return .spotOracleBorrow(SpotOracleBorrow(
                funding: funding, flashLoan: plan.flashLoan.map { AttackFlashLoan(provider: flashLoanIndices[$0]![funding]!, asset: funding) },
                legs: legs, market: marketIndices[plan.market]!, collateral: assetIDs[plan.collateral]!,
                borrow: assetIDs[plan.borrow]!, sellBack: plan.sellBack.map { poolLeg($0, selling: assetIDs[plan.borrow]!) },
                provision: try liquidityProvision(plan, funding: funding), revertIfUnprofitable: spec.revertIfUnprofitable))
        case .pumpAndArbitrage(let plan):
            return .pumpAndArbitrage(try pumpAndArbitragePlan(plan, attacker: spec, account: account))
        case .cascadeTrigger(let plan):
            return .cascadeTrigger(try cascadeTrigger(plan, account: account, revertIfUnprofitable: spec.revertIfUnprofitable))
        case .twapManipulation(let plan):
            return twapManipulationPlan(plan, account: account, revertIfUnprofitable: spec.revertIfUnprofitable)
        case .oracleBribe(let plan):
            return try oracleBribePlan(plan, revertIfUnprofitable: spec.revertIfUnprofitable)
        case .sharePriceCycle(let plan):
            return .sharePriceCycle(try sharePriceCyclePlan(plan, revertIfUnprofitable: spec.revertIfUnprofitable))
        case .oraclePumpPnL(let pump):
            let built = try oraclePumpPnLPlan(pump, account: account, revertIfUnprofitable: spec.revertIfUnprofitable)
            wallets.append(built.wallet)
            return built.plan
        case .settlementManipulation(let plan):
            return try settlementManipulationPlan(plan, attacker: spec, account: account)
        case .donationInflation(let plan):
            let built = try donationInflationPlan(plan, account: account, revertIfUnprofitable: spec.revertIfUnprofitable)
            wallets.append(built.wallet)
            return built.plan
        }
    }

    /// The LP-collateral form's provision: the pool whose shares are `plan.collateral`, with the
    /// pairing and pump in raw units; nil without `liquidity`.
    private func liquidityProvision(_ plan: SpotOracleBorrowSpec, funding: AssetID) throws -> LiquidityProvision? {
        guard let liquidity = plan.liquidity, let pump = plan.pump,
              let index = state.pools.firstIndex(where: { $0.shareAsset == assetIDs[plan.collateral] }) else { return nil }
        let venue = state.pools[index]
        return LiquidityProvision(pool: index, fundingIsToken0: venue.token0 == funding,
                                  other: venue.token0 == funding ? venue.token1 : venue.token0,
                                  pairing: try raw(liquidity, funding), pump: try raw(pump, funding))
    }

    /// Venue `id` (a pool, a reserve or a depot, looked up in that order) in the direction that sells `asset`.
    private func venue(_ id: String, selling asset: AssetID) -> AttackLeg.Venue {
        if poolIndices[id] != nil { return poolLeg(id, selling: asset) }
        if let index = reserveIndices[id] { return .reserve(index: index, sellX: state.reserves[index].assetX == asset) }
        return .depot(index: depotIndices[id]!)
    }

    /// Pool `id` in the direction that sells `asset`.
    private func poolLeg(_ id: String, selling asset: AssetID) -> AttackLeg.Venue {
        let index = poolIndices[id]!
        return .pool(index: index, zeroForOne: state.pools[index].token0 == asset)
    }
}
